-- The catalogue of actions, as the lake holds it (campus and year become the partition folders).
select campus, year, source_file, source_row, action, action_key, axe, type, programme, financeurs
from actions;
