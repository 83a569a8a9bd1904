-- id: orientation_confirmed_rate
-- label: Part des répondants dont l'orientation est confortée
-- version: 2
-- interval: wilson
-- definition: Pour chaque questionnaire, part des répondants du questionnaire « après » qui répondent 4 ou 5 (sur 5) à la question « renforce_orientation », parmi ceux qui ont répondu à cette question. Si la question a aussi été posée avant, seuls comptent ceux qui y ont répondu les deux fois. n est le nombre de ces répondants ; l'intervalle est l'intervalle de confiance à 95 % de Wilson.
-- numerator: Répondants du questionnaire « après » qui répondent 4 ou 5 sur 5 à la question.
-- denominator: Répondants du questionnaire « après » à la question (n), ceux qui y ont répondu les deux fois si elle a aussi été posée avant.

-- One answer per person (respondent key) and wave of each survey (title):
-- see queries/staging/stg_survey_pairs.sql.
with by_person as (
    select titre, respondent_key, pre_value, post_value
    from stg_survey_pairs
    where campus = $campus and year = $year
      and question_id = 'renforce_orientation'
),

-- Asked before as well, the question is counted on the people who answered
-- it twice, as every figure of a question asked twice is (survey_likert.sql):
-- two counts differing by a few people would give their answers away.
asked_twice as (
    select titre, count(pre_value) > 0 as twice
    from by_person
    group by titre
),

counts as (
    select
        p.titre as survey,
        count(*) as n,
        count(*) filter (where p.post_value >= 4) as confirmed
    from by_person as p
    join asked_twice as t using (titre)
    where p.post_value is not null
      and (not t.twice or p.pre_value is not null)
    group by p.titre
)

-- The 95 % Wilson interval is added by the runner (-- interval: wilson).
select
    cast(survey as varchar) as survey,
    cast(null as varchar) as dimension,
    cast(null as varchar) as category,
    cast(confirmed::double / n as double) as value,
    cast(n as bigint) as n,
    cast(null as double) as ci_low,
    cast(null as double) as ci_high,
    'part' as unit
from counts
order by survey
