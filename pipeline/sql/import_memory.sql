-- The memory DuckDB may hold while an import appends a large file's rows
-- in its transaction: past it, DuckDB writes them to the database file
-- and its temporary directory (next to the database) instead of memory.
-- Measured on a 1M-row workbook (README, Tests): peak RSS 484 -> 393 MiB
-- with the Go limit of the import command; 16MB rather than 64MB, and the
-- settings below, another ~40 MiB less for no time lost (a 1M-row file
-- renamed, its former rows removed in the same transaction, still imports).
set memory_limit = '16MB';
-- Rows appended in bulk are written out one row group at a time rather than
-- five: "reducing this setting can reduce memory consumption" (DuckDB).
set write_buffer_row_group_count = 1;
-- DuckDB's allocator hands freed memory back to the system after any task
-- that used more than 4MB, not only past 128MB, and in the background.
set allocator_flush_threshold = '4MB';
set allocator_background_threads = true;
-- No checkpoint runs under these limits (one needs more than 16MB: measured,
-- "failed to pin block" on the demonstration data): none is triggered by the
-- journal's size during the import, and the command checkpoints once at its
-- end, after import_memory_end.sql.
set checkpoint_threshold = '1GB';
