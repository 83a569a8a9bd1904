package charts

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cmq-greencity/greencity/lang"
)

// This file says what a row of an indicator is: which rows belong together,
// how each kind of figure is written, and its names in the report's
// language (the catalogues of package lang).

// known are the indicators that have a place of their own in the report;
// any other id goes to "Autres indicateurs".
var known = []string{"animations", "participants", "establishments", "girls_share",
	"qpv_share", "orientation_confirmed_rate", "interest_uplift", "response_rate",
	"immersion_periods", "attractiveness"}

// figures are the rows of a report, in their order.
type figures []Figure

// clean drops the rows whose value is not a finite number (they would print
// NaN, and encoding/json refuses them) and an interval that is not finite,
// and writes the label and definition of each row in the language of l
// (Localize).
func clean(l *lang.Printer, in []Figure) figures {
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
		out = append(out, Localize(l, f))
	}
	return out
}

// Localize writes the label and the definition of f in the language of l.
// A French report shows them as the header of the indicator's query wrote
// them when the figure was computed (they are kept with each year's
// figures); another language takes them from its catalogue, by indicator
// id, and keeps those of an indicator it does not know.
func Localize(l *lang.Printer, f Figure) Figure {
	if l.Code() == lang.French {
		return f
	}
	f.Label = indicatorText(l, f.ID, "label", f.Label)
	f.Definition = indicatorText(l, f.ID, "definition", f.Definition)
	return f
}

// indicatorText is the field of indicator id in the catalogue of l, or
// french, as its query's header wrote it, when the text is empty or the
// catalogue does not know the indicator.
func indicatorText(l *lang.Printer, id, field, french string) string {
	if key := "indicators." + id + "." + field; french != "" && l.Has(key) {
		return l.T(key)
	}
	return french
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

// name is the kind's name in catalogue keys (axis.kind_<name>).
func (k kind) name() string {
	switch k {
	case kindShare:
		return "share"
	case kindChange:
		return "change"
	case kindMean:
		return "mean"
	}
	return "count"
}

// format writes v for this kind of figure, in the report's language.
func (k kind) format(l *lang.Printer, v float64) string {
	switch k {
	case kindShare:
		return l.Percent(v)
	case kindChange:
		return l.Change(v)
	case kindMean:
		return l.Decimal(v, 1)
	}
	return l.Number(v)
}

// axis tells page.js how to write the value axis.
func (k kind) axis() axisKind {
	if k == kindShare || k == kindChange {
		return axisPercent
	}
	return axisNumber
}

// label is the name of a figure: the label it comes with (from the header
// of its query, translated in Localize), else its indicator's.
func label(l *lang.Printer, f Figure) string {
	if s := strings.TrimSpace(f.Label); s != "" {
		return s
	}
	return IndicatorLabel(l, f.ID)
}

// IndicatorLabel is the short name of an indicator, its id when it has
// none; the workbook writes it beside the ids.
func IndicatorLabel(l *lang.Printer, id string) string {
	if key := "indicators." + id + ".name"; l.Has(key) {
		return l.T(key)
	}
	return id
}

// dimLabel is the name of a breakdown, after "par" ("by").
func dimLabel(l *lang.Printer, dim string) string {
	if key := "dims." + messageKey(dim); l.Has(key) {
		return l.T(key)
	}
	return strings.ReplaceAll(dim, "_", " ")
}

// DimensionLabel is the name of a breakdown as a column heading shows it:
// "type_etablissement" -> "Type d'établissement"; "" for none. The
// workbook names its breakdowns with it.
func DimensionLabel(l *lang.Printer, dim string) string {
	return capitalize(dimLabel(l, strings.TrimSpace(dim)))
}

// CategoryLabel is a value of a breakdown as the report shows it (months
// in its language, "pre" as "Avant"), for the workbook.
func CategoryLabel(l *lang.Printer, dim, c string) string {
	return category(l, strings.TrimSpace(dim), c)
}

// TestLabel is the name of a paired test ("wilcoxon" -> "test des rangs
// signés de Wilcoxon"); an unknown code as it is.
func TestLabel(l *lang.Printer, code string) string {
	if key := "tests." + messageKey(code); code != "" && l.Has(key) {
		return l.T(key)
	}
	return code
}

// category writes a breakdown value for display: months in the report's
// language, waves as "Avant"/"Après", values of the closed lists
// capitalised (and translated); names (actions, establishments) as they
// are, the data's own words.
func category(l *lang.Printer, dim, c string) string {
	switch dim {
	case "mois":
		return formatMonth(l, c)
	case "vague":
		switch waveRank(c) {
		case 0:
			return l.T("waves.before")
		case 1:
			return l.T("waves.after")
		}
		return capitalize(c)
	case "public", "axe", "type_etablissement", "type":
		return capitalize(DataWord(l, c))
	case "mesure":
		return DataWord(l, c)
	}
	if fold(c) == "non renseigne" {
		return DataWord(l, c)
	}
	return c
}

// DataWord writes a value of a closed list of the spreadsheets (a public,
// an axis, a type of establishment or of action, a unit): as it is in a
// French report, translated in another language when the catalogue knows
// it (section values), as it is otherwise.
func DataWord(l *lang.Printer, c string) string {
	if l.Code() == lang.French {
		return c
	}
	if key := "values." + messageKey(c); l.Has(key) {
		return l.T(key)
	}
	return c
}

// messageKey makes a key of the catalogues from a word of the data: folded
// (no case, no accent), spaces and apostrophes as "_": "Demandeurs
// d'emploi" -> "demandeurs_d_emploi".
func messageKey(s string) string {
	return strings.NewReplacer(" ", "_", "'", "_", "’", "_", "-", "_", "/", "_", ".", "_").Replace(fold(s))
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
