package pipeline_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
)

// countSQL is a one-indicator query set whose version the tests change.
func countSQL(version string) fstest.MapFS {
	return fstest.MapFS{"indicators/participants.sql": {Data: []byte(`-- id: participants
-- label: Personnes impactées
-- version: ` + version + `
-- definition: Somme des participants.
select cast(null as varchar) as survey, cast(null as varchar) as dimension, cast(null as varchar) as category,
       cast(sum(participants) as double) as value, cast(sum(participants) as bigint) as n,
       cast(null as double) as ci_low, cast(null as double) as ci_high, 'personnes' as unit
from participations where campus = $campus and year = $year
having count(*) > 0
`)}}
}

// writeYear writes data/<year>/actions.xlsx and one attendance workbook of
// two groups of n participants each.
func writeYear(tb testing.TB, data string, year, n int) []string {
	cat := filepath.Join(data, itoa(year), "actions.xlsx")
	xlsxtest.Write(tb, cat, catalogue([]any{"Fresque du climat", "Attractivité", "atelier", "", ""}))
	att := filepath.Join(data, itoa(year), "participations", "a.xlsx")
	xlsxtest.Write(tb, att, attendance(
		[]any{"Fresque du climat", xlsxtest.Serial(year, 3, 5), "Lycée Eiffel", "lycéens", n, 1},
		[]any{"Fresque du climat", xlsxtest.Serial(year, 3, 6), "Lycée Mathias", "lycéens", n, 1},
	))
	return []string{cat, att}
}

func itoa(y int) string { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006") }

type yearValue struct {
	Year    int
	Value   float64
	Version int
}

// history is what the command line does: the recorded figures, and the
// other years with data computed with the definition of that version.
func history(tb testing.TB, s *pipeline.Store, version string) []yearValue {
	tb.Helper()
	ctx := context.Background()
	rows, err := s.RecordedFigures(ctx, campus)
	if err != nil {
		tb.Fatalf("RecordedFigures: %v", err)
	}
	years, err := s.DataYears(ctx, campus)
	if err != nil {
		tb.Fatalf("DataYears: %v", err)
	}
	recorded := map[int]bool{}
	for _, r := range rows {
		recorded[r.Year] = true
	}
	for _, y := range years {
		if !recorded[y] {
			live, err := pipeline.Compute(ctx, s.DB, countSQL(version), campus, y)
			if err != nil {
				tb.Fatalf("Compute(%d): %v", y, err)
			}
			rows = append(rows, live...)
		}
	}
	slices.SortStableFunc(rows, func(a, b pipeline.Row) int { return a.Year - b.Year })
	var out []yearValue
	for _, r := range rows {
		out = append(out, yearValue{r.Year, r.Value, r.Version})
	}
	return out
}

// TestRecordedFigures checks that the comparison of years reads each
// year's recorded figures with the version that computed them, computes the
// years never recorded, and forgets a year whose folder is gone.
func TestRecordedFigures(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	// Imports, the record of figures and a later import, in this order.
	imported, recorded, reimported := time.Date(2026, 1, 15, 10, 0, 0, 0, time.UTC), time.Date(2026, 1, 15, 10, 5, 0, 0, time.UTC), time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)
	im.Now = func() time.Time { return imported }
	for _, y := range []int{2023, 2024, 2025} {
		for _, f := range writeYear(t, data, y, y-2000) {
			mustImport(t, im, f)
		}
	}
	s := im.Store

	// Nothing recorded yet: every year is computed with today's definition.
	want := []yearValue{{2023, 46, 1}, {2024, 48, 1}, {2025, 50, 1}}
	if d := cmp.Diff(want, history(t, s, "1")); d != "" {
		t.Errorf("History before any record (-want +got):\n%s", d)
	}

	// 2023 and 2024 were reported with version 1; the definition is now
	// version 2 and only 2025 is recomputed: the older years keep version 1.
	for _, y := range []int{2023, 2024} {
		rows, err := pipeline.Compute(ctx, s.DB, countSQL("1"), campus, y)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.RecordFigures(ctx, campus, y, rows, recorded); err != nil {
			t.Fatal(err)
		}
	}
	want = []yearValue{{2023, 46, 1}, {2024, 48, 1}, {2025, 50, 2}}
	if d := cmp.Diff(want, history(t, s, "2")); d != "" {
		t.Errorf("History after recording 2023 and 2024 with version 1 (-want +got):\n%s", d)
	}

	// A file of 2024 imported again after its figures were recorded: 2024 is
	// computed afresh rather than shown with figures older than its data.
	im.Now = func() time.Time { return reimported }
	att := filepath.Join(data, "2024", "participations", "a.xlsx")
	xlsxtest.Write(t, att, attendance([]any{"Fresque du climat", xlsxtest.Serial(2024, 3, 5), "Lycée Eiffel", "lycéens", 30, 1}))
	mustImport(t, im, att)
	want = []yearValue{{2023, 46, 1}, {2024, 30, 2}, {2025, 50, 2}}
	if d := cmp.Diff(want, history(t, s, "2")); d != "" {
		t.Errorf("History after a new import of 2024 (-want +got):\n%s", d)
	}

	// The folder of 2023 is removed: its files and figures are forgotten, and
	// the year has no row at all (missing, not zero).
	gone, err := im.ForgetYear(ctx, filepath.Join(data, "2023"), 2023)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"2023/actions.xlsx", "2023/participations/a.xlsx"}, gone); d != "" {
		t.Errorf("ForgetYear forgot (-want +got):\n%s", d)
	}
	want = []yearValue{{2024, 30, 2}, {2025, 50, 2}}
	if d := cmp.Diff(want, history(t, s, "2")); d != "" {
		t.Errorf("History after the 2023 folder is gone (-want +got):\n%s", d)
	}
	years, err := s.DataYears(ctx, campus)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]int{2024, 2025}, years); d != "" {
		t.Errorf("DataYears (-want +got):\n%s", d)
	}
}

// TestRecordFigures_roundTrip checks that every field of a row comes back as
// it was recorded, questionnaire fields and the small-cell mark included, in
// the recorded order.
func TestRecordFigures_roundTrip(t *testing.T) {
	ctx := context.Background()
	im := mustOpenImporter(t, t.TempDir())
	f := func(v float64) *float64 { return &v }
	i := func(v int64) *int64 { return &v }
	rows := []pipeline.Row{
		{ID: "participants", Label: "Personnes impactées", Definition: "Somme.", Version: 3, Year: 2024, Value: 3073, N: 3073, Unit: "personnes"},
		{ID: "survey_change", Label: "Évolution", Definition: "Avant, après.", Version: 1, Year: 2024, Survey: "ET 2024",
			Dimension: "vague", Category: "après", Value: 0.26, N: 18, CILow: f(0.1), CIHigh: f(0.4), Unit: "évolution",
			Question: "interet", QuestionLabel: "Intérêt ?", Wave: "après", Pairs: i(18), PreOnly: i(0), PostOnly: i(2),
			Test: "wilcoxon", PValue: f(0.01), Note: "petit échantillon"},
		{ID: "orientation_confirmed_rate", Label: "Orientation", Definition: "4 ou 5.", Version: 1, Year: 2024, Survey: "ET 2024",
			Unit: "part", Note: "moins de 10 répondants", WithheldBelow: 10},
	}
	if err := im.Store.RecordFigures(ctx, campus, 2024, rows, time.Date(2026, 1, 15, 11, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	got, err := im.Store.RecordedFigures(ctx, campus)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(rows, got); d != "" {
		t.Errorf("RecordedFigures (-recorded +read back):\n%s", d)
	}
}
