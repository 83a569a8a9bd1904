-- The partitions an export wrote for one table, read back the way a reader of the lake
-- reads them: $1 is the glob of the table's files. The hive types are given so that a
-- campus named with digits stays text.
select campus, year, count(*), min(filename)
from read_parquet($1, hive_partitioning = true, filename = true,
                  hive_types = {'campus': varchar, 'year': integer})
group by campus, year
order by campus, year;
