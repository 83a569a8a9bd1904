package cli

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/demodata"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
)

// lakeGlob is how a reader of the lake finds a table's files (README).
func lakeGlob(lake, table string) string {
	return filepath.ToSlash(filepath.Join(lake, table, "*", "*", "*.parquet"))
}

// queryPairs runs a query returning (text, number) rows and gives them as
// "text=number" lines.
func queryPairs(t *testing.T, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		var n int64
		if err := rows.Scan(&k, &n); err != nil {
			t.Fatal(err)
		}
		out = append(out, k+"="+strconv.FormatInt(n, 10))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestExport_ParquetReadBack exports the demonstration years (2023 to 2025)
// to Parquet and reads the lake back with DuckDB as a reader would: the same
// rows per campus and year in every table, the same participants per year
// (4 604 in 2025), only hashed respondent codes, a manifest per partition; a
// re-export replaces a partition whole, and the staging folder a killed
// export left behind is not read.
func TestExport_ParquetReadBack(t *testing.T) {
	data := t.TempDir()
	if err := demodata.Write(data); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, data, "2023,2024,2025")
	for _, y := range []string{"2023", "2024", "2025"} {
		h.mustRun("import", filepath.Join(data, y))
	}
	lake := filepath.Join(t.TempDir(), "lac")
	out := h.mustRun("exporter", "--parquet", lake)
	if !strings.Contains(out, "participations campus=CMQ Green City BFC year=2025 : ") {
		t.Errorf("export output does not list the 2025 participations partition:\n%s", out)
	}

	store, err := pipeline.OpenStoreReadOnly(context.Background(), h.env["GREENCITY_DATABASE"])
	if err != nil || store == nil {
		t.Fatalf("open database: %v", err)
	}
	defer store.Close()
	reader, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()

	const perYear = "select year::varchar, sum(participants)::bigint from %s group by year order by year"
	readLake := func(table string) string {
		return "read_parquet('" + lakeGlob(lake, table) + "', hive_partitioning = true)"
	}
	checkFigures := func() {
		t.Helper()
		want := queryPairs(t, store.DB, strings.Replace(perYear, "%s", "participations", 1))
		got := queryPairs(t, reader, strings.Replace(perYear, "%s", readLake("participations"), 1))
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("participants per year, lake vs database (-want +got):\n%s", d)
		}
		if !slices.Contains(got, "2025=4604") {
			t.Errorf("participants per year from the lake = %v, want 2025=4604", got)
		}
		for _, table := range pipeline.LakeTables() {
			const counts = "select campus || ' ' || year, count(*) from %s group by all order by 1"
			want := queryPairs(t, store.DB, strings.Replace(counts, "%s", table, 1))
			got := queryPairs(t, reader, strings.Replace(counts, "%s", readLake(table), 1))
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("%s rows per campus and year, lake vs database (-want +got):\n%s", table, d)
			}
		}
	}
	checkFigures()

	// No raw respondent code anywhere in the lake, in any column.
	var codes []string
	surveys := []demodata.Survey{demodata.EngagementTourSurvey()}
	for _, y := range demodata.EarlierYears() {
		surveys = append(surveys, demodata.Earlier(y).Surveys...)
	}
	for _, s := range surveys {
		for _, r := range append(s.Pre, s.Post...) {
			codes = append(codes, strings.ToLower(r.Code))
		}
	}
	if len(codes) < 37 {
		t.Fatalf("only %d respondent codes in the demonstration data", len(codes))
	}
	for _, table := range pipeline.LakeTables() {
		var n int
		q := "select count(*) from " + readLake(table) + " t where list_has_any(regexp_extract_all(lower(t::varchar), '[a-z0-9-]+'), ?)"
		if err := reader.QueryRow(q, codes).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if n != 0 {
			t.Errorf("%s: %d rows of the lake hold a raw respondent code", table, n)
		}
	}
	var hashed, all int
	if err := reader.QueryRow("select count(*) filter (where regexp_full_match(respondent, '[0-9a-f]{64}')), count(*) from "+readLake("survey_answers")).Scan(&hashed, &all); err != nil {
		t.Fatal(err)
	}
	if all == 0 || hashed != all {
		t.Errorf("survey_answers: %d of %d respondents are 64-hex hashes, want all", hashed, all)
	}

	// The manifest of the 2025 participations.
	parts, err := filepath.Glob(filepath.Join(lake, "participations", "campus=*", "year=2025"))
	if err != nil || len(parts) != 1 {
		t.Fatalf("participations 2025 partition folders: %v %v", parts, err)
	}
	b, err := os.ReadFile(filepath.Join(parts[0], pipeline.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m pipeline.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var rows int64
	if err := store.DB.QueryRow("select count(*) from participations where year = 2025").Scan(&rows); err != nil {
		t.Fatal(err)
	}
	wantSources := queryPairs(t, store.DB, "select source_file || ' ' || sha256, rows_imported from imports where year = 2025 order by source_file")
	var gotSources []string
	for _, s := range m.Sources {
		gotSources = append(gotSources, s.SourceFile+" "+s.SHA256+"="+strconv.FormatInt(s.RowsImported, 10))
	}
	if m.SchemaVersion != pipeline.LakeSchemaVersion || m.GreencityVersion != Version() || m.Table != "participations" ||
		m.Campus != "CMQ Green City BFC" || m.Year != 2025 || m.Rows != rows {
		t.Errorf("manifest = %+v, want schema %d, version %q, participations of CMQ Green City BFC 2025, %d rows",
			m, pipeline.LakeSchemaVersion, Version(), rows)
	}
	if d := cmp.Diff(wantSources, gotSources); d != "" {
		t.Errorf("manifest sources (-want +got):\n%s", d)
	}

	// A stale file in a partition (an older export's) goes with the
	// partition it belonged to; a killed export's staging folder stays unread.
	files, err := filepath.Glob(filepath.Join(parts[0], "*.parquet"))
	if err != nil || len(files) == 0 {
		t.Fatalf("parquet files of %s: %v %v", parts[0], files, err)
	}
	b, err = os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(parts[0], "stale.parquet"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	killed := filepath.Join(lake, ".greencity-export-killed", "participations", filepath.Base(filepath.Dir(parts[0])), "year=2025")
	if err := os.MkdirAll(killed, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(killed, "data_0.parquet"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	h.mustRun("export", "--parquet", lake)
	if _, err := os.Stat(filepath.Join(parts[0], "stale.parquet")); !os.IsNotExist(err) {
		t.Errorf("re-export left the stale file of the partition it replaced: %v", err)
	}
	checkFigures()
	left, err := filepath.Glob(filepath.Join(lake, ".greencity-export-*"))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{filepath.Join(lake, ".greencity-export-killed")}, left); d != "" {
		t.Errorf("staging folders after the re-export (-want +got):\n%s", d)
	}
}

// TestExport_Errors: export needs a folder, and a database with data.
func TestExport_Errors(t *testing.T) {
	h := newHarness(t, t.TempDir(), "2025")
	_, errs, code := h.run("export")
	if want := "greencity : précisez le dossier de l'export, par exemple : greencity export --parquet lac\n"; code != 2 || errs != want {
		t.Errorf("export without --parquet: exit %d, stderr %q; want 2, %q", code, errs, want)
	}
	_, errs, code = h.run("export", "--parquet", t.TempDir())
	want := "greencity : " + h.env["GREENCITY_DATABASE"] + " : la base ne contient encore aucune donnée ; importez d'abord (greencity run ou greencity import)\n"
	if code != 1 || errs != want {
		t.Errorf("export of no database: exit %d, stderr %q; want 1, %q", code, errs, want)
	}
}
