-- The name the campuses of a lake are read under, as one (OpenLake with a region).
create table lake_region (name varchar not null);
insert into lake_region values ($name);
