package pipeline

import (
	"context"
	"database/sql"
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
// change, and the small-sample notes.
func inferSurveys(ctx context.Context, db querier, campus string, year int, rows []Row) error {
	if !slices.ContainsFunc(rows, func(r Row) bool { return r.Survey != "" }) {
		return nil
	}
	pairs, err := loadPairs(ctx, db, campus, year)
	if err != nil {
		return err
	}
	for i := range rows {
		r := &rows[i]
		if r.Pairs != nil {
			if err := addPairedTest(r, pairs); err != nil {
				return err
			}
		}
		r.Note = smallSampleNote(*r)
	}
	return nil
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
// 1-5 scale, exact McNemar for yes/no; and a change in points of the scale
// its Student interval. A question without a scale (a number, say) gets no
// test.
func addPairedTest(r *Row, pairs map[pairKey]*pairedAnswers) error {
	q := r.Question
	if q == "" {
		q = pairedQuestion[r.ID]
	}
	p := pairs[pairKey{r.Survey, q}]
	if p == nil {
		return nil
	}
	// Both sides pair the answers the same way; a different count would be
	// a test on other people than the figure's.
	if int64(len(p.x)) != *r.Pairs {
		return fmt.Errorf("%s, questionnaire %q, question %s : %d paires pour le chiffre, %d pour le test", r.ID, r.Survey, q, *r.Pairs, len(p.x))
	}
	switch p.typ {
	case "likert5":
		w, err := stats.WilcoxonSignedRank(p.x, p.y)
		if err != nil {
			return fmt.Errorf("%s %q: %w", r.ID, r.Survey, err)
		}
		r.Test, r.PValue = "wilcoxon", &w.P
		if r.Unit == "points sur 5" {
			if m, err := stats.PairedMeanChange(p.x, p.y); err == nil {
				r.CILow, r.CIHigh = &m.Low, &m.High
			}
		}
	case "oui_non":
		var yesToNo, noToYes int
		for i := range p.x {
			switch {
			case p.x[i] == 1 && p.y[i] == 0:
				yesToNo++
			case p.x[i] == 0 && p.y[i] == 1:
				noToYes++
			}
		}
		pv := stats.McNemarExact(yesToNo, noToYes)
		r.Test, r.PValue = "mcnemar", &pv
	}
	return nil
}

// smallSampleNote says what limits a figure computed from answers: fewer
// than 30 respondents, and for a share an interval wider than 30 points.
func smallSampleNote(r Row) string {
	if !protected(r) {
		return ""
	}
	var notes []string
	if r.N < smallSample {
		who := "répondants"
		if r.Pairs != nil {
			who = "paires"
		}
		notes = append(notes, fmt.Sprintf("petit échantillon (%d %s, moins de %d) : à lire avec prudence", r.N, who, smallSample))
	}
	if r.Unit == "part" && r.CILow != nil && r.CIHigh != nil && *r.CIHigh-*r.CILow > wideInterval {
		width := strconv.Itoa(int(math.Round((*r.CIHigh - *r.CILow) * 100)))
		notes = append(notes, "intervalle de confiance large ("+width+" points) : estimation peu précise")
	}
	return strings.Join(notes, " ; ")
}
