package pipeline_test

import (
	"testing"

	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
)

// TestWithholdAcrossCampuses: a figure of the union is withheld when one
// campus withholds the same figure (the union minus the others would give
// it back), kept when no campus withholds it or when min campuses do, and
// a count of who answered is never withheld.
func TestWithholdAcrossCampuses(t *testing.T) {
	const s = "Forum 2025"
	rate := func(v float64, n int64) pipeline.Row {
		return pipeline.Row{ID: "orientation_confirmed_rate", Survey: s, Value: v, N: n, Unit: "part"}
	}
	likert := func(wave string, v float64, n int64) pipeline.Row {
		return pipeline.Row{ID: "survey_likert", Survey: s, Question: "satisfaction", Wave: wave, Value: v, N: n, Unit: "part"}
	}
	answered := pipeline.Row{ID: "response_rate", Survey: s, Dimension: "vague", Category: "post", Value: 0.4, N: 4, Unit: "part"}
	campuses := [][]pipeline.Row{
		pipeline.WithholdSmallCells([]pipeline.Row{rate(0.8, 40), likert("après", 0.5, 40), answered}, 10),
		pipeline.WithholdSmallCells([]pipeline.Row{rate(0.5, 6), likert("après", 0.5, 30), answered}, 10),
	}
	union := []pipeline.Row{rate(46*0.8/46, 46), likert("après", 0.5, 70), answered}
	want := []pipeline.Row{withheld(union[0]), union[1], union[2]}
	got := pipeline.WithholdAcrossCampuses(append([]pipeline.Row(nil), union...), campuses, 10)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("WithholdAcrossCampuses(10) (-want +got):\n%s", d)
	}
	// Two campuses withholding it rest on two people at least: enough at a
	// threshold of 2, not at 3.
	campuses[0] = pipeline.WithholdSmallCells([]pipeline.Row{rate(0.5, 1)}, 2)
	campuses[1] = pipeline.WithholdSmallCells([]pipeline.Row{rate(0.5, 1)}, 2)
	if got := pipeline.WithholdAcrossCampuses([]pipeline.Row{rate(0.5, 2)}, campuses, 2); got[0].WithheldBelow != 0 {
		t.Errorf("two campuses withheld at a threshold of 2: the union's figure was withheld, want it shown")
	}
	if got := pipeline.WithholdAcrossCampuses([]pipeline.Row{rate(0.5, 2)}, campuses, 3); got[0].WithheldBelow != 3 {
		t.Errorf("two campuses withheld at a threshold of 3: the union's figure was shown, want it withheld")
	}
}
