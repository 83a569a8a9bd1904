-- id: stg_participations
-- definition: One row per attendance row (one group at one session) of every campus and year, as imported, with a blank establishment type labelled "non renseigné" and the key that tells establishments apart (establishment_key).

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
from participations
