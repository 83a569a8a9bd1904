package pipeline

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The Parquet lake is how a region gathers the databases of its campuses:
// every table a figure depends on, written as hive-partitioned Parquet
// (DIR/<table>/campus=<campus>/year=<year>/*.parquet) that DuckDB, Spark or
// Trino read as they are. Only standard Parquet types are written (text,
// 32-bit integers, doubles, dates, timestamps), zstd-compressed.

// LakeSchemaVersion is the version of the lake's layout and columns, written
// in every partition's manifest: raise it when a column changes meaning.
const LakeSchemaVersion = 1

// ManifestName is the file, in each partition folder, that describes it.
// Its name begins with "_", which Spark, Hive and Trino take for a hidden
// file: they read the partition's folder and skip it, where they would try
// to read any other file as Parquet.
const ManifestName = "_manifest.json"

// lakeTables are the tables of the lake, each exported by sql/lake/<table>.sql.
// extra_cells is left out: its cells are whatever the campus added, possibly
// a respondent's code, and no figure reads them. figures is left out too:
// the lake holds what the figures are computed from.
var lakeTables = []string{"actions", "participations", "formations", "surveys",
	"survey_waves", "survey_questions", "survey_answers", "imports"}

// LakeTables returns the names of the tables of the lake, in export order.
func LakeTables() []string { return append([]string(nil), lakeTables...) }

// Manifest describes one partition of the lake.
type Manifest struct {
	SchemaVersion    int          `json:"schema_version"`
	GreencityVersion string       `json:"greencity_version"`
	Table            string       `json:"table"`
	Campus           string       `json:"campus"`
	Year             int          `json:"year"`
	Rows             int64        `json:"rows"`
	Sources          []LakeSource `json:"sources"`
}

// LakeSource is a file the partition's campus and year were imported from.
type LakeSource struct {
	SourceFile   string `json:"source_file"`
	Kind         string `json:"kind"`
	SHA256       string `json:"sha256"`
	RowsImported int64  `json:"rows_imported"`
}

// stagingPrefix begins the name of the folder an export writes into, inside
// DIR but beside the tables: a reader's glob DIR/<table>/*/*/*.parquet never
// reaches it, so a killed export leaves nothing a reader takes.
const stagingPrefix = ".greencity-export-"

// ExportParquet writes the lake of the database into dir and returns the
// manifest of every partition written. Each partition is written whole into
// a staging folder, then renamed into place: a partition already in dir is
// replaced, one the database no longer has is left alone. version is the
// greencity version written in the manifests.
func (s *Store) ExportParquet(ctx context.Context, dir, version string) (manifests []Manifest, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("export parquet: %w", err)
	}
	staging, err := os.MkdirTemp(dir, stagingPrefix)
	if err != nil {
		return nil, fmt.Errorf("export parquet: %w", err)
	}
	defer func() {
		if rerr := os.RemoveAll(staging); err == nil && rerr != nil {
			err = fmt.Errorf("export parquet: %w", rerr)
		}
	}()
	// Parquet is built into the binary (FACTS.md): loading it needs no
	// download, and fails plainly if a build ever lacks it.
	if _, err := s.DB.ExecContext(ctx, "load parquet"); err != nil {
		return nil, fmt.Errorf("export parquet: %w", err)
	}
	for _, table := range lakeTables {
		parts, err := s.exportTable(ctx, staging, table, version)
		if err != nil {
			return nil, fmt.Errorf("export parquet %s: %w", table, err)
		}
		for _, p := range parts {
			if err := replacePartition(staging, dir, p.rel); err != nil {
				return nil, fmt.Errorf("export parquet %s: %w", table, err)
			}
			manifests = append(manifests, p.Manifest)
		}
	}
	return manifests, nil
}

// partition is a partition written into the staging folder: its manifest,
// and its folder relative to staging (<table>/campus=.../year=..., with the
// values escaped as DuckDB escapes them).
type partition struct {
	Manifest
	rel string
}

// exportTable writes table into staging/<table>, partitioned, with a
// manifest in each partition folder.
func (s *Store) exportTable(ctx context.Context, staging, table, version string) ([]partition, error) {
	out := filepath.Join(staging, table)
	// COPY takes no parameter for its target: the path (chosen by the user,
	// never read from a spreadsheet) goes in as a quoted SQL string.
	copyStmt := fmt.Sprintf("copy (%s) to %s (format parquet, partition_by (campus, year), compression zstd)",
		strings.TrimSuffix(query("sql/lake/"+table+".sql"), ";"), sqlString(filepath.ToSlash(out)))
	if _, err := s.DB.ExecContext(ctx, copyStmt); err != nil {
		return nil, err
	}
	// An empty table writes no partition (though COPY may leave its folder).
	glob := filepath.ToSlash(filepath.Join(out, "*", "*", "*.parquet"))
	if files, err := filepath.Glob(filepath.FromSlash(glob)); err != nil || len(files) == 0 {
		return nil, err
	}
	// Count what was written the way a reader will read it.
	rows, err := s.DB.QueryContext(ctx, query("sql/lake_partitions.sql"), glob)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var parts []partition
	for rows.Next() {
		p := partition{Manifest: Manifest{SchemaVersion: LakeSchemaVersion, GreencityVersion: version, Table: table}}
		var file string
		if err := rows.Scan(&p.Campus, &p.Year, &p.Rows, &file); err != nil {
			return nil, err
		}
		if p.rel, err = filepath.Rel(staging, filepath.Dir(filepath.FromSlash(file))); err != nil {
			return nil, err
		}
		parts = append(parts, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	for i := range parts {
		if parts[i].Sources, err = s.lakeSources(ctx, parts[i].Campus, parts[i].Year); err != nil {
			return nil, err
		}
		b, err := json.MarshalIndent(parts[i].Manifest, "", "  ")
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(staging, parts[i].rel, ManifestName), append(b, '\n'), 0o644); err != nil {
			return nil, err
		}
	}
	return parts, nil
}

// lakeSources lists the imported files of a campus's year.
func (s *Store) lakeSources(ctx context.Context, campus string, year int) ([]LakeSource, error) {
	rows, err := s.DB.QueryContext(ctx, query("sql/lake_sources.sql"), sql.Named("campus", campus), sql.Named("year", year))
	if err != nil {
		return nil, fmt.Errorf("sources of %s %d: %w", campus, year, err)
	}
	defer rows.Close()
	out := []LakeSource{}
	for rows.Next() {
		var src LakeSource
		if err := rows.Scan(&src.SourceFile, &src.Kind, &src.SHA256, &src.RowsImported); err != nil {
			return nil, fmt.Errorf("sources of %s %d: %w", campus, year, err)
		}
		out = append(out, src)
	}
	return out, rows.Err()
}

// replacePartition moves the partition of m from staging into dir. The old
// partition, if any, is first renamed aside into staging (removed with it),
// then the new one renamed in: a reader sees the old partition, none for an
// instant, or the new one, never part of one.
func replacePartition(staging, dir, rel string) error {
	from, to := filepath.Join(staging, rel), filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	if _, err := os.Stat(to); err == nil {
		old := filepath.Join(staging, "replaced", rel)
		if err := os.MkdirAll(filepath.Dir(old), 0o755); err != nil {
			return err
		}
		if err := os.Rename(to, old); err != nil {
			return err
		}
	}
	return os.Rename(from, to)
}

// sqlString quotes s as an SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
