-- The years a campus has imported files or recorded figures for.
select year from imports where campus = $campus
union
select year from figures where campus = $campus
order by year;
