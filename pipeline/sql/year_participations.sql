-- The attendance rows of the other files of one year, to find a file that
-- repeats them (a copy re-saved by another program, an older version).
select source_file, source_row, action, action_key, date, coalesce(etablissement, ''),
       coalesce(type_etablissement, ''), coalesce(commune, ''), public, coalesce(niveau, ''),
       participants, dont_filles, dont_qpv_zrr
from participations
where campus = $campus and year = $year and source_file <> $source_file
order by source_file, source_row;
