-- id: survey_change
-- label: Évolution entre avant et après, par question
-- version: 2
-- definition: Pour chaque questionnaire et chaque question à échelle (1 à 5) ou oui/non posée avant et après : l'écart entre les réponses d'après et celles d'avant des mêmes personnes. Pour une échelle, écart moyen en points sur 5, avec son intervalle de confiance à 95 % (loi de Student) et le test des rangs signés de Wilcoxon, et l'écart de la part des personnes d'accord (4 ou 5 sur 5) avec le test exact de McNemar sur d'accord / pas d'accord ; pour oui/non, écart de la part de « oui », avec le test exact de McNemar. Seules comptent les personnes qui ont répondu à la question les deux fois (n = paires) ; le nombre de celles qui n'ont répondu qu'avant ou qu'après est donné à côté.
-- numerator: Somme des écarts (après − avant) des mêmes personnes ; pour une part, personnes d'accord après moins personnes d'accord avant.
-- denominator: Personnes qui ont répondu à la question les deux fois (n = paires).

-- The answers before and after of each person (respondent key), per survey
-- (title) and question with a scale: see queries/staging/.
with by_person as (
    select p.titre, p.question_id, p.pre_value, p.post_value, q.type, q.libelle
    from stg_survey_pairs as p
    join stg_scale_questions as q using (campus, year, titre, question_id)
    where p.campus = $campus and p.year = $year
),

-- Unmatched answers never enter the figure: they are only counted. An
-- averaged duplicate agrees when it rounds to 4 or 5, as in survey_likert.
changes as (
    select
        titre,
        question_id,
        type,
        libelle,
        count(*) filter (where pre_value is not null and post_value is not null) as pairs,
        count(*) filter (where pre_value is not null and post_value is null) as pre_only,
        count(*) filter (where pre_value is null and post_value is not null) as post_only,
        avg(post_value - pre_value) as mean_change,
        avg(post_value) filter (where pre_value is not null) as post_share,
        avg(pre_value) filter (where post_value is not null) as pre_share,
        avg(case when round(post_value) >= 4 then 1 else 0 end) filter (where pre_value is not null and post_value is not null) as post_agree,
        avg(case when round(pre_value) >= 4 then 1 else 0 end) filter (where pre_value is not null and post_value is not null) as pre_agree
    from by_person
    group by all
),

-- On a 1-5 scale the mean of the differences, then the change of the share
-- agreeing, which a reader cannot misread as a change of a mean; for yes/no
-- (1/0) the share of "oui" after minus before, the same number written as a
-- change of share.
all_rows as (
    select titre, question_id, libelle, null as dimension, null as category, 0 as row_order,
           case type when 'likert5' then mean_change else post_share - pre_share end as value,
           case type when 'likert5' then 'points sur 5' else 'écart de part' end as unit,
           pairs, pre_only, post_only
    from changes
    union all
    select titre, question_id, libelle, 'mesure', 'part d''accord', 1, post_agree - pre_agree, 'écart de part',
           pairs, pre_only, post_only
    from changes
    where type = 'likert5'
)

select
    cast(titre as varchar) as survey,
    cast(dimension as varchar) as dimension,
    cast(category as varchar) as category,
    cast(value as double) as value,
    cast(pairs as bigint) as n,
    cast(null as double) as ci_low,
    cast(null as double) as ci_high,
    cast(unit as varchar) as unit,
    cast(question_id as varchar) as question,
    cast(libelle as varchar) as question_label,
    cast(pairs as bigint) as pairs,
    cast(pre_only as bigint) as pre_only,
    cast(post_only as bigint) as post_only
from all_rows
where pairs > 0
order by titre, question_id, row_order
