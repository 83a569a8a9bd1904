-- The questions of each questionnaire.
select campus, year, source_file, question_id, libelle, type
from survey_questions;
