-- The action catalogue of one year, to check the action names of attendance
-- workbooks and questionnaires.
select action_key, action from actions where campus = $campus and year = $year order by action;
