-- Raw tables filled by the importers. Every row carries its campus, the year it was
-- imported for, and the file (path relative to the data directory) and row it came from,
-- so that re-importing a changed file can replace exactly what that file brought before
-- and databases of several campuses can be combined without collision.
-- One statement per ";" at the end of a line: the runner executes them one by one.

create table if not exists imports (
    campus        varchar   not null,
    source_file   varchar   not null, -- path relative to the data directory, '/'-separated
    kind          varchar   not null, -- actions | participations | questionnaire | formations
    year          integer   not null,
    sha256        varchar   not null,
    rows_read     integer   not null,
    rows_imported integer   not null,
    imported_at   timestamp not null,
    -- SHA-256 of what the file's rows were checked against besides its content:
    -- the year's catalogue, year_boundary, its survey_formats entry. A file
    -- whose content is unchanged but whose context changed is checked again.
    checked_against varchar
);

create table if not exists actions (
    campus      varchar not null,
    year        integer not null,
    source_file varchar not null,
    source_row  integer not null,
    action      varchar not null, -- as written in the catalogue
    action_key  varchar not null, -- normalised name (lower case, no accents, no blanks) used for matching
    axe         varchar not null, -- projets structurants | compétences | attractivité | territoires
    type        varchar not null, -- visite | stage | forum | escape game | atelier | ...
    programme   varchar,          -- comma-separated, as written
    financeurs  varchar           -- comma-separated, as written
);

create table if not exists participations (
    campus             varchar not null,
    year               integer not null,
    source_file        varchar not null,
    source_row         integer not null,
    action             varchar not null, -- catalogue spelling of the action
    action_key         varchar not null,
    date               date    not null,
    etablissement      varchar,
    type_etablissement varchar,          -- collège | lycée | supérieur | entreprise | association | autre
    commune            varchar,
    public             varchar not null, -- collégiens | lycéens | étudiants | demandeurs d'emploi | grand public | enseignants | professionnels | parents
    niveau             varchar,
    participants       integer not null,
    dont_filles        integer,
    dont_qpv_zrr       integer
);

create table if not exists surveys (
    campus      varchar not null,
    year        integer not null,
    source_file varchar not null, -- one workbook per survey: the file is the survey's key
    titre       varchar not null,
    action      varchar not null,
    action_key  varchar not null,
    population  integer not null  -- number of people surveyed
);

-- The waves a questionnaire file holds (a sheet pre or post, or the wave of an export),
-- even a wave nobody answered: its response rate is 0, not missing.
create table if not exists survey_waves (
    campus      varchar not null,
    year        integer not null,
    source_file varchar not null,
    wave        varchar not null  -- pre | post
);

create table if not exists survey_questions (
    campus      varchar not null,
    year        integer not null,
    source_file varchar not null,
    question_id varchar not null,
    libelle     varchar not null,
    type        varchar not null  -- likert5 | oui_non | choix | texte | nombre
);

create table if not exists survey_answers (
    campus      varchar not null,
    year        integer not null,
    source_file varchar not null,
    wave        varchar not null, -- pre | post
    respondent  varchar not null, -- pseudonymous code pairing pre and post
    question_id varchar not null,
    value       double,           -- likert5 1-5, oui_non 1/0, nombre; null for choix and texte
    answer      varchar not null  -- the answer as written
);

create table if not exists formations (
    campus        varchar not null,
    year          integer not null,
    source_file   varchar not null,
    source_row    integer not null,
    annee         integer not null,
    etablissement varchar not null,
    formation     varchar not null,
    places        integer not null,
    candidats     integer not null,
    inscrits      integer not null,
    dont_filles   integer
);

-- Columns the evaluator added that the contract does not know: kept aside, never lost.
create table if not exists extra_cells (
    campus      varchar not null,
    year        integer not null,
    source_file varchar not null,
    sheet       varchar not null,
    source_row  integer not null,
    header      varchar not null,
    value       varchar not null
);

-- The figures of each year as `run` (or `report`) last computed them, with the version of
-- the definition (the "-- version:" header of queries/indicators/<id>.sql) that computed
-- each, so that the comparison of years shows what each year's report said and marks an
-- indicator whose definition changed between two years. Replaced whole, year by year.
create table if not exists figures (
    campus      varchar   not null,
    year        integer   not null,
    seq         integer   not null, -- position of the row in the year's figures, to list them in order
    indicator   varchar   not null,
    version     integer   not null,
    label       varchar   not null,
    definition  varchar   not null,
    survey      varchar,
    dimension   varchar,
    category    varchar,
    value       double    not null,
    n           bigint    not null,
    ci_low      double,
    ci_high     double,
    unit        varchar   not null,
    -- Questionnaire figures (pipeline/surveys.go): the question and wave a row is about,
    -- the paired test, the note, and the small-cell threshold that withheld it (0: shown).
    question       varchar,
    question_label varchar,
    wave           varchar,
    pairs          bigint,
    pre_only       bigint,
    post_only      bigint,
    test           varchar,
    p_value        double,
    note           varchar,
    withheld_below integer   not null,
    computed_at timestamp not null
);

-- Columns added since the first databases were made: added to a database that lacks them.
-- The files whose respondent codes name the same people: a template workbook (its own
-- path), or the exports of one survey_formats entry ("survey_formats/<name>"). The same
-- code in two scopes is two people. Null in rows imported before: their title stands in.
alter table surveys add column if not exists respondent_scope varchar;
-- The sheet a row of attendance comes from: a workbook may split its year over several.
alter table participations add column if not exists source_sheet varchar;
-- The coverage of a share computed on part of the whole it describes, last in figures so
-- that rows are appended in the same column order to a database created before it.
alter table figures add column if not exists coverage double;

-- SHA-256 of what a file's rows were checked against (see imports): null, checked again once.
alter table imports add column if not exists checked_against varchar;

-- The last time `greencity run` imported each year: started when its imports begin,
-- finished when they end. A row left unfinished is a run killed or crashed part
-- way, whose year may hold part of its files only: report and indicators refuse it.
create table if not exists runs (
    campus      varchar   not null,
    year        integer   not null,
    started_at  timestamp not null,
    finished_at timestamp,          -- null: the run did not end
    refused     integer             -- files the run refused (their rows are not the folder's)
);

-- The Holm-adjusted p-value of a figure (pipeline/surveys.go), after coverage: rows are
-- appended by position (history.go), so a new database and an older one must end alike.
alter table figures add column if not exists p_adjusted double;
-- Set when the group disclosure rule withheld a figure (pipeline/unanimous.go): all, or all
-- but one, of its people in one category. After p_adjusted: rows are appended by position.
alter table figures add column if not exists withheld_unanimous boolean;
-- The version of the greencity that imported each file (Importer.Version): the rows are
-- what its rules made of the file, and an unchanged file is not read again by a later
-- version. Null for a file imported before it was recorded, or by a build that has none.
alter table imports add column if not exists greencity_version varchar;
