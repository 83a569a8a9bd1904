-- id: response_rate
-- label: Taux de réponse aux questionnaires
-- version: 2
-- definition: Pour chaque questionnaire et chaque vague (« pre » avant l'action, « post » après), nombre de personnes ayant répondu divisé par le nombre de personnes interrogées indiqué dans le questionnaire. n est le nombre de répondants. Pas d'intervalle : ce taux décrit qui a répondu, il n'estime rien.

-- A survey is known by its title (see survey_likert.sql): the two exports of
-- a survey made with Google Forms or LimeSurvey are two files of one title.
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

-- Codes compared without case, accents, blanks or underscores, as everywhere
-- respondents are counted.
respondents as (
    select f.titre, a.wave, count(distinct regexp_replace(strip_accents(lower(a.respondent)), '[\s_]', '', 'g')) as n
    from survey_answers as a
    join files_of_year as f on f.source_file = a.source_file
    where a.campus = $campus and a.year = $year
    group by f.titre, a.wave
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
