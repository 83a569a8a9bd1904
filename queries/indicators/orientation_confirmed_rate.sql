-- id: orientation_confirmed_rate
-- label: Part des répondants dont l'orientation est confortée
-- version: 2
-- interval: wilson
-- definition: Pour chaque questionnaire, part des répondants du questionnaire « après » qui répondent 4 ou 5 (sur 5) à la question « renforce_orientation », parmi ceux qui ont répondu à cette question. Si la question a aussi été posée avant, seuls comptent ceux qui y ont répondu les deux fois. n est le nombre de ces répondants ; l'intervalle est l'intervalle de confiance à 95 % de Wilson.

-- A survey is known by its title (see survey_likert.sql).
with surveys_of_year as (
    select source_file, titre
    from surveys
    where campus = $campus and year = $year
),

-- One answer per respondent and wave, codes compared without case, accents,
-- blanks or underscores. The respondent code is meant to be unique within a
-- wave; should a code appear twice, its answers are averaged so that the
-- person still counts once.
answers as (
    select
        s.titre,
        a.wave,
        regexp_replace(strip_accents(lower(a.respondent)), '[\s_]', '', 'g') as respondent_key,
        avg(a.value) as value
    from survey_answers as a
    join surveys_of_year as s on s.source_file = a.source_file
    where a.campus = $campus and a.year = $year
      and a.question_id = 'renforce_orientation'
      and a.value is not null
      and a.wave in ('pre', 'post')
    group by all
),

by_person as (
    select
        titre,
        respondent_key,
        max(value) filter (where wave = 'pre') as pre_value,
        max(value) filter (where wave = 'post') as post_value
    from answers
    group by all
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
