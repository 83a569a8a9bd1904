package trend

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cmq-greencity/greencity/stats"
)

func f(v float64) *float64 { return &v }

// pt is a figure without an interval.
func pt(k Key, year int, v float64, version int) Point {
	return Point{Key: k, Year: year, Value: v, Version: version}
}

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
		pt(part, 2023, 1681, 1), pt(coll, 2023, 600, 1), pt(attr, 2023, 1.5, 1),
		// 2024 is missing altogether: its folder was removed.
		pt(part, 2025, 4604, 1), pt(coll, 2025, 2087, 1), pt(attr, 2025, 1.2, 2),
		pt(part, 2026, 4604, 1), pt(coll, 2026, 0, 1), pt(attr, 2026, 1.8, 2),
		pt(part, 2030, 1, 1), // outside the columns: ignored
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
	got := Compare([]Point{pt(k, 2024, 0, 1), pt(k, 2025, 20, 1)}, []int{2024, 2025})
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

// share is a share of k people out of n with its Wilson interval, as the
// pipeline records it.
func share(k Key, year, people, n int) Point {
	lo, hi := stats.Wilson(people, n)
	return Point{Key: k, Year: year, Value: float64(people) / float64(n), Version: 1, N: int64(n), Low: &lo, High: &hi, Interval: Wilson}
}

func TestCompare_shareChangeInterval(t *testing.T) {
	k := Key{ID: "orientation_confirmed_rate", Survey: "forum"}
	for _, tt := range []struct {
		name          string
		before, after [2]int // people, n
		noise         bool
	}{
		// 14 of 20, then 15 of 18: +13 points, but two small surveys.
		{"small surveys", [2]int{14, 20}, [2]int{15, 18}, true},
		// 30 of 100, then 90 of 100: a change no sampling explains.
		{"clear change", [2]int{30, 100}, [2]int{90, 100}, false},
	} {
		got := Compare([]Point{share(k, 2024, tt.before[0], tt.before[1]), share(k, 2025, tt.after[0], tt.after[1])}, []int{2024, 2025})
		c := got[0].Cells[1]
		lo, hi, _ := stats.NewcombeDiff(tt.before[0], tt.before[1], tt.after[0], tt.after[1])
		if c.ChangeLow == nil || c.ChangeHigh == nil || *c.ChangeLow != lo || *c.ChangeHigh != hi {
			t.Fatalf("%s: change interval %v, %v; want Newcombe's %v, %v", tt.name, c.ChangeLow, c.ChangeHigh, lo, hi)
		}
		if noise, ok := c.ChangeWithinNoise(); !ok || noise != tt.noise {
			t.Errorf("%s: ChangeWithinNoise() = %v, %v; want %v, true (interval %.3f to %.3f)", tt.name, noise, ok, tt.noise, lo, hi)
		}
	}
}

func TestCompare_meanChangeInterval(t *testing.T) {
	k := Key{ID: "survey_change", Survey: "forum", Category: "interet"}
	// A mean change in points with its Student interval, as stats gives it
	// for the pairs of one survey.
	mean := func(year int, x, y []float64) Point {
		m, err := stats.PairedMeanChange(x, y)
		if err != nil {
			t.Fatal(err)
		}
		return Point{Key: k, Year: year, Value: m.Mean, Version: 1, N: int64(m.N), Low: &m.Low, High: &m.High, Interval: Student}
	}
	pre := []float64{2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3}
	small := []float64{2, 4, 3, 3, 2, 4, 3, 3, 2, 4, 3, 3}    // +0.5 on average
	smallToo := []float64{3, 3, 2, 4, 3, 3, 2, 4, 3, 4, 2, 3} // +0.5 too, spread otherwise
	large := []float64{5, 5, 4, 5, 5, 5, 4, 5, 5, 5, 4, 5}    // +2.2
	for _, tt := range []struct {
		name        string
		after, next []float64
		noise       bool
	}{
		{"same change", small, smallToo, true},
		{"change grown", small, large, false},
	} {
		a, b := mean(2024, pre, tt.after), mean(2025, pre, tt.next)
		got := Compare([]Point{a, b}, []int{2024, 2025})
		c := got[0].Cells[1]
		seA, _ := stats.StudentSE(*a.Low, *a.High, int(a.N))
		seB, _ := stats.StudentSE(*b.Low, *b.High, int(b.N))
		lo, hi, _ := stats.WelchDiff(a.Value, seA, int(a.N), b.Value, seB, int(b.N))
		if c.ChangeLow == nil || c.ChangeHigh == nil || *c.ChangeLow != lo || *c.ChangeHigh != hi {
			t.Fatalf("%s: change interval %v, %v; want Welch's %v, %v", tt.name, c.ChangeLow, c.ChangeHigh, lo, hi)
		}
		if noise, ok := c.ChangeWithinNoise(); !ok || noise != tt.noise {
			t.Errorf("%s: ChangeWithinNoise() = %v, %v; want %v, true (interval %.3f to %.3f)", tt.name, noise, ok, tt.noise, lo, hi)
		}
	}
}

func TestCompare_noChangeInterval(t *testing.T) {
	k := Key{ID: "orientation_confirmed_rate"}
	withInterval := share(k, 2025, 15, 18)
	notWhole := share(k, 2024, 14, 20)
	notWhole.Value = 0.71 // not whole people out of 20
	student := share(k, 2024, 14, 20)
	student.Interval = Student
	for _, tt := range []struct {
		name   string
		before Point
	}{
		{"no interval the year before", pt(k, 2024, 0.7, 1)},
		{"not whole people", notWhole},
		{"intervals of two kinds", student},
	} {
		c := Compare([]Point{tt.before, withInterval}, []int{2024, 2025})[0].Cells[1]
		if c.Change == nil {
			t.Fatalf("%s: no change", tt.name)
		}
		if _, ok := c.ChangeWithinNoise(); ok || c.ChangeLow != nil || c.ChangeHigh != nil {
			t.Errorf("%s: change interval %v, %v; want none", tt.name, c.ChangeLow, c.ChangeHigh)
		}
	}
}
