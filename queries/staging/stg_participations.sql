-- id: stg_participations
-- definition: One row per attendance row (one group at one session) of every campus and year, as imported, with a blank establishment type labelled "non renseigné" and the key that tells establishments apart (establishment_key); less the rows of actions outside the report's scope (report_scope): none for a report of the whole campus.

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
    -- "Lycée  Carnot ", "LYCEE CARNOT" and "lycée carnot" are one establishment.
    -- \p{Z} catches the non-breaking spaces that spreadsheets are full of;
    -- the blanks are collapsed before the trim, which only removes spaces.
    -- Null for a row without a name.
    nullif(trim(regexp_replace(strip_accents(lower(etablissement)), '[\s\p{Z}]+', ' ', 'g')), '') as establishment_key,
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
