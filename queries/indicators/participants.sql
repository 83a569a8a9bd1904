-- id: participants
-- label: Participations
-- version: 1
-- definition: Nombre de participations : somme des participants de toutes les animations de l'année, où une personne venue à deux animations compte deux fois ; ce n'est pas un nombre de personnes distinctes. Détail par public, par axe, par action et par type d'établissement.
-- numerator: Participants de chaque groupe accueilli, additionnés.
-- denominator: Aucun : un comptage.

-- The action as the catalogue spells it, its axe and the establishment type,
-- "non renseigné" when unknown, come from stg_participations_catalogued.
with attendance_with_action as (
    select participants, public, type_etablissement, action, axe
    from stg_participations_catalogued
    where campus = $campus and year = $year
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
