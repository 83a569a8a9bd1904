-- The hash of a file as last imported, and of what it was checked against, to
-- skip a file that has not changed.
select sha256, year, kind, coalesce(checked_against, '') from imports where campus = $campus and source_file = $source_file;
