-- The scope of a report (queries.Scope): whether it is restricted to some
-- actions (one programme's, one funder's), and which, per campus and year.
-- Temporary, like the staging views that read them: a report's scope lives
-- on the connection that computes it, never in the evaluator's file.
create or replace temp table report_scope (scoped boolean not null);
create or replace temp table report_scope_actions (campus varchar not null, year integer not null, action_key varchar not null);
