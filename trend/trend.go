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

	"github.com/cmq-greencity/greencity/stats"
)

// Key identifies one figure across years: an indicator, the survey it comes
// from (as SurveyKey writes it), and its breakdown ("" for the headline).
type Key struct {
	ID, Survey, Dimension, Category string
}

// Point is one figure of one year, with the version of the definition that
// computed it (the "-- version:" header of its SQL file), and for a figure
// with a 95 % interval, that interval, how it was computed and the n it
// rests on: the change from one year to the next then gets an interval too.
type Point struct {
	Key       Key
	Year      int
	Value     float64
	Version   int
	N         int64
	Low, High *float64
	Interval  Interval
}

// Interval tells how the 95 % interval of a figure was computed, and so how
// that of its change between two years is: the two years are two
// independent samples (other people answer each year's survey).
type Interval int

const (
	// NoInterval: a count or any figure without an interval; its change
	// has none either.
	NoInterval Interval = iota
	// Wilson: a share of k people out of n (Value = k/n) with its Wilson
	// interval. The change gets Newcombe's hybrid score interval
	// (stats.NewcombeDiff).
	Wilson
	// Student: a mean of n values with its Student interval. The change
	// gets Welch's interval (stats.WelchDiff), each year's standard error
	// given back by its interval (stats.StudentSE).
	Student
)

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
	// ChangeLow and ChangeHigh bound the 95 % interval of Change, set when
	// this year and the previous one both carry an interval of the same
	// kind (Point.Interval); nil otherwise. ChangeWithinNoise reads them.
	ChangeLow, ChangeHigh *float64
	// DefinitionChanged marks a figure computed with another version of its
	// definition than the latest earlier year that has it; PreviousVersion
	// is that year's version.
	DefinitionChanged bool
	PreviousVersion   int
}

// ChangeWithinNoise tells whether the change from the previous year cannot
// be told from noise: its 95 % interval holds 0, so samples of that size
// could show such a change with nothing changed at all. ok is false when
// the change has no interval (a count, or a year missing).
func (c Cell) ChangeWithinNoise() (noise, ok bool) {
	if c.ChangeLow == nil || c.ChangeHigh == nil {
		return false, false
	}
	return *c.ChangeLow <= 0 && 0 <= *c.ChangeHigh, true
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
	// The points of each line, by column, for the intervals of the changes.
	byCol := map[Key][]Point{}
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
			byCol[p.Key] = make([]Point, len(years))
		}
		lines[i].Cells[c] = Cell{Year: p.Year, Present: true, Value: p.Value, Version: p.Version}
		byCol[p.Key][c] = p
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
				if lo, hi, ok := changeInterval(byCol[l.Key][j-1], byCol[l.Key][j]); ok {
					c.ChangeLow, c.ChangeHigh = &lo, &hi
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

// changeInterval returns the 95 % interval of b.Value - a.Value, a figure
// of two years computed on two independent samples. ok is false when
// either year has no interval, the two intervals were not computed alike,
// or the interval cannot be given (a share that is not whole
// people out of n, a mean of fewer than two values or with no spread at
// all): no interval rather than a wrong one.
func changeInterval(a, b Point) (lo, hi float64, ok bool) {
	if a.Interval != b.Interval || a.Low == nil || a.High == nil || b.Low == nil || b.High == nil {
		return 0, 0, false
	}
	switch a.Interval {
	case Wilson:
		ka, okA := people(a)
		kb, okB := people(b)
		if !okA || !okB {
			return 0, 0, false
		}
		return stats.NewcombeDiff(ka, int(a.N), kb, int(b.N))
	case Student:
		seA, okA := stats.StudentSE(*a.Low, *a.High, int(a.N))
		seB, okB := stats.StudentSE(*b.Low, *b.High, int(b.N))
		if !okA || !okB {
			return 0, 0, false
		}
		return stats.WelchDiff(a.Value, seA, int(a.N), b.Value, seB, int(b.N))
	}
	return 0, 0, false
}

// people gives back the k of a share k/n: the figures keep the share and
// its n, not k. As when the interval was added (pipeline's addWilson), a
// share that is not whole people out of n has no k.
func people(p Point) (int, bool) {
	k := math.Round(p.Value * float64(p.N))
	if p.N <= 0 || k < 0 || k > float64(p.N) || math.Abs(k-p.Value*float64(p.N)) > 1e-6 {
		return 0, false
	}
	return int(k), true
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
