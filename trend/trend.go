// Package trend sets the years of an indicator side by side: each figure's
// change from the previous year, absolute and relative, a year without the
// figure shown as missing (never as zero), and a mark where the definition
// that computed the figure changed between two years. Pure functions over
// plain structs, shared by the command line, the HTML report and the
// workbook.
package trend

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Key identifies one figure across years: an indicator, the survey it comes
// from (as SurveyKey writes it), and its breakdown ("" for the headline).
type Key struct {
	ID, Survey, Dimension, Category string
}

// Point is one figure of one year, with the version of the definition that
// computed it (the "-- version:" header of its SQL file).
type Point struct {
	Key     Key
	Year    int
	Value   float64
	Version int
}

// Cell is one figure in one year of the comparison.
type Cell struct {
	Year    int
	Present bool // false: no figure that year; Value and Version mean nothing
	Value   float64
	Version int
	// Change is Value minus the previous year's value, and ChangePct that
	// change over the previous value: nil when this year or the previous one
	// is missing (or, for ChangePct, when the previous value is 0).
	Change    *float64
	ChangePct *float64
	// DefinitionChanged marks a figure computed with another version of its
	// definition than the latest earlier year that has it; PreviousVersion
	// is that year's version.
	DefinitionChanged bool
	PreviousVersion   int
}

// Line is one figure over every year of the comparison.
type Line struct {
	Key   Key
	Cells []Cell // one per year, in the order of the years given to Compare
}

// Span returns every year from the first to the last of years, in order: a
// year in between with no data is part of the comparison, as a gap.
func Span(years []int) []int {
	if len(years) == 0 {
		return nil
	}
	lo, hi := slices.Min(years), slices.Max(years)
	out := make([]int, 0, hi-lo+1)
	for y := lo; y <= hi; y++ {
		out = append(out, y)
	}
	return out
}

// Compare lays points out year by year, one Line per key in the order keys
// first appear. years are the columns, in order (usually Span of the years
// with data); points of other years are ignored. The change of a year is
// from the year just before it among years.
func Compare(points []Point, years []int) []Line {
	col := map[int]int{}
	for i, y := range years {
		col[y] = i
	}
	var lines []Line
	index := map[Key]int{}
	for _, p := range points {
		c, ok := col[p.Year]
		if !ok {
			continue
		}
		i, seen := index[p.Key]
		if !seen {
			i = len(lines)
			index[p.Key] = i
			cells := make([]Cell, len(years))
			for j, y := range years {
				cells[j].Year = y
			}
			lines = append(lines, Line{Key: p.Key, Cells: cells})
		}
		lines[i].Cells[c] = Cell{Year: p.Year, Present: true, Value: p.Value, Version: p.Version}
	}
	for _, l := range lines {
		lastVersion := 0
		for j := range l.Cells {
			c := &l.Cells[j]
			if !c.Present {
				continue
			}
			if j > 0 && l.Cells[j-1].Present {
				prev := l.Cells[j-1].Value
				change := c.Value - prev
				c.Change = &change
				if prev != 0 {
					pct := change / math.Abs(prev)
					c.ChangePct = &pct
				}
			}
			if lastVersion != 0 && c.Version != lastVersion {
				c.DefinitionChanged, c.PreviousVersion = true, lastVersion
			}
			lastVersion = c.Version
		}
	}
	return lines
}

// trailingYear is a year at the end of a survey title: "Engagement tour
// lycée 2025".
var trailingYear = regexp.MustCompile(`[\s\p{Pd}/(]*\(?(19|20)\d\d\)?\s*$`)

// schoolYear is a school year at the end of a survey title: "Engagement tour
// lycée 2024-2025", "... 2024/2025", "... (2024-25)". Stripping only its last
// year would make "... 2024" of one year and "... 2025" of the next two
// surveys.
var schoolYear = regexp.MustCompile(`[\s\p{Pd}/(]*\(?((?:19|20)\d\d)\s*[\p{Pd}/]\s*((?:19|20)?\d\d)\)?\s*$`)

// withoutYear returns title without its trailing year or school year. Two
// numbers that are not consecutive years ("Session 2025-01", a month) are no
// school year: only a trailing year is stripped then.
func withoutYear(title string) string {
	if m := schoolYear.FindStringSubmatchIndex(title); m != nil {
		// Both groups are two or four digits: Atoi cannot fail.
		first, _ := strconv.Atoi(title[m[2]:m[3]])
		second := title[m[4]:m[5]]
		next, _ := strconv.Atoi(second)
		if next == first+1 || (len(second) == 2 && next == (first+1)%100) {
			return title[:m[0]]
		}
	}
	return trailingYear.ReplaceAllString(title, "")
}

// SurveyName is how a survey followed over several years is named: its
// title without a trailing year or school year ("Engagement tour lycée").
func SurveyName(title string) string {
	return strings.TrimSpace(withoutYear(strings.TrimSpace(title)))
}

// SurveyKey is the name under which a survey is followed from year to year:
// its title without a trailing year or school year, in lower case, without
// accents and with blanks collapsed. "Engagement tour lycée 2024",
// "Engagement Tour Lycee 2025" and "Engagement tour lycée 2025-2026" are one
// survey, "engagement tour lycee".
func SurveyKey(title string) string {
	s := withoutYear(strings.TrimSpace(title))
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if r >= 0x300 && r <= 0x36f { // combining accents
			continue
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
