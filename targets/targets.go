// Package targets judges where the campus stands on the road to its 2030
// targets ("doubler l'attractivité des formations", more immersion periods,
// ...). A target is data: an indicator, a baseline (year and value), a
// target (year, and a value or a multiple of the baseline) and the direction
// in which the indicator should move. The judgement is made against the
// straight path from the baseline to the target: the value expected in a
// year is read on that line, and a campus at or beyond it is on track.
//
// Everything here is a pure function over plain structs, so that the
// command line, the HTML report and the workbook show the same judgement.
package targets

import (
	"math"

	"github.com/cmq-greencity/greencity/lang"
)

// french writes the reasons of a judgement, in French: the section "notes"
// of lang/fr.toml, which a report in another language reads back
// (lang.Printer.Reword). Read once, never changed.
var french = lang.MustNew(lang.French)

// Direction says which way an indicator should move.
type Direction string

// Directions.
const (
	Up   Direction = "up"   // more is better: the target is above the baseline
	Down Direction = "down" // less is better: the target is below the baseline
)

// Status is the judgement of one target.
type Status string

// Statuses, as the JSON output writes them.
const (
	OnTrack  Status = "on_track" // at or beyond the straight path in the current year
	Behind   Status = "behind"   // short of the straight path
	Achieved Status = "achieved" // the target value is reached
	// Uncertain: the value's interval straddles the path, so the survey
	// cannot tell on track from behind.
	Uncertain Status = "uncertain"
	// NoData: no baseline, or no figure of its own for the year judged (the
	// baseline year's value alone judges nothing); Result.Reason says why.
	NoData Status = "no_data"
)

// Target is one target of config.yaml.
type Target struct {
	Indicator string // indicator id (queries/indicators/<id>.sql)
	// Survey names the survey of a questionnaire indicator; which rows it
	// picks is the caller's business (see trend.SurveyKey).
	Survey       string
	BaselineYear int
	// BaselineValue is nil when the baseline is the indicator's own value in
	// BaselineYear.
	BaselineValue *float64
	TargetYear    int
	// Exactly one of TargetValue and Multiplier is set: the target is
	// TargetValue, or the baseline times Multiplier ("x2").
	TargetValue *float64
	Multiplier  *float64
	Direction   Direction // "" is Up
}

// Point is the value of an indicator in one year, with its 95 % interval
// when it comes from a survey.
type Point struct {
	Year          int
	Value         float64
	CILow, CIHigh *float64
	// Withheld marks a figure computed but not published (too few
	// respondents): it judges nothing, and no earlier year stands in for it.
	// WithheldWhy says why in the reader's words ("moins de 12
	// répondants"); empty, "trop peu de répondants".
	Withheld    bool
	WithheldWhy string
}

// withheldWhy is why p is not published, in French.
func (p Point) withheldWhy() string {
	if p.WithheldWhy != "" {
		return p.WithheldWhy
	}
	return french.Note("why_default")
}

// Result is the judgement of one target. Pointers are nil when the figure
// cannot be known (no baseline, no current value, no year left).
type Result struct {
	Target   Target
	Baseline *float64 // the baseline value, given or read in the data
	Goal     *float64 // the target value, given or baseline × multiplier
	// CurrentYear is the latest year with a value, from the baseline year to
	// the year asked for; 0 when there is none.
	CurrentYear int
	Current     *float64
	CILow       *float64 // interval of the current value (survey indicators)
	CIHigh      *float64
	// Expected is the value on the straight path in CurrentYear.
	Expected *float64
	// Progress is the share of the way from the baseline to the target
	// covered so far: 0 at the baseline, 1 at the target.
	Progress *float64
	// RequiredYearlyRate is the change per year, in the indicator's unit,
	// needed from CurrentYear to reach the target in TargetYear: 0 once the
	// target is achieved, nil when the target year is past.
	RequiredYearlyRate *float64
	Status             Status
	// Reason says, for NoData, which year is missing and why, in French:
	// "aucune valeur en 2025".
	Reason string
	// IntervalOverlapsPath tells, for a value with an interval, whether the
	// expected value lies inside it: the gap to the path is then within the
	// uncertainty of the survey. nil for a value with no interval.
	IntervalOverlapsPath *bool
}

// tolerance absorbs floating-point noise when a value sits exactly on the
// path or on the target (1.4 × 2 is not exactly 2.8 in binary).
const tolerance = 1e-9

// Evaluate judges t on the yearly values of its indicator in year asOf
// (0 means the latest year of series). series may be in any order and may
// miss years: a missing year is no value, never zero, and is never stood in
// for by an earlier year. A value with an interval is judged by its
// interval: on track or behind only when the whole interval says so,
// achieved only when the whole interval reaches the target.
func Evaluate(t Target, series []Point, asOf int) Result {
	res := Result{Target: t, Status: NoData}
	byYear := map[int]Point{}
	for _, p := range series {
		if asOf == 0 || p.Year <= asOf {
			byYear[p.Year] = p
		}
	}
	judged := asOf
	if judged == 0 {
		for y := range byYear {
			judged = max(judged, y)
		}
	}
	switch {
	case t.BaselineValue != nil:
		res.Baseline = ptr(*t.BaselineValue)
	default:
		if p, ok := byYear[t.BaselineYear]; ok && !p.Withheld {
			res.Baseline = ptr(p.Value)
		} else if ok {
			res.Reason = french.Note("baseline_withheld", "Year", t.BaselineYear, "Why", p.withheldWhy())
		} else {
			res.Reason = french.Note("baseline_missing", "Year", t.BaselineYear)
		}
	}
	if res.Baseline == nil {
		return res
	}
	switch {
	case t.TargetValue != nil:
		res.Goal = ptr(*t.TargetValue)
	case t.Multiplier != nil:
		res.Goal = ptr(*res.Baseline * *t.Multiplier)
	default:
		return res
	}
	p, ok := byYear[judged]
	switch {
	case judged <= t.BaselineYear:
		res.Reason = french.Note("baseline_only", "Year", t.BaselineYear)
		return res
	case !ok:
		res.Reason = french.Note("year_missing", "Year", judged)
		return res
	case p.Withheld:
		res.Reason = french.Note("year_withheld", "Year", judged, "Why", p.withheldWhy())
		return res
	}
	res.CurrentYear = judged
	res.Current, res.CILow, res.CIHigh = ptr(p.Value), p.CILow, p.CIHigh
	base, goal, cur := *res.Baseline, *res.Goal, *res.Current
	expected, _ := res.PathAt(res.CurrentYear)
	res.Expected = ptr(expected)
	if goal != base {
		res.Progress = ptr((cur - base) / (goal - base))
	}
	down := t.Direction == Down
	// beyond reports whether a is at or beyond b in the wanted direction.
	beyond := func(a, b float64) bool {
		if down {
			return a <= b+tolerance
		}
		return a >= b-tolerance
	}
	// worst and best are the ends of the interval in the wanted direction;
	// a value with no interval is both.
	worst, best := cur, cur
	if res.CILow != nil && res.CIHigh != nil {
		worst, best = *res.CILow, *res.CIHigh
		if down {
			worst, best = best, worst
		}
	}
	switch {
	case beyond(worst, goal):
		res.Status = Achieved
		res.RequiredYearlyRate = ptr(0)
	case beyond(worst, expected):
		res.Status = OnTrack
	case !beyond(best, expected):
		res.Status = Behind
	default:
		res.Status = Uncertain
	}
	if res.Status != Achieved && res.CurrentYear < t.TargetYear {
		res.RequiredYearlyRate = ptr((goal - cur) / float64(t.TargetYear-res.CurrentYear))
	}
	if res.CILow != nil && res.CIHigh != nil {
		in := *res.CILow-tolerance <= expected && expected <= *res.CIHigh+tolerance
		res.IntervalOverlapsPath = &in
	}
	return res
}

// PathAt returns the value of the straight path from the baseline to the
// target in year: the baseline before the baseline year, the target after
// the target year. It returns false when the baseline or the target is
// unknown.
func (r Result) PathAt(year int) (float64, bool) {
	if r.Baseline == nil || r.Goal == nil {
		return 0, false
	}
	by, ty := r.Target.BaselineYear, r.Target.TargetYear
	switch {
	case year <= by:
		return *r.Baseline, true
	case year >= ty:
		return *r.Goal, true
	}
	return *r.Baseline + (*r.Goal-*r.Baseline)*float64(year-by)/float64(ty-by), true
}

func ptr(v float64) *float64 {
	if math.Abs(v) < tolerance {
		v = 0 // never "-0"
	}
	return &v
}
