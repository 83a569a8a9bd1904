-- The training-programme rows of the other files of one year, to find a file
-- that repeats them (a copy re-saved by another program, an older version).
select source_file, source_row, annee, etablissement, formation, places, candidats, inscrits, dont_filles
from formations
where campus = $campus and year = $year and source_file <> $source_file
order by source_file, source_row;
