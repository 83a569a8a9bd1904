-- id: immersion_periods
-- label: Personnes accueillies en stage d'immersion
-- version: 2
-- definition: Somme des apprenants (publics collégiens, lycéens, étudiants et demandeurs d'emploi) accueillis dans les actions de type « stage » du catalogue ; les tuteurs qui les accueillent (public professionnels) et les autres publics ne sont pas comptés. Version 2 : la version 1 comptait aussi les tuteurs. Détail par action.
-- numerator: Apprenants accueillis dans les actions de type « stage », additionnés.
-- denominator: Aucun : un comptage.

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

-- Learners only: the publics of pipeline/vocab.go that a stage hosts. The
-- host tutors (professionnels) are recorded on the same action but are not
-- people placed in immersion; the list is written here, and the definition
-- names it, because SQL cannot read the Go vocabulary.
attendance as (
    select s.action, p.participants
    from stg_participations as p
    join stages as s on s.action_key = p.action_key
    where p.campus = $campus and p.year = $year
      and p.public in ('collégiens', 'lycéens', 'étudiants', 'demandeurs d''emploi')
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
