-- id: action_publics
-- definition: The participations of each action in the year, in all (public null) and by public, summed as the indicator participants sums them.

with attendance as (
    select action, public, participants
    from stg_participations_catalogued
    where campus = $campus and year = $year
)

select
    cast(action as varchar) as action,
    cast(public as varchar) as public,
    cast(sum(participants) as bigint) as participants
from attendance
group by grouping sets ((action), (action, public))
order by action, public nulls first
