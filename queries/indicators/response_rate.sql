-- id: response_rate
-- label: Taux de réponse aux questionnaires
-- version: 3
-- definition: Pour chaque questionnaire et chaque vague (avant l'action, après l'action), nombre de personnes ayant répondu divisé par le nombre de personnes interrogées indiqué dans le questionnaire (additionné sur les sessions d'un même questionnaire). Une vague sans aucune réponse a un taux de 0 %. n est le nombre de répondants. Pas d'intervalle : ce taux décrit qui a répondu, il n'estime rien.
-- numerator: Personnes ayant répondu à la vague (n).
-- denominator: Personnes interrogées, indiquées dans le questionnaire.

-- A survey is known by its title (see stg_survey_responses.sql): the two
-- exports of a survey made with Google Forms or LimeSurvey are two files of
-- one title.
with files_of_year as (
    select source_file, titre, coalesce(respondent_scope, titre) as scope, population
    from stg_surveys
    where campus = $campus and year = $year
),

-- The files of one scope (a workbook, or the exports of one survey_formats
-- entry) surveyed one group: its population counts once. Two sessions of a
-- title surveyed two groups: their populations add up. One session of
-- unknown population (0) leaves the title's unknown.
sessions as (
    select titre, scope, max(population) as population
    from files_of_year
    group by titre, scope
),

surveys_of_year as (
    select titre, case when min(population) > 0 then sum(population) else 0 end as population
    from sessions
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

-- Every wave a file holds, answered or not (a wave nobody answered has a
-- rate of 0, not none), and every wave answered.
waves as (
    select f.titre, w.wave
    from survey_waves as w
    join files_of_year as f on f.source_file = w.source_file
    where w.campus = $campus and w.year = $year
    union
    select titre, wave
    from respondents
),

-- A survey of nobody (population 0) has no rate: no row.
rates as (
    select
        s.titre as survey,
        w.wave,
        coalesce(r.n, 0) as n,
        coalesce(r.n, 0)::double / s.population as value,
        case w.wave when 'pre' then 1 when 'post' then 2 else 3 end as wave_order
    from waves as w
    join surveys_of_year as s on s.titre = w.titre
    left join respondents as r on r.titre = w.titre and r.wave = w.wave
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
