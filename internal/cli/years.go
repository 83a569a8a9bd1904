package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/cmq-greencity/greencity/lang"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/cmq-greencity/greencity/queries"
	"github.com/cmq-greencity/greencity/targets"
	"github.com/cmq-greencity/greencity/trend"
)

// yearsView is every year of the database side by side, as the comparison
// of the report, the targets and indicators --year all show them.
type yearsView struct {
	Years   []int          // from the first year with figures to the last (up to asOf)
	Missing []int          // years of Years without any figure
	Rows    []pipeline.Row // every year's figures, year by year, in display order
	Lines   []trend.Line   // each figure over Years
	// Withheld are the figures withheld by the small-cell rule: not shown,
	// but a target judged on one has no data, not an earlier year's value.
	Withheld []pipeline.Row
	latest   map[trend.Key]pipeline.Row
	cells    map[trend.Key]map[int]trend.Cell
	// coverage is, for a share computed on part of its whole, its coverage
	// in each year that has one.
	coverage map[trend.Key]map[int]float64
}

// loadYears reads every year's figures: those recorded by the last run or
// report of each year (with the version of the definition that computed
// them), and for a year never recorded, or imported into since, the figures
// computed now. asOf > 0 leaves the later years out, as a report of that year
// does. A figure withheld by the small-cell rule counts as missing.
func loadYears(ctx context.Context, store *pipeline.Store, cfg Config, asOf int) (yearsView, error) {
	rows, err := store.RecordedFigures(ctx, cfg.Campus)
	if err != nil {
		return yearsView{}, err
	}
	years, err := store.DataYears(ctx, cfg.Campus)
	if err != nil {
		return yearsView{}, err
	}
	recorded := map[int]bool{}
	for _, r := range rows {
		recorded[r.Year] = true
	}
	for _, y := range years {
		if recorded[y] || (asOf > 0 && y > asOf) {
			continue
		}
		live, err := computeRows(ctx, store, cfg, y)
		if err != nil && !errors.Is(err, errNoData) {
			return yearsView{}, err
		}
		rows = append(rows, live...)
	}
	// Recorded figures were withheld with the min_cell_size of their run:
	// the current one applies too, year by year as the rule groups a
	// breakdown with its headline, so that a stricter threshold also hides
	// what an earlier report showed.
	byYear := map[int][]pipeline.Row{}
	for _, r := range rows {
		byYear[r.Year] = append(byYear[r.Year], r)
	}
	rows = rows[:0]
	for _, y := range slices.Sorted(maps.Keys(byYear)) {
		rows = append(rows, pipeline.WithholdSmallCells(byYear[y], cfg.MinCellSize)...)
	}
	return newYearsView(rows, asOf), nil
}

// newYearsView sets rows of several years side by side.
func newYearsView(rows []pipeline.Row, asOf int) yearsView {
	v := yearsView{latest: map[trend.Key]pipeline.Row{}, cells: map[trend.Key]map[int]trend.Cell{},
		coverage: map[trend.Key]map[int]float64{}}
	have := map[int]bool{}
	for _, r := range rows {
		if asOf > 0 && r.Year > asOf {
			continue
		}
		if r.WithheldBelow > 0 {
			v.Withheld = append(v.Withheld, r)
			continue
		}
		v.Rows = append(v.Rows, r)
		have[r.Year] = true
	}
	slices.SortStableFunc(v.Rows, byYearForDisplay)
	var present []int
	for y := range have {
		present = append(present, y)
	}
	v.Years = trend.Span(present)
	var points []trend.Point
	for _, r := range v.Rows {
		k := lineKey(r)
		points = append(points, trend.Point{Key: k, Year: r.Year, Value: r.Value, Version: r.Version,
			N: r.N, Low: r.CILow, High: r.CIHigh, Interval: intervalOf(r)})
		v.latest[k] = r
		if r.Coverage != nil {
			if v.coverage[k] == nil {
				v.coverage[k] = map[int]float64{}
			}
			v.coverage[k][r.Year] = *r.Coverage
		}
	}
	for _, y := range v.Years {
		if !have[y] {
			v.Missing = append(v.Missing, y)
		}
	}
	v.Lines = trend.Compare(points, v.Years)
	for _, l := range v.Lines {
		v.cells[l.Key] = map[int]trend.Cell{}
		for _, c := range l.Cells {
			v.cells[l.Key][c.Year] = c
		}
	}
	return v
}

// intervalOf tells how a figure's 95 % interval was computed, for the
// interval of its change between two years. The pipeline gives a share an
// interval only by Wilson's method (the indicators marked "-- interval:
// wilson") and a change in points on a 1-5 scale only by Student's
// (pipeline/surveys.go); any other figure has none.
func intervalOf(r pipeline.Row) trend.Interval {
	switch {
	case r.CILow == nil || r.CIHigh == nil:
		return trend.NoInterval
	case r.Unit == "part":
		return trend.Wilson
	case r.Unit == "points sur 5":
		return trend.Student
	}
	return trend.NoInterval
}

// yearMonth is a category of the breakdown by month: "2025-01".
var yearMonth = regexp.MustCompile(`^(19|20)\d\d-(\d\d)$`)

// lineKey follows a figure from year to year: a survey by its title without
// the year, a questionnaire figure by its question and wave too, a month by
// its number (January 2025 follows January 2024).
func lineKey(r pipeline.Row) trend.Key {
	k := trend.Key{ID: r.ID, Survey: trend.SurveyKey(r.Survey), Dimension: r.Dimension, Category: r.Category}
	if m := yearMonth.FindStringSubmatch(r.Category); m != nil && r.Dimension == "mois" {
		k.Category = m[2]
	}
	if r.Question != "" || r.Wave != "" {
		k.Category += "\x00" + r.Question + "\x00" + r.Wave
	}
	return k
}

// lineCategory is the category a line shows: the latest year's, except for
// a month, shown by its number alone since the line spans several years.
func lineCategory(k trend.Key, r pipeline.Row) string {
	if r.Dimension == "mois" && yearMonth.MatchString(r.Category) {
		return k.Category
	}
	return r.Category
}

// comparison is the years side by side for the report and the workbook.
func (v yearsView) comparison(l *lang.Printer) *charts.Comparison {
	if len(v.Years) == 0 {
		return nil
	}
	c := &charts.Comparison{Years: v.Years, Missing: v.Missing}
	for _, line := range v.Lines {
		r := v.latest[line.Key]
		c.Rows = append(c.Rows, charts.ComparisonRow{ID: r.ID, Label: r.Label, Survey: trend.SurveyName(r.Survey),
			Dimension: r.Dimension, Category: lineCategory(line.Key, r), Unit: r.Unit, Question: r.Question, Wave: r.Wave, Cells: line.Cells,
			Coverage: v.coverage[line.Key]})
		for _, w := range v.withheldOf(line.Key) {
			row := &c.Rows[len(c.Rows)-1]
			if row.Withheld == nil {
				row.Withheld, row.WithheldWhy = map[int]string{}, map[int]string{}
			}
			row.Withheld[w.Year], row.WithheldWhy[w.Year] = withheldFigureText(l, w), w.WithheldWhy()
		}
	}
	return c
}

// withheldFigureText is what the report and the workbook show for a
// withheld figure (charts.WithheldText: "<\u00a012", "non publié"), in the
// language of l.
func withheldFigureText(l *lang.Printer, r pipeline.Row) string {
	return charts.WithheldText(l, charts.Figure{WithheldBelow: r.WithheldBelow, WithheldUnanimous: r.WithheldUnanimous})
}

// withheldOf returns the figures of line k withheld in some year.
func (v yearsView) withheldOf(k trend.Key) []pipeline.Row {
	var out []pipeline.Row
	for _, r := range v.Withheld {
		if lineKey(r) == k {
			out = append(out, r)
		}
	}
	return out
}

// targetResult is one configured target judged on the years.
type targetResult struct {
	Config TargetConfig
	Label  string // the indicator's label
	Unit   string
	Values []charts.YearValue
	Result targets.Result
	// Change is the figure of the year judged beside the year before (its
	// change and that change's interval); zero when there is none.
	Change trend.Cell
}

// evaluateTargets judges every configured target as of asOf (0: the latest
// year). A target follows the headline figure of its indicator (of its
// survey, for a questionnaire indicator); should a year hold two such
// figures, the one resting on more people is taken.
func evaluateTargets(cfg Config, l *lang.Printer, v yearsView, asOf int) ([]targetResult, error) {
	inds, err := queries.Load(queries.FS)
	if err != nil {
		return nil, err
	}
	// A target is judged in the year asked for, or the last year with
	// figures: an indicator missing that year has no data, whatever it had
	// before.
	judged := asOf
	if judged == 0 && len(v.Years) > 0 {
		judged = slices.Max(v.Years)
	}
	var out []targetResult
	for i, tc := range cfg.Targets {
		t := targetOf(tc)
		res := targetResult{Config: tc}
		for _, ind := range inds {
			if ind.ID == t.Indicator {
				res.Label = ind.Label
			}
		}
		headline := func(r pipeline.Row) bool {
			return r.ID == t.Indicator && r.Dimension == "" && r.Question == "" && r.Wave == "" && trend.SurveyKey(r.Survey) == trend.SurveyKey(t.Survey)
		}
		best := map[int]pipeline.Row{}
		for _, r := range v.Rows {
			if !headline(r) {
				continue
			}
			if b, ok := best[r.Year]; !ok || r.N > b.N {
				best[r.Year] = r
			}
		}
		withheld := map[int]pipeline.Row{}
		for _, r := range v.Withheld {
			if headline(r) {
				withheld[r.Year] = r
			}
		}
		var series []targets.Point
		for _, y := range v.Years {
			yv := charts.YearValue{Year: y}
			if r, ok := best[y]; ok {
				val := r.Value
				yv.Value, yv.N, yv.CILow, yv.CIHigh = &val, r.N, r.CILow, r.CIHigh
				series = append(series, targets.Point{Year: y, Value: r.Value, CILow: r.CILow, CIHigh: r.CIHigh})
				res.Unit = r.Unit
			} else if w, ok := withheld[y]; ok {
				yv.Withheld = withheldFigureText(l, w)
				series = append(series, targets.Point{Year: y, Withheld: true, WithheldWhy: w.WithheldWhy()})
			}
			res.Values = append(res.Values, yv)
		}
		res.Result = targets.Evaluate(t, series, judged)
		if r, ok := best[judged]; ok {
			res.Change = v.cell(r)
		}
		// A target on the wrong side of a baseline read in the data cannot
		// be reached by construction: refused as when the baseline is
		// written in config.yaml.
		if r := res.Result; tc.Baseline.Value == nil && r.Baseline != nil && t.TargetValue != nil {
			if err := wrongSide(i, tc, *r.Baseline, *t.TargetValue, fmt.Sprintf(" (lue dans les données de %d)", t.BaselineYear)); err != nil {
				return nil, err
			}
		}
		out = append(out, res)
	}
	return out, nil
}

// trajectories are the targets as the report draws them, each with its
// label in the language of l: label_en in English (without it, the
// report names the target by its indicator).
func trajectories(l *lang.Printer, rs []targetResult) []charts.Trajectory {
	var out []charts.Trajectory
	for _, r := range rs {
		t := r.Result.Target
		label := r.Config.labelIn(l)
		out = append(out, charts.Trajectory{Indicator: t.Indicator, Label: label, IndicatorLabel: r.Label,
			Survey: t.Survey, Unit: r.Unit, Direction: string(t.Direction), BaselineYear: t.BaselineYear,
			TargetYear: t.TargetYear, Multiplier: t.Multiplier, Values: r.Values, Result: r.Result, Change: r.Change})
	}
	return out
}

// yearRow is one row of indicators --year all --format json: a row of
// --format json with its year first, the version of the definition that
// computed it, and its change from the previous year (null when either year
// has no such figure). A figure with an interval has its change's 95 %
// interval too, and whether that interval holds 0 (change_within_noise: the
// size of the surveys cannot tell the change from chance); null otherwise.
type yearRow struct {
	Year int `json:"year"`
	jsonRow
	Version           int      `json:"version"`
	Change            *float64 `json:"change"`
	ChangePct         *float64 `json:"change_pct"`
	DefinitionChanged bool     `json:"definition_changed"`
	ChangeLow         *float64 `json:"change_low"`
	ChangeHigh        *float64 `json:"change_high"`
	ChangeWithinNoise *bool    `json:"change_within_noise"`
}

// withinNoise is Cell.ChangeWithinNoise for the exports: nil when the
// change has no interval.
func withinNoise(c trend.Cell) *bool {
	noise, ok := c.ChangeWithinNoise()
	if !ok {
		return nil
	}
	return &noise
}

// writeAllYears prints every year's figures.
func writeAllYears(ctx context.Context, cfg Config, format string, w io.Writer) error {
	store, err := openReading(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	v, err := loadYears(ctx, store, cfg, 0)
	if err != nil {
		return err
	}
	if len(v.Years) == 0 {
		return fmt.Errorf("aucune donnée dans %s (campus %q) : lancez d'abord greencity run ou greencity import", cfg.Database, cfg.Campus)
	}
	switch format {
	case "json":
		return v.writeJSON(w)
	case formatCSV, formatCSVExcel:
		return v.writeCSV(w, format == formatCSVExcel)
	}
	return v.writeTable(w)
}

func (v yearsView) cell(r pipeline.Row) trend.Cell { return v.cells[lineKey(r)][r.Year] }

// listed are the figures --year all lists: those shown and those withheld
// (with what withheld them, never their value), year by year in display
// order, so that a withheld figure is not mistaken for one never computed.
func (v yearsView) listed() []pipeline.Row {
	rows := append(slices.Clone(v.Rows), v.Withheld...)
	slices.SortStableFunc(rows, byYearForDisplay)
	return rows
}

// byYearForDisplay orders the figures of several years: year by year, each
// year in the report's order.
func byYearForDisplay(a, b pipeline.Row) int {
	if a.Year != b.Year {
		return a.Year - b.Year
	}
	return displayRank(a.ID) - displayRank(b.ID)
}

func (v yearsView) writeJSON(w io.Writer) error {
	doc := struct {
		Years      []int     `json:"years"`
		Missing    []int     `json:"missing_years"`
		Indicators []yearRow `json:"indicators"`
	}{Years: v.Years, Missing: append([]int{}, v.Missing...), Indicators: []yearRow{}}
	for _, r := range v.listed() {
		// A withheld figure is listed with what withheld it, never with its
		// value: it has no change (its cell is absent).
		c := v.cell(r)
		doc.Indicators = append(doc.Indicators, yearRow{Year: r.Year, jsonRow: toJSONRow(r), Version: r.Version,
			Change: c.Change, ChangePct: c.ChangePct, DefinitionChanged: c.DefinitionChanged,
			ChangeLow: c.ChangeLow, ChangeHigh: c.ChangeHigh, ChangeWithinNoise: withinNoise(c)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// writeCSV writes every year as csv, in the csv-excel format when excel is
// set (csv.go): the columns of the one-year csv, in its order, then the
// comparison.
func (v yearsView) writeCSV(w io.Writer, excel bool) error {
	o, err := newCSVOut(w, excel)
	if err != nil {
		return err
	}
	o.header(figureColumns, []csvColumn{{"version", "Version de la définition"}, {"change", "Évolution"},
		{"change_pct", "Évolution relative"}, {"definition_changed", "Définition modifiée"}, {"coverage", "Couverture"},
		{"change_low", "Évolution IC 95 % bas"}, {"change_high", "Évolution IC 95 % haut"},
		{"change_within_noise", "Évolution indiscernable du hasard"}}, withheldColumns)
	for _, r := range v.listed() {
		c := v.cell(r)
		cells := append(o.figureCells(r), strconv.Itoa(r.Version), o.optFloat(c.Change), o.optFloat(c.ChangePct), o.yesNo(c.DefinitionChanged),
			o.optFloat(r.Coverage), o.optFloat(c.ChangeLow), o.optFloat(c.ChangeHigh), o.optYesNo(withinNoise(c)))
		o.row(append(cells, withheldCells(r, o.excel)...)...)
	}
	return o.flush()
}

// writeTable prints each figure over the years: a dash for a year without
// it, a dagger where its definition changed, and the change of the last year.
func (v yearsView) writeTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := "indicateur\tenquête\tventilation\t"
	for _, y := range v.Years {
		head += strconv.Itoa(y) + "\t"
	}
	last := v.Years[len(v.Years)-1]
	if len(v.Years) > 1 {
		head += "évolution " + strconv.Itoa(last) + "\t"
	}
	fmt.Fprintln(tw, head)
	changed, partial, intervals, noisy := false, false, false, false
	var legends []string // of the texts standing for withheld figures
	for _, l := range v.Lines {
		r := v.latest[l.Key]
		coverage := v.coverage[l.Key]
		// A survey line spans years: it is named by its title without the
		// year, not by the latest year's title.
		line := r.ID + "\t" + trend.SurveyName(r.Survey) + "\t" + breakdownText(r, lineCategory(l.Key, r)) + "\t"
		withheld := map[int]string{}
		for _, w := range v.withheldOf(l.Key) {
			withheld[w.Year] = w.WithheldText()
			legend := "« " + w.WithheldText() + " » : chiffre calculé mais non publié (" + w.WithheldWhy() + ")"
			if !slices.Contains(legends, legend) {
				legends = append(legends, legend)
			}
		}
		for _, c := range l.Cells {
			if w := withheld[c.Year]; !c.Present && w != "" {
				line += w + "\t"
				continue
			}
			if !c.Present {
				line += "—\t"
				continue
			}
			line += formatValue(c.Value, r.Unit)
			if c.DefinitionChanged {
				changed = true
				line += " †"
			}
			// A share on part of its whole shows its coverage beside it.
			if cov, ok := coverage[c.Year]; ok {
				line += " (couv. " + formatValue(cov, "part") + ")"
				if charts.IsLowCoverage(&cov) {
					partial = true
					line += " ◐"
				}
			}
			line += "\t"
		}
		if len(v.Years) > 1 {
			c := l.Cells[len(l.Cells)-1]
			line += formatChange(c, r.Unit)
			if c.Change != nil && (charts.LowCoverageIn(coverage, c.Year) || charts.LowCoverageIn(coverage, c.Year-1)) {
				line += " ◐"
			}
			if _, ok := c.ChangeWithinNoise(); ok {
				intervals = true
			}
			if noise, _ := c.ChangeWithinNoise(); noise {
				noisy = true
			}
			line += "\t"
		}
		fmt.Fprintln(tw, line)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(v.Missing) > 0 {
		var ys []string
		for _, y := range v.Missing {
			ys = append(ys, strconv.Itoa(y))
		}
		fmt.Fprintf(w, "— : aucune donnée pour %s (dossier absent ou non importé)\n", strings.Join(ys, ", "))
	}
	for _, l := range legends {
		fmt.Fprintln(w, l)
	}
	if partial {
		fmt.Fprintln(w, "◐ : part calculée sur moins de la moitié des participations de l'année (couv. : couverture) ; elle ne décrit que les groupes renseignés, et une évolution marquée ◐ compare ces groupes, pas l'ensemble")
	}
	if changed {
		fmt.Fprintln(w, "† : définition de l'indicateur modifiée depuis l'année précédente (champ version de --format json)")
	}
	if intervals {
		fmt.Fprintln(w, "[bas ; haut] : intervalle de confiance à 95 % de l'évolution d'un chiffre d'enquête (Newcombe pour une part, Welch pour un écart en points)")
	}
	if noisy {
		fmt.Fprintln(w, noiseMark+" : évolution que la taille des enquêtes ne permet pas de distinguer du hasard (son intervalle contient 0)")
	}
	return nil
}

// formatChange writes a change from the previous year: "+1 392 (+82,8 %)",
// "+3,4 pts" for a share, "—" when either year is missing. A change with an
// interval is followed by it, and marked "≈" when the interval holds 0:
// "+13,3 pts [-14,0 ; +37,8] ≈".
func formatChange(c trend.Cell, unit string) string {
	if c.Change == nil {
		return "—"
	}
	change := func(v float64) string {
		if unit == "part" {
			return signedNumber(v*100, 1)
		}
		return signedValue(v, unit)
	}
	s := change(*c.Change)
	if unit == "part" {
		s += " pts"
	} else if c.ChangePct != nil {
		pctSign := ""
		if *c.ChangePct > 0 {
			pctSign = "+"
		}
		s += " (" + pctSign + formatValue(*c.ChangePct, "part") + ")"
	}
	if noise, ok := c.ChangeWithinNoise(); ok {
		s += " [" + change(*c.ChangeLow) + " ; " + change(*c.ChangeHigh) + "]"
		if noise {
			s += " " + noiseMark
		}
	}
	return s
}

// noiseMark marks, in the table of the years, a change that cannot be told
// from noise.
const noiseMark = "≈"

// kindsOf tells which kinds of input files each indicator reads, from the
// tables it reads (through the staging views of package queries): the
// definitions sheet lists those files.
func kindsOf(inds []queries.Indicator) map[string][]string {
	kind := map[string]string{
		"actions": pipeline.KindActions, "participations": pipeline.KindParticipations,
		"formations": pipeline.KindFormations, "surveys": pipeline.KindQuestionnaire,
		"survey_questions": pipeline.KindQuestionnaire, "survey_answers": pipeline.KindQuestionnaire,
		"survey_waves": pipeline.KindQuestionnaire,
	}
	out := map[string][]string{}
	for _, ind := range inds {
		for _, table := range ind.Reads {
			if k, ok := kind[table]; ok && !slices.Contains(out[ind.ID], k) {
				out[ind.ID] = append(out[ind.ID], k)
			}
		}
	}
	return out
}
