package trend

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func f(v float64) *float64 { return &v }

func TestSpan(t *testing.T) {
	if d := cmp.Diff([]int{2023, 2024, 2025}, Span([]int{2025, 2023})); d != "" {
		t.Errorf("Span (-want +got):\n%s", d)
	}
	if got := Span(nil); got != nil {
		t.Errorf("Span(nil) = %v, want nil", got)
	}
}

func TestCompare(t *testing.T) {
	part := Key{ID: "participants"}
	coll := Key{ID: "participants", Dimension: "public", Category: "collégiens"}
	attr := Key{ID: "attractiveness"}
	points := []Point{
		{part, 2023, 1681, 1}, {coll, 2023, 600, 1}, {attr, 2023, 1.5, 1},
		// 2024 is missing altogether: its folder was removed.
		{part, 2025, 4604, 1}, {coll, 2025, 2087, 1}, {attr, 2025, 1.2, 2},
		{part, 2026, 4604, 1}, {coll, 2026, 0, 1}, {attr, 2026, 1.8, 2},
		{part, 2030, 1, 1}, // outside the columns: ignored
	}
	years := []int{2023, 2024, 2025, 2026}
	missing := func(y int) Cell { return Cell{Year: y} }
	want := []Line{
		{Key: part, Cells: []Cell{
			{Year: 2023, Present: true, Value: 1681, Version: 1},
			missing(2024),
			{Year: 2025, Present: true, Value: 4604, Version: 1}, // no change from a missing year
			{Year: 2026, Present: true, Value: 4604, Version: 1, Change: f(0), ChangePct: f(0)},
		}},
		{Key: coll, Cells: []Cell{
			{Year: 2023, Present: true, Value: 600, Version: 1},
			missing(2024),
			{Year: 2025, Present: true, Value: 2087, Version: 1},
			{Year: 2026, Present: true, Value: 0, Version: 1, Change: f(-2087), ChangePct: f(-1)},
		}},
		{Key: attr, Cells: []Cell{
			{Year: 2023, Present: true, Value: 1.5, Version: 1},
			missing(2024),
			// The definition changed between 2023 and 2025, across the gap.
			{Year: 2025, Present: true, Value: 1.2, Version: 2, DefinitionChanged: true, PreviousVersion: 1},
			{Year: 2026, Present: true, Value: 1.8, Version: 2, Change: f(1.8 - 1.2), ChangePct: f((1.8 - 1.2) / 1.2)},
		}},
	}
	// 1.8 - 1.2 is 0.6000000000000001 at run time: compare to 1e-12.
	if d := cmp.Diff(want, Compare(points, years), cmpopts.EquateApprox(0, 1e-12)); d != "" {
		t.Errorf("Compare (-want +got):\n%s", d)
	}
}

func TestCompare_changeFromZero(t *testing.T) {
	k := Key{ID: "immersion_periods"}
	got := Compare([]Point{{k, 2024, 0, 1}, {k, 2025, 20, 1}}, []int{2024, 2025})
	want := Cell{Year: 2025, Present: true, Value: 20, Version: 1, Change: f(20)} // no % of zero
	if d := cmp.Diff(want, got[0].Cells[1]); d != "" {
		t.Errorf("change from 0 (-want +got):\n%s", d)
	}
}

func TestSurveyKey(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Engagement tour lycée 2025", "engagement tour lycee"},
		{"Engagement Tour Lycee 2024", "engagement tour lycee"},
		{"  Engagement  tour lycée  ", "engagement tour lycee"},
		{"Forum – 2025", "forum"},
		{"Bilan (2024)", "bilan"},
		{"Promotion 2025 des stages", "promotion 2025 des stages"},
		// A school year: the survey of 2024-2025 and that of 2025-2026 are one.
		{"Engagement tour lycée 2024-2025", "engagement tour lycee"},
		{"Engagement Tour Lycée 2025/2026", "engagement tour lycee"},
		{"Forum (2024 – 2025)", "forum"},
		{"Forum 2024-25", "forum"},
		// Not a school year: a month, or years apart (only the last goes).
		{"Session 2025-01", "session 2025-01"},
		{"Bilan 2023-2025", "bilan 2023"},
		{"", ""},
	} {
		if got := SurveyKey(tt.in); got != tt.want {
			t.Errorf("SurveyKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSurveyName(t *testing.T) {
	for in, want := range map[string]string{
		"Engagement tour lycée 2025":      "Engagement tour lycée",
		"Engagement tour lycée 2024-2025": "Engagement tour lycée",
		"Forum des métiers":               "Forum des métiers",
	} {
		if got := SurveyName(in); got != want {
			t.Errorf("SurveyName(%q) = %q, want %q", in, got, want)
		}
	}
}
