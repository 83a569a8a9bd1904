-- id: action_catalogue
-- definition: One row per action of the year's catalogue, and per action with attendance that the catalogue does not list: its axe, type, programme and funders as the catalogue writes them.

-- Actions are named as the catalogue spells them, as the indicators' "par
-- action" breakdowns name them: the sheet of an action and its shares of
-- girls and QPV (girls_share, qpv_share by action) meet on that name. Where
-- several campuses are read as one (the lake's union) two campuses' actions
-- of one name make one sheet, as they make one bar of "par action".
with catalogued as (
    select action, axe, type, programme, financeurs
    from stg_actions
    where campus = $campus and year = $year
),

-- An action with attendance but absent from the catalogue still gets its
-- sheet: its participations count in the year's figures.
uncatalogued as (
    select distinct action, axe, type, null as programme, null as financeurs
    from stg_participations_catalogued
    where campus = $campus and year = $year
      and action not in (select action from catalogued)
),

all_actions as (
    select * from catalogued
    union all
    select * from uncatalogued
)

select
    cast(action as varchar) as action,
    cast(min(axe) as varchar) as axe,
    cast(min(type) as varchar) as type,
    cast(string_agg(distinct programme, ', ' order by programme) as varchar) as programme,
    cast(string_agg(distinct financeurs, ', ' order by financeurs) as varchar) as financeurs
from all_actions
group by action
order by action
