-- id: stg_actions
-- definition: The action catalogue of every campus and year, one row per action (action_key), as the catalogue spells it, with its axe, type, programme and funders as written; less the actions outside the report's scope (report_scope): none for a report of the whole campus.

-- One row per action_key even if the catalogue were imported twice, so that
-- a join on it never counts an attendance row twice. A report of one
-- programme or funder has the action sheets of its actions only.
select
    c.campus,
    c.year,
    c.action_key,
    min(c.action) as action,
    min(c.axe) as axe,
    min(c.type) as type,
    min(c.programme) as programme,
    min(c.financeurs) as financeurs
from actions as c
where not (select scoped from report_scope)
   or exists (
       select 1 from report_scope_actions as a
       where a.campus = c.campus and a.year = c.year and a.action_key = c.action_key
   )
group by c.campus, c.year, c.action_key
