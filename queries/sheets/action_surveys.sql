-- id: action_surveys
-- definition: The questionnaires of each action in the year: one row per action and survey title; the survey's figures are those of the report's survey part.

select distinct
    cast(a.action as varchar) as action,
    cast(s.titre as varchar) as survey
from stg_surveys as s
join stg_actions as a
  on a.campus = s.campus
 and a.year = s.year
 and a.action_key = s.action_key
where s.campus = $campus and s.year = $year
order by action, survey
