-- The columns of a table of the database (schema/tables.sql) and their types, in order.
select column_name, data_type
from information_schema.columns
where table_schema = 'main' and table_name = $table
order by ordinal_position;
