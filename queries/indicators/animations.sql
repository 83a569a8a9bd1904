-- id: animations
-- label: Animations réalisées
-- version: 1
-- definition: Nombre de séances organisées dans l'année : une séance est une action à une date donnée, quel que soit le nombre de groupes accueillis ce jour-là. Détail par mois et par axe de l'action.

-- One attendance row is one group at one session: several groups at the same
-- action on the same day are one animation, hence the distinct (action_key, date).
with sessions as (
    select distinct action_key, date
    from participations
    where campus = $campus and year = $year
),

-- One axe per action. The min() keeps one row per action_key even if the
-- catalogue were imported twice, so that the join below never counts a session twice.
catalogue as (
    select action_key, min(axe) as axe
    from actions
    where campus = $campus and year = $year
    group by action_key
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
    select 'axe' as dimension, coalesce(c.axe, 'non renseigné') as category, count(*) as value
    from sessions as s
    left join catalogue as c on c.action_key = s.action_key
    group by coalesce(c.axe, 'non renseigné')
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
