-- id: survey_pairing
-- label: Appariement avant / après
-- version: 1
-- definition: Pour chaque questionnaire posé avant et après l'action : part des personnes retrouvées dans les deux vagues (même code de répondant), parmi toutes celles qui ont répondu au moins une fois ; n est le nombre de ces personnes. Sont donnés à côté le nombre de paires (réponses avant et après), et le nombre de personnes qui n'ont répondu qu'avant ou qu'après : leurs réponses n'entrent dans aucune comparaison avant/après. Pas d'intervalle : ce taux décrit qui a répondu, il n'estime rien.
-- numerator: Personnes retrouvées dans les deux vagues (même code).
-- denominator: Personnes ayant répondu au moins une fois (n).

-- Who answered each wave of each survey (title), whatever the question: a
-- respondent whose only answer is a comment still responded. A person is a
-- respondent key, as everywhere a pair is made (stg_survey_responses.sql).
with respondents as (
    select distinct titre, wave, respondent_key
    from stg_survey_responses
    where campus = $campus and year = $year
      and wave in ('pre', 'post')
),

by_person as (
    select
        titre,
        respondent_key,
        bool_or(wave = 'pre') as before,
        bool_or(wave = 'post') as after
    from respondents
    group by all
),

counts as (
    select
        titre,
        count(*) as respondents,
        count(*) filter (where before and after) as pairs,
        count(*) filter (where before and not after) as pre_only,
        count(*) filter (where after and not before) as post_only,
        count(*) filter (where before) as pre,
        count(*) filter (where after) as post
    from by_person
    group by titre
)

select
    cast(titre as varchar) as survey,
    cast(null as varchar) as dimension,
    cast(null as varchar) as category,
    cast(pairs::double / respondents as double) as value,
    cast(respondents as bigint) as n,
    cast(null as double) as ci_low,
    cast(null as double) as ci_high,
    'part' as unit,
    cast(pairs as bigint) as pairs,
    cast(pre_only as bigint) as pre_only,
    cast(post_only as bigint) as post_only
from counts
-- A survey asked once has nothing to pair.
where pre > 0 and post > 0
order by titre
