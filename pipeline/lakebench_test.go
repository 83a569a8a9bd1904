package pipeline_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/cmq-greencity/greencity/queries"
	"github.com/google/go-cmp/cmp"
)

// benchSize reads a size of the national lake from the environment, or
// gives def.
func benchSize(tb testing.TB, name string, def int) int {
	tb.Helper()
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		tb.Fatalf("%s=%q: want a whole number of 1 or more", name, s)
	}
	return n
}

// writeNationalLake fills a database with the synthetic network of
// testdata/national_lake.sql (campuses x years up to 2025) and exports it
// with ExportParquet into a lake folder, which it returns.
func writeNationalLake(tb testing.TB, campuses, years int) string {
	tb.Helper()
	ctx := context.Background()
	dir := tb.TempDir()
	store, err := pipeline.OpenStore(ctx, filepath.Join(dir, "national.duckdb"))
	if err != nil {
		tb.Fatal(err)
	}
	defer store.Close()
	text, err := os.ReadFile(filepath.Join("testdata", "national_lake.sql"))
	if err != nil {
		tb.Fatal(err)
	}
	conn, err := store.DB.Conn(ctx) // the temporary tables live on one connection
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	for _, stmt := range strings.SplitAfter(string(text), ";\n") {
		var args []any
		if strings.Contains(stmt, "$campuses") {
			args = append(args, sql.Named("campuses", campuses))
		}
		if strings.Contains(stmt, "$years") {
			args = append(args, sql.Named("years", years))
		}
		if strings.TrimSpace(stripSQLComments(stmt)) == "" {
			continue
		}
		if _, err := conn.ExecContext(ctx, stmt, args...); err != nil {
			tb.Fatalf("national_lake.sql: %v\n%s", err, stmt)
		}
	}
	lake := filepath.Join(dir, "lac")
	if _, err := store.ExportParquet(ctx, lake, "bench"); err != nil {
		tb.Fatal(err)
	}
	return lake
}

// stripSQLComments drops the comment lines of a statement.
func stripSQLComments(stmt string) string {
	var b strings.Builder
	for _, l := range strings.Split(stmt, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// benchRegion is the name the benchmark reads the network under.
const benchRegion = "France"

// openRegion opens the lake as one region, reading the Parquet files or
// copied into native tables.
func openRegion(tb testing.TB, lake string, native bool) *pipeline.Store {
	tb.Helper()
	s, err := pipeline.OpenLake(context.Background(), lake, pipeline.LakeOptions{Region: benchRegion, Copy: native})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// regionalFigures computes the indicators of the region for 2025.
func regionalFigures(tb testing.TB, s *pipeline.Store) []pipeline.Row {
	tb.Helper()
	rows, err := pipeline.Compute(context.Background(), s.DB, queries.FS, benchRegion, 2025)
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}

// TestNationalLake_Small runs the benchmark's generator and both of its
// readings at a tiny size (go test ./... stays fast; the benchmark itself
// runs in CI at a small size, .ci/run): the region's participants are the
// sum of the generated rows, and the lake and the native tables give the
// same figures.
func TestNationalLake_Small(t *testing.T) {
	lake := writeNationalLake(t, 3, 2)
	campuses, err := pipeline.LakeCampuses(context.Background(), lake)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"Campus 000", "Campus 001", "Campus 002"}, campuses); d != "" {
		t.Errorf("campuses of the lake (-want +got):\n%s", d)
	}
	fromLake := regionalFigures(t, openRegion(t, lake, false))
	native := openRegion(t, lake, true)
	if d := cmp.Diff(fromLake, regionalFigures(t, native)); d != "" {
		t.Errorf("regional figures, lake vs native tables (-lake +native):\n%s", d)
	}
	var want float64
	if err := native.DB.QueryRow("select sum(participants) from participations where year = 2025").Scan(&want); err != nil {
		t.Fatal(err)
	}
	var got *pipeline.Row
	for i, r := range fromLake {
		if r.ID == "participants" && r.Dimension == "" {
			got = &fromLake[i]
		}
	}
	if got == nil || got.Value != want || want == 0 {
		t.Errorf("regional participants = %+v, want %v, the generated rows of 2025", got, want)
	}
}

// BenchmarkRegionalIndicators computes the indicators of one year of a
// whole national network read as one region (OpenLake with a region):
// GREENCITY_BENCH_CAMPUSES campuses (170 by default) times
// GREENCITY_BENCH_YEARS years (10), generated and exported before the
// timer starts. Each iteration computes them over the Parquet files, then
// over the same rows copied into native DuckDB tables; both times are
// reported, with their ratio (lake/native). In CI:
//
//	GREENCITY_BENCH_CAMPUSES=5 GREENCITY_BENCH_YEARS=2 go test -run XXX -bench RegionalIndicators -benchtime 1x ./pipeline
func BenchmarkRegionalIndicators(b *testing.B) {
	campuses := benchSize(b, "GREENCITY_BENCH_CAMPUSES", 170)
	years := benchSize(b, "GREENCITY_BENCH_YEARS", 10)
	lake := writeNationalLake(b, campuses, years)
	fromLake, native := openRegion(b, lake, false), openRegion(b, lake, true)
	var lakeTime, nativeTime time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		regionalFigures(b, fromLake)
		lakeTime += time.Since(start)
		start = time.Now()
		regionalFigures(b, native)
		nativeTime += time.Since(start)
	}
	b.ReportMetric(lakeTime.Seconds()/float64(b.N), "s-lac/op")
	b.ReportMetric(nativeTime.Seconds()/float64(b.N), "s-natif/op")
	b.ReportMetric(lakeTime.Seconds()/nativeTime.Seconds(), "lac/natif")
	b.ReportMetric(float64(campuses*years), "campus-années")
}
