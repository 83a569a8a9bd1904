package pipeline

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Reading the lake: the indicators of queries/ run over the Parquet
// partitions as they run over a database file. OpenLake opens an in-memory
// DuckDB holding the tables of a database (schema/tables.sql), and replaces
// each table of the lake by a view over its Parquet files: the staging views
// and indicators read the same names and do not know where the rows come
// from. Parquet is built into DuckDB; extensions are neither downloaded nor
// loaded on their own (offline), so nothing reaches the network.

// ErrBadPartition means a partition of the lake cannot be trusted: it has no
// manifest, or fewer or more rows than its manifest says (a partition
// half-written, or damaged), or a manifest greencity cannot read.
var ErrBadPartition = errors.New("partition du lac refusée")

// LakeOptions say which rows of the lake OpenLake reads.
type LakeOptions struct {
	// Campuses are the campuses read; empty: every campus of the lake.
	Campuses []string
	// Region, when set, reads the campuses as one campus of that name: the
	// union, whose figures are those of all their rows together. What
	// identifies a session, an action, an establishment, a file or a
	// respondent stays its campus's (sql/lake_union), so that nothing of
	// two campuses is taken for one.
	Region string
	// Copy copies the rows into tables of the in-memory database instead of
	// reading the Parquet files at each query: the same rows in native
	// DuckDB tables, which the benchmark compares the lake with.
	Copy bool
}

// OpenLake checks the partitions of the lake at dir (LakeCampuses) and opens
// an in-memory database where its tables read the rows opts asks for. The
// store is written to only in memory: closing it leaves the lake as it was.
func OpenLake(ctx context.Context, dir string, opts LakeOptions) (*Store, error) {
	parts, err := checkLake(ctx, dir)
	if err != nil {
		return nil, err
	}
	for _, c := range opts.Campuses {
		if !slices.ContainsFunc(parts, func(m Manifest) bool { return m.Campus == c }) {
			return nil, fmt.Errorf("lac %s : aucune partition du campus %q (campus du lac : %s)", dir, c, strings.Join(campusesOf(parts), ", "))
		}
	}
	s, err := openDB(ctx, "", "?"+offline)
	if err != nil {
		return nil, err
	}
	s.path = dir
	if err := s.readLake(ctx, dir, parts, opts); err != nil {
		s.DB.Close()
		return nil, fmt.Errorf("lac %s : %w", dir, err)
	}
	return s, nil
}

// readLake makes the tables of the lake, in s, read its Parquet files.
func (s *Store) readLake(ctx context.Context, dir string, parts []Manifest, opts LakeOptions) error {
	if err := s.execFile(ctx, s.DB, "schema/tables.sql"); err != nil {
		return err
	}
	if _, err := s.DB.ExecContext(ctx, "load parquet"); err != nil {
		return err
	}
	if opts.Region != "" {
		if err := s.execFile(ctx, s.DB, "sql/lake_region.sql", sql.Named("name", opts.Region)); err != nil {
			return err
		}
	}
	for _, table := range lakeTables {
		if !slices.ContainsFunc(parts, func(m Manifest) bool { return m.Table == table }) {
			continue // no partition: the empty table of schema/tables.sql stands
		}
		// The glob is the user's folder, the campuses come from the command
		// line or the manifests, the table from lakeTables: no spreadsheet
		// text reaches this statement, and the strings are quoted.
		rows := fmt.Sprintf("select * from read_parquet(%s, hive_partitioning = true, hive_types = {'campus': varchar, 'year': integer})",
			sqlString(partitionGlob(dir, table)))
		if len(opts.Campuses) > 0 {
			var quoted []string
			for _, c := range opts.Campuses {
				quoted = append(quoted, sqlString(c))
			}
			rows += " where campus in (" + strings.Join(quoted, ", ") + ")"
		}
		if opts.Region != "" {
			if _, err := s.DB.ExecContext(ctx, "create view lake_"+table+" as "+rows); err != nil {
				return fmt.Errorf("%s: %w", table, err)
			}
			rows = query("sql/lake_union/" + table + ".sql")
		}
		rows, err := s.withSchemaColumns(ctx, table, rows)
		if err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
		kind := "view"
		if opts.Copy {
			kind = "table"
		}
		if _, err := s.DB.ExecContext(ctx, "drop table "+table); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
		if _, err := s.DB.ExecContext(ctx, "create "+kind+" "+table+" as "+rows); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
	}
	return nil
}

// withSchemaColumns returns rows (a select over the lake's files) with every
// column that the table of schema/tables.sql has and the files lack, as
// null: a column added to the database since (imports.greencity_version,
// which an export does not write), so that the queries that read it run
// over a lake as over a database file. The names come from the schema,
// never from the files.
func (s *Store) withSchemaColumns(ctx context.Context, table, rows string) (string, error) {
	// The columns the files give: the select of the view, for no row.
	empty, err := s.DB.QueryContext(ctx, "select * from ("+rows+") limit 0")
	if err != nil {
		return "", err
	}
	cols, err := empty.Columns()
	if cerr := empty.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	var extra []string
	err = scanRows(ctx, s.DB, "sql/table_columns.sql", []any{sql.Named("table", table)}, func(r *sql.Rows) error {
		var name, typ string
		if err := r.Scan(&name, &typ); err != nil {
			return err
		}
		if !slices.Contains(cols, name) {
			extra = append(extra, "cast(null as "+typ+") as "+name)
		}
		return nil
	})
	if err != nil || len(extra) == 0 {
		return rows, err
	}
	return "select *, " + strings.Join(extra, ", ") + " from (" + rows + ")", nil
}

// partitionGlob is how a reader finds the files of a table of the lake:
// DIR/<table>/campus=.../year=.../*.parquet. An export's staging folder
// (DIR/.greencity-export-...) lies beside the tables, out of its reach.
func partitionGlob(dir, table string) string {
	return filepath.ToSlash(filepath.Join(dir, table, "*", "*", "*.parquet"))
}

// LakeCampuses checks every partition of the lake at dir and returns its
// campuses, sorted.
func LakeCampuses(ctx context.Context, dir string) ([]string, error) {
	parts, err := checkLake(ctx, dir)
	if err != nil {
		return nil, err
	}
	return campusesOf(parts), nil
}

func campusesOf(parts []Manifest) []string {
	var out []string
	for _, m := range parts {
		if !slices.Contains(out, m.Campus) {
			out = append(out, m.Campus)
		}
	}
	slices.Sort(out)
	return out
}

// checkLake reads the manifest of every partition of the lake at dir and
// counts the rows of its Parquet files the way a reader reads them: a
// partition without its manifest, with a manifest of another schema version
// or table, or whose rows are not those its manifest counts, is refused by
// name (ErrBadPartition). Every bad partition is reported, not just the first.
func checkLake(ctx context.Context, dir string) ([]Manifest, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("lac %s : ce dossier n'existe pas ; indiquez le dossier écrit par greencity export --parquet", dir)
	}
	db, err := sql.Open("duckdb", "?"+offline)
	if err != nil {
		return nil, fmt.Errorf("lac %s : %w", dir, err)
	}
	defer db.Close()
	var parts []Manifest
	var errs []error
	for _, table := range lakeTables {
		manifests, err := readManifests(dir, table)
		errs = append(errs, err)
		if len(manifests) == 0 {
			continue
		}
		found, err := countPartitions(ctx, db, dir, table)
		if err != nil {
			errs = append(errs, fmt.Errorf("lac %s, table %s : %w : un fichier Parquet illisible (à moitié écrit ?) ; exportez à nouveau ce campus (greencity export --parquet) : %w", dir, table, ErrBadPartition, err))
			continue
		}
		for folder, m := range manifests {
			c, ok := found[folder]
			switch {
			case !ok:
				errs = append(errs, fmt.Errorf("%s : %w : son manifest compte %d lignes mais elle n'a aucun fichier Parquet ; exportez à nouveau ce campus", folder, ErrBadPartition, m.Rows))
			case c.rows != m.Rows:
				errs = append(errs, fmt.Errorf("%s : %w : ses fichiers Parquet ont %d lignes, son manifest en compte %d (partition à moitié écrite ou modifiée) ; exportez à nouveau ce campus", folder, ErrBadPartition, c.rows, m.Rows))
			case c.campus != m.Campus || c.year != m.Year:
				errs = append(errs, fmt.Errorf("%s : %w : son manifest décrit le campus %q, année %d, pas ce dossier", folder, ErrBadPartition, m.Campus, m.Year))
			default:
				parts = append(parts, m)
			}
		}
		for folder := range found {
			if _, ok := manifests[folder]; !ok {
				errs = append(errs, fmt.Errorf("%s : %w : pas de %s (partition à moitié écrite, ou qui n'a pas été écrite par greencity export) ; exportez à nouveau ce campus", folder, ErrBadPartition, ManifestName))
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("lac %s : aucune partition ; indiquez le dossier écrit par greencity export --parquet", dir)
	}
	slices.SortFunc(parts, func(a, b Manifest) int {
		return strings.Compare(fmt.Sprintf("%s\x00%s\x00%04d", a.Table, a.Campus, a.Year), fmt.Sprintf("%s\x00%s\x00%04d", b.Table, b.Campus, b.Year))
	})
	return parts, nil
}

// readManifests reads the manifests of the partitions of table, by
// partition folder.
func readManifests(dir, table string) (map[string]Manifest, error) {
	folders, err := filepath.Glob(filepath.Join(dir, table, "*", "*"))
	if err != nil {
		return nil, err
	}
	out := map[string]Manifest{}
	var errs []error
	for _, folder := range folders {
		if st, err := os.Stat(folder); err != nil || !st.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(folder, ManifestName))
		if errors.Is(err, fs.ErrNotExist) {
			continue // reported with its row count, if it has Parquet files
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s : %w : %w", folder, ErrBadPartition, err))
			continue
		}
		var m Manifest
		if err := json.Unmarshal(b, &m); err != nil {
			errs = append(errs, fmt.Errorf("%s : %w : %s illisible : %w", folder, ErrBadPartition, ManifestName, err))
			continue
		}
		switch {
		case m.SchemaVersion != LakeSchemaVersion:
			errs = append(errs, fmt.Errorf("%s : %w : schéma du lac version %d, cette version de greencity lit la version %d ; exportez à nouveau ce campus avec cette version", folder, ErrBadPartition, m.SchemaVersion, LakeSchemaVersion))
		case m.Table != table:
			errs = append(errs, fmt.Errorf("%s : %w : son manifest décrit la table %q, pas %q", folder, ErrBadPartition, m.Table, table))
		default:
			out[folder] = m
		}
	}
	return out, errors.Join(errs...)
}

// counted is a partition as its Parquet files say: its campus and year
// (from its folder) and its rows.
type counted struct {
	campus string
	year   int
	rows   int64
}

// countPartitions counts the rows of each partition folder of table as a
// reader of the lake reads them.
func countPartitions(ctx context.Context, db *sql.DB, dir, table string) (map[string]counted, error) {
	rows, err := db.QueryContext(ctx, query("sql/lake_partitions.sql"), partitionGlob(dir, table))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]counted{}
	for rows.Next() {
		var c counted
		var file string
		if err := rows.Scan(&c.campus, &c.year, &c.rows, &file); err != nil {
			return nil, err
		}
		out[filepath.Dir(filepath.FromSlash(file))] = c
	}
	return out, rows.Err()
}
