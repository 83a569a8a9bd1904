-- Attendance: one row per session of an action.
select campus, year, source_file, source_sheet, source_row, action, action_key, date, etablissement,
       type_etablissement, commune, public, niveau, participants, dont_filles, dont_qpv_zrr
from participations;
