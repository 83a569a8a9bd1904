-- Files imported for one year, to find those since removed from the data folder.
select source_file from imports where campus = $campus and year = $year order by source_file;
