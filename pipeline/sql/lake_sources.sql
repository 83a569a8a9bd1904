-- The files a partition (campus, year) of the lake was imported from, with their hashes.
select source_file, kind, sha256, rows_imported
from imports
where campus = $campus and year = $year
order by source_file;
