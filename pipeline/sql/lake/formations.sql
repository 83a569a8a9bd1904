-- Places, applicants and enrolments of the campus's training courses.
select campus, year, source_file, source_row, annee, etablissement, formation, places, candidats,
       inscrits, dont_filles
from formations;
