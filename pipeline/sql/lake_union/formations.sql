-- The training programmes of every campus read as the region's.
select * replace (
    (select name from lake_region) as campus,
    campus || ' / ' || source_file as source_file)
from lake_formations
