-- Removes everything one file brought, before it is imported again or after it
-- was deleted from the data folder. Run statement by statement in the
-- transaction of the import.
delete from actions          where campus = $campus and source_file = $source_file;
delete from participations   where campus = $campus and source_file = $source_file;
delete from surveys          where campus = $campus and source_file = $source_file;
delete from survey_waves     where campus = $campus and source_file = $source_file;
delete from survey_questions where campus = $campus and source_file = $source_file;
delete from survey_answers   where campus = $campus and source_file = $source_file;
delete from formations       where campus = $campus and source_file = $source_file;
delete from extra_cells      where campus = $campus and source_file = $source_file;
delete from imports          where campus = $campus and source_file = $source_file;
