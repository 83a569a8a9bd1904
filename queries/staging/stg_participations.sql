-- id: stg_participations
-- definition: One row per attendance row (one group at one session) of every campus and year, as imported, with a blank establishment type labelled "non renseigné"; less the rows of actions outside the report's scope (report_scope): none for a report of the whole campus.

-- A report of one programme or funder counts the attendance of its actions
-- only; every figure about attendance reads it through this view, so that
-- the indicators do not know whether they compute a scope or the campus.

select
    campus,
    year,
    action_key,
    action,
    date,
    etablissement,
    coalesce(type_etablissement, 'non renseigné') as type_etablissement,
    public,
    participants,
    dont_filles,
    dont_qpv_zrr
from participations as p
where not (select scoped from report_scope)
   or exists (
       select 1 from report_scope_actions as a
       where a.campus = p.campus and a.year = p.year and a.action_key = p.action_key
   )
