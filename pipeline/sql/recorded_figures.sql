-- The recorded figures of every year of a campus, except the years imported
-- into since they were computed (`greencity import` without `run`): those are
-- computed afresh, so that the comparison never shows figures older than the data.
with stale as (
    select f.year
    from figures as f
    join imports as i on i.campus = f.campus and i.year = f.year
    where f.campus = $campus
    group by f.year
    having max(i.imported_at) > min(f.computed_at)
)
select indicator, label, definition, version, year, survey, dimension, category,
       value, n, ci_low, ci_high, unit, question, question_label, wave,
       pairs, pre_only, post_only, test, p_value, note, withheld_below, coverage, p_adjusted,
       coalesce(withheld_unanimous, false)
from figures
where campus = $campus
  and year not in (select year from stale)
order by year, seq;
