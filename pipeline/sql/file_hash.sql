-- The hash of a file as last imported, to skip a file that has not changed.
select sha256, year from imports where campus = $campus and source_file = $source_file;
