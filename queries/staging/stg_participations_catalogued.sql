-- id: stg_participations_catalogued
-- definition: The rows of stg_participations with the action spelled as the catalogue of their campus and year spells it, the catalogue's axe ("non renseigné" for an action it does not list) and type (null then).

-- Apart from stg_participations so that the figures that do not need the
-- catalogue do not read it: the definitions sheet of the workbook lists the
-- files each indicator reads (Indicator.Reads). stg_actions holds one row per
-- action_key, so that the join below never counts a group twice.
select
    p.campus,
    p.year,
    p.action_key,
    coalesce(c.action, p.action) as action,
    coalesce(c.axe, 'non renseigné') as axe,
    c.type,
    p.date,
    p.etablissement,
    p.establishment_key,
    p.type_etablissement,
    p.public,
    p.participants,
    p.dont_filles,
    p.dont_qpv_zrr
from stg_participations as p
left join stg_actions as c
  on c.campus = p.campus
 and c.year = p.year
 and c.action_key = p.action_key
