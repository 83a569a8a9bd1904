-- id: interest_uplift
-- label: Progression de l'intérêt pour les sciences et l'énergie
-- version: 1
-- definition: Pour chaque questionnaire, évolution relative de la note moyenne (sur 5) donnée à la question « interet_sciences_energie » entre le questionnaire « avant » et le questionnaire « après » : (moyenne après - moyenne avant) / moyenne avant. Seules comptent les personnes qui ont répondu à cette question dans les deux questionnaires ; n est le nombre de ces personnes. Les deux moyennes sont données à côté (détail « vague »).

with surveys_of_year as (
    select source_file, titre
    from surveys
    where campus = $campus and year = $year
),

-- One answer per respondent and wave. Codes are typed by hand on two sheets,
-- so "AB 12" before and "ab12" after are one person: they are compared
-- without case, accents, blanks or underscores, as the importer does when it
-- checks that a code is unique within a sheet. Should a code still appear
-- twice in a wave, its answers are averaged so that the join below pairs one
-- person with one person.
answers as (
    select
        source_file,
        wave,
        regexp_replace(strip_accents(lower(respondent)), '[\s_]', '', 'g') as respondent_key,
        avg(value) as value
    from survey_answers
    where campus = $campus and year = $year
      and question_id = 'interet_sciences_energie'
      and value is not null
    group by all
),

-- Only people present in both waves: comparing all "before" answers with all
-- "after" answers would mix a change of opinion with a change of who answered.
pairs as (
    select pre.source_file, pre.value as pre_value, post.value as post_value
    from answers as pre
    join answers as post
      on post.source_file = pre.source_file
     and post.respondent_key = pre.respondent_key
    where pre.wave = 'pre'
      and post.wave = 'post'
),

means as (
    select
        s.titre as survey,
        s.source_file,
        count(*) as n,
        avg(p.pre_value) as mean_pre,
        avg(p.post_value) as mean_post
    from pairs as p
    join surveys_of_year as s on s.source_file = p.source_file
    group by s.titre, s.source_file
),

all_rows as (
    -- A mean of 0 cannot be a base for a relative change: no headline then.
    select survey, source_file, null as dimension, null as category, 0 as wave_order,
           (mean_post - mean_pre) / mean_pre as value, n, 'part' as unit
    from means
    where mean_pre <> 0
    union all
    select survey, source_file, 'vague', 'avant', 1, mean_pre, n, 'points sur 5'
    from means
    union all
    select survey, source_file, 'vague', 'après', 2, mean_post, n, 'points sur 5'
    from means
)

select
    cast(survey as varchar) as survey,
    cast(dimension as varchar) as dimension,
    cast(category as varchar) as category,
    cast(value as double) as value,
    cast(n as bigint) as n,
    cast(null as double) as ci_low,
    cast(null as double) as ci_high,
    cast(unit as varchar) as unit
from all_rows
-- Waves in time order (avant before après), not in alphabetical order.
order by survey, source_file, wave_order
