package charts

import (
	"math"
	"slices"
	"strconv"
	"strings"

	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/cmq-greencity/greencity/lang"
	"github.com/cmq-greencity/greencity/targets"
	"github.com/cmq-greencity/greencity/trend"
)

// This file draws the first page of the report, "Trajectoire 2030" (one
// chart per target of config.yaml), and the table that sets every year side
// by side. The judgement itself (status, progress, yearly rate) is made by
// package targets; here it is only written in the report's language and
// drawn.

// Trajectory is one 2030 target as the report shows it: its yearly values,
// the straight path from the baseline to the target, and the judgement.
type Trajectory struct {
	Indicator string // indicator id
	// Label is the target in the campus's words ("Doubler l'attractivité
	// des formations"); IndicatorLabel the indicator's label.
	Label          string
	IndicatorLabel string
	Survey         string // the survey followed, for a questionnaire indicator
	Unit           string
	Direction      string // up | down
	BaselineYear   int
	TargetYear     int
	Multiplier     *float64       // set when the target is a multiple of the baseline
	Values         []YearValue    // the indicator's value in each year, missing years included
	Result         targets.Result // the judgement, as of the report's year
	// Change is the figure of the year judged beside the year before: its
	// change, and for a survey figure the 95 % interval of that change
	// (package trend). Zero when there is none.
	Change trend.Cell
}

// YearValue is an indicator's value in one year; Value is nil when the year
// has no figure (missing, not zero).
type YearValue struct {
	Year          int
	Value         *float64
	N             int64 // what the value rests on (people, programmes)
	CILow, CIHigh *float64
	// Withheld stands for a value computed but not published ("< 10",
	// "non publié"); Value is then nil.
	Withheld string `json:",omitempty"`
}

// Comparison sets every year side by side: one line per figure, one cell per
// year from the first to the last, with its change from the year before.
type Comparison struct {
	Years   []int
	Missing []int // years of Years without any figure
	Rows    []ComparisonRow
}

// ComparisonRow is one figure over the years. Label, Survey and Unit are
// those of its latest year.
type ComparisonRow struct {
	ID, Label, Survey, Dimension, Category, Unit string
	// Question and Wave locate a questionnaire figure about one question
	// (or one wave of it); the HTML table leaves those to the workbook.
	Question, Wave string
	Cells          []trend.Cell
	// Coverage is, for a share computed on part of the whole it describes,
	// its coverage in each year that has one (coverage.go).
	Coverage map[int]float64 `json:",omitempty"`
	// Withheld is, for each year where the figure was computed but not
	// published, what stands for it ("< 10", "non publié"), and
	// WithheldWhy why ("moins de 10 répondants").
	Withheld    map[int]string `json:",omitempty"`
	WithheldWhy map[int]string `json:",omitempty"`
}

// Colours of the trajectory charts: the campus green for what was measured,
// grey for the path, orange for the target.
const (
	pathColor   = "#757575"
	targetColor = "#e65100"
)

// trajectoryPage is the first page of the report.
type trajectoryPage struct {
	Title  string
	Intro  string
	Blocks []trajectoryBlock
}

// trajectoryBlock is one target: its chart and the judgement in words.
type trajectoryBlock struct {
	Chart       chart
	Status      string   // in words: "En retard sur la trajectoire"
	StatusClass string   // CSS class: on_track, behind, achieved, uncertain, no_data
	Lines       []string // baseline and target, where the campus stands, what it takes
}

// newTrajectoryPage lays out the targets; nil when there is none.
func newTrajectoryPage(l *lang.Printer, year int, ts []Trajectory) (*trajectoryPage, error) {
	if len(ts) == 0 {
		return nil, nil
	}
	last := 0
	for _, t := range ts {
		last = max(last, t.TargetYear)
	}
	p := &trajectoryPage{
		Title: l.T("trajectory.title", "Year", last),
		Intro: l.T("trajectory.intro", "Year", year),
	}
	for i, t := range ts {
		t.IndicatorLabel = Localize(l, Figure{ID: t.Indicator, Label: t.IndicatorLabel}).Label
		c, err := trajectoryChart(l, i+1, t)
		if err != nil {
			return nil, err
		}
		s := t.Result.Status
		p.Blocks = append(p.Blocks, trajectoryBlock{Chart: c, Status: capitalize(StatusText(l, s)), StatusClass: string(s), Lines: judgement(l, t)})
	}
	return p, nil
}

// StatusText writes a status in the language of l, as the report, the
// workbook and (in French) the command line show it.
func StatusText(l *lang.Printer, s targets.Status) string {
	switch s {
	case targets.OnTrack, targets.Behind, targets.Achieved, targets.Uncertain:
		return l.T("status." + string(s))
	}
	return l.T("status.no_data")
}

// figure stands for the values of a target, to tell how they are written
// (kindOf).
func (t Trajectory) figure() Figure {
	return Figure{ID: t.Indicator, Unit: t.Unit, Label: t.IndicatorLabel}
}

// title is the heading of a target: its label, or its indicator's.
func (t Trajectory) title(l *lang.Printer) string {
	s := strings.TrimSpace(t.Label)
	if s == "" {
		s = label(l, t.figure())
	}
	if t.Survey != "" {
		s += " (" + t.Survey + ")"
	}
	return s
}

// formatTarget writes a value of a target: shares as percentages, ratios
// with two decimals (1,63 against 1,80 says more than 1,6 against 1,8),
// counts as whole numbers.
func formatTarget(l *lang.Printer, k kind, v float64) string {
	switch k {
	case kindShare:
		return l.Percent(v)
	case kindMean, kindChange:
		return l.Decimal(v, 2)
	}
	return l.Number(v)
}

// formatRate writes a change per year with its sign: "+0,23 par an",
// "+3,6 par an", "+1,1 point par an" for a share.
func formatRate(l *lang.Printer, k kind, v float64) string {
	sign := "+"
	if v < 0 {
		sign = "-"
	}
	v = math.Abs(v)
	switch k {
	case kindShare:
		return l.N("trajectory.rate_points", strconv.FormatFloat(v*100, 'f', 1, 64), "Amount", sign+l.Decimal(v*100, 1))
	case kindCount:
		return l.T("trajectory.rate", "Amount", sign+l.Decimal(v, 1))
	}
	return l.T("trajectory.rate", "Amount", sign+l.Decimal(v, 2))
}

// judgement writes where a target stands, in plain French sentences.
func judgement(l *lang.Printer, t Trajectory) []string {
	r, k := t.Result, kindOf(t.figure())
	var lines []string
	by, ty := t.BaselineYear, t.TargetYear
	if r.Baseline == nil {
		return []string{l.T("trajectory.no_baseline", "Year", by)}
	}
	ref := l.T("trajectory.reference", "BaseYear", by, "Base", formatTarget(l, k, *r.Baseline),
		"TargetYear", ty, "Goal", formatTarget(l, k, *r.Goal))
	if t.Multiplier != nil {
		times := l.Decimal(*t.Multiplier, 1)
		if *t.Multiplier == math.Trunc(*t.Multiplier) {
			times = l.Int(*t.Multiplier)
		}
		ref += l.T("trajectory.multiple", "Times", times)
	}
	lines = append(lines, ref+".")
	if r.Current == nil {
		if r.Reason != "" {
			return append(lines, l.T("trajectory.no_data_reason", "Reason", l.Reword(r.Reason)))
		}
		return append(lines, l.T("trajectory.no_value_since", "Year", by))
	}
	cy := r.CurrentYear
	now := l.T("trajectory.now", "Year", cy, "Value", formatTarget(l, k, *r.Current))
	if r.Expected != nil && r.Status != targets.Achieved {
		now += l.T("trajectory.expected", "Expected", formatTarget(l, k, *r.Expected))
	}
	if r.Progress != nil {
		now += l.T("trajectory.progress", "Progress", l.Percent(*r.Progress), "Year", by)
	}
	lines = append(lines, now+".")
	switch {
	case r.Status == targets.Achieved:
		lines = append(lines, l.T("trajectory.achieved", "Year", ty))
	case r.RequiredYearlyRate != nil:
		lines = append(lines, l.T("trajectory.required", "Year", ty, "Rate", formatRate(l, k, *r.RequiredYearlyRate)))
	default:
		lines = append(lines, l.T("trajectory.missed", "Year", ty))
	}
	if s := changeSentence(l, t, k); s != "" {
		lines = append(lines, s)
	}
	if s := IntervalSentence(l, t); s != "" {
		lines = append(lines, s)
	}
	return lines
}

// IntervalSentence says, for a value judged with its interval (a survey's
// share), between which values it probably lies and whether the value
// expected on the path is among them, in the words of the report and its
// language: "2025 : probablement entre 61 % et 94 %, ce qui comprend les
// 73 % attendus sur la trajectoire : trop incertain pour conclure." The
// statistical words (interval, confidence) stay in "Méthodes". "" for a
// value without an interval.
func IntervalSentence(l *lang.Printer, t Trajectory) string {
	r, k := t.Result, kindOf(t.figure())
	if r.IntervalOverlapsPath == nil || r.CILow == nil || r.CIHigh == nil || r.Expected == nil {
		return ""
	}
	key := "trajectory.ci_excludes"
	if *r.IntervalOverlapsPath {
		key = "trajectory.ci_includes"
	}
	return l.T(key, "Year", r.CurrentYear, "Low", formatTarget(l, k, *r.CILow), "High", formatTarget(l, k, *r.CIHigh),
		"Expected", formatTarget(l, k, *r.Expected))
}

// StatusReason says in the language of l why a target has the status it has, when the
// status alone does not: for no_data, the year missing and why; for
// uncertain, where the value probably lies (IntervalSentence). "" for the
// other statuses.
func StatusReason(l *lang.Printer, t Trajectory) string {
	r := t.Result
	switch r.Status {
	case targets.NoData:
		return l.Reword(r.Reason)
	case targets.Uncertain:
		return IntervalSentence(l, t)
	}
	return ""
}

// changeSentence writes the change of a survey figure from the year before
// the one judged, with its 95 % interval and whether the size of the
// surveys can tell it from chance: "De 70 % (2024, 20 répondants) à 83 %
// (2025, 18 répondants) : +13 points, entre -14 et +38 points : un écart
// que la taille des enquêtes ne permet pas de distinguer du hasard." ""
// for a change without an interval.
func changeSentence(l *lang.Printer, t Trajectory, k kind) string {
	c := t.Change
	noise, ok := c.ChangeWithinNoise()
	if !ok || c.Change == nil {
		return ""
	}
	var before, after *YearValue
	for i, v := range t.Values {
		switch {
		case v.Value != nil && v.Year == c.Year-1:
			before = &t.Values[i]
		case v.Value != nil && v.Year == c.Year:
			after = &t.Values[i]
		}
	}
	if before == nil || after == nil {
		return ""
	}
	year := func(v *YearValue) string {
		return l.N("trajectory.year_value", v.N, "Value", formatTarget(l, k, *v.Value), "Year", v.Year, "N", l.Count(v.N))
	}
	change, unit := changeAmount(l, k, *c.Change)
	lo, _ := changeAmount(l, k, *c.ChangeLow)
	hi, hiUnit := changeAmount(l, k, *c.ChangeHigh)
	s := l.T("trajectory.change", "From", year(before), "To", year(after), "Change", change+unit, "Low", lo, "High", hi+hiUnit)
	if noise {
		return s + l.T("trajectory.change_noise")
	}
	return s + l.T("trajectory.change_real")
}

// changeAmount writes a change between two years with its sign, and its
// unit apart: "+13", " points" for a share; "+0,28", "" for a mean.
func changeAmount(l *lang.Printer, k kind, v float64) (amount, unit string) {
	if k != kindShare {
		return plus(formatTarget(l, k, v), v), ""
	}
	return plus(l.Decimal(v*100, 0), v), l.N("common.points_unit", int64(math.Abs(math.Round(v*100))))
}

// plus puts a "+" before s, v written, when v is a rise that s does not
// round to 0.
func plus(s string, v float64) string {
	if v > 0 && strings.Trim(s, "0,.") != "" {
		return "+" + s
	}
	return s
}

// trajectoryChart draws one target: the yearly values (a gap where a year
// is missing), the straight path from the baseline to the target, dashed,
// and the target as a point, on a common axis of years.
func trajectoryChart(l *lang.Printer, i int, t Trajectory) (chart, error) {
	id := "trajectoire-" + strconv.Itoa(i)
	f, k := t.figure(), kindOf(t.figure())
	first, last := t.BaselineYear, t.TargetYear
	for _, v := range t.Values {
		first, last = min(first, v.Year), max(last, v.Year)
	}
	var years []string
	for y := first; y <= last; y++ {
		years = append(years, strconv.Itoa(y))
	}
	n := len(years)
	values := make([]opts.LineData, n)
	path := make([]opts.LineData, n)
	goal := make([]opts.LineData, n)
	labels := [][]string{make([]string, n), make([]string, n), make([]string, n), nil}
	tips := [][][]string{make([][]string, n), make([][]string, n), make([][]string, n), nil}
	var ci [][3]float64
	var rows []tableRow
	for j := range n {
		values[j], path[j], goal[j] = opts.LineData{Value: "-"}, opts.LineData{Value: "-"}, opts.LineData{Value: "-"}
	}
	at := func(year int) int { return year - first }
	measured := first // the last year with a value, or the first of the axis
	ns := map[int]string{}
	withheld := map[int]string{}
	for _, v := range t.Values {
		if v.Value == nil {
			if v.Withheld != "" {
				withheld[v.Year] = v.Withheld
				measured = max(measured, v.Year)
			}
			continue
		}
		j := at(v.Year)
		ns[v.Year] = l.Count(v.N)
		measured = max(measured, v.Year)
		values[j] = opts.LineData{Value: *v.Value}
		labels[0][j] = formatTarget(l, k, *v.Value)
		tip := []string{l.T("trajectory.tip_value", "Year", v.Year, "Value", formatTarget(l, k, *v.Value))}
		if v.CILow != nil && v.CIHigh != nil {
			ci = append(ci, [3]float64{float64(j), *v.CILow, *v.CIHigh})
			tip = append(tip, l.T("trajectory.tip_probably", "Low", l.Percent(*v.CILow), "High", l.Percent(*v.CIHigh)))
		}
		tips[0][j] = tip
	}
	// The table under the chart: every year up to the last measured, what
	// stands for a withheld one ("< 10"), a dash for a missing one, then
	// the target.
	for y := first; y <= measured; y++ {
		v := "—"
		if labels[0][at(y)] != "" {
			v = labels[0][at(y)]
		} else if w := withheld[y]; w != "" {
			v = w
		}
		rows = append(rows, tableRow{Category: strconv.Itoa(y), Value: v, N: ns[y]})
	}
	if r := t.Result; r.Baseline != nil && r.Goal != nil {
		for y := t.BaselineYear; y <= t.TargetYear; y++ {
			v, _ := r.PathAt(y)
			j := at(y)
			path[j] = opts.LineData{Value: v}
			tips[1][j] = []string{l.T("trajectory.tip_path", "Year", y, "Value", formatTarget(l, k, v))}
		}
		j := at(t.TargetYear)
		goal[j] = opts.LineData{Value: *r.Goal, Symbol: "diamond", SymbolSize: 16}
		labels[2][j] = l.T("trajectory.goal_label", "Value", formatTarget(l, k, *r.Goal))
		tips[2][j] = []string{l.T("trajectory.tip_goal", "Year", t.TargetYear, "Value", formatTarget(l, k, *r.Goal))}
		rows = append(rows, tableRow{Category: l.T("trajectory.goal_year", "Year", t.TargetYear), Value: formatTarget(l, k, *r.Goal)})
	}

	line := gocharts.NewLine()
	var maxValue any
	if k == kindShare {
		maxValue = 1
	}
	line.SetGlobalOptions(
		gocharts.WithInitializationOpts(opts.Initialization{ChartID: id, Renderer: "canvas"}),
		gocharts.WithAnimation(false),
		// The legend goes above the plot: page.js moves the plot below it
		// once drawn, as far as it wraps on a narrow screen. Top is the room
		// left under the legend for the labels over the points and for
		// the axis's title above the plot, page.js starting it at the axis.
		gocharts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		gocharts.WithGridOpts(opts.Grid{Left: "8", Right: "48", Top: "48", Bottom: "8", ContainLabel: opts.Bool(true)}),
		gocharts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		gocharts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: maxValue,
			Name: chartText(axisTitle(l, f)), NameLocation: "end", NameGap: 24}),
	)
	line.SetXAxis(years)
	name := chartText(label(l, f))
	line.AddSeries(name, values,
		gocharts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top"}),
		gocharts.WithItemStyleOpts(opts.ItemStyle{Color: barColor}),
		gocharts.WithLineStyleOpts(opts.LineStyle{Color: barColor, Width: 3}),
		gocharts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 10, ConnectNulls: opts.Bool(false)}),
	)
	line.AddSeries(l.T("trajectory.path_series"), path,
		gocharts.WithItemStyleOpts(opts.ItemStyle{Color: pathColor}),
		gocharts.WithLineStyleOpts(opts.LineStyle{Color: pathColor, Width: 2, Type: "dashed"}),
		gocharts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
	)
	line.AddSeries(l.T("trajectory.goal_year", "Year", t.TargetYear), goal,
		gocharts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Color: targetColor, FontWeight: "bold"}),
		gocharts.WithItemStyleOpts(opts.ItemStyle{Color: targetColor}),
		gocharts.WithLineChartOpts(opts.LineChart{Symbol: "diamond", SymbolSize: 16}),
	)
	spec := chartSpec{Axis: k.axis(), Whole: k == kindCount, Labels: labels[:3], Tips: tips[:3], KeyLabels: keyYears(t, first, measured)}
	if len(ci) > 0 {
		line.MultiSeries = append(line.MultiSeries, gocharts.SingleSeries{
			Name: l.T("chart.interval"), Type: "custom", Data: ci, Encode: &opts.Encode{X: 0, Y: []int{1, 2}},
			ItemStyle: &opts.ItemStyle{Color: "#1b1b1b"}, // the colour of its legend, as page.js draws the bars
		})
		spec.addIntervals(ci, tips[0])
	}
	out, err := encodeSpec(id, line, spec)
	if err != nil {
		return chart{}, err
	}
	caption := l.T("trajectory.caption", "BaseYear", t.BaselineYear, "TargetYear", t.TargetYear)
	if t.Result.CurrentYear != 0 {
		caption += l.T("trajectory.caption_last", "Year", t.Result.CurrentYear)
	}
	// 272 px and the legend, whose height page.js adds.
	return chart{ID: id, Title: t.title(l), Height: 272, Spec: out, Caption: caption,
		Definition: "", Rows: rows}, nil
}

// keyYears are the years of a trajectory's axis that keep their label on a
// narrow screen, as indices from first: the target year, the baseline, the
// last year measured, then the other years with a value, latest first.
func keyYears(t Trajectory, first, measured int) []int {
	keys := []int{t.TargetYear - first, t.BaselineYear - first, measured - first}
	for i := len(t.Values) - 1; i >= 0; i-- {
		if t.Values[i].Value != nil {
			keys = append(keys, t.Values[i].Year-first)
		}
	}
	return keys
}

// comparisonTable is the table of every year side by side.
type comparisonTable struct {
	Years []int
	Rows  []comparisonLine
	Notes []string
	// Intervals is set when a change carries its interval: "Méthodes"
	// then says how it is computed (methods.go).
	Intervals bool
}

// comparisonLine is one figure in the table.
type comparisonLine struct {
	Label string
	Cells []comparisonCell
}

// comparisonCell is one year of a figure: its value and its change from the
// year before, or a dash for a missing year.
type comparisonCell struct {
	// Year is written before the value on a phone, where the table is
	// laid out one figure under the other and its header is not seen.
	Year   int
	Value  string
	Change string
	// ChangeCI is the 95 % interval of the change, for a survey figure
	// ("entre -14,0 et +37,8 pts"), and Verdict says whether it holds 0,
	// a change the size of the surveys cannot tell from chance.
	ChangeCI, Verdict string
	Missing           bool
	Mark              string // "†" when the definition changed, "◐" for a share on less than half of its whole; Title says how
	Title             string
	// Coverage is the coverage of a share computed on part of its whole:
	// "couverture 15 %".
	Coverage string
}

// newComparisonTable lays out the headline figures and the publics of
// participants; the workbook has every figure. nil when fewer than two
// years are known: there is nothing to compare.
func newComparisonTable(l *lang.Printer, c *Comparison) *comparisonTable {
	if c == nil || len(c.Years) < 2 {
		return nil
	}
	t := &comparisonTable{Years: c.Years}
	changed, gaps, partial, intervals := false, false, false, false
	var withheld []string // the legend of each text standing for a withheld figure
	for _, row := range c.Rows {
		if row.Question != "" || row.Wave != "" || (row.Dimension != "" && !(row.ID == "participants" && row.Dimension == "public")) {
			continue
		}
		f := Localize(l, Figure{ID: row.ID, Label: row.Label, Unit: row.Unit, Dimension: row.Dimension, Category: row.Category})
		k := kindOf(f)
		line := comparisonLine{Label: label(l, f)}
		if row.Dimension != "" {
			line.Label = l.T("comparison.part", "Label", line.Label, "Category", category(l, row.Dimension, row.Category))
		}
		if row.Survey != "" {
			line.Label += " (" + row.Survey + ")"
		}
		for _, cell := range row.Cells {
			if w := row.Withheld[cell.Year]; !cell.Present && w != "" {
				why := l.Reword(row.WithheldWhy[cell.Year])
				legend := l.T("comparison.withheld_legend", "Text", w, "Why", why)
				if !slices.Contains(withheld, legend) {
					withheld = append(withheld, legend)
				}
				line.Cells = append(line.Cells, comparisonCell{Year: cell.Year, Value: w, Missing: true, Title: l.T("comparison.withheld_title", "Year", cell.Year, "Why", why)})
				continue
			}
			if !cell.Present {
				gaps = true
				line.Cells = append(line.Cells, comparisonCell{Year: cell.Year, Value: "—", Missing: true, Title: l.T("comparison.missing_title", "Year", cell.Year)})
				continue
			}
			cc := comparisonCell{Year: cell.Year, Value: k.format(l, cell.Value)}
			if cell.Change != nil {
				cc.Change = changeText(l, k, *cell.Change, cell.ChangePct)
			}
			if noise, ok := cell.ChangeWithinNoise(); ok {
				intervals = true
				cc.ChangeCI = l.T("comparison.between", "Low", changeBound(l, k, *cell.ChangeLow), "High", changeBound(l, k, *cell.ChangeHigh))
				if k == kindShare {
					cc.ChangeCI += " " + l.T("comparison.pts")
				}
				cc.Verdict = l.T("comparison.beyond_chance")
				if noise {
					cc.Verdict = l.T("comparison.within_chance")
				}
			}
			var marks, titles []string
			if cell.DefinitionChanged {
				changed = true
				marks = append(marks, "†")
				titles = append(titles, l.T("comparison.definition_changed", "Before", cell.PreviousVersion, "After", cell.Version))
			}
			if cov, ok := row.Coverage[cell.Year]; ok {
				cc.Coverage = l.T("comparison.coverage", "Share", l.Percent(cov))
				if IsLowCoverage(&cov) {
					partial = true
					marks = append(marks, partialMark)
					titles = append(titles, l.T("comparison.low_coverage_title", "Year", cell.Year))
				}
			}
			// A change to or from a share on less than half of its whole
			// compares groups, not the campus: it is flagged.
			if cc.Change != "" && (LowCoverageIn(row.Coverage, cell.Year) || LowCoverageIn(row.Coverage, cell.Year-1)) {
				cc.Change += " " + partialMark
			}
			cc.Mark, cc.Title = strings.Join(marks, " "), strings.Join(titles, l.T("list.semicolon"))
			line.Cells = append(line.Cells, cc)
		}
		t.Rows = append(t.Rows, line)
	}
	if len(t.Rows) == 0 {
		return nil
	}
	t.Notes = append(t.Notes, l.T("comparison.note_change"))
	if gaps {
		t.Notes = append(t.Notes, l.T("comparison.note_gaps"))
	}
	if len(withheld) > 0 {
		t.Notes = append(t.Notes, l.T("comparison.note_withheld", "Legends", strings.Join(withheld, l.T("list.semicolon"))))
	}
	if len(c.Missing) > 0 {
		var ys []string
		for _, y := range c.Missing {
			ys = append(ys, strconv.Itoa(y))
		}
		t.Notes = append(t.Notes, l.T("comparison.note_missing", "Years", strings.Join(ys, ", ")))
	}
	if partial {
		t.Notes = append(t.Notes, l.T("comparison.note_partial", "Mark", partialMark))
	}
	if intervals {
		t.Intervals = true
		t.Notes = append(t.Notes, l.T("comparison.note_intervals"))
	}
	if changed {
		t.Notes = append(t.Notes, l.T("comparison.note_definition"))
	}
	return t
}

// changeText writes a change from the year before: "+1 392 (+83 %)" for a
// count, "+3,4 pts" for a share, "+0,12 (+8 %)" for a ratio.
func changeText(l *lang.Printer, k kind, change float64, pct *float64) string {
	sign := func(s string, v float64) string {
		if v > 0 {
			return "+" + s
		}
		return s
	}
	switch k {
	case kindShare, kindChange:
		return sign(l.Decimal(change*100, 1), change) + " " + l.T("comparison.pts")
	}
	s := sign(l.Number(change), change)
	if k == kindMean {
		s = sign(l.Decimal(change, 2), change)
	}
	if pct != nil {
		s += " (" + l.Change(*pct) + ")"
	}
	return s
}

// changeBound writes a bound of the interval of a change with its sign, as
// changeText writes the change: points with one decimal for a share, two
// decimals for a mean.
func changeBound(l *lang.Printer, k kind, v float64) string {
	if k == kindShare || k == kindChange {
		return plus(l.Decimal(v*100, 1), v)
	}
	return plus(l.Decimal(v, 2), v)
}

// Kinds of figure, as ValueKind names them.
const (
	KindCount  = "count"  // people, animations, establishments: 4 604
	KindShare  = "share"  // a fraction written as a percentage: 83 %
	KindChange = "change" // a relative change: +33 %
	KindMean   = "mean"   // a mean or a ratio: 1,6
)

// ValueKind tells how a figure is written, so that the workbook gives its
// cells the number format the report uses: KindCount, KindShare, KindChange
// or KindMean.
func ValueKind(f Figure) string {
	switch kindOf(f) {
	case kindShare:
		return KindShare
	case kindChange:
		return KindChange
	case kindMean:
		return KindMean
	}
	return KindCount
}
