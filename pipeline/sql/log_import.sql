-- Records one import in the log; forget_file.sql removed the previous entry.
insert into imports (campus, source_file, kind, year, sha256, rows_read, rows_imported, imported_at, checked_against, greencity_version)
values ($campus, $source_file, $kind, $year, $sha256, $rows_read, $rows_imported, $imported_at, $checked_against, nullif($greencity_version, ''));
