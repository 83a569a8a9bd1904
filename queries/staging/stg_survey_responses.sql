-- id: stg_survey_responses
-- definition: Every answer of the questionnaires of every campus and year, as imported (any wave, any question, with or without a value), with the title of its survey and the key of its respondent (its scope and its code).

-- A survey is known by its title: a workbook of the template holds both of
-- its waves, while an export of Google Forms or LimeSurvey holds one wave and
-- the configuration gives the two exports of a survey the same title.
--
-- A respondent is a code within its scope (surveys.respondent_scope): the
-- workbook of the template, or the exports of one survey_formats entry. Two
-- sessions of one survey (two workbooks of the same title) both have an
-- "E01", and they are two people: the figures of the title count both
-- sessions' people, each paired within its own session. Rows imported
-- before the scope was recorded have none: their title stands in.
--
-- Codes are typed by hand on two sheets, so "AB 12" before and "ab12" after
-- are one person: respondent_key compares them without case, accents, blanks
-- or underscores. The importer already stores every code as the keyed hash of
-- that form (pipeline.HashRespondent, with pipeline.Key), which the rule below
-- leaves as it is: a change to how codes pair belongs in pipeline.Key, and the
-- rule here only makes rows written with plain codes (the fixtures of the
-- tests) pair the same way. Every figure that counts or pairs people uses
-- this key.
select
    a.campus,
    a.year,
    s.titre,
    a.wave,
    coalesce(s.respondent_scope, s.titre) || ' | '
        || regexp_replace(strip_accents(lower(a.respondent)), '[\s_]', '', 'g') as respondent_key,
    a.question_id,
    a.value
from survey_answers as a
join stg_surveys as s
  on s.campus = a.campus
 and s.year = a.year
 and s.source_file = a.source_file
