package pipeline

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/cmq-greencity/greencity/lang"
)

// french writes the notes stored with the figures, in French: the section
// "notes" of the catalogue lang/fr.toml, which a report in another
// language reads back (lang.Printer.Reword). Read once, never changed.
var french = lang.MustNew(lang.French)

// DefaultMinCellSize is the number of respondents under which a
// questionnaire figure is withheld when the configuration says nothing.
const DefaultMinCellSize = 10

// WithheldReason says why a figure is shown as "< min" instead of its value.
// It is read by funders: it names the threshold, never the configuration
// key that sets it.
func WithheldReason(min int) string {
	return french.Note("withheld_small", "Min", min)
}

// UnanimousText stands for a figure withheld by the group disclosure rule
// (unanimous.go), wherever a reader sees it. It is not "< min": such a
// figure rests on enough people.
const UnanimousText = "non publié"

// WithheldText is what every output shows instead of a withheld figure:
// "< 10" with the threshold in force for the small-cell rule, "non publié"
// for the group disclosure rule; "" for a figure that is shown.
func (r Row) WithheldText() string {
	switch {
	case r.WithheldBelow <= 0:
		return ""
	case r.WithheldUnanimous:
		return UnanimousText
	}
	return "< " + strconv.Itoa(r.WithheldBelow)
}

// WithheldWhy says in a few words why a figure is withheld, for a sentence
// that names it: "moins de 10 répondants"; "" for a figure that is shown.
func (r Row) WithheldWhy() string {
	switch {
	case r.WithheldBelow <= 0:
		return ""
	case r.WithheldUnanimous:
		return french.Note("why_unanimous")
	}
	return french.Note("why_small", "Min", r.WithheldBelow)
}

// WithholdSmallCells applies the small-cell rule to computed rows, in place,
// and returns them: a questionnaire figure (a share, a mean, a bar of a
// distribution, a change, a breakdown) resting on fewer than min respondents
// keeps only what locates it (indicator, survey, question, wave, breakdown,
// unit). Its value, n, interval, test, pair counts and coverage are cleared, Note says
// why, and WithheldBelow = min tells every output to write "< min".
//
// A figure rests on the people it is computed from, its n: the share of 15
// out of 18 rests on 18 people even though 3 disagree. Counts of who answered
// (response rates, pairing) are not answers and are never withheld.
//
// No total or difference may give a withheld figure back. The queries see to
// differences: every figure of a question rests on the same people (the pairs
// when it is asked twice). Totals are seen to here: when the parts of a
// breakdown add up to its headline (their n sum to the headline's n), the
// withheld parts together must rest on min people at least, or the headline
// minus the parts shown would reveal them; so the smallest parts still shown
// are withheld too until they do (secondary suppression).
//
// Then the group disclosure rule (withholdUnanimous) withholds, among the
// figures left, those where all or all but one of the people are in one
// category.
//
// min < 1 withholds nothing.
func WithholdSmallCells(rows []Row, min int) []Row {
	if min < 1 {
		return rows
	}
	// The n of every row before any is cleared, for the sums below.
	n := make([]int64, len(rows))
	for i, r := range rows {
		n[i] = r.N
	}
	for i := range rows {
		if protected(rows[i]) && rows[i].N < int64(min) {
			withhold(&rows[i], min)
		}
	}
	// Group the parts of each breakdown under their headline.
	type group struct {
		id, survey, question, wave, dim string
	}
	headline := map[group]int{}
	parts := map[group][]int{}
	for i, r := range rows {
		if !protected(r) {
			continue
		}
		g := group{r.ID, r.Survey, r.Question, r.Wave, r.Dimension}
		if r.Dimension == "" {
			headline[g] = i
		} else {
			parts[g] = append(parts[g], i)
		}
	}
	for g, idx := range parts {
		g.dim = ""
		if h, ok := headline[g]; ok && rows[h].WithheldBelow == 0 {
			secondarySuppression(rows, n, n[h], idx, min)
		}
	}
	withholdUnanimous(rows, min)
	return rows
}

// secondarySuppression withholds parts idx of a breakdown of a headline
// resting on total people, smallest first, until the withheld ones rest on
// min people at least. n holds the n of every row before it was withheld. It
// does nothing unless the parts add up to the headline (their n sum to
// total): parts that overlap give nothing away by subtraction.
func secondarySuppression(rows []Row, n []int64, total int64, idx []int, min int) {
	var sum, hidden int64
	var shown []int
	for _, i := range idx {
		sum += n[i]
		if rows[i].WithheldBelow > 0 {
			hidden += n[i]
		} else {
			shown = append(shown, i)
		}
	}
	if sum != total {
		return
	}
	slices.SortStableFunc(shown, func(a, b int) int { return cmp.Compare(n[a], n[b]) })
	for hidden > 0 && hidden < int64(min) && len(shown) > 0 {
		hidden += n[shown[0]]
		withhold(&rows[shown[0]], min)
		shown = shown[1:]
	}
}

// protected reports whether the small-cell rule applies to a row: a figure
// computed from the answers of a questionnaire.
func protected(r Row) bool {
	return r.Survey != "" && !slices.Contains(respondentCounts, r.ID)
}

// withhold clears what a row would reveal.
func withhold(r *Row, min int) {
	r.Value, r.N = 0, 0
	r.CILow, r.CIHigh, r.PValue, r.PAdjusted = nil, nil, nil, nil
	// The coverage is n over the whole: with n cleared, it would say that
	// the share rests on 0 participations.
	r.Coverage = nil
	r.Pairs, r.PreOnly, r.PostOnly = nil, nil, nil
	r.Test = ""
	r.Note = WithheldReason(min)
	r.WithheldBelow = min
	r.WithheldUnanimous = false
}
