-- A synthetic national network for the lake benchmark (lakebench_test.go): $campuses campuses
-- times $years years up to 2025, each with a catalogue of five actions, 100 groups of
-- attendance, a questionnaire of 40 respondents asked before and after, three training
-- programmes, and the import log of its four files. Counts come from hash(), so that every
-- campus and year differs and a run gives the same rows as the last.
-- One statement per ";" at the end of a line.

create temp table bench_campus as
select i as c, 'Campus ' || lpad(i::varchar, 3, '0') as campus
from range($campuses) as t(i);

create temp table bench_year as
select 2025 - i as year
from range($years) as t(i);

create temp table bench_action as
select * from (values
    (0, 'Forum des métiers', 'attractivité', 'forum'),
    (1, 'Stage de découverte', 'compétences', 'stage'),
    (2, 'Visite de chantier', 'territoires', 'visite'),
    (3, 'Escape game énergie', 'attractivité', 'escape game'),
    (4, 'Fresque du climat', 'projets structurants', 'atelier')
) as t(a, action, axe, type);

insert into actions (campus, year, source_file, source_row, action, action_key, axe, type, programme, financeurs)
select c.campus, y.year, y.year || '/actions.xlsx', a.a + 2, a.action, lower(replace(a.action, ' ', '')),
       a.axe, a.type, 'JET Cities', 'Région'
from bench_campus as c, bench_year as y, bench_action as a;

insert into participations (campus, year, source_file, source_sheet, source_row, action, action_key, date,
                            etablissement, type_etablissement, commune, public, niveau, participants,
                            dont_filles, dont_qpv_zrr)
select g.campus, g.year, g.year || '/participations/activites.xlsx', 'activites', g.i + 2, a.action,
       lower(replace(a.action, ' ', '')), make_date(g.year, 1 + g.i % 12, 1 + g.i % 28),
       'Établissement ' || (g.i % 20), ['collège', 'lycée', 'supérieur'][1 + g.i % 3], 'Dijon',
       ['collégiens', 'lycéens', 'étudiants', 'grand public'][1 + g.i % 4], null,
       g.participants,
       case when g.i % 5 <> 0 then g.participants // 2 end,
       g.participants // 4
from (select c.campus, y.year, t.i, (5 + hash(c.c, y.year, t.i) % 40)::integer as participants
      from bench_campus as c, bench_year as y, range(100) as t(i)) as g
join bench_action as a on a.a = g.i % 5;

insert into surveys (campus, year, source_file, titre, action, action_key, population, respondent_scope)
select c.campus, y.year, y.year || '/questionnaires/forum.xlsx', 'Forum des métiers', 'Forum des métiers',
       'forumdesmetiers', 80, y.year || '/questionnaires/forum.xlsx'
from bench_campus as c, bench_year as y;

insert into survey_waves (campus, year, source_file, wave)
select c.campus, y.year, y.year || '/questionnaires/forum.xlsx', w.wave
from bench_campus as c, bench_year as y, (values ('pre'), ('post')) as w(wave);

insert into survey_questions (campus, year, source_file, question_id, libelle, type)
select c.campus, y.year, y.year || '/questionnaires/forum.xlsx', q.id, q.id, 'likert5'
from bench_campus as c, bench_year as y,
     (values ('interet_sciences_energie'), ('connait_metiers'), ('renforce_orientation'), ('satisfaction')) as q(id);

insert into survey_answers (campus, year, source_file, wave, respondent, question_id, value, answer)
select g.campus, g.year, g.year || '/questionnaires/forum.xlsx', g.wave, sha256(g.campus || ' ' || g.year || ' ' || g.r),
       g.id, g.value, g.value::varchar
from (select c.campus, y.year, t.r, q.wave, q.id, (1 + hash(c.c, y.year, t.r, q.wave, q.id) % 5)::double as value
      from bench_campus as c, bench_year as y, range(40) as t(r),
           (values ('pre', 'interet_sciences_energie'), ('pre', 'connait_metiers'),
                   ('post', 'interet_sciences_energie'), ('post', 'connait_metiers'),
                   ('post', 'renforce_orientation'), ('post', 'satisfaction')) as q(wave, id)) as g;

insert into formations (campus, year, source_file, source_row, annee, etablissement, formation, places,
                        candidats, inscrits, dont_filles)
select c.campus, y.year, y.year || '/formations.xlsx', f + 2, y.year, 'Lycée ' || f, 'Formation ' || f, 24,
       (12 + hash(c.c, y.year, f) % 40)::integer, 20, 6
from bench_campus as c, bench_year as y, range(3) as t(f);

insert into imports (campus, source_file, kind, year, sha256, rows_read, rows_imported, imported_at, checked_against)
select c.campus, y.year || '/' || k.file, k.kind, y.year, sha256(c.campus || y.year || k.file), k.n, k.n,
       make_timestamp(y.year, 12, 31, 12, 0, 0), ''
from bench_campus as c, bench_year as y,
     (values ('actions.xlsx', 'actions', 5), ('participations/activites.xlsx', 'participations', 100),
             ('questionnaires/forum.xlsx', 'questionnaire', 240), ('formations.xlsx', 'formations', 3)) as k(file, kind, n);
