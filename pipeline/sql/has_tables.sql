-- Whether a database holds greencity's tables, before a check reads it
-- without creating them.
select count(*) from information_schema.tables where table_name = 'actions';
