package charts

import (
	"math"

	"github.com/cmq-greencity/greencity/lang"
)

// The coverage of a share. "49 % des participants habitent en QPV ou ZRR"
// beside "4 604 personnes" reads as a figure about the 4 604, when it rests
// on the 691 participations whose residence was recorded. A share computed
// on part of the whole it describes (Figure.Coverage is set) says so in
// words next to the figure, and is marked when that part is less than half
// of the whole: it then describes the groups that were counted, not the
// whole.

// LowCoverage is the coverage under which a share is marked as resting on
// less than half of the whole it describes.
const LowCoverage = 0.5

// partialMark follows, in a chart, a category whose share rests on less
// than half of its whole.
const partialMark = "◐"

// CoverageWhole returns the whole a share with a coverage describes (its n
// over its coverage: 691 / 0.15 = 4 604), and false when the figure has no
// coverage.
func CoverageWhole(n int64, coverage *float64) (int64, bool) {
	if coverage == nil || *coverage <= 0 || math.IsNaN(*coverage) || math.IsInf(*coverage, 0) {
		return 0, false
	}
	return int64(math.Round(float64(n) / *coverage)), true
}

// IsLowCoverage reports whether a share rests on less than half of the
// whole it describes.
func IsLowCoverage(coverage *float64) bool {
	return coverage != nil && *coverage < LowCoverage
}

// LowCoverageIn reports whether a share whose coverage in each year is
// coverage rests on less than half of its whole in year.
func LowCoverageIn(coverage map[int]float64, year int) bool {
	c, ok := coverage[year]
	return ok && IsLowCoverage(&c)
}

// coverageText says what a share is computed on: "calculé sur les 691
// participations dont le lieu de résidence est connu, soit 15 % des 4 604";
// "" for a figure without coverage.
func coverageText(l *lang.Printer, f Figure) string {
	whole, ok := CoverageWhole(f.N, f.Coverage)
	if !ok {
		return ""
	}
	// What is known about the participations the share rests on: their
	// residence, their number of girls.
	key := "coverage.on_recorded"
	switch f.ID {
	case "qpv_share", "girls_share":
		key = "coverage.on_" + f.ID
	}
	return l.N(key, f.N, "N", l.Count(f.N), "Share", l.Percent(*f.Coverage), "Whole", l.Count(whole))
}

// CoverageNote says in words what a share with a coverage is computed on,
// and marks it when that is less than half of its whole, for the workbook:
// "Calculé sur les 691 participations dont le lieu de résidence est connu,
// soit 15 % des 4 604. Calculé sur moins de la moitié ..."; "" for any
// other figure.
func CoverageNote(l *lang.Printer, f Figure) string {
	s := coverageText(l, f)
	if s == "" {
		return ""
	}
	s = capitalize(s) + "."
	if IsLowCoverage(f.Coverage) {
		s += " " + l.T("coverage.low")
	}
	return s
}

// coverageShort writes a coverage for a table cell: "15 % de 4 604".
func coverageShort(l *lang.Printer, f Figure) string {
	whole, ok := CoverageWhole(f.N, f.Coverage)
	if !ok {
		return ""
	}
	return l.T("coverage.short", "Share", l.Percent(*f.Coverage), "Whole", l.Count(whole))
}
