package pipeline_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"github.com/cmq-greencity/greencity/internal/demodata"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/cmq-greencity/greencity/queries"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// mustStore opens an empty store in a temporary directory.
func mustStore(tb testing.TB) *pipeline.Store {
	tb.Helper()
	s, err := pipeline.OpenStore(context.Background(), filepath.Join(tb.TempDir(), "test.duckdb"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Error(err)
		}
	})
	return s
}

// loadSurvey writes a survey of the demonstration data straight into the
// tables, as the importer would (codes as written: pairing does not depend on
// how they are hashed).
func loadSurvey(tb testing.TB, s *pipeline.Store, sv demodata.Survey) {
	tb.Helper()
	exec := func(q string, args ...any) {
		tb.Helper()
		if _, err := s.DB.Exec(q, args...); err != nil {
			tb.Fatalf("%v\n%s", err, q)
		}
	}
	exec(`insert into surveys values (?, 2025, ?, ?, ?, ?, ?, ?)`, campus, sv.Path, sv.Titre, sv.Action, pipeline.Key(sv.Action), sv.Population, sv.Path)
	for _, q := range sv.Questions {
		exec(`insert into survey_questions values (?, 2025, ?, ?, ?, ?)`, campus, sv.Path, q.ID, q.Libelle, q.Type)
	}
	for wave, responses := range map[string][]demodata.Response{"pre": sv.Pre, "post": sv.Post} {
		for _, r := range responses {
			for q, a := range r.Answers {
				var v any
				if n, ok := a.(int); ok {
					v = float64(n)
				}
				exec(`insert into survey_answers values (?, 2025, ?, ?, ?, ?, ?, ?)`, campus, sv.Path, wave, r.Code, q, v, fmt.Sprint(a))
			}
		}
	}
}

func fp(v float64) *float64 { return &v }
func ip(v int64) *int64     { return &v }

// TestCompute_EngagementTour computes the indicators of the shipped 2025
// survey (19 pupils before, 18 after, 17 in both) and checks what Go adds to
// the queries: the Wilson interval, the paired tests, the interval of the
// mean change, and the notes. Expected values: stats' tests, where each is
// derived from a reference implementation.
func TestCompute_EngagementTour(t *testing.T) {
	s := mustStore(t)
	loadSurvey(t, s, demodata.EngagementTourSurvey())
	rows, err := pipeline.Compute(context.Background(), s.DB, queries.FS, campus, 2025)
	if err != nil {
		t.Fatal(err)
	}
	type figure struct {
		ID, Dimension, Category, Question, Wave string
		Value                                   float64
		N                                       int64
		CILow, CIHigh                           *float64
		Pairs, PreOnly, PostOnly                *int64
		Test                                    string
		PValue, PAdjusted                       *float64
		Note                                    string
	}
	got := map[string]figure{}
	for _, r := range rows {
		if r.Survey != "Engagement tour lycée 2025" {
			t.Errorf("row %s has survey %q", r.ID, r.Survey)
		}
		k := r.ID + "/" + r.Question + "/" + r.Wave + "/" + r.Dimension + "/" + r.Category
		got[k] = figure{r.ID, r.Dimension, r.Category, r.Question, r.Wave, r.Value, r.N, r.CILow, r.CIHigh,
			r.Pairs, r.PreOnly, r.PostOnly, r.Test, r.PValue, r.PAdjusted, r.Note}
	}
	const small17 = "petit échantillon (17 paires, moins de 30) : à lire avec prudence"
	// The survey tests two questions, each by its Wilcoxon test and the
	// McNemar test of its share agreeing: p = 1/32768, 3/4096, 2/1024 and
	// 24/2048, adjusted by Holm (R: p.adjust(p, "holm")): 4/32768, 9/4096,
	// 4/1024 and 24/2048 (sorted, times 4, 3, 2, 1; none lowered).
	holmInterest := fp(9.0 / 4096)
	want := map[string]figure{
		// 15 of 18 (prop.test(15, 18, correct = FALSE)).
		"orientation_confirmed_rate////": {ID: "orientation_confirmed_rate", Value: 15.0 / 18, N: 18,
			CILow: fp(0.60777961896084269), CIHigh: fp(0.94163423194138553),
			Note: "petit échantillon (18 répondants, moins de 30) : à lire avec prudence ; intervalle de confiance large (33 points) : estimation peu précise"},
		// 3.0 -> 4.0 over 17 pairs; exact Wilcoxon p = 3/4096.
		"interest_uplift////": {ID: "interest_uplift", Value: 1.0 / 3, N: 17,
			Pairs: ip(17), PreOnly: ip(2), PostOnly: ip(1), Test: "wilcoxon", PValue: fp(3.0 / 4096), PAdjusted: holmInterest, Note: small17},
		"interest_uplift///mesure/écart en points": {ID: "interest_uplift", Dimension: "mesure", Category: "écart en points", Value: 1, N: 17,
			CILow: fp(0.59352671395632223), CIHigh: fp(1.4064732860436778),
			Pairs: ip(17), PreOnly: ip(2), PostOnly: ip(1), Test: "wilcoxon", PValue: fp(3.0 / 4096), PAdjusted: holmInterest, Note: small17},
		// 17 of the 20 pupils who answered at least once.
		"survey_pairing////": {ID: "survey_pairing", Value: 17.0 / 20, N: 20, Pairs: ip(17), PreOnly: ip(2), PostOnly: ip(1)},
		"survey_change/interet_sciences_energie///": {ID: "survey_change", Question: "interet_sciences_energie", Value: 1, N: 17,
			CILow: fp(0.59352671395632223), CIHigh: fp(1.4064732860436778),
			Pairs: ip(17), PreOnly: ip(2), PostOnly: ip(1), Test: "wilcoxon", PValue: fp(3.0 / 4096), PAdjusted: holmInterest, Note: small17},
		// Agreeing with interest (4 or 5): 4 of the 17 pairs before, 13
		// after; one pupil went from agreeing to not, ten the other way:
		// binom.test(1, 11, 0.5) = 2 * 12/2048.
		"survey_change/interet_sciences_energie//mesure/part d'accord": {ID: "survey_change", Question: "interet_sciences_energie",
			Dimension: "mesure", Category: "part d'accord", Value: 9.0 / 17, N: 17,
			Pairs: ip(17), PreOnly: ip(2), PostOnly: ip(1), Test: "mcnemar", PValue: fp(24.0 / 2048), PAdjusted: fp(24.0 / 2048), Note: small17},
		// Knowing the trades: nobody agreed before, 10 of 17 after:
		// binom.test(0, 10, 0.5) = 2/1024.
		"survey_change/connait_metiers//mesure/part d'accord": {ID: "survey_change", Question: "connait_metiers",
			Dimension: "mesure", Category: "part d'accord", Value: 10.0 / 17, N: 17,
			Pairs: ip(17), PreOnly: ip(2), PostOnly: ip(1), Test: "mcnemar", PValue: fp(2.0 / 1024), PAdjusted: fp(4.0 / 1024), Note: small17},
		// 16 pupils of 17 know the trades better, one the same: V = 136 of
		// 136, p = 2/2^16 (enumeration); t interval from mpmath.
		"survey_change/connait_metiers///": {ID: "survey_change", Question: "connait_metiers", Value: 27.0 / 17, N: 17,
			CILow: fp(1.1793779800886643), CIHigh: fp(1.9970926081466299),
			Pairs: ip(17), PreOnly: ip(2), PostOnly: ip(1), Test: "wilcoxon", PValue: fp(1.0 / 32768), PAdjusted: fp(4.0 / 32768), Note: small17},
		// Orientation asked after only: 15 of 18 agree, as above.
		"survey_likert/renforce_orientation/après//": {ID: "survey_likert", Question: "renforce_orientation", Wave: "après", Value: 15.0 / 18, N: 18,
			CILow: fp(0.60777961896084269), CIHigh: fp(0.94163423194138553),
			Note: "petit échantillon (18 répondants, moins de 30) : à lire avec prudence ; intervalle de confiance large (33 points) : estimation peu précise"},
		// Interest agreeing (4 or 5) over the 17 pairs: 23.5 % before, 76.5 %
		// after (Wilson, mpmath): the report's headline of the change.
		"survey_likert/interet_sciences_energie/avant//": {ID: "survey_likert", Question: "interet_sciences_energie", Wave: "avant",
			Value: 4.0 / 17, N: 17, CILow: fp(0.09555044322080115), CIHigh: fp(0.47261798119564982),
			Note: "petit échantillon (17 répondants, moins de 30) : à lire avec prudence ; intervalle de confiance large (38 points) : estimation peu précise"},
		"survey_likert/interet_sciences_energie/après//": {ID: "survey_likert", Question: "interet_sciences_energie", Wave: "après",
			Value: 13.0 / 17, N: 17, CILow: fp(0.52738201880435018), CIHigh: fp(0.90444955677919885),
			Note: "petit échantillon (17 répondants, moins de 30) : à lire avec prudence ; intervalle de confiance large (38 points) : estimation peu précise"},
		// Interest before, over the 17 pairs: 4 pupils answered 4
		// (Wilson of 4/17 from mpmath, as in stats' tests).
		"survey_likert/interet_sciences_energie/avant/réponse/4": {ID: "survey_likert", Question: "interet_sciences_energie", Wave: "avant",
			Dimension: "réponse", Category: "4", Value: 4.0 / 17, N: 17,
			CILow: fp(0.09555044322080115), CIHigh: fp(0.47261798119564982),
			Note: "petit échantillon (17 répondants, moins de 30) : à lire avec prudence ; intervalle de confiance large (38 points) : estimation peu précise"},
	}
	approx := cmpopts.EquateApprox(0, 1e-12)
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			t.Errorf("Compute: no row %s", k)
			continue
		}
		if d := cmp.Diff(w, g, approx); d != "" {
			t.Errorf("Compute %s (-want +got):\n%s", k, d)
		}
	}
	// The response rates count who answered: no interval, no note.
	for _, r := range rows {
		if r.ID == "response_rate" && (r.CILow != nil || r.Note != "") {
			t.Errorf("response_rate %s has an interval or a note: %+v", r.Category, r)
		}
	}
}

// TestCompute_McNemar checks the test of a yes/no question asked twice.
func TestCompute_McNemar(t *testing.T) {
	s := mustStore(t)
	sv := demodata.Survey{Path: "questionnaires/q.xlsx", Action: "Forum", Titre: "Forum 2025", Population: 30,
		Questions: []demodata.Question{{ID: "veut_metier", Libelle: "Veux-tu exercer un métier de l'énergie ?", Type: "oui_non"}}}
	// 13 pairs: 1 went from oui to non, 9 from non to oui, 3 stayed oui.
	for i := range 13 {
		code := fmt.Sprintf("F%02d", i)
		before, after := 0, 1
		switch {
		case i == 0:
			before, after = 1, 0
		case i >= 10:
			before = 1
		}
		sv.Pre = append(sv.Pre, demodata.Response{Code: code, Answers: map[string]any{"veut_metier": before}})
		sv.Post = append(sv.Post, demodata.Response{Code: code, Answers: map[string]any{"veut_metier": after}})
	}
	loadSurvey(t, s, sv)
	rows, err := pipeline.Compute(context.Background(), s.DB, queries.FS, campus, 2025)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.ID != "survey_change" {
			continue
		}
		// "oui" from 4/13 to 12/13; binom.test(1, 10, 0.5): 2 * 11/1024.
		if r.Test != "mcnemar" || r.PValue == nil || math.Abs(*r.PValue-22.0/1024) > 1e-15 ||
			math.Abs(r.Value-8.0/13) > 1e-12 || r.Unit != "écart de part" || r.CILow != nil {
			t.Errorf("survey_change = %+v (p %v), want +8/13, mcnemar p = 22/1024, no interval", r, *r.PValue)
		}
		return
	}
	t.Fatal("no survey_change row")
}

// TestCompute_NoSpread checks a change in points that every pair shares:
// 12 pupils each up one point. The Student interval would be [+1 ; +1]; the
// figure has none and says why. One question tested: no Holm adjustment.
func TestCompute_NoSpread(t *testing.T) {
	s := mustStore(t)
	sv := demodata.Survey{Path: "questionnaires/q.xlsx", Action: "Forum", Titre: "Forum 2025", Population: 30,
		Questions: []demodata.Question{{ID: "interet_sciences_energie", Libelle: "Intérêt", Type: "likert5"}}}
	for i := range 12 {
		code := fmt.Sprintf("F%02d", i)
		before := 1 + i%4
		sv.Pre = append(sv.Pre, demodata.Response{Code: code, Answers: map[string]any{"interet_sciences_energie": before}})
		sv.Post = append(sv.Post, demodata.Response{Code: code, Answers: map[string]any{"interet_sciences_energie": before + 1}})
	}
	loadSurvey(t, s, sv)
	rows, err := pipeline.Compute(context.Background(), s.DB, queries.FS, campus, 2025)
	if err != nil {
		t.Fatal(err)
	}
	const want = "petit échantillon (12 paires, moins de 30) : à lire avec prudence ; " +
		"pas d'intervalle de confiance : les 12 paires ont toutes changé de +1 point, et un intervalle de largeur nulle " +
		"prétendrait l'écart connu exactement alors que quelques personnes de plus pourraient le modifier"
	checked := 0
	for _, r := range rows {
		if r.Unit != "points sur 5" || r.Pairs == nil {
			continue
		}
		checked++
		// 12 positive differences, all tied: V = 78, p = 2/4096.
		if r.Value != 1 || r.CILow != nil || r.CIHigh != nil || r.Note != want || r.Test != "wilcoxon" ||
			r.PValue == nil || math.Abs(*r.PValue-2.0/4096) > 1e-15 || r.PAdjusted != nil {
			t.Errorf("%s %s = %+v, want +1 without interval, p = 2/4096 not adjusted, note %q", r.ID, r.Dimension, r, want)
		}
	}
	if checked != 2 { // interest_uplift's change in points and survey_change
		t.Errorf("%d changes in points, want 2", checked)
	}
}
