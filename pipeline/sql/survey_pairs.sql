-- The paired answers of every question with a scale (likert5, oui_non) of the
-- surveys of a campus and year: one row per person who answered the question
-- both before and after, for the paired tests computed in Go (surveys.go).
-- Surveys, respondents and answers are matched exactly as the indicators of
-- queries/indicators do (survey_change.sql): a survey is known by its title,
-- codes are compared without case, accents, blanks or underscores, and a code
-- given twice in a wave has its answers averaged.
with surveys_of_year as (
    select source_file, titre
    from surveys
    where campus = $campus and year = $year
),

questions as (
    select s.titre, q.question_id, min(q.type) as type
    from survey_questions as q
    join surveys_of_year as s on s.source_file = q.source_file
    where q.campus = $campus and q.year = $year
      and q.type in ('likert5', 'oui_non')
    group by s.titre, q.question_id
),

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
)

select pre.titre, pre.question_id, q.type, pre.value as pre_value, post.value as post_value
from answers as pre
join answers as post
  on post.titre = pre.titre
 and post.question_id = pre.question_id
 and post.respondent_key = pre.respondent_key
join questions as q
  on q.titre = pre.titre
 and q.question_id = pre.question_id
where pre.wave = 'pre'
  and post.wave = 'post'
order by pre.titre, pre.question_id, pre.respondent_key;
