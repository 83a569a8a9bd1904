-- The survey_waves of every campus read as the region's, each file named with its campus.
select * replace (
    (select name from lake_region) as campus,
    campus || ' / ' || source_file as source_file)
from lake_survey_waves
