-- id: survey_change
-- label: Évolution entre avant et après, par question
-- version: 1
-- definition: Pour chaque questionnaire et chaque question à échelle (1 à 5) ou oui/non posée avant et après : l'écart entre les réponses d'après et celles d'avant des mêmes personnes. Pour une échelle, écart moyen en points sur 5, avec son intervalle de confiance à 95 % (loi de Student) et le test des rangs signés de Wilcoxon ; pour oui/non, écart de la part de « oui », avec le test exact de McNemar. Seules comptent les personnes qui ont répondu à la question les deux fois (n = paires) ; le nombre de celles qui n'ont répondu qu'avant ou qu'après est donné à côté.

-- A survey is known by its title (see survey_likert.sql).
with surveys_of_year as (
    select source_file, titre
    from surveys
    where campus = $campus and year = $year
),

questions as (
    select s.titre, q.question_id, min(q.type) as type, min(q.libelle) as libelle
    from survey_questions as q
    join surveys_of_year as s on s.source_file = q.source_file
    where q.campus = $campus and q.year = $year
      and q.type in ('likert5', 'oui_non')
    group by s.titre, q.question_id
),

-- One answer per respondent, question and wave; codes compared without case,
-- accents, blanks or underscores (see survey_likert.sql).
answers as (
    select
        s.titre,
        a.question_id,
        a.wave,
        regexp_replace(strip_accents(lower(a.respondent)), '[\s_]', '', 'g') as respondent_key,
        avg(a.value) as value
    from survey_answers as a
    join surveys_of_year as s on s.source_file = a.source_file
    where a.campus = $campus and a.year = $year
      and a.value is not null
      and a.wave in ('pre', 'post')
    group by all
),

by_person as (
    select
        titre,
        question_id,
        respondent_key,
        max(value) filter (where wave = 'pre') as pre_value,
        max(value) filter (where wave = 'post') as post_value
    from answers
    group by all
),

-- Unmatched answers never enter the figure: they are only counted.
changes as (
    select
        p.titre,
        p.question_id,
        q.type,
        q.libelle,
        count(*) filter (where p.pre_value is not null and p.post_value is not null) as pairs,
        count(*) filter (where p.pre_value is not null and p.post_value is null) as pre_only,
        count(*) filter (where p.pre_value is null and p.post_value is not null) as post_only,
        avg(p.post_value - p.pre_value) as mean_change,
        avg(p.post_value) filter (where p.pre_value is not null) as post_share,
        avg(p.pre_value) filter (where p.post_value is not null) as pre_share
    from by_person as p
    join questions as q using (titre, question_id)
    group by all
)

select
    cast(titre as varchar) as survey,
    cast(null as varchar) as dimension,
    cast(null as varchar) as category,
    -- On a 1-5 scale the mean of the differences; for yes/no (1/0) the share
    -- of "oui" after minus before, the same number written as a change of share.
    cast(case type when 'likert5' then mean_change else post_share - pre_share end as double) as value,
    cast(pairs as bigint) as n,
    cast(null as double) as ci_low,
    cast(null as double) as ci_high,
    cast(case type when 'likert5' then 'points sur 5' else 'écart de part' end as varchar) as unit,
    cast(question_id as varchar) as question,
    cast(libelle as varchar) as question_label,
    cast(pairs as bigint) as pairs,
    cast(pre_only as bigint) as pre_only,
    cast(post_only as bigint) as post_only
from changes
where pairs > 0
order by titre, question_id
