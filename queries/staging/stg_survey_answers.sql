-- id: stg_survey_answers
-- definition: One answer with a value per campus, year, survey title, question, wave (pre or post only) and respondent key; a code given twice in a wave has its answers averaged.

-- Should a code still appear twice in a wave once compared by its key, its
-- answers are averaged so that the person counts once and a join of the two
-- waves pairs one person with one person.
select
    campus,
    year,
    titre,
    question_id,
    wave,
    respondent_key,
    avg(value) as value
from stg_survey_responses
where value is not null
  and wave in ('pre', 'post')
group by campus, year, titre, question_id, wave, respondent_key
