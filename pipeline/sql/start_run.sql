-- Records that `greencity run` starts importing a year, in place of the
-- record of its previous run: only the last run of a year matters.
delete from runs where campus = $campus and year = $year;
insert into runs (campus, year, started_at) values ($campus, $year, $started_at);
