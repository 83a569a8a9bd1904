package queries_test

import (
	"slices"
	"testing"
)

// Tests of the questionnaire indicators that describe each question
// (survey_likert, survey_change) and the pairing of the waves
// (survey_pairing). Intervals and tests are added in Go by pipeline.Compute
// and tested there; here the queries' counts, shares and pairs.

// onQuestion returns r as a figure about question (worded label), of wave
// when wave is not "".
func onQuestion(question, label, wave string, r result) result {
	r.Question, r.QuestionLabel = ptr(question), ptr(label)
	if wave != "" {
		r.Wave = ptr(wave)
	}
	return r
}

// The survey of these tests: interest asked before and after, a yes/no
// question asked before and after, orientation asked after only, a comment.
// A and B answered both times, C before only, D after only.
const (
	qInterest    = "interet_sciences_energie"
	qRecommend   = "recommande"
	qOrientation = "renforce_orientation"
	labInterest  = "Les sciences t'intéressent-elles ?"
)

func surveyFixture() fixture {
	const file = "questionnaires/tour.xlsx"
	return fixture{
		surveys: []survey{
			{File: file, Titre: tour, Population: 30},
			{Campus: otherCampus, File: file, Titre: tour, Population: 30},
		},
		questions: []question{
			{File: file, ID: qInterest, Libelle: labInterest, Type: "likert5"},
			{File: file, ID: qRecommend, Type: "oui_non"},
			{File: file, ID: qOrientation, Type: "likert5"},
			{File: file, ID: "commentaire", Type: "texte"},
			{Campus: otherCampus, File: file, ID: qInterest, Type: "likert5"},
		},
		answers: slices.Concat(
			likert(file, "pre", qInterest, map[string]*float64{"A": f(2), "B": f(3), "C": f(4)}),
			likert(file, "post", qInterest, map[string]*float64{"a ": f(4), "B": f(4), "D": f(5)}),
			likert(file, "pre", qRecommend, map[string]*float64{"A": f(0), "B": f(1)}),
			likert(file, "post", qRecommend, map[string]*float64{"A": f(1), "B": f(1), "D": f(0)}),
			likert(file, "post", qOrientation, map[string]*float64{"A": f(5), "B": f(2), "D": f(4)}),
			likert(file, "post", "commentaire", map[string]*float64{"B": nil}),
			// Another campus with the same file, title and codes.
			[]answer{{Campus: otherCampus, File: file, Wave: "pre", Respondent: "A", Question: qInterest, Value: f(5)}},
		),
	}
}

func TestSurveyLikert(t *testing.T) {
	const u = "part"
	share := func(q, label, wave string, v float64, n int64) result {
		return onQuestion(q, label, wave, inSurvey(tour, headline(v, n, u)))
	}
	bar := func(q, label, wave, answer string, v float64, n int64) result {
		return onQuestion(q, label, wave, inSurvey(tour, by("réponse", answer, v, n, u)))
	}
	scale := func(q, label, wave string, n int64, counts ...float64) []result {
		var out []result
		for i, c := range counts {
			out = append(out, bar(q, label, wave, string(rune('1'+i)), c/float64(n), n))
		}
		return out
	}
	want := slices.Concat(
		// Interest, asked twice: only A (2 → 4) and B (3 → 4) count.
		[]result{share(qInterest, labInterest, "avant", 0, 2)},
		scale(qInterest, labInterest, "avant", 2, 0, 1, 1, 0, 0),
		[]result{share(qInterest, labInterest, "après", 1, 2)},
		scale(qInterest, labInterest, "après", 2, 0, 0, 0, 2, 0),
		// Yes/no, asked twice: A (non → oui) and B (oui → oui).
		[]result{
			share(qRecommend, qRecommend, "avant", 0.5, 2),
			bar(qRecommend, qRecommend, "avant", "non", 0.5, 2),
			bar(qRecommend, qRecommend, "avant", "oui", 0.5, 2),
			share(qRecommend, qRecommend, "après", 1, 2),
			bar(qRecommend, qRecommend, "après", "non", 0, 2),
			bar(qRecommend, qRecommend, "après", "oui", 1, 2),
		},
		// Orientation, asked after only: everybody who answered it.
		[]result{share(qOrientation, qOrientation, "après", 2.0/3, 3)},
		scale(qOrientation, qOrientation, "après", 3, 0, 1, 0, 1, 1),
	)
	check(t, "survey_likert", []indicatorCase{
		{name: "shares and distributions, pairs for a question asked twice", fx: surveyFixture(), want: want},
		{name: "no answers gives no rows", fx: fixture{surveys: surveyFixture().surveys, questions: surveyFixture().questions}},
	})
}

func TestSurveyChange(t *testing.T) {
	check(t, "survey_change", []indicatorCase{
		{
			name: "change over the pairs of each question asked twice",
			fx:   surveyFixture(),
			want: []result{
				// (4 - 2 + 4 - 3) / 2 = 1.5 points; C before only, D after only.
				paired(onQuestion(qInterest, labInterest, "", inSurvey(tour, headline(1.5, 2, "points sur 5"))), 2, 1, 1),
				// Agreeing (4 or 5): neither A (2) nor B (3) before, both
				// after: from 0/2 to 2/2 of the pairs, +1.
				paired(onQuestion(qInterest, labInterest, "", inSurvey(tour, by("mesure", "part d'accord", 1, 2, "écart de part"))), 2, 1, 1),
				// "oui" from 1/2 to 2/2 of the pairs: +0.5; D after only.
				paired(onQuestion(qRecommend, qRecommend, "", inSurvey(tour, headline(0.5, 2, "écart de part"))), 2, 0, 1),
			},
		},
		{
			name: "a question asked twice to nobody in common gives no row",
			fx: fixture{surveys: surveyFixture().surveys, questions: surveyFixture().questions, answers: slices.Concat(
				likert("questionnaires/tour.xlsx", "pre", qInterest, map[string]*float64{"A": f(2)}),
				likert("questionnaires/tour.xlsx", "post", qInterest, map[string]*float64{"B": f(4)}),
			)},
		},
	})
}

// formsFixture is a survey exported from Google Forms: one export per wave,
// one title. K1, K2 and K3 answered before, K1 and K2 after (codes typed
// otherwise).
func formsFixture() fixture {
	return fixture{
		surveys: []survey{
			{File: "questionnaires/avant.xlsx", Titre: "Forum 2025", Population: 50},
			{File: "questionnaires/apres.xlsx", Titre: "Forum 2025", Population: 50},
		},
		answers: slices.Concat(
			likert("questionnaires/avant.xlsx", "pre", qInterest, map[string]*float64{"K1": f(3), "K2": f(3), "K3": f(3)}),
			likert("questionnaires/apres.xlsx", "post", qInterest, map[string]*float64{"k1": f(4), "K 2": f(4)}),
		),
	}
}

func TestSurveyPairing(t *testing.T) {
	fx := surveyFixture()
	// A survey asked after only has nothing to pair.
	fx.surveys = append(fx.surveys, survey{File: "questionnaires/atelier.xlsx", Titre: atelier, Population: 12})
	fx.answers = append(fx.answers, answer{File: "questionnaires/atelier.xlsx", Wave: "post", Respondent: "Z", Question: qOrientation, Value: f(4)})
	check(t, "survey_pairing", []indicatorCase{
		{
			// A, B in both waves; C before only; D after only (B's comment
			// counts as an answer): 2 of 4.
			name: "pairs over everybody who answered once at least",
			fx:   fx,
			want: []result{paired(inSurvey(tour, headline(0.5, 4, "part")), 2, 1, 1)},
		},
		{
			name: "two exports of one title pair up",
			fx:   formsFixture(),
			want: []result{paired(inSurvey("Forum 2025", headline(2.0/3, 3, "part")), 2, 1, 0)},
		},
	})
}

func TestResponseRate_twoExportsOneSurvey(t *testing.T) {
	check(t, "response_rate", []indicatorCase{{
		name: "one row per wave of the survey, not per file",
		fx:   formsFixture(),
		want: []result{
			inSurvey("Forum 2025", by("vague", "pre", 3.0/50, 3, "part")),
			inSurvey("Forum 2025", by("vague", "post", 2.0/50, 2, "part")),
		},
	}})
}
