-- id: stg_survey_pairs
-- definition: One row per campus, year, survey title, question and respondent key who answered it in at least one wave: the answer before (pre_value) and after (post_value), null for a wave without an answer.

-- A pair is a row with both values; a row with one is a person who answered
-- once, whom the paired figures count but never compare.
select
    campus,
    year,
    titre,
    question_id,
    respondent_key,
    max(value) filter (where wave = 'pre') as pre_value,
    max(value) filter (where wave = 'post') as post_value
from stg_survey_answers
group by campus, year, titre, question_id, respondent_key
