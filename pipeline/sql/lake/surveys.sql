-- One row per questionnaire workbook.
select campus, year, source_file, titre, action, action_key, population, respondent_scope
from surveys;
