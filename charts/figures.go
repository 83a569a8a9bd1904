package charts

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file says what a row of an indicator is: which rows belong together,
// how each kind of figure is written, and its French names.

// known are the indicators that have a place of their own in the report;
// any other id goes to "Autres indicateurs".
var known = []string{"animations", "participants", "establishments", "girls_share",
	"qpv_share", "orientation_confirmed_rate", "interest_uplift", "response_rate",
	"immersion_periods", "attractiveness"}

// figures are the rows of a report, in their order.
type figures []Figure

// clean drops the rows whose value is not a finite number (they would print
// NaN, and encoding/json refuses them) and an interval that is not finite.
func clean(in []Figure) figures {
	finite := func(p *float64) bool { return p != nil && !math.IsNaN(*p) && !math.IsInf(*p, 0) }
	var out figures
	for _, f := range in {
		if !finite(&f.Value) {
			continue
		}
		if !finite(f.CILow) || !finite(f.CIHigh) {
			f.CILow, f.CIHigh = nil, nil
		}
		f.Survey = strings.TrimSpace(f.Survey)
		f.Dimension = strings.TrimSpace(f.Dimension)
		out = append(out, f)
	}
	return out
}

// headline returns the headline row of an indicator (no dimension), or nil.
func (fs figures) headline(id, survey string) *Figure {
	for i, f := range fs {
		if f.ID == id && f.Survey == survey && f.Dimension == "" {
			return &fs[i]
		}
	}
	return nil
}

// breakdown returns the rows of an indicator along one dimension.
func (fs figures) breakdown(id, survey, dim string) []Figure {
	var out []Figure
	for _, f := range fs {
		if f.ID == id && f.Survey == survey && f.Dimension == dim {
			out = append(out, f)
		}
	}
	return out
}

// dimensions returns the dimensions of an indicator: those of first, in that
// order, then the others as they come.
func (fs figures) dimensions(id, survey string, first ...string) []string {
	seen := map[string]bool{}
	var rest []string
	for _, f := range fs {
		if f.ID == id && f.Survey == survey && f.Dimension != "" && !seen[f.Dimension] {
			seen[f.Dimension] = true
			if !slices.Contains(first, f.Dimension) {
				rest = append(rest, f.Dimension)
			}
		}
	}
	var out []string
	for _, d := range first {
		if seen[d] {
			out = append(out, d)
		}
	}
	return append(out, rest...)
}

// surveys returns the survey titles, as they come.
func (fs figures) surveys() []string {
	var out []string
	for _, f := range fs {
		if f.Survey != "" && !slices.Contains(out, f.Survey) {
			out = append(out, f.Survey)
		}
	}
	return out
}

// idsOf returns the indicator ids of a survey ("" for the campus-wide ones),
// those of first in that order, then the others as they come.
func (fs figures) idsOf(survey string, first ...string) []string {
	var rest []string
	present := map[string]bool{}
	for _, f := range fs {
		if f.Survey == survey && !present[f.ID] {
			present[f.ID] = true
			if !slices.Contains(first, f.ID) {
				rest = append(rest, f.ID)
			}
		}
	}
	var out []string
	for _, id := range first {
		if present[id] {
			out = append(out, id)
		}
	}
	return append(out, rest...)
}

// unknownIDs returns the campus-wide indicators that the report has no place for.
func (fs figures) unknownIDs() []string {
	var out []string
	for _, id := range fs.idsOf("") {
		if !slices.Contains(known, id) {
			out = append(out, id)
		}
	}
	return out
}

// waveRank puts the first wave of a survey before the second.
func waveRank(c string) int {
	switch fold(c) {
	case "avant", "pre":
		return 0
	case "apres", "post":
		return 1
	}
	return 2
}

// kind is how a figure is written.
type kind int

const (
	kindCount  kind = iota // people, animations, establishments: "4 604"
	kindShare              // a fraction, written as a percentage: "83 %"
	kindChange             // a relative change: "+33 %"
	kindMean               // a mean or a ratio: "3,9"
)

// kindOf tells how a figure is written, from its indicator and unit.
func kindOf(f Figure) kind {
	switch f.ID {
	case "girls_share", "qpv_share", "orientation_confirmed_rate", "response_rate":
		return kindShare
	case "interest_uplift":
		if f.Dimension == "" {
			return kindChange
		}
		return kindMean // the mean score of each wave
	case "attractiveness":
		return kindMean
	}
	switch fold(f.Unit) {
	case "part", "taux", "%", "proportion":
		return kindShare
	}
	return kindCount
}

// format writes v the French way for this kind of figure.
func (k kind) format(v float64) string {
	switch k {
	case kindShare:
		return formatPercent(v)
	case kindChange:
		return formatChange(v)
	case kindMean:
		return formatDecimal(v, 1)
	}
	return formatNumber(v)
}

// axis tells page.js how to write the value axis.
func (k kind) axis() axisKind {
	if k == kindShare || k == kindChange {
		return axisPercent
	}
	return axisNumber
}

// labels are the French names of the indicators, for rows that come without
// a Label.
var labels = map[string]string{
	"animations":                 "Animations",
	"participants":               "Participations",
	"establishments":             "Établissements touchés",
	"girls_share":                "Part de filles",
	"qpv_share":                  "Part QPV / ZRR",
	"orientation_confirmed_rate": "Orientation confirmée",
	"interest_uplift":            "Évolution de l'intérêt",
	"response_rate":              "Taux de réponse",
	"immersion_periods":          "Périodes d'immersion",
	"attractiveness":             "Attractivité des formations",
}

// label is the French name of a figure.
func label(f Figure) string {
	if l := strings.TrimSpace(f.Label); l != "" {
		return l
	}
	return IndicatorLabel(f.ID)
}

// IndicatorLabel is the French name of an indicator, its id when it has
// none; the workbook writes it beside the ids.
func IndicatorLabel(id string) string {
	if l, ok := labels[id]; ok {
		return l
	}
	return id
}

// dimLabels are the French names of the breakdowns, after "par". The
// workbook names its breakdowns with them too (DimensionLabel).
var dimLabels = map[string]string{
	"public":             "public",
	"axe":                "axe",
	"action":             "action",
	"type_etablissement": "type d'établissement",
	"etablissement":      "établissement",
	"mois":               "mois",
	"vague":              "avant / après l'action",
	"formation":          "formation",
	"commune":            "commune",
	"niveau":             "niveau",
	"type":               "type d'action",
	"mesure":             "mesure de l'écart",
	"réponse":            "réponse",
}

// dimLabel is the French name of a breakdown.
func dimLabel(dim string) string {
	if l, ok := dimLabels[dim]; ok {
		return l
	}
	return strings.ReplaceAll(dim, "_", " ")
}

// DimensionLabel is the French name of a breakdown as a column heading
// shows it: "type_etablissement" -> "Type d'établissement"; "" for none.
func DimensionLabel(dim string) string {
	return capitalize(dimLabel(strings.TrimSpace(dim)))
}

// CategoryLabel is a value of a breakdown as the report shows it (months
// in French, "pre" as "Avant"), for the workbook.
func CategoryLabel(dim, c string) string {
	return category(strings.TrimSpace(dim), c)
}

// testLabels name the paired tests of a survey (Figure.Test) in French.
var testLabels = map[string]string{
	"wilcoxon": "test des rangs signés de Wilcoxon",
	"mcnemar":  "test exact de McNemar",
}

// TestLabel is the French name of a paired test ("wilcoxon" -> "test des
// rangs signés de Wilcoxon"); an unknown code as it is.
func TestLabel(code string) string {
	if l, ok := testLabels[code]; ok {
		return l
	}
	return code
}

// category writes a breakdown value for display: months in French, waves
// as "Avant"/"Après", values of the closed lists capitalised; names (actions,
// establishments) as they are.
func category(dim, c string) string {
	switch dim {
	case "mois":
		return formatMonth(c)
	case "vague":
		switch waveRank(c) {
		case 0:
			return "Avant"
		case 1:
			return "Après"
		}
		return capitalize(c)
	case "public", "axe", "type_etablissement", "type":
		return capitalize(c)
	}
	return c
}

// isSmall reports whether a figure rests on fewer than minN people. Counts
// of animations and of establishments rest on no person, and the n of
// attractiveness counts training programmes, each with many candidates.
func isSmall(f Figure) bool {
	if f.ID == "animations" || f.ID == "establishments" || f.ID == "attractiveness" {
		return false
	}
	return f.N < minN
}

// fold lowers a closed-list value and drops its accents, so that
// "Collégiens", "collegiens" and "COLLÉGIENS " match.
func fold(s string) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(strings.ToLower(s), "_", " ")), " ")
	return strings.Map(func(r rune) rune {
		switch r {
		case 'à', 'â', 'ä':
			return 'a'
		case 'é', 'è', 'ê', 'ë':
			return 'e'
		case 'î', 'ï':
			return 'i'
		case 'ô', 'ö':
			return 'o'
		case 'ù', 'û', 'ü':
			return 'u'
		case 'ç':
			return 'c'
		}
		return r
	}, s)
}

// capitalize puts the first letter in upper case: "grand public" -> "Grand public".
func capitalize(s string) string {
	s = strings.TrimSpace(s)
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
