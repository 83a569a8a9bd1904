-- The import log: each file imported, its SHA-256 and its row counts.
select campus, year, source_file, kind, sha256, rows_read, rows_imported, imported_at
from imports;
