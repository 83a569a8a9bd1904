-- id: action_sessions
-- definition: The sessions of each action in the year: one row per action and date, with the number of sessions of the action (a session is an action on a date, as the indicator animations counts them).

-- Sessions are distinct (action_key, date), as in the indicator animations:
-- several groups on one day are one session. Where campuses are read as one,
-- two campuses' sessions of one action on one day are two sessions
-- (action_key is each campus's), hence the count per date.
with sessions as (
    select distinct action_key, action, date
    from stg_participations_catalogued
    where campus = $campus and year = $year
),

per_date as (
    select action, date, count(*) as sessions_that_day
    from sessions
    group by action, date
)

select
    cast(action as varchar) as action,
    cast(date as date) as date,
    cast(sum(sessions_that_day) over (partition by action) as bigint) as sessions
from per_date
order by action, date
