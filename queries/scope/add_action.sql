insert into report_scope_actions values ($campus, $year, $action_key)
