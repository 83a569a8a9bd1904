-- id: establishments
-- label: Établissements touchés
-- version: 1
-- definition: Nombre d'établissements différents venus à au moins une animation de l'année. Les noms sont comparés sans tenir compte des majuscules, des accents ni des espaces en trop ; les lignes sans nom d'établissement ne sont pas comptées. Détail par type d'établissement (un établissement noté sous deux types compte dans les deux).
-- numerator: Établissements différents (noms comparés sans majuscules, accents ni espaces en trop), comptés.
-- denominator: Aucun : un comptage.

with establishments as (
    -- establishment_key (stg_participations) compares names without case,
    -- accents or extra blanks; it is null for a row without a name.
    select distinct establishment_key, type_etablissement
    from stg_participations
    where campus = $campus and year = $year
      and establishment_key is not null
),

headline as (
    select null as dimension, null as category, count(distinct establishment_key) as value
    from establishments
    having count(*) > 0
),

by_type as (
    select 'type_etablissement' as dimension, type_etablissement as category, count(distinct establishment_key) as value
    from establishments
    group by type_etablissement
),

all_rows as (
    select * from headline
    union all
    select * from by_type
)

select
    cast(null as varchar) as survey,
    cast(dimension as varchar) as dimension,
    cast(category as varchar) as category,
    cast(value as double) as value,
    cast(value as bigint) as n,
    cast(null as double) as ci_low,
    cast(null as double) as ci_high,
    'établissements' as unit
from all_rows
order by dimension nulls first, category
