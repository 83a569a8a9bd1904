-- id: survey_likert
-- label: Réponses aux questions, avant et après
-- version: 1
-- interval: wilson
-- definition: Pour chaque questionnaire, chaque question à échelle (1 à 5) ou oui/non et chaque vague : la part des répondants d'accord (4 ou 5 sur 5, ou « oui »), et la part de chaque réponse. Une question posée avant et après n'est comptée que sur les personnes qui y ont répondu les deux fois, pour que l'avant et l'après portent sur les mêmes personnes ; une question posée une seule fois l'est sur tous ceux qui y ont répondu. n est le nombre de ces répondants ; l'intervalle est l'intervalle de confiance à 95 % de Wilson.
-- numerator: Répondants d'accord (4 ou 5 sur 5, ou « oui ») ; pour le détail, répondants ayant donné chaque réponse.
-- denominator: Répondants à la question dans la vague (n), ceux qui y ont répondu les deux fois si elle a été posée avant et après.

-- The questions that have a scale: their type and wording, per survey. A
-- survey is known by its title, and a person by a respondent key that
-- compares codes without case, accents, blanks or underscores; a code given
-- twice in a wave has its answers averaged (queries/staging/).
with questions as (
    select titre, question_id, type, libelle
    from stg_scale_questions
    where campus = $campus and year = $year
),

-- One answer per person and wave, of every question of the year.
by_person as (
    select titre, question_id, pre_value, post_value
    from stg_survey_pairs
    where campus = $campus and year = $year
),

-- A question answered in both waves is a before/after comparison: only the
-- people present in both count, in both waves. Mixing in those who answered
-- once would confuse a change of opinion with a change of who answered, and
-- the difference between the two counts would give away the answers of the
-- few who answered once.
asked_twice as (
    select titre, question_id, count(pre_value) > 0 and count(post_value) > 0 as twice
    from by_person
    group by all
),

base as (
    select p.titre, p.question_id, 'pre' as wave, p.pre_value as value
    from by_person as p
    join asked_twice as t using (titre, question_id)
    where p.pre_value is not null and (not t.twice or p.post_value is not null)
    union all
    select p.titre, p.question_id, 'post' as wave, p.post_value as value
    from by_person as p
    join asked_twice as t using (titre, question_id)
    where p.post_value is not null and (not t.twice or p.pre_value is not null)
),

-- The answers of each type, in the order of the scale; agrees marks those
-- counted in the share of people who agree.
levels as (
    select 'likert5' as type, x::double as level, x::varchar as category, x >= 4 as agrees, x as level_order
    from unnest([1, 2, 3, 4, 5]) as t(x)
    union all
    select 'oui_non', 0, 'non', false, 1
    union all
    select 'oui_non', 1, 'oui', true, 2
),

bases as (
    select titre, question_id, wave, count(*) as n
    from base
    group by all
),

-- Every answer of the scale gets a row, 0 when nobody chose it, so that the
-- bars of the chart add up to the whole. An averaged duplicate is rounded to
-- the nearest answer.
distribution as (
    select
        b.titre,
        b.question_id,
        q.libelle,
        b.wave,
        b.n,
        l.category,
        l.level_order,
        l.agrees,
        count(a.value) as k
    from bases as b
    join questions as q using (titre, question_id)
    join levels as l on l.type = q.type
    left join base as a
      on a.titre = b.titre
     and a.question_id = b.question_id
     and a.wave = b.wave
     and round(a.value) = l.level
    group by all
),

all_rows as (
    select titre, question_id, libelle, wave, null as dimension, null as category, 0 as level_order,
           sum(k) filter (where agrees)::double / n as value, n
    from distribution
    group by titre, question_id, libelle, wave, n
    union all
    select titre, question_id, libelle, wave, 'réponse', category, level_order, k::double / n, n
    from distribution
),

ordered as (
    select *, case wave when 'pre' then 0 else 1 end as wave_order
    from all_rows
)

select
    cast(titre as varchar) as survey,
    cast(dimension as varchar) as dimension,
    cast(category as varchar) as category,
    cast(value as double) as value,
    cast(n as bigint) as n,
    cast(null as double) as ci_low,
    cast(null as double) as ci_high,
    'part' as unit,
    cast(question_id as varchar) as question,
    cast(libelle as varchar) as question_label,
    cast(case wave when 'pre' then 'avant' else 'après' end as varchar) as wave
from ordered
-- Waves in time order (avant before après), the share first, then the
-- answers from the lowest to the highest.
order by titre, question_id, wave_order, level_order
