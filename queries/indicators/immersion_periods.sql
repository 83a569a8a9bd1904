-- id: immersion_periods
-- label: Personnes accueillies en stage d'immersion
-- version: 1
-- definition: Somme des participants des actions de type « stage » du catalogue. Détail par action.

-- The stages are read from the catalogue itself, not from the type of
-- stg_participations_catalogued: should the catalogue list an action twice
-- (two catalogue files in a year folder), the action is a stage when either
-- row says so, and is named as a row of type stage spells it.
with stages as (
    select action_key, min(action) as action
    from actions
    where campus = $campus and year = $year
      and type = 'stage'
    group by action_key
),

attendance as (
    select s.action, p.participants
    from stg_participations as p
    join stages as s on s.action_key = p.action_key
    where p.campus = $campus and p.year = $year
),

headline as (
    select null as dimension, null as category, sum(participants) as value
    from attendance
    having count(*) > 0
),

by_action as (
    select 'action' as dimension, action as category, sum(participants) as value
    from attendance
    group by action
),

all_rows as (
    select * from headline
    union all
    select * from by_action
)

select
    cast(null as varchar) as survey,
    cast(dimension as varchar) as dimension,
    cast(category as varchar) as category,
    cast(value as double) as value,
    cast(value as bigint) as n,
    cast(null as double) as ci_low,
    cast(null as double) as ci_high,
    'personnes' as unit
from all_rows
order by dimension nulls first, category
