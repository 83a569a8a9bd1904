-- DuckDB's own insert of $rows attendance rows shaped like those BenchmarkImport appends
-- (bench_test.go): made inside DuckDB, so that no reader and no Go value takes part. What
-- it takes is the least any import of as many rows into this table can take here.
insert into participations (campus, year, source_file, source_row, action, action_key, date,
    etablissement, type_etablissement, commune, public, niveau, participants, dont_filles,
    dont_qpv_zrr, source_sheet)
select $campus, 2025, 'insert-only.xlsx', (i + 2)::integer,
    ['Fresque du climat', 'Engagement tour - Lycée', 'Visite du projet RESPONSE'][i % 3 + 1],
    ['fresqueduclimat', 'engagementtour-lycee', 'visiteduprojetresponse'][i % 3 + 1],
    date '2025-01-01' + (i % 300)::integer, 'Lycée ' || (i % 500), 'lycée', 'Dijon', 'lycéens',
    'seconde', (10 + i % 20)::integer, 3, null, 'Feuil1'
from range($rows) as t(i)
