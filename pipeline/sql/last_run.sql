-- The last run of a year (start_run.sql keeps one per year), to tell whether it ended.
select started_at, finished_at, coalesce(refused, 0)
from runs
where campus = $campus and year = $year;
