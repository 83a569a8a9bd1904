-- id: attractiveness
-- label: Attractivité des formations
-- version: 1
-- definition: Nombre de candidats par place offerte dans les formations du campus pour l'année : somme des candidats divisée par la somme des places. n est le nombre de formations prises en compte. Détail par établissement et par formation.
-- numerator: Candidats des formations de l'année, additionnés.
-- denominator: Places offertes par ces formations, additionnées ; n est le nombre de formations.

-- Only the rows about the year asked for, from the file imported for that year:
-- a formations.xlsx may repeat earlier years, and a row must not count twice.
with programmes as (
    select etablissement, formation, places, candidats
    from formations
    where campus = $campus and year = $year
      and annee = $year
),

headline as (
    select null as dimension, null as category,
           sum(candidats) as candidats, sum(places) as places, count(*) as n
    from programmes
),

by_establishment as (
    select 'etablissement' as dimension, etablissement as category,
           sum(candidats) as candidats, sum(places) as places, count(*) as n
    from programmes
    group by etablissement
),

by_programme as (
    select 'formation' as dimension, formation as category,
           sum(candidats) as candidats, sum(places) as places, count(*) as n
    from programmes
    group by formation
),

all_rows as (
    select * from headline
    union all
    select * from by_establishment
    union all
    select * from by_programme
)

-- No places offered, no ratio: such rows are left out.
select
    cast(null as varchar) as survey,
    cast(dimension as varchar) as dimension,
    cast(category as varchar) as category,
    cast(candidats as double) / cast(places as double) as value,
    cast(n as bigint) as n,
    cast(null as double) as ci_low,
    cast(null as double) as ci_high,
    'candidats par place' as unit
from all_rows
where places > 0
order by dimension nulls first, category
