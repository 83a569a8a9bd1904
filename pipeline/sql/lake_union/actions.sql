-- The catalogues of every campus read as the region's: an action is its campus's, so that
-- an action both campuses name alike keeps the axe and type its own campus gives it.
select * replace (
    (select name from lake_region) as campus,
    campus || ' / ' || source_file as source_file,
    campus || ' / ' || action_key as action_key)
from lake_actions
