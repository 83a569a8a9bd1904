-- id: interest_uplift
-- label: Progression de l'intérêt pour les sciences et l'énergie
-- version: 2
-- definition: Pour chaque questionnaire, évolution relative de la note moyenne (sur 5) donnée à la question « interet_sciences_energie » entre le questionnaire « avant » et le questionnaire « après » : (moyenne après - moyenne avant) / moyenne avant. Seules comptent les personnes qui ont répondu à cette question dans les deux questionnaires (n = paires) ; celles qui n'ont répondu qu'une fois sont seulement comptées. Sont donnés à côté la moyenne avant et la moyenne après, l'écart moyen en points sur 5 avec son intervalle de confiance à 95 %, et le test des rangs signés de Wilcoxon sur les paires.
-- numerator: Moyenne après moins moyenne avant, sur les personnes qui ont répondu les deux fois.
-- denominator: Moyenne avant de ces mêmes personnes (n = paires).

-- One answer per person (respondent key) and wave of each survey (title):
-- see queries/staging/stg_survey_pairs.sql.
with by_person as (
    select titre, respondent_key, pre_value, post_value
    from stg_survey_pairs
    where campus = $campus and year = $year
      and question_id = 'interet_sciences_energie'
),

-- Only people present in both waves: comparing all "before" answers with all
-- "after" answers would mix a change of opinion with a change of who answered.
means as (
    select
        titre as survey,
        count(*) filter (where pre_value is not null and post_value is not null) as n,
        count(*) filter (where pre_value is not null and post_value is null) as pre_only,
        count(*) filter (where pre_value is null and post_value is not null) as post_only,
        avg(pre_value) filter (where post_value is not null) as mean_pre,
        avg(post_value) filter (where pre_value is not null) as mean_post
    from by_person
    group by titre
),

-- The headline and the change in points are paired figures: they carry the
-- counts of pairs and of unmatched people, and get their test (and, for the
-- points, their interval) from the runner. The means of each wave rest on
-- the same pairs.
all_rows as (
    -- A mean of 0 cannot be a base for a relative change: no headline then.
    select survey, null as dimension, null as category, 0 as row_order,
           (mean_post - mean_pre) / mean_pre as value, n, 'évolution' as unit, n as pairs, pre_only, post_only
    from means
    where n > 0 and mean_pre <> 0
    union all
    select survey, 'vague', 'avant', 1, mean_pre, n, 'points sur 5', null, null, null
    from means
    where n > 0
    union all
    select survey, 'vague', 'après', 2, mean_post, n, 'points sur 5', null, null, null
    from means
    where n > 0
    union all
    select survey, 'mesure', 'écart en points', 3, mean_post - mean_pre, n, 'points sur 5', n, pre_only, post_only
    from means
    where n > 0
)

select
    cast(survey as varchar) as survey,
    cast(dimension as varchar) as dimension,
    cast(category as varchar) as category,
    cast(value as double) as value,
    cast(n as bigint) as n,
    cast(null as double) as ci_low,
    cast(null as double) as ci_high,
    cast(unit as varchar) as unit,
    cast(pairs as bigint) as pairs,
    cast(pre_only as bigint) as pre_only,
    cast(post_only as bigint) as post_only
from all_rows
-- The headline first, then the waves in time order (avant before après),
-- then the change in points.
order by survey, row_order
