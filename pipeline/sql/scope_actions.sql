-- The catalogue of every year of a campus, with the programmes and funders of
-- each action as written (pipeline/scope.go splits them).
select year, action_key, action, coalesce(programme, ''), coalesce(financeurs, '')
from actions
where campus = $campus
order by year, action;
