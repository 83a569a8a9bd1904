-- id: stg_surveys
-- definition: One row per imported questionnaire file of every campus and year, as imported, less the files of actions outside the report's scope (report_scope): all of them for a report of the whole campus.

-- A survey belongs to the action its sheet enquete names: a report of one
-- programme or funder keeps the surveys of its actions only, and every
-- figure about answers reads the surveys through this view.
select
    s.campus,
    s.year,
    s.source_file,
    s.titre,
    s.action,
    s.action_key,
    s.population,
    s.respondent_scope
from surveys as s
where not (select scoped from report_scope)
   or exists (
       select 1 from report_scope_actions as a
       where a.campus = s.campus and a.year = s.year and a.action_key = s.action_key
   )
