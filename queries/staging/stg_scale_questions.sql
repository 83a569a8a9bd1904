-- id: stg_scale_questions
-- definition: One row per campus, year, survey title and question with a scale (likert5 or oui_non): its type and wording.

-- The two exports of a survey both declare its questions: min() keeps one
-- row per question of a title. Only the questions with a scale are kept,
-- before min(), so that a question declared with a scale in one file and as
-- text in another still counts as a scale.
select
    s.campus,
    s.year,
    s.titre,
    q.question_id,
    min(q.type) as type,
    min(q.libelle) as libelle
from survey_questions as q
join stg_surveys as s
  on s.campus = q.campus
 and s.year = q.year
 and s.source_file = q.source_file
where q.type in ('likert5', 'oui_non')
group by s.campus, s.year, s.titre, q.question_id
