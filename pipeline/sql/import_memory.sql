-- The memory DuckDB may hold while an import appends a large file's rows
-- in its transaction: past it, DuckDB writes them to the database file
-- and its temporary directory (next to the database) instead of memory.
-- Measured on a 1M-row workbook (README, Tests): peak RSS 484 -> 393 MiB
-- with the Go limit of the import command.
set memory_limit = '64MB';
