-- id: action_establishments
-- definition: The establishments each action reached in the year: one row per action and establishment, named as one of its rows writes it (the first in alphabetical order), with its type, and the number of establishments of the action; rows without a name are not counted, as in the indicator establishments.

-- Establishments are told apart by establishment_key (stg_participations),
-- as the indicator establishments tells them apart. One written under two
-- types is one establishment here, listed under the first type.
with named as (
    select action, establishment_key, etablissement, type_etablissement
    from stg_participations_catalogued
    where campus = $campus and year = $year
      and establishment_key is not null
),

establishments as (
    select action, establishment_key,
        min(etablissement) as etablissement,
        min(type_etablissement) as type_etablissement
    from named
    group by action, establishment_key
)

select
    cast(action as varchar) as action,
    cast(type_etablissement as varchar) as type_etablissement,
    cast(etablissement as varchar) as etablissement,
    cast(count(*) over (partition by action) as bigint) as establishments
from establishments
order by action, type_etablissement, etablissement
