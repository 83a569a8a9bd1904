-- id: response_rate
-- label: Taux de réponse aux questionnaires
-- version: 1
-- definition: Pour chaque questionnaire et chaque vague (« pre » avant l'action, « post » après), nombre de personnes ayant répondu divisé par le nombre de personnes interrogées indiqué dans le questionnaire. n est le nombre de répondants.

with surveys_of_year as (
    select source_file, titre, population
    from surveys
    where campus = $campus and year = $year
),

respondents as (
    select source_file, wave, count(distinct respondent) as n
    from survey_answers
    where campus = $campus and year = $year
    group by source_file, wave
),

-- A survey of nobody (population 0) has no rate: no row.
rates as (
    select
        s.titre as survey,
        s.source_file,
        r.wave,
        r.n,
        r.n::double / s.population as value,
        case r.wave when 'pre' then 1 when 'post' then 2 else 3 end as wave_order
    from respondents as r
    join surveys_of_year as s on s.source_file = r.source_file
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
order by survey, source_file, wave_order, wave
