-- id: stg_participations_catalogued
-- definition: The rows of stg_participations with the action spelled as the catalogue of their campus and year spells it, the catalogue's axe ("non renseigné" for an action it does not list) and type (null then).

-- Apart from stg_participations so that the figures that do not need the
-- catalogue do not read it: the definitions sheet of the workbook lists the
-- files each indicator reads (Indicator.Reads).
--
-- One catalogue row per action_key even if the catalogue were imported twice,
-- so that the join below never counts a group twice.
with catalogue as (
    select campus, year, action_key, min(action) as action, min(axe) as axe, min(type) as type
    from actions
    group by campus, year, action_key
)

select
    p.campus,
    p.year,
    p.action_key,
    coalesce(c.action, p.action) as action,
    coalesce(c.axe, 'non renseigné') as axe,
    c.type,
    p.date,
    p.etablissement,
    p.type_etablissement,
    p.public,
    p.participants,
    p.dont_filles,
    p.dont_qpv_zrr
from stg_participations as p
left join catalogue as c
  on c.campus = p.campus
 and c.year = p.year
 and c.action_key = p.action_key
