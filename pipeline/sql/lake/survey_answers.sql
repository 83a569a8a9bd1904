-- The answers. respondent is the keyed hash the database stores (pipeline/respondent.go),
-- never the code as written: the lake re-identifies no one.
select campus, year, source_file, wave, respondent, question_id, value, answer
from survey_answers;
