-- Records that the run started at started_at ended its imports of a year.
update runs set finished_at = $finished_at, refused = $refused
where campus = $campus and year = $year and started_at = $started_at;
