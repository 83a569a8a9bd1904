package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cmq-greencity/greencity/queries"
	"github.com/cmq-greencity/greencity/stats"
)

// What SQL cannot compute about questionnaires. The indicator queries count,
// average and pair the answers; this file adds the Wilson interval of the
// shares, the paired tests (exact Wilcoxon signed-rank, exact McNemar) and
// the Student interval of a mean change, from package stats, and the notes
// that say out loud what limits a figure.

// respondentCounts are the questionnaire indicators that count who answered,
// not what they answered: they carry no small-sample note and are never
// withheld (the pairing counts are the n of every other figure).
var respondentCounts = []string{"response_rate", "survey_pairing"}

// pairedQuestion is the question behind a paired indicator whose rows do not
// name one: interest_uplift is defined on interet_sciences_energie.
var pairedQuestion = map[string]string{"interest_uplift": "interet_sciences_energie"}

// Limits of the small-sample notes (issue "Questionnaires analysed
// honestly"): below smallSample respondents a figure says it rests on few
// people; an interval wider than wideInterval (30 points) says the share is
// imprecise.
const (
	smallSample  = 30
	wideInterval = 0.30
)

// extraColumn holds one optional column of an indicator query
// (queries.Extras) while its rows are scanned.
type extraColumn struct {
	name string
	str  sql.NullString
	num  sql.NullInt64
	flt  sql.NullFloat64
	dest any
}

// extraColumns checks the columns of an indicator query, the contract's
// (queries.Columns) then any of queries.Extras, and returns holders for the
// extras.
func extraColumns(cols []string) ([]*extraColumn, error) {
	n := len(queries.Columns)
	if len(cols) < n || fmt.Sprint(cols[:n]) != fmt.Sprint(queries.Columns) {
		return nil, fmt.Errorf("returns columns %v, want %v then any of %v", cols, queries.Columns, queries.Extras)
	}
	var out []*extraColumn
	for i, c := range cols[n:] {
		if !slices.Contains(queries.Extras, c) || slices.Contains(cols[n:n+i], c) {
			return nil, fmt.Errorf("returns columns %v, want %v then any of %v, each once", cols, queries.Columns, queries.Extras)
		}
		e := &extraColumn{name: c}
		e.dest = &e.str
		switch c {
		case "pairs", "pre_only", "post_only":
			e.dest = &e.num
		case "coverage":
			e.dest = &e.flt
		}
		out = append(out, e)
	}
	return out, nil
}

// set copies the value scanned into the row.
func (e *extraColumn) set(r *Row) {
	switch e.name {
	case "question":
		r.Question = e.str.String
	case "question_label":
		r.QuestionLabel = e.str.String
	case "wave":
		r.Wave = e.str.String
	case "pairs":
		r.Pairs = optInt64(e.num)
	case "pre_only":
		r.PreOnly = optInt64(e.num)
	case "post_only":
		r.PostOnly = optInt64(e.num)
	case "coverage":
		r.Coverage = optFloat(e.flt)
	}
}

// addWilson gives a share of k = value × n people out of n its 95 % Wilson
// interval, unless the query gave one.
func addWilson(r *Row) {
	if r.N <= 0 || r.CILow != nil || r.CIHigh != nil {
		return
	}
	k := math.Round(r.Value * float64(r.N))
	if k < 0 || k > float64(r.N) || math.Abs(k-r.Value*float64(r.N)) > 1e-6 {
		return // not a share of whole people: no interval rather than a wrong one
	}
	lo, hi := stats.Wilson(int(k), int(r.N))
	r.CILow, r.CIHigh = &lo, &hi
}

// pairKey names the answers of one question of one survey.
type pairKey struct{ survey, question string }

// pairedAnswers are the answers of the people who answered a question in
// both waves, before (x) and after (y), in the same order.
type pairedAnswers struct {
	typ  string // likert5 | oui_non
	x, y []float64
}

// inferSurveys completes the questionnaire rows of one campus and year in
// place: the paired test of every paired figure, the interval of a mean
// change, the Holm-adjusted p-values of a survey testing several questions,
// and the notes.
func inferSurveys(ctx context.Context, db querier, campus string, year int, rows []Row) error {
	if !slices.ContainsFunc(rows, func(r Row) bool { return r.Survey != "" }) {
		return nil
	}
	pairs, err := loadPairs(ctx, db, campus, year)
	if err != nil {
		return err
	}
	notes := make([]string, len(rows))
	for i := range rows {
		if rows[i].Pairs != nil {
			if notes[i], err = addPairedTest(&rows[i], pairs); err != nil {
				return err
			}
		}
	}
	adjustHolm(rows)
	for i := range rows {
		rows[i].Note = joinNotes(smallSampleNote(rows[i]), notes[i])
	}
	return nil
}

// joinNotes sets notes one after the other, leaving out the empty ones.
func joinNotes(notes ...string) string {
	return strings.Join(slices.DeleteFunc(notes, func(n string) bool { return n == "" }), " ; ")
}

// testKey names one test reported about a survey: the test of one question.
type testKey struct{ survey, question, test string }

// adjustHolm sets PAdjusted on every tested row of a survey that tests more
// than one question: the p-value adjusted by Holm's method (stats.Holm) over
// every test the survey reports, each question's Wilcoxon or McNemar and the
// McNemar of its share agreeing. Testing four changes at 5 % each gives
// nearly one chance in five that one comes out "significant" by chance
// alone; adjusted, the chance that any does stays at 5 %. A test reported
// twice (interest_uplift repeats the Wilcoxon of survey_change) counts once.
func adjustHolm(rows []Row) {
	family := map[string][]testKey{}
	pOf := map[testKey]float64{}
	questions := map[string]map[string]bool{}
	for _, r := range rows {
		if r.Test == "" || r.PValue == nil {
			continue
		}
		k := testKey{r.Survey, questionOf(r), r.Test}
		if _, seen := pOf[k]; !seen {
			family[r.Survey] = append(family[r.Survey], k)
			pOf[k] = *r.PValue
		}
		if questions[r.Survey] == nil {
			questions[r.Survey] = map[string]bool{}
		}
		questions[r.Survey][k.question] = true
	}
	adjusted := map[testKey]float64{}
	for survey, keys := range family {
		if len(questions[survey]) < 2 {
			continue
		}
		ps := make([]float64, len(keys))
		for i, k := range keys {
			ps[i] = pOf[k]
		}
		for i, p := range stats.Holm(ps) {
			adjusted[keys[i]] = p
		}
	}
	for i := range rows {
		r := &rows[i]
		if p, ok := adjusted[testKey{r.Survey, questionOf(*r), r.Test}]; ok && r.PValue != nil {
			r.PAdjusted = &p
		}
	}
}

// questionOf is the question a row is about: its own, or the one its
// indicator is defined on.
func questionOf(r Row) string {
	if r.Question != "" {
		return r.Question
	}
	return pairedQuestion[r.ID]
}

// loadPairs reads the paired answers of every question with a scale. db
// must hold the staging views (Compute's connection).
func loadPairs(ctx context.Context, db querier, campus string, year int) (map[pairKey]*pairedAnswers, error) {
	rows, err := db.QueryContext(ctx, query("sql/survey_pairs.sql"), sql.Named("campus", campus), sql.Named("year", year))
	if err != nil {
		return nil, fmt.Errorf("sql/survey_pairs.sql: %w", err)
	}
	defer rows.Close()
	out := map[pairKey]*pairedAnswers{}
	for rows.Next() {
		var k pairKey
		var typ string
		var x, y float64
		if err := rows.Scan(&k.survey, &k.question, &typ, &x, &y); err != nil {
			return nil, fmt.Errorf("sql/survey_pairs.sql: %w", err)
		}
		p := out[k]
		if p == nil {
			p = &pairedAnswers{typ: typ}
			out[k] = p
		}
		p.x, p.y = append(p.x, x), append(p.y, y)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sql/survey_pairs.sql: %w", err)
	}
	return out, nil
}

// addPairedTest gives a paired figure its test: Wilcoxon signed-rank for a
// 1-5 scale, exact McNemar for yes/no and for the share agreeing (4 or 5) on
// a 1-5 scale; and a change in points of the scale its Student interval. It
// returns a note when the interval is left out. A question without a scale
// (a number, say) gets no test.
func addPairedTest(r *Row, pairs map[pairKey]*pairedAnswers) (string, error) {
	q := questionOf(*r)
	p := pairs[pairKey{r.Survey, q}]
	if p == nil {
		return "", nil
	}
	// Both sides pair the answers the same way; a different count would be
	// a test on other people than the figure's.
	if int64(len(p.x)) != *r.Pairs {
		return "", fmt.Errorf("%s, questionnaire %q, question %s : %d paires pour le chiffre, %d pour le test", r.ID, r.Survey, q, *r.Pairs, len(p.x))
	}
	if p.typ == "oui_non" || (p.typ == "likert5" && r.Unit == "écart de part") {
		pv := mcNemar(p)
		r.Test, r.PValue = "mcnemar", &pv
		return "", nil
	}
	if p.typ != "likert5" {
		return "", nil
	}
	w, err := stats.WilcoxonSignedRank(p.x, p.y)
	if err != nil {
		return "", fmt.Errorf("%s %q: %w", r.ID, r.Survey, err)
	}
	r.Test, r.PValue = "wilcoxon", &w.P
	if r.Unit != "points sur 5" {
		return "", nil
	}
	m, err := stats.PairedMeanChange(p.x, p.y)
	switch {
	case errors.Is(err, stats.ErrNoSpread):
		return noSpreadNote(m), nil
	case err == nil:
		r.CILow, r.CIHigh = &m.Low, &m.High
	}
	return "", nil
}

// noSpreadNote says why a change in points that every pair shares has no
// interval.
func noSpreadNote(m stats.MeanChange) string {
	d := strconv.FormatFloat(m.Mean, 'f', -1, 64)
	if m.Mean > 0 {
		d = "+" + d
	}
	return fmt.Sprintf("pas d'intervalle de confiance : les %d paires ont toutes changé de %s point, "+
		"et un intervalle de largeur nulle prétendrait l'écart connu exactement alors que quelques personnes de plus pourraient le modifier",
		m.N, strings.Replace(d, ".", ",", 1))
}

// mcNemar is the exact McNemar test of the pairs on agree / disagree: "oui"
// for a yes/no question, 4 or 5 (an averaged duplicate rounded, as the
// queries do) on a 1-5 scale.
func mcNemar(p *pairedAnswers) float64 {
	agrees := func(v float64) bool {
		if p.typ == "likert5" {
			return math.Round(v) >= 4
		}
		return v == 1
	}
	var toDisagree, toAgree int
	for i := range p.x {
		switch before, after := agrees(p.x[i]), agrees(p.y[i]); {
		case before && !after:
			toDisagree++
		case !before && after:
			toAgree++
		}
	}
	return stats.McNemarExact(toDisagree, toAgree)
}

// smallSampleNote says what limits a figure computed from answers: fewer
// than 30 respondents, and for a share an interval wider than 30 points.
func smallSampleNote(r Row) string {
	if !protected(r) {
		return ""
	}
	var notes []string
	if r.N < smallSample {
		id := "small_sample_respondents"
		if r.Pairs != nil {
			id = "small_sample_pairs"
		}
		notes = append(notes, french.Note(id, "N", r.N, "Min", smallSample))
	}
	if r.Unit == "part" && r.CILow != nil && r.CIHigh != nil && *r.CIHigh-*r.CILow > wideInterval {
		width := strconv.Itoa(int(math.Round((*r.CIHigh - *r.CILow) * 100)))
		notes = append(notes, french.Note("wide_interval", "Width", width))
	}
	return strings.Join(notes, " ; ")
}
