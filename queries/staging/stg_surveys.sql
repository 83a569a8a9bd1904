-- id: stg_surveys
-- definition: The questionnaires of every campus and year, one row per survey title and action (action_key), as imported: which action each survey is about.

select distinct
    campus,
    year,
    titre,
    action_key
from surveys
