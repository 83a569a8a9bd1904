-- id: animations
-- label: Animations réalisées
-- version: 1
-- definition: Nombre de séances organisées dans l'année : une séance est une action à une date donnée, quel que soit le nombre de groupes accueillis ce jour-là. Détail par mois et par axe de l'action.
-- numerator: Séances distinctes (une action à une date), comptées.
-- denominator: Aucun : un comptage.

-- One attendance row is one group at one session: several groups at the same
-- action on the same day are one animation, hence the distinct (action_key,
-- date). The axe is the action's, one per action_key, so it never splits a
-- session.
with sessions as (
    select distinct action_key, date, axe
    from stg_participations_catalogued
    where campus = $campus and year = $year
),

headline as (
    select null as dimension, null as category, count(*) as value
    from sessions
    having count(*) > 0
),

by_month as (
    select 'mois' as dimension, strftime(date, '%Y-%m') as category, count(*) as value
    from sessions
    group by strftime(date, '%Y-%m')
),

by_axe as (
    select 'axe' as dimension, axe as category, count(*) as value
    from sessions
    group by axe
),

all_rows as (
    select * from headline
    union all
    select * from by_month
    union all
    select * from by_axe
)

select
    cast(null as varchar) as survey,
    cast(dimension as varchar) as dimension,
    cast(category as varchar) as category,
    cast(value as double) as value,
    cast(value as bigint) as n,
    cast(null as double) as ci_low,
    cast(null as double) as ci_high,
    'animations' as unit
from all_rows
order by dimension nulls first, category
