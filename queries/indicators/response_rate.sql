-- id: response_rate
-- label: Taux de réponse aux questionnaires
-- version: 2
-- definition: Pour chaque questionnaire et chaque vague (« pre » avant l'action, « post » après), nombre de personnes ayant répondu divisé par le nombre de personnes interrogées indiqué dans le questionnaire. n est le nombre de répondants. Pas d'intervalle : ce taux décrit qui a répondu, il n'estime rien.

-- A survey is known by its title (see stg_survey_responses.sql): the two
-- exports of a survey made with Google Forms or LimeSurvey are two files of
-- one title.
with files_of_year as (
    select source_file, titre, population
    from surveys
    where campus = $campus and year = $year
),

surveys_of_year as (
    select titre, max(population) as population
    from files_of_year
    group by titre
),

-- A person is a respondent key, as everywhere respondents are counted
-- (stg_survey_responses.sql).
respondents as (
    select titre, wave, count(distinct respondent_key) as n
    from stg_survey_responses
    where campus = $campus and year = $year
    group by titre, wave
),

-- A survey of nobody (population 0) has no rate: no row.
rates as (
    select
        s.titre as survey,
        r.wave,
        r.n,
        r.n::double / s.population as value,
        case r.wave when 'pre' then 1 when 'post' then 2 else 3 end as wave_order
    from respondents as r
    join surveys_of_year as s on s.titre = r.titre
    where s.population > 0
)

select
    cast(survey as varchar) as survey,
    'vague' as dimension,
    cast(wave as varchar) as category,
    cast(value as double) as value,
    cast(n as bigint) as n,
    cast(null as double) as ci_low,
    cast(null as double) as ci_high,
    'part' as unit
from rates
-- Waves in time order (pre before post), not in alphabetical order.
order by survey, wave_order, wave
