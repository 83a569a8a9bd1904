-- id: stg_actions
-- definition: The action catalogue of every campus and year, one row per action (action_key), as the catalogue spells it, with its axe, type, programme and funders as written.

-- One row per action_key even if the catalogue were imported twice, so that
-- a join on it never counts an attendance row twice.
select
    campus,
    year,
    action_key,
    min(action) as action,
    min(axe) as axe,
    min(type) as type,
    min(programme) as programme,
    min(financeurs) as financeurs
from actions
group by campus, year, action_key
