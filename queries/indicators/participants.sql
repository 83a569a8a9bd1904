-- id: participants
-- label: Personnes impactées
-- version: 1
-- definition: Somme des participants de toutes les animations de l'année (une personne venue à deux animations compte deux fois). Détail par public, par axe, par action et par type d'établissement.

with attendance as (
    select action_key, action, public, type_etablissement, participants
    from participations
    where campus = $campus and year = $year
),

-- One row per action_key even if the catalogue were imported twice, so that
-- the join below never counts a group twice.
catalogue as (
    select action_key, min(action) as action, min(axe) as axe
    from actions
    where campus = $campus and year = $year
    group by action_key
),

attendance_with_action as (
    select
        a.participants,
        a.public,
        coalesce(a.type_etablissement, 'non renseigné') as type_etablissement,
        coalesce(c.action, a.action) as action,
        coalesce(c.axe, 'non renseigné') as axe
    from attendance as a
    left join catalogue as c on c.action_key = a.action_key
),

headline as (
    select null as dimension, null as category, sum(participants) as value
    from attendance_with_action
    having count(*) > 0
),

by_public as (
    select 'public' as dimension, public as category, sum(participants) as value
    from attendance_with_action
    group by public
),

by_axe as (
    select 'axe' as dimension, axe as category, sum(participants) as value
    from attendance_with_action
    group by axe
),

by_action as (
    select 'action' as dimension, action as category, sum(participants) as value
    from attendance_with_action
    group by action
),

by_establishment_type as (
    select 'type_etablissement' as dimension, type_etablissement as category, sum(participants) as value
    from attendance_with_action
    group by type_etablissement
),

all_rows as (
    select * from headline
    union all
    select * from by_public
    union all
    select * from by_axe
    union all
    select * from by_action
    union all
    select * from by_establishment_type
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
