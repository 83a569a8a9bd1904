package charts

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/cmq-greencity/greencity/targets"
	"github.com/cmq-greencity/greencity/trend"
)

// This file draws the first page of the report, "Trajectoire 2030" (one
// chart per target of config.yaml), and the table that sets every year side
// by side. The judgement itself (status, progress, yearly rate) is made by
// package targets; here it is only written in French and drawn.

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
func newTrajectoryPage(year int, ts []Trajectory) (*trajectoryPage, error) {
	if len(ts) == 0 {
		return nil, nil
	}
	last := 0
	for _, t := range ts {
		last = max(last, t.TargetYear)
	}
	p := &trajectoryPage{
		Title: "Trajectoire " + strconv.Itoa(last),
		Intro: "Pour chaque cible, les valeurs de chaque année, la trajectoire en ligne droite de la référence à la cible, " +
			"et où en est le campus en " + strconv.Itoa(year) + " par rapport à cette trajectoire.",
	}
	for i, t := range ts {
		c, err := trajectoryChart(i+1, t)
		if err != nil {
			return nil, err
		}
		s := t.Result.Status
		p.Blocks = append(p.Blocks, trajectoryBlock{Chart: c, Status: capitalize(StatusText(s)), StatusClass: string(s), Lines: judgement(t)})
	}
	return p, nil
}

// StatusText writes a status in French, as the report and the command line
// show it.
func StatusText(s targets.Status) string {
	switch s {
	case targets.OnTrack:
		return "sur la trajectoire"
	case targets.Behind:
		return "en retard sur la trajectoire"
	case targets.Achieved:
		return "cible atteinte"
	case targets.Uncertain:
		return "trop incertain pour conclure"
	}
	return "pas de données pour juger"
}

// figure stands for the values of a target, to tell how they are written
// (kindOf).
func (t Trajectory) figure() Figure {
	return Figure{ID: t.Indicator, Unit: t.Unit, Label: t.IndicatorLabel}
}

// title is the heading of a target: its label, or its indicator's.
func (t Trajectory) title() string {
	s := strings.TrimSpace(t.Label)
	if s == "" {
		s = label(t.figure())
	}
	if t.Survey != "" {
		s += " (" + t.Survey + ")"
	}
	return s
}

// formatTarget writes a value of a target: shares as percentages, ratios
// with two decimals (1,63 against 1,80 says more than 1,6 against 1,8),
// counts as whole numbers.
func formatTarget(k kind, v float64) string {
	switch k {
	case kindShare:
		return formatPercent(v)
	case kindMean, kindChange:
		return formatDecimal(v, 2)
	}
	return formatNumber(v)
}

// formatRate writes a change per year with its sign: "+0,23 par an",
// "+3,6 par an", "+1,1 point par an" for a share.
func formatRate(k kind, v float64) string {
	sign := "+"
	if v < 0 {
		sign = "-"
	}
	v = math.Abs(v)
	switch k {
	case kindShare:
		pts := formatDecimal(v*100, 1)
		unit := " point"
		if v*100 >= 2 {
			unit = " points"
		}
		return sign + pts + unit + " par an"
	case kindCount:
		return sign + formatDecimal(v, 1) + " par an"
	}
	return sign + formatDecimal(v, 2) + " par an"
}

// judgement writes where a target stands, in plain French sentences.
func judgement(t Trajectory) []string {
	r, k := t.Result, kindOf(t.figure())
	var lines []string
	by, ty := strconv.Itoa(t.BaselineYear), strconv.Itoa(t.TargetYear)
	if r.Baseline == nil {
		return []string{"Référence " + by + " : aucune valeur (ni dans config.yaml, ni dans les données de " + by + ")."}
	}
	ref := "Référence " + by + " : " + formatTarget(k, *r.Baseline) + " ; cible " + ty + " : " + formatTarget(k, *r.Goal)
	if t.Multiplier != nil {
		ref += " (" + formatDecimal(*t.Multiplier, 1) + " fois la référence)"
	}
	lines = append(lines, strings.Replace(ref, ",0 fois", " fois", 1)+".")
	if r.Current == nil {
		if r.Reason != "" {
			return append(lines, "Pas de données pour juger : "+r.Reason+".")
		}
		return append(lines, "Aucune valeur depuis "+by+" : la progression ne peut pas être mesurée.")
	}
	cy := strconv.Itoa(r.CurrentYear)
	now := cy + " : " + formatTarget(k, *r.Current)
	if r.Expected != nil && r.Status != targets.Achieved {
		now += " pour " + formatTarget(k, *r.Expected) + " attendu sur la trajectoire"
	}
	if r.Progress != nil {
		now += " ; " + formatPercent(*r.Progress) + " du chemin parcouru depuis " + by
	}
	lines = append(lines, now+".")
	switch {
	case r.Status == targets.Achieved:
		lines = append(lines, "La cible de "+ty+" est atteinte ; il reste à s'y maintenir.")
	case r.RequiredYearlyRate != nil:
		lines = append(lines, "Pour atteindre la cible en "+ty+" : "+formatRate(k, *r.RequiredYearlyRate)+" d'ici là.")
	default:
		lines = append(lines, "L'année cible "+ty+" est passée sans que la cible soit atteinte.")
	}
	if l := changeSentence(t, k); l != "" {
		lines = append(lines, l)
	}
	if l := IntervalSentence(t); l != "" {
		lines = append(lines, l)
	}
	return lines
}

// IntervalSentence says, for a value judged with its interval (a survey's
// share), between which values it probably lies and whether the value
// expected on the path is among them, in the words of the report:
// "2025 : probablement entre 61 % et 94 %, ce qui comprend les 73 %
// attendus sur la trajectoire : trop incertain pour conclure." The
// statistical words (interval, confidence) stay in "Méthodes". "" for a
// value without an interval.
func IntervalSentence(t Trajectory) string {
	r, k := t.Result, kindOf(t.figure())
	if r.IntervalOverlapsPath == nil || r.CILow == nil || r.CIHigh == nil || r.Expected == nil {
		return ""
	}
	ci := strconv.Itoa(r.CurrentYear) + " : probablement entre " + formatTarget(k, *r.CILow) + " et " + formatTarget(k, *r.CIHigh)
	if *r.IntervalOverlapsPath {
		return ci + ", ce qui comprend les " + formatTarget(k, *r.Expected) + " attendus sur la trajectoire : trop incertain pour conclure."
	}
	return ci + ", ce qui exclut les " + formatTarget(k, *r.Expected) + " attendus sur la trajectoire : l'écart à la trajectoire est net."
}

// StatusReason says in French why a target has the status it has, when the
// status alone does not: for no_data, the year missing and why; for
// uncertain, where the value probably lies (IntervalSentence). "" for the
// other statuses.
func StatusReason(t Trajectory) string {
	r := t.Result
	switch r.Status {
	case targets.NoData:
		return r.Reason
	case targets.Uncertain:
		return IntervalSentence(t)
	}
	return ""
}

// changeSentence writes the change of a survey figure from the year before
// the one judged, with its 95 % interval and whether the size of the
// surveys can tell it from chance: "De 70 % (2024, 20 répondants) à 83 %
// (2025, 18 répondants) : +13 points, entre -14 et +38 points : un écart
// que la taille des enquêtes ne permet pas de distinguer du hasard." ""
// for a change without an interval.
func changeSentence(t Trajectory, k kind) string {
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
		return formatTarget(k, *v.Value) + " (" + strconv.Itoa(v.Year) + ", " + formatCount(v.N) + " répondants)"
	}
	change, unit := changeAmount(k, *c.Change)
	lo, _ := changeAmount(k, *c.ChangeLow)
	hi, hiUnit := changeAmount(k, *c.ChangeHigh)
	s := "De " + year(before) + " à " + year(after) + " : " + change + unit + ", entre " + lo + " et " + hi + hiUnit
	if noise {
		return s + " : un écart que la taille des enquêtes ne permet pas de distinguer du hasard."
	}
	return s + " : un écart que le hasard des enquêtes n'explique pas à lui seul."
}

// changeAmount writes a change between two years with its sign, and its
// unit apart: "+13", " points" for a share; "+0,28", "" for a mean.
func changeAmount(k kind, v float64) (amount, unit string) {
	if k != kindShare {
		return plus(formatTarget(k, v), v), ""
	}
	unit = " points"
	if math.Abs(math.Round(v*100)) < 2 {
		unit = " point"
	}
	return plus(formatDecimal(v*100, 0), v), unit
}

// plus puts a "+" before s, v written, when v is a rise that s does not
// round to 0.
func plus(s string, v float64) string {
	if v > 0 && strings.Trim(s, "0,") != "" {
		return "+" + s
	}
	return s
}

// trajectoryChart draws one target: the yearly values (a gap where a year
// is missing), the straight path from the baseline to the target, dashed,
// and the target as a point, on a common axis of years.
func trajectoryChart(i int, t Trajectory) (chart, error) {
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
		ns[v.Year] = formatCount(v.N)
		measured = max(measured, v.Year)
		values[j] = opts.LineData{Value: *v.Value}
		labels[0][j] = formatTarget(k, *v.Value)
		tip := []string{strconv.Itoa(v.Year) + " : " + formatTarget(k, *v.Value)}
		if v.CILow != nil && v.CIHigh != nil {
			ci = append(ci, [3]float64{float64(j), *v.CILow, *v.CIHigh})
			tip = append(tip, "probablement entre "+formatPercent(*v.CILow)+" et "+formatPercent(*v.CIHigh))
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
			tips[1][j] = []string{"Trajectoire " + strconv.Itoa(y) + " : " + formatTarget(k, v)}
		}
		j := at(t.TargetYear)
		goal[j] = opts.LineData{Value: *r.Goal, Symbol: "diamond", SymbolSize: 16}
		labels[2][j] = "Cible : " + formatTarget(k, *r.Goal)
		tips[2][j] = []string{"Cible " + strconv.Itoa(t.TargetYear) + " : " + formatTarget(k, *r.Goal)}
		rows = append(rows, tableRow{Category: "Cible " + strconv.Itoa(t.TargetYear), Value: formatTarget(k, *r.Goal)})
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
		// left under the legend for the labels over the points.
		gocharts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		gocharts.WithGridOpts(opts.Grid{Left: "8", Right: "48", Top: "32", Bottom: "8", ContainLabel: opts.Bool(true)}),
		gocharts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		gocharts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: maxValue}),
	)
	line.SetXAxis(years)
	name := chartText(label(f))
	line.AddSeries(name, values,
		gocharts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top"}),
		gocharts.WithItemStyleOpts(opts.ItemStyle{Color: barColor}),
		gocharts.WithLineStyleOpts(opts.LineStyle{Color: barColor, Width: 3}),
		gocharts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 10, ConnectNulls: opts.Bool(false)}),
	)
	line.AddSeries("Trajectoire vers la cible", path,
		gocharts.WithItemStyleOpts(opts.ItemStyle{Color: pathColor}),
		gocharts.WithLineStyleOpts(opts.LineStyle{Color: pathColor, Width: 2, Type: "dashed"}),
		gocharts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
	)
	line.AddSeries("Cible "+strconv.Itoa(t.TargetYear), goal,
		gocharts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Color: targetColor, FontWeight: "bold"}),
		gocharts.WithItemStyleOpts(opts.ItemStyle{Color: targetColor}),
		gocharts.WithLineChartOpts(opts.LineChart{Symbol: "diamond", SymbolSize: 16}),
	)
	spec := chartSpec{Axis: k.axis(), Labels: labels[:3], Tips: tips[:3], KeyLabels: keyYears(t, first, measured)}
	if len(ci) > 0 {
		line.MultiSeries = append(line.MultiSeries, gocharts.SingleSeries{
			Name: "Fourchette probable", Type: "custom", Data: ci, Encode: &opts.Encode{X: 0, Y: []int{1, 2}},
			ItemStyle: &opts.ItemStyle{Color: "#1b1b1b"}, // the colour of its legend, as page.js draws the bars
		})
		spec.addIntervals(ci, tips[0])
	}
	out, err := encodeSpec(id, line, spec)
	if err != nil {
		return chart{}, err
	}
	caption := "Référence " + strconv.Itoa(t.BaselineYear) + ", cible " + strconv.Itoa(t.TargetYear)
	if t.Result.CurrentYear != 0 {
		caption += ", dernière valeur " + strconv.Itoa(t.Result.CurrentYear)
	}
	// 256 px and the legend, whose height page.js adds.
	return chart{ID: id, Title: t.title(), Height: 256, Spec: out, Caption: caption,
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
func newComparisonTable(c *Comparison) *comparisonTable {
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
		f := Figure{ID: row.ID, Label: row.Label, Unit: row.Unit, Dimension: row.Dimension, Category: row.Category}
		k := kindOf(f)
		l := comparisonLine{Label: label(f)}
		if row.Dimension != "" {
			l.Label += " : " + category(row.Dimension, row.Category)
		}
		if row.Survey != "" {
			l.Label += " (" + row.Survey + ")"
		}
		for _, cell := range row.Cells {
			if w := row.Withheld[cell.Year]; !cell.Present && w != "" {
				legend := "« " + w + " » : chiffre calculé mais non publié (" + row.WithheldWhy[cell.Year] + ")"
				if !slices.Contains(withheld, legend) {
					withheld = append(withheld, legend)
				}
				l.Cells = append(l.Cells, comparisonCell{Year: cell.Year, Value: w, Missing: true, Title: "non publié en " + strconv.Itoa(cell.Year) + " : " + row.WithheldWhy[cell.Year]})
				continue
			}
			if !cell.Present {
				gaps = true
				l.Cells = append(l.Cells, comparisonCell{Year: cell.Year, Value: "—", Missing: true, Title: "aucune donnée en " + strconv.Itoa(cell.Year)})
				continue
			}
			cc := comparisonCell{Year: cell.Year, Value: k.format(cell.Value)}
			if cell.Change != nil {
				cc.Change = changeText(k, *cell.Change, cell.ChangePct)
			}
			if noise, ok := cell.ChangeWithinNoise(); ok {
				intervals = true
				cc.ChangeCI = "entre " + changeBound(k, *cell.ChangeLow) + " et " + changeBound(k, *cell.ChangeHigh)
				if k == kindShare {
					cc.ChangeCI += " pts"
				}
				cc.Verdict = "au-delà du hasard"
				if noise {
					cc.Verdict = "indiscernable du hasard"
				}
			}
			var marks, titles []string
			if cell.DefinitionChanged {
				changed = true
				marks = append(marks, "†")
				titles = append(titles, fmt.Sprintf("définition modifiée : version %d, puis %d", cell.PreviousVersion, cell.Version))
			}
			if cov, ok := row.Coverage[cell.Year]; ok {
				cc.Coverage = "couverture " + formatPercent(cov)
				if IsLowCoverage(&cov) {
					partial = true
					marks = append(marks, partialMark)
					titles = append(titles, "calculé sur moins de la moitié des participations de "+strconv.Itoa(cell.Year))
				}
			}
			// A change to or from a share on less than half of its whole
			// compares groups, not the campus: it is flagged.
			if cc.Change != "" && (LowCoverageIn(row.Coverage, cell.Year) || LowCoverageIn(row.Coverage, cell.Year-1)) {
				cc.Change += " " + partialMark
			}
			cc.Mark, cc.Title = strings.Join(marks, " "), strings.Join(titles, " ; ")
			l.Cells = append(l.Cells, cc)
		}
		t.Rows = append(t.Rows, l)
	}
	if len(t.Rows) == 0 {
		return nil
	}
	t.Notes = append(t.Notes, "Sous chaque valeur, son évolution depuis l'année précédente.")
	if gaps {
		t.Notes = append(t.Notes, "— : pas de valeur cette année-là (ce n'est pas un zéro) ; l'évolution n'est pas calculée à travers une année sans valeur.")
	}
	if len(withheld) > 0 {
		t.Notes = append(t.Notes, strings.Join(withheld, " ; ")+" ; l'évolution n'est pas calculée à travers une année non publiée.")
	}
	if len(c.Missing) > 0 {
		var ys []string
		for _, y := range c.Missing {
			ys = append(ys, strconv.Itoa(y))
		}
		t.Notes = append(t.Notes, "Aucune donnée pour "+strings.Join(ys, ", ")+" : dossier de l'année absent ou non importé.")
	}
	if partial {
		t.Notes = append(t.Notes, partialMark+" : part calculée sur moins de la moitié des participations de l'année (couverture sous chaque valeur) : elle ne décrit que les groupes renseignés, et une évolution marquée "+partialMark+" compare ces groupes, pas l'ensemble des participants.")
	}
	if intervals {
		t.Intervals = true
		t.Notes = append(t.Notes, "Sous l'évolution d'un chiffre d'enquête, entre quelles valeurs l'écart se situe probablement"+
			" (voir « Méthodes ») : les enquêtes de deux années interrogent d'autres personnes, "+
			"et un autre groupe aurait donné un autre écart. Quand cette fourchette contient 0, l'écart est de ceux que la taille des enquêtes "+
			"ne permet pas de distinguer du hasard.")
	}
	if changed {
		t.Notes = append(t.Notes, "† : la définition de l'indicateur a changé depuis l'année précédente (voir la version dans le classeur indicateurs.xlsx) : les deux valeurs ne se comparent pas directement.")
	}
	return t
}

// changeText writes a change from the year before: "+1 392 (+83 %)" for a
// count, "+3,4 pts" for a share, "+0,12 (+8 %)" for a ratio.
func changeText(k kind, change float64, pct *float64) string {
	sign := func(s string, v float64) string {
		if v > 0 {
			return "+" + s
		}
		return s
	}
	switch k {
	case kindShare, kindChange:
		return sign(formatDecimal(change*100, 1), change) + " pts"
	}
	s := sign(formatNumber(change), change)
	if k == kindMean {
		s = sign(formatDecimal(change, 2), change)
	}
	if pct != nil {
		s += " (" + formatChange(*pct) + ")"
	}
	return s
}

// changeBound writes a bound of the interval of a change with its sign, as
// changeText writes the change: points with one decimal for a share, two
// decimals for a mean.
func changeBound(k kind, v float64) string {
	if k == kindShare || k == kindChange {
		return plus(formatDecimal(v*100, 1), v)
	}
	return plus(formatDecimal(v, 2), v)
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
