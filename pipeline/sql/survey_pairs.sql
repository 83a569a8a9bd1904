-- The paired answers of every question with a scale (likert5, oui_non) of the
-- surveys of a campus and year: one row per person who answered the question
-- both before and after, for the paired tests computed in Go (surveys.go).
-- Surveys, respondents and answers are matched by the staging views the
-- indicators of queries/indicators read (queries/staging/), so that a test
-- rests on exactly the pairs its figure counts. Compute creates those views
-- on the connection it runs this query on.
select p.titre, p.question_id, q.type, p.pre_value, p.post_value
from stg_survey_pairs as p
join stg_scale_questions as q using (campus, year, titre, question_id)
where p.campus = $campus and p.year = $year
  and p.pre_value is not null
  and p.post_value is not null
order by p.titre, p.question_id, p.respondent_key;
