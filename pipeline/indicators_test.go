package pipeline_test

import (
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"

	"github.com/cmq-greencity/greencity/internal/demodata"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/cmq-greencity/greencity/queries"
	"github.com/google/go-cmp/cmp"
)

// TestCompute_ReadOnlyStore computes the indicators on a database opened
// read-only, as the check command opens it: the staging views the indicators
// read are temporary, so they are created there too, the figures are those
// of the writable database, and the file is left byte for byte as it was.
func TestCompute_ReadOnlyStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "test.duckdb")
	s, err := pipeline.OpenStore(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	loadSurvey(t, s, demodata.EngagementTourSurvey())
	for _, q := range []string{
		`insert into actions values ('` + campus + `', 2025, 'actions.xlsx', 2, 'Engagement tour', 'engagementtour', 'attractivité', 'forum', null, null)`,
		`insert into participations values ('` + campus + `', 2025, 'p.xlsx', 2, 'Engagement tour', 'engagementtour', date '2025-03-14',
			'Lycée Carnot', null, null, 'lycéens', null, 30, 12, null, 'Feuil1')`,
	} {
		if _, err := s.DB.Exec(q); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}
	want, err := pipeline.Compute(ctx, s.DB, queries.FS, campus, 2025)
	if err != nil {
		t.Fatalf("Compute on the writable store: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, path)

	ro, err := pipeline.OpenStoreReadOnly(ctx, path)
	if err != nil || ro == nil {
		t.Fatalf("OpenStoreReadOnly = %v, %v; want a store", ro, err)
	}
	got, err := pipeline.Compute(ctx, ro.DB, queries.FS, campus, 2025)
	if err != nil {
		t.Fatalf("Compute on the read-only store: %v", err)
	}
	var stored int
	if err := ro.DB.QueryRow(`select count(*) from duckdb_views() where view_name like 'stg%' and not temporary`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}

	if len(want) < 10 {
		t.Fatalf("Compute gave %d rows, want figures of participants and of the survey", len(want))
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Compute on the read-only store differs (-writable +read-only):\n%s", d)
	}
	if stored != 0 {
		t.Errorf("%d staging views stored in the database, want none (temporary views only)", stored)
	}
	if after := fileSum(t, path); after != before {
		t.Errorf("database file changed by a read-only Compute")
	}
}

func fileSum(tb testing.TB, path string) [32]byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return sha256.Sum256(b)
}
