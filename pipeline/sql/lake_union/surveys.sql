-- The questionnaires of every campus read as the region's. A respondent is a code within
-- its scope: the scope is its campus's, so that no one is paired across campuses (their
-- codes are hashed under keys of their own campus as well, pipeline/respondent.go). A
-- survey is about its campus's action, keyed as lake_union/actions.sql keys it.
select * replace (
    (select name from lake_region) as campus,
    campus || ' / ' || source_file as source_file,
    campus || ' / ' || action_key as action_key,
    campus || ' / ' || coalesce(respondent_scope, titre) as respondent_scope)
from lake_surveys
