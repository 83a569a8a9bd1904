-- id: orientation_confirmed_rate
-- label: Part des répondants dont l'orientation est confortée
-- version: 1
-- definition: Pour chaque questionnaire, part des répondants du questionnaire « après » qui répondent 4 ou 5 (sur 5) à la question « renforce_orientation », parmi ceux qui ont répondu à cette question. n est le nombre de ces répondants ; l'intervalle est l'intervalle de confiance à 95 % de Wilson.

with surveys_of_year as (
    select source_file, titre
    from surveys
    where campus = $campus and year = $year
),

-- One answer per respondent. The respondent code is meant to be unique within
-- a wave; should a code appear twice, its answers are averaged so that the
-- person still counts once.
answers as (
    select source_file, respondent, avg(value) as value
    from survey_answers
    where campus = $campus and year = $year
      and wave = 'post'
      and question_id = 'renforce_orientation'
      and value is not null
    group by source_file, respondent
),

counts as (
    select
        s.titre as survey,
        s.source_file,
        count(*) as n,
        count(*) filter (where a.value >= 4) as confirmed
    from answers as a
    join surveys_of_year as s on s.source_file = a.source_file
    group by s.titre, s.source_file
),

-- Wilson score interval, z = 1.959963984540054 (two-sided 95 %):
--   centre    = (p + z²/2n) / (1 + z²/n)
--   half      = z / (1 + z²/n) * sqrt(p(1-p)/n + z²/4n²)
-- It stays within [0, 1] and behaves at p = 0 or 1 and for small n, where the
-- normal approximation does not; greatest/least only absorb rounding.
wilson as (
    select
        survey,
        source_file,
        n,
        confirmed::double / n as p,
        1.959963984540054 as z
    from counts
),

bounds as (
    select
        survey,
        source_file,
        n,
        p,
        (p + z * z / (2 * n)) / (1 + z * z / n) as centre,
        z / (1 + z * z / n) * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) as half
    from wilson
)

select
    cast(survey as varchar) as survey,
    cast(null as varchar) as dimension,
    cast(null as varchar) as category,
    cast(p as double) as value,
    cast(n as bigint) as n,
    cast(greatest(0, centre - half) as double) as ci_low,
    cast(least(1, centre + half) as double) as ci_high,
    'part' as unit
from bounds
order by survey, source_file
