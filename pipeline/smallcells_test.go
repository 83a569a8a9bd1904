package pipeline_test

import (
	"testing"

	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
)

const reason10 = "moins de 10 répondants : chiffre non publié pour qu'on ne puisse pas reconnaître les réponses de quelques personnes (seuil de publication : 10 répondants)"

// withheld is r as WithholdSmallCells(…, 10) leaves a withheld row: what
// locates it, nothing of what it says.
func withheld(r pipeline.Row) pipeline.Row {
	return pipeline.Row{ID: r.ID, Survey: r.Survey, Question: r.Question, QuestionLabel: r.QuestionLabel, Wave: r.Wave,
		Dimension: r.Dimension, Category: r.Category, Unit: r.Unit, Note: reason10, WithheldBelow: 10}
}

func TestWithholdSmallCells_Threshold(t *testing.T) {
	const s = "Stage 2025"
	rows := []pipeline.Row{
		// Below 10 respondents: withheld, with everything that would tell it.
		{ID: "survey_likert", Survey: s, Question: "satisfaction", Wave: "après", Value: 7.0 / 9, N: 9, CILow: fp(0.45), CIHigh: fp(0.94), Unit: "part", Note: "petit échantillon"},
		{ID: "interest_uplift", Survey: s, Value: 0.2, N: 9, Pairs: ip(9), PreOnly: ip(3), PostOnly: ip(0), Test: "wilcoxon", PValue: fp(0.04), Unit: "évolution"},
		// At 10 and above: shown as computed.
		{ID: "survey_likert", Survey: s, Question: "satisfaction", Wave: "avant", Value: 0.5, N: 10, CILow: fp(0.24), CIHigh: fp(0.76), Unit: "part"},
		{ID: "orientation_confirmed_rate", Survey: s, Value: 15.0 / 18, N: 18, Unit: "part"},
		// Counts of who answered, and figures of no questionnaire: never withheld.
		{ID: "response_rate", Survey: s, Dimension: "vague", Category: "post", Value: 0.2, N: 4, Unit: "part"},
		{ID: "survey_pairing", Survey: s, Value: 0.5, N: 6, Pairs: ip(3), PreOnly: ip(2), PostOnly: ip(1), Unit: "part"},
		{ID: "participants", Dimension: "action", Category: "Atelier", Value: 3, N: 3, Unit: "personnes"},
	}
	in := make([]pipeline.Row, len(rows))
	copy(in, rows)
	want := append([]pipeline.Row{withheld(in[0]), withheld(in[1])}, in[2:]...)
	got := pipeline.WithholdSmallCells(rows, 10)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("WithholdSmallCells(10) (-want +got):\n%s", d)
	}
	// The threshold is the configuration's: at 5, 9 respondents are shown.
	again := make([]pipeline.Row, len(in))
	copy(again, in)
	if d := cmp.Diff(in, pipeline.WithholdSmallCells(again, 5)); d != "" {
		t.Errorf("WithholdSmallCells(5) changed rows (-want +got):\n%s", d)
	}
}

// TestWithholdSmallCells_Complement: a breakdown whose parts add up to a
// headline that is shown would give a withheld part back by subtraction.
func TestWithholdSmallCells_Complement(t *testing.T) {
	const s = "Forum 2025"
	part := func(cat string, v float64, n int64) pipeline.Row {
		return pipeline.Row{ID: "survey_likert", Survey: s, Question: "satisfaction", Wave: "après", Dimension: "niveau", Category: cat, Value: v, N: n, Unit: "part"}
	}
	head := pipeline.Row{ID: "survey_likert", Survey: s, Question: "satisfaction", Wave: "après", Value: 0.6, N: 25, Unit: "part"}
	tests := []struct {
		name  string
		parts []pipeline.Row
		// hide lists the parts withheld, by index.
		hide []int
	}{
		{
			// 25 = 20 + 5: the headline minus the first part gives the 5
			// second-years' share; the first part goes too.
			name:  "one small part drags the other with it",
			parts: []pipeline.Row{part("seconde", 0.6, 20), part("première", 0.6, 5)},
			hide:  []int{0, 1},
		},
		{
			// 5 + 4 withheld rest on 9 people together, still fewer than 10:
			// the smallest part shown (7) goes too.
			name:  "withheld parts together still too few",
			parts: []pipeline.Row{part("seconde", 0.5, 9), part("première", 0.8, 5), part("terminale", 0.5, 4), part("BTS", 0.7, 7)},
			hide:  []int{0, 1, 2, 3},
		},
		{
			// 9 + 4 = 13 withheld: their sum is no single person's answer.
			name:  "withheld parts together are enough",
			parts: []pipeline.Row{part("seconde", 0.58, 12), part("première", 0.67, 9), part("terminale", 0.5, 4)},
			hide:  []int{1, 2},
		},
		{
			// Before and after rest on the same 25 people each: their n add
			// to 50, not 25, and nothing is given back by subtraction.
			name: "overlapping parts are not a partition",
			parts: []pipeline.Row{
				{ID: "survey_likert", Survey: s, Question: "satisfaction", Wave: "après", Dimension: "groupe", Category: "tous", Value: 0.6, N: 25, Unit: "part"},
				{ID: "survey_likert", Survey: s, Question: "satisfaction", Wave: "après", Dimension: "groupe", Category: "filles", Value: 0.5, N: 8, Unit: "part"},
				{ID: "survey_likert", Survey: s, Question: "satisfaction", Wave: "après", Dimension: "groupe", Category: "garçons", Value: 0.7, N: 10, Unit: "part"},
			},
			hide: []int{1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := append([]pipeline.Row{head}, tt.parts...)
			want := append([]pipeline.Row{head}, tt.parts...)
			for _, i := range tt.hide {
				want[i+1] = withheld(tt.parts[i])
			}
			got := pipeline.WithholdSmallCells(rows, 10)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("WithholdSmallCells (-want +got):\n%s", d)
			}
		})
	}
}
