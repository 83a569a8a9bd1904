insert into report_scope values ($scoped)
