-- The action catalogue of one year, to check the action names of attendance
-- workbooks and questionnaires.
select action_key, action, source_file from actions where campus = $campus and year = $year order by action;
