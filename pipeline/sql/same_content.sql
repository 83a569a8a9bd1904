-- The other files of the same year already imported with exactly the same
-- content: a copy left in the folder, whose rows would count twice, or the
-- same file under its former name (renamed).
select source_file
from imports
where campus = $campus and year = $year and sha256 = $sha256 and source_file <> $source_file
order by source_file;
