package queries_test

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cmq-greencity/greencity/queries"
)

// TestCreateScopedStaging checks that a scope restricts the attendance and
// the surveys the staging views give to the actions it lists, per campus and
// year, and that the indicators, unchanged, then compute the scope's figures.
func TestCreateScopedStaging(t *testing.T) {
	db := mustLoad(t, fixture{
		actions: catalogue,
		participations: withNoise(
			participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "lycéens", Participants: 30},
			participation{Action: "Visite chantier", Date: "2025-04-02", Public: "collégiens", Participants: 12},
			participation{Action: "Visite chantier", Date: "2025-05-02", Public: "lycéens", Participants: 5},
		),
		surveys: []survey{{File: "questionnaires/tour.xlsx", Titre: tour, Population: 30}},
		answers: []answer{{File: "questionnaires/tour.xlsx", Wave: "pre", Respondent: "A", Question: "satisfaction", Value: f(4)}},
	})
	ctx := context.Background()
	scope := func(s *queries.Scope) {
		t.Helper()
		if err := queries.CreateScopedStaging(ctx, db, queries.FS, s); err != nil {
			t.Fatalf("CreateScopedStaging(%v): %v", s, err)
		}
	}
	attendance := `select campus, year, action_key, participants from stg_participations order by all`
	surveys := `select source_file from stg_surveys order by all`

	// Visite chantier of this campus and year only: not the Engagement Tour,
	// nor the rows of another campus or year whose action is not listed.
	scope(&queries.Scope{Actions: []queries.ScopeAction{{Campus: campus, Year: year, ActionKey: "visitechantier"}}})
	want := []string{campus + " | 2025 | visitechantier | 5", campus + " | 2025 | visitechantier | 12"}
	if d := cmp.Diff(want, dump(t, db, attendance)); d != "" {
		t.Errorf("stg_participations scoped to Visite chantier (-want +got):\n%s", d)
	}
	if got := dump(t, db, surveys); len(got) != 0 {
		t.Errorf("stg_surveys scoped to Visite chantier = %v, want none: the survey is of the Engagement Tour", got)
	}
	if d := cmp.Diff([]result{
		headline(17, 17, "personnes"),
		by("public", "collégiens", 12, 12, "personnes"),
		by("public", "lycéens", 5, 5, "personnes"),
	}, only(run(t, db, "participants"), "", "public"), floats); d != "" {
		t.Errorf("participants scoped to Visite chantier (-want +got):\n%s", d)
	}

	// The Engagement Tour: its attendance and its survey.
	scope(&queries.Scope{Actions: []queries.ScopeAction{{Campus: campus, Year: year, ActionKey: "engagementtour"}}})
	if got := dump(t, db, surveys); !cmp.Equal(got, []string{"questionnaires/tour.xlsx"}) {
		t.Errorf("stg_surveys scoped to the Engagement Tour = %v, want its file", got)
	}
	if got := dump(t, db, `select count(*) from stg_survey_responses`); !cmp.Equal(got, []string{"1"}) {
		t.Errorf("stg_survey_responses scoped to the Engagement Tour = %v rows, want 1", got)
	}

	// A scope of no action keeps nothing; no scope keeps everything.
	scope(&queries.Scope{})
	if got := dump(t, db, attendance); len(got) != 0 {
		t.Errorf("stg_participations with an empty scope = %v, want none", got)
	}
	scope(nil)
	if got := dump(t, db, attendance); len(got) != 5 {
		t.Errorf("stg_participations of the whole campus = %d rows, want all 5", len(got))
	}
	if got := dump(t, db, surveys); len(got) != 1 {
		t.Errorf("stg_surveys of the whole campus = %v, want the survey", got)
	}
}

// only keeps the headline rows and those of dimension dim.
func only(rs []result, headlineDim, dim string) []result {
	return slices.DeleteFunc(rs, func(r result) bool {
		d := ""
		if r.Dimension != nil {
			d = *r.Dimension
		}
		return d != headlineDim && d != dim
	})
}

// TestLoad_FollowsScope checks which indicators follow a report's scope:
// all those about actions, not the attractiveness of the training
// programmes, which no action has; and that the scope's tables are not
// among the imported tables an indicator reads.
func TestLoad_FollowsScope(t *testing.T) {
	all, err := queries.Load(queries.FS)
	if err != nil {
		t.Fatalf("Load(FS): %v", err)
	}
	for _, ind := range all {
		if want := ind.ID != "attractiveness"; ind.FollowsScope != want {
			t.Errorf("%s: FollowsScope = %v, want %v", ind.ID, ind.FollowsScope, want)
		}
		for _, r := range ind.Reads {
			if r == "report_scope" || r == "report_scope_actions" {
				t.Errorf("%s: Reads = %v, holds the scope table %s", ind.ID, ind.Reads, r)
			}
		}
	}
}
