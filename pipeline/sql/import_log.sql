-- The import log, newest first.
select source_file, kind, year, sha256, rows_read, rows_imported, imported_at, greencity_version
from imports
where campus = $campus
order by imported_at desc, source_file;
