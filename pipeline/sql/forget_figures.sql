-- Removes the recorded figures of one year, before they are recorded again or
-- when the year's folder is gone.
delete from figures where campus = $campus and year = $year;
