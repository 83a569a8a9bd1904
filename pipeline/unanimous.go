package pipeline

import (
	"cmp"
	"math"
	"slices"
	"strconv"
)

// The group disclosure rule. Enough people behind a figure (the small-cell
// rule) is not enough: when all of them, or all but one, are in the same
// category, the figure tells each person's answer. "100 % of the 12 pupils
// answered 3" says what every one of them answered; "11 of 12" lets each
// of the 12 know what the 11 others answered, and the odd one is whoever
// knows they answered otherwise.
//
// The rule applies to the figures that split people by something about
// them, which they would not want told one by one:
//   - the answers to a questionnaire, per question and wave (a "cell"):
//     the distribution of the answers (survey_likert, detail "réponse") and
//     the share agreeing, which splits the same people in two (agreeing or
//     not: survey_likert headline, orientation_confirmed_rate);
//   - the share of girls and the share living in a QPV or ZRR
//     (girls_share, qpv_share), headline and by public.
//
// It does not apply to counts: animations, participations and their
// breakdown by public, axe, action or type of establishment, establishments,
// immersion periods, programmes. Those count sessions organised for a
// public, not something each person told about themselves. Nor to who
// answered a questionnaire (response_rate, survey_pairing), nor to means:
// a mean does not say who gave which answer, except at the end of the scale,
// which is seen to below.
//
// A category holding all or all but one of its cell is withheld, not merged
// with its neighbours: merging only makes the largest category larger, so
// no merge of the answers of a cell can undo it. Withheld with it is what
// would let a reader compute it again:
//   - the other categories of the same cell (the whole distribution, and
//     the share agreeing, which is the sum of two of its bars);
//   - the change of share between the waves of that question
//     (survey_change, "écart de part"), which with the other wave's share
//     gives it back;
//   - when the answers of a wave are all, or all but one, at the end of the
//     scale (their sum within one of n or 5n: the mean then gives every
//     answer), the mean of that wave and the mean changes of the question
//     (survey_change in points, interest_uplift);
//   - for the share of girls or of QPV by public, when the parts add up to
//     the headline shown, the smallest other parts, until the parts
//     withheld together are not unanimous, as the small-cell rule does
//     (secondarySuppression).

// Why a figure is withheld by the group disclosure rule, in the reader's
// words.
var (
	unanimousAnswers = french.Note("unanimous_answers")
	unanimousPeople  = french.Note("unanimous_people")
	unanimousDerived = french.Note("unanimous_derived")
)

// peopleShares are the indicators outside questionnaires that split people
// in two by something about them.
var peopleShares = []string{"girls_share", "qpv_share"}

// answerCell locates the answers of one wave of one question of one survey.
type answerCell struct{ survey, question, wave string }

// withholdUnanimous applies the group disclosure rule to rows, in place,
// after the small-cell rule: rows already withheld are left as they are.
func withholdUnanimous(rows []Row, min int) {
	// What each row says before any is cleared.
	people := make([]int64, len(rows))
	n := make([]int64, len(rows))
	for i, r := range rows {
		people[i], n[i] = peopleIn(r), r.N
	}

	// The cells of answers: unanimous, and at the end of the scale.
	unanimous, extreme := map[answerCell]bool{}, map[answerCell]bool{}
	type distribution struct {
		n      int64
		counts map[string]int64
	}
	dists := map[answerCell]*distribution{}
	for i, r := range rows {
		if r.WithheldBelow > 0 || r.ID != "survey_likert" {
			continue
		}
		c := answerCell{r.Survey, r.Question, r.Wave}
		switch r.Dimension {
		case "":
			unanimous[c] = unanimous[c] || isUnanimous(people[i], n[i])
		case "réponse":
			if dists[c] == nil {
				dists[c] = &distribution{n: n[i], counts: map[string]int64{}}
			}
			dists[c].counts[r.Category] = people[i]
		}
	}
	for c, d := range dists {
		var sum int64
		scale := true // answers 1 to 5; yes/no has no mean to protect
		for cat, k := range d.counts {
			if d.n > 0 && k >= d.n-1 {
				unanimous[c] = true
			}
			level, err := strconv.Atoi(cat)
			if err != nil {
				scale = false
				continue
			}
			sum += int64(level) * k
		}
		if scale && d.n > 0 && (sum <= d.n+1 || sum >= 5*d.n-1) {
			extreme[c] = true
		}
	}
	eitherWave := func(m map[answerCell]bool, survey, question string) bool {
		return m[answerCell{survey, question, "avant"}] || m[answerCell{survey, question, "après"}]
	}

	for i := range rows {
		r := &rows[i]
		if r.WithheldBelow > 0 {
			continue
		}
		switch {
		case r.ID == "survey_likert" && unanimous[answerCell{r.Survey, r.Question, r.Wave}]:
			withholdUnanimousRow(r, min, unanimousAnswers)
		case r.ID == "orientation_confirmed_rate" && isUnanimous(people[i], n[i]):
			// The share agreeing of its question after the action, as
			// survey_likert computes it.
			withholdUnanimousRow(r, min, unanimousAnswers)
		case r.ID == "survey_change" && r.Unit != "points sur 5" && eitherWave(unanimous, r.Survey, r.Question):
			withholdUnanimousRow(r, min, unanimousDerived)
		case r.ID == "survey_change" && r.Unit == "points sur 5" && eitherWave(extreme, r.Survey, r.Question):
			withholdUnanimousRow(r, min, unanimousDerived)
		case r.ID == "interest_uplift" && eitherWave(extreme, r.Survey, pairedQuestion[r.ID]):
			// The mean of a wave whose answers are not at the end of the
			// scale gives nothing away: kept.
			if r.Dimension == "vague" && !extreme[answerCell{r.Survey, pairedQuestion[r.ID], r.Category}] {
				continue
			}
			withholdUnanimousRow(r, min, unanimousDerived)
		case slices.Contains(peopleShares, r.ID) && isUnanimous(people[i], n[i]):
			withholdUnanimousRow(r, min, unanimousPeople)
		}
	}
	unanimousComplements(rows, people, n, min)
}

// unanimousComplements withholds, for each share of peopleShares broken
// down into parts that add up to a headline still shown, the smallest parts
// shown until the parts withheld together are not unanimous: else the
// headline minus the parts shown would give them back.
func unanimousComplements(rows []Row, people, n []int64, min int) {
	type group struct{ id, dim string }
	headline := map[string]int{}
	parts := map[group][]int{}
	for i, r := range rows {
		if !slices.Contains(peopleShares, r.ID) || r.Survey != "" {
			continue
		}
		if r.Dimension == "" {
			headline[r.ID] = i
		} else {
			parts[group{r.ID, r.Dimension}] = append(parts[group{r.ID, r.Dimension}], i)
		}
	}
	for g, idx := range parts {
		h, ok := headline[g.id]
		if !ok || rows[h].WithheldBelow > 0 {
			continue
		}
		var total, hiddenN, hiddenK int64
		var shown []int
		for _, i := range idx {
			total += n[i]
			if rows[i].WithheldUnanimous {
				hiddenN, hiddenK = hiddenN+n[i], hiddenK+people[i]
			} else if rows[i].WithheldBelow == 0 {
				shown = append(shown, i)
			}
		}
		if total != n[h] || hiddenN == 0 {
			continue
		}
		slices.SortStableFunc(shown, func(a, b int) int { return cmp.Compare(n[a], n[b]) })
		for isUnanimous(hiddenK, hiddenN) && len(shown) > 0 {
			i := shown[0]
			hiddenN, hiddenK = hiddenN+n[i], hiddenK+people[i]
			withholdUnanimousRow(&rows[i], min, unanimousPeople)
			shown = shown[1:]
		}
	}
}

// isUnanimous reports whether k people of n, and the n - k others, leave
// all or all but one of the n on one side.
func isUnanimous(k, n int64) bool {
	return n > 0 && (k >= n-1 || k <= 1)
}

// peopleIn is how many people a share, or a bar of a distribution, counts:
// its value times its n, rounded (an averaged duplicate answer is rounded to
// the nearest answer, as survey_likert does).
func peopleIn(r Row) int64 {
	return int64(math.Round(r.Value * float64(r.N)))
}

// withholdUnanimousRow withholds r under the group disclosure rule, saying
// why.
func withholdUnanimousRow(r *Row, min int, reason string) {
	withhold(r, min)
	r.Note = reason
	r.WithheldUnanimous = true
}
