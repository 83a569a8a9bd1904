-- The attendance of every campus read as the region's. A session, an action and an
-- establishment are their campus's: two campuses at the same action on the same day held
-- two animations, and an establishment is named by each campus in its own words (two
-- "Lycée Victor Hugo" are two schools), so the region's counts are the sums of its campuses'.
select * replace (
    (select name from lake_region) as campus,
    campus || ' / ' || source_file as source_file,
    campus || ' / ' || action_key as action_key,
    campus || ' / ' || etablissement as etablissement)
from lake_participations
