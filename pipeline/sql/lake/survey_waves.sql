-- The waves each questionnaire holds, even one nobody answered.
select campus, year, source_file, wave
from survey_waves;
