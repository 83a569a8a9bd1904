-- The attendance rows of the other files of one year, to find a file that
-- repeats them (a copy re-saved by another program, an older version).
-- In no order: the rows are compared as sets (repeats), and sorting a
-- million rows would not fit the memory_limit of an import.
select source_file, source_row, action, action_key, date, coalesce(etablissement, ''),
       coalesce(type_etablissement, ''), coalesce(commune, ''), public, coalesce(niveau, ''),
       participants, dont_filles, dont_qpv_zrr
from participations
where campus = $campus and year = $year and source_file <> $source_file;
