-- Whether a database has the table of runs (one created by an older greencity,
-- opened read-only, has not).
select count(*) from information_schema.tables where table_name = 'runs';
