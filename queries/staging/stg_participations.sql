-- id: stg_participations
-- definition: One row per attendance row (one group at one session) of every campus and year, as imported, with a blank establishment type labelled "non renseigné".

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
from participations
