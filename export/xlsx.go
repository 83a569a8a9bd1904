// Package export writes the figures of a report as a workbook,
// report/<year>/indicateurs.xlsx, for funders and evaluators who want the
// numbers themselves: every figure of the HTML report, one sheet per theme,
// the 2030 targets, the years side by side and the definitions.
//
// The workbook is in the language of the report (r.Lang: its sheets,
// headers and words come from the catalogues of package lang). Breakdowns,
// their values and the paired tests are named as the report names them
// (charts.DimensionLabel, CategoryLabel, TestLabel), beside the ids of the
// indicators. Numbers are stored as numbers, with the number formats of
// the report (thousands grouped, shares as percentages): a spreadsheet in
// French shows them the French way ("4 604", "83,3 %") from the same
// format codes, one in English the English way. A
// cover sheet comes first (cover.go). Every table has its header frozen and
// filters on, and prints landscape, one page wide, its header on each page. Texts that come from the
// campus's spreadsheets are neutralised so that no cell is ever read as a
// formula.
package export

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/cmq-greencity/greencity/lang"
	"github.com/cmq-greencity/greencity/targets"
)

// french names the sheets and columns of a French workbook, for the
// exported names below. Read once, never changed.
var french = lang.MustNew(lang.French)

// FileName is the name of the workbook, written beside index.html.
const FileName = "indicateurs.xlsx"

// Definition is one indicator as the definitions sheet lists it.
type Definition struct {
	ID, Label, Definition string
	Version               int
	Sources               []string // the files of the year the indicator reads
}

// Sheets of the workbook, by their key in the catalogues (workbook.sheets).
const (
	sheetPeople        = "people"
	sheetAnimations    = "animations"
	sheetEstablishment = "establishments"
	sheetSurveys       = "surveys"
	sheetProgrammes    = "programmes"
	sheetOthers        = "others"
	sheetYears         = "years"
	sheetDefinitions   = "definitions"
	sheetTargets       = "targets"
	sheetCover         = "cover"
	// sheetMethods is the annex of methods and sources: what the part
	// « Méthodes » of the page says, the source files and SQL files with
	// their SHA-256, the greencity version and the configuration digest.
	sheetMethods = "methods"
)

// sheetName is the name of a sheet in the language of l.
func sheetName(l *lang.Printer, key string) string {
	return l.T("workbook.sheets." + key)
}

// Names of the sheets of a French workbook, in the order of the workbook.
var (
	SheetCover         = sheetName(french, sheetCover)
	SheetPeople        = sheetName(french, sheetPeople)
	SheetAnimations    = sheetName(french, sheetAnimations)
	SheetEstablishment = sheetName(french, sheetEstablishment)
	SheetSurveys       = sheetName(french, sheetSurveys)
	SheetProgrammes    = sheetName(french, sheetProgrammes)
	SheetOthers        = sheetName(french, sheetOthers)
	SheetTargets       = sheetName(french, sheetTargets)
	SheetYears         = sheetName(french, sheetYears)
	SheetDefinitions   = sheetName(french, sheetDefinitions)
	SheetMethods       = sheetName(french, sheetMethods)
)

// themeSheets are the sheets of figures, in the order of the workbook.
var themeSheets = []string{sheetPeople, sheetAnimations, sheetEstablishment, sheetSurveys, sheetProgrammes, sheetOthers}

// themes put each campus-wide indicator on its sheet, as the report groups
// them; questionnaire figures go to sheetSurveys, others to sheetOthers.
var themes = map[string]string{
	"participants": sheetPeople, "girls_share": sheetPeople, "qpv_share": sheetPeople,
	"animations":        sheetAnimations,
	"establishments":    sheetEstablishment,
	"immersion_periods": sheetProgrammes, "attractiveness": sheetProgrammes,
}

// columns is the header of a sheet in the language of l: the catalogue
// holds it as one message, the columns separated by "|".
func columns(l *lang.Printer, key string) []string {
	return strings.Split(l.T("workbook.columns."+key), "|")
}

// Headers of the sheets of a French workbook.
var (
	FigureHeader      = columns(french, "figures")
	TargetsHeader     = columns(french, "targets")
	DefinitionsHeader = columns(french, "definitions")
	MethodsHeader     = columns(french, "methods")
)

// sheetOf returns the sheet a figure is written on.
func sheetOf(f charts.Figure) string {
	if strings.TrimSpace(f.Survey) != "" {
		return sheetSurveys
	}
	if s, ok := themes[f.ID]; ok {
		return s
	}
	return sheetOthers
}

// Write writes the workbook of r to w: the figures of r.Figures on their
// theme sheets (a sheet with no figure is left out), then the targets, the
// years side by side and the definitions (always there, with their header
// at least). Nothing is written to w if the workbook cannot be built.
func Write(w io.Writer, r charts.Report, defs []Definition) (err error) {
	l, err := lang.New(r.Lang)
	if err != nil {
		return fmt.Errorf("write %s: %w", FileName, err)
	}
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	st, err := newStyles(f, l)
	if err != nil {
		return fmt.Errorf("write %s: %w", FileName, err)
	}
	var sheets []table
	bySheet := map[string]*table{}
	for _, key := range themeSheets {
		bySheet[key] = &table{name: sheetName(l, key), header: columns(l, "figures"), widths: []float64{24, 36, 28, 24, 8, 18, 40, 12, 18, 10, 12, 12, 12, 10, 14, 40, 12}}
	}
	for _, fig := range r.Figures {
		t := bySheet[sheetOf(fig)]
		v := st.figure(fig)
		fig = charts.Localize(l, fig)
		question := fig.QuestionLabel
		if question == "" {
			question = fig.Question
		}
		value, n := num(fig.Value, v), num(float64(fig.N), st.count)
		if fig.WithheldBelow > 0 {
			// Withheld: no figure, and what stands for it as in the report
			// ("< 10", "non publié").
			value, n = text(charts.WithheldText(l, fig)), cell{}
		}
		t.rows = append(t.rows, []cell{
			text(fig.ID), text(label(l, fig.ID, fig.Label)), text(fig.Survey), text(question),
			text(charts.CategoryLabel(l, "vague", fig.Wave)), text(charts.DimensionLabel(l, fig.Dimension)), text(charts.CategoryLabel(l, fig.Dimension, fig.Category)),
			value, text(charts.DataWord(l, fig.Unit)), n, opt(fig.CILow, v), opt(fig.CIHigh, v), text(charts.TestLabel(l, fig.Test)), opt(fig.PValue, st.pValue), opt(fig.PAdjusted, st.pValue),
			text(strings.TrimSpace(l.Reword(fig.Note) + " " + charts.CoverageNote(l, fig))), opt(fig.Coverage, st.percent),
		})
	}
	for _, key := range themeSheets {
		if t := bySheet[key]; len(t.rows) > 0 {
			sheets = append(sheets, *t)
		}
	}
	methods, err := methodsTable(l, r)
	if err != nil {
		return fmt.Errorf("write %s: %w", FileName, err)
	}
	sheets = append(sheets, targetsTable(l, r.Trajectories, st), yearsTable(l, r.Comparison, st), definitionsTable(l, r, defs, st), methods)
	if err := writeCover(f, l, r, sheets, st.header); err != nil {
		return fmt.Errorf("write %s sheet %q: %w", FileName, sheetName(l, sheetCover), err)
	}
	for _, t := range sheets {
		if err := t.write(f, st.header); err != nil {
			return fmt.Errorf("write %s sheet %q: %w", FileName, t.name, err)
		}
	}
	f.SetActiveSheet(0)
	// Who made the workbook and with which greencity, as File > Properties
	// shows it.
	props := &excelize.DocProperties{Creator: "greencity", Title: Title(l, r), Version: r.Version, Language: l.T("workbook.language")}
	if err := f.SetDocProps(props); err != nil {
		return fmt.Errorf("write %s: %w", FileName, err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write %s: %w", FileName, err)
	}
	return nil
}

// targetsTable lays out the 2030 targets, one line each.
func targetsTable(l *lang.Printer, ts []charts.Trajectory, st styles) table {
	t := table{name: sheetName(l, sheetTargets), header: columns(l, "targets"),
		widths: []float64{40, 24, 30, 24, 8, 12, 12, 10, 12, 12, 14, 12, 14, 12, 14, 12, 28, 12, 12, 14, 60}}
	for _, tr := range ts {
		res := tr.Result
		v := st.figure(charts.Figure{ID: tr.Indicator, Unit: tr.Unit})
		sens := l.T("workbook.up")
		if tr.Direction == string(targets.Down) {
			sens = l.T("workbook.down")
		}
		var current cell
		if res.CurrentYear != 0 {
			current = num(float64(res.CurrentYear), st.year)
		}
		overlap := cell{}
		if res.IntervalOverlapsPath != nil {
			overlap = text(l.T("values.non"))
			if *res.IntervalOverlapsPath {
				overlap = text(l.T("values.oui"))
			}
		}
		indicator := label(l, tr.Indicator, charts.Localize(l, charts.Figure{ID: tr.Indicator, Label: tr.IndicatorLabel}).Label)
		title := tr.Label
		if strings.TrimSpace(title) == "" {
			title = indicator
		}
		t.rows = append(t.rows, []cell{
			text(title), text(tr.Indicator), text(indicator), text(tr.Survey), text(sens),
			num(float64(tr.BaselineYear), st.year), opt(res.Baseline, v),
			num(float64(tr.TargetYear), st.year), opt(res.Goal, v), opt(tr.Multiplier, st.mean),
			current, opt(res.Current, v), opt(res.Expected, v), opt(res.Progress, st.percent),
			opt(res.RequiredYearlyRate, signed(st, v)), text(string(res.Status)), text(charts.StatusText(l, res.Status)),
			opt(res.CILow, v), opt(res.CIHigh, v), overlap, text(charts.StatusReason(l, tr)),
		})
	}
	return t
}

// yearsTable lays out every figure over the years: for each year its value,
// and from the second year on its change from the year before, absolute
// and relative. A missing year is an empty cell, never zero.
func yearsTable(l *lang.Printer, c *charts.Comparison, st styles) table {
	t := table{name: sheetName(l, sheetYears), header: columns(l, "years"),
		widths: []float64{24, 36, 28, 24, 8, 18, 40, 18}}
	if c == nil {
		return t
	}
	for i, y := range c.Years {
		ys := strconv.Itoa(y)
		t.header = append(t.header, ys)
		t.widths = append(t.widths, 12)
		if i > 0 {
			// A survey figure's change has its 95 % interval, and whether
			// it holds 0 (package trend).
			t.header = append(t.header, strings.Split(l.T("workbook.columns.years_change", "Year", ys), "|")...)
			t.widths = append(t.widths, 14, 14, 14, 14, 18)
		}
	}
	t.header = append(t.header, columns(l, "years_versions")...)
	t.widths = append(t.widths, 28, 28)
	// The coverage of a share computed on part of its whole, year by year,
	// and the years where it is under half: a change to or from such a year
	// compares the groups that were counted, not the campus.
	for _, y := range c.Years {
		t.header = append(t.header, l.T("workbook.columns.years_coverage", "Year", y))
		t.widths = append(t.widths, 14)
	}
	t.header = append(t.header, l.T("workbook.columns.years_low_coverage"))
	t.widths = append(t.widths, 40)
	for _, row := range c.Rows {
		v := st.figure(charts.Figure{ID: row.ID, Unit: row.Unit, Dimension: row.Dimension})
		rowLabel := charts.Localize(l, charts.Figure{ID: row.ID, Label: row.Label}).Label
		cells := []cell{text(row.ID), text(label(l, row.ID, rowLabel)), text(row.Survey), text(row.Question),
			text(charts.CategoryLabel(l, "vague", row.Wave)), text(charts.DimensionLabel(l, row.Dimension)), text(charts.CategoryLabel(l, row.Dimension, row.Category)), text(charts.DataWord(l, row.Unit))}
		var versions, changed []string
		for i, y := range row.Cells {
			value := cell{}
			if w := row.Withheld[y.Year]; !y.Present && w != "" {
				value = text(w) // as the report shows it: "< 10", "non publié"
			}
			if y.Present {
				value = num(y.Value, v)
				versions = append(versions, l.T("workbook.version", "Year", y.Year, "Version", y.Version))
				if y.DefinitionChanged {
					changed = append(changed, fmt.Sprintf("%d (v%d → v%d)", y.Year, y.PreviousVersion, y.Version))
				}
			}
			cells = append(cells, value)
			if i > 0 {
				noise := cell{}
				if n, ok := y.ChangeWithinNoise(); ok {
					noise = text(l.T(map[bool]string{true: "values.oui", false: "values.non"}[n]))
				}
				cells = append(cells, opt(y.Change, signed(st, v)), opt(y.ChangePct, st.change),
					opt(y.ChangeLow, signed(st, v)), opt(y.ChangeHigh, signed(st, v)), noise)
			}
		}
		cells = append(cells, text(strings.Join(versions, ", ")), text(strings.Join(changed, ", ")))
		var low []string
		for _, y := range c.Years {
			cov, ok := row.Coverage[y]
			if !ok {
				cells = append(cells, cell{})
				continue
			}
			cells = append(cells, num(cov, st.percent))
			if charts.LowCoverageIn(row.Coverage, y) {
				low = append(low, strconv.Itoa(y))
			}
		}
		note := ""
		if len(low) > 0 {
			note = l.T("workbook.low_coverage", "Years", strings.Join(low, ", "))
		}
		cells = append(cells, text(note))
		t.rows = append(t.rows, cells)
	}
	return t
}

// definitionsTable lists every indicator: its definition and version, the
// n of its headline figure (one line per survey for a questionnaire
// indicator), the files it was computed from, and from the annex of r its
// numerator, denominator and SQL file with its SHA-256.
func definitionsTable(l *lang.Printer, r charts.Report, defs []Definition, st styles) table {
	figs := r.Figures
	t := table{name: sheetName(l, sheetDefinitions), header: columns(l, "definitions"), widths: []float64{24, 36, 9, 90, 28, 10, 60, 50, 50, 40, 68}}
	for _, d := range defs {
		loc := charts.Localize(l, charts.Figure{ID: d.ID, Label: d.Label, Definition: d.Definition})
		d.Label, d.Definition = loc.Label, loc.Definition
		var src charts.IndicatorSource
		if r.Annex != nil {
			if i := slices.IndexFunc(r.Annex.Indicators, func(s charts.IndicatorSource) bool { return s.ID == d.ID }); i >= 0 {
				src = charts.LocalizeSource(l, r.Annex.Indicators[i])
			}
		}
		var surveys []string
		for _, f := range figs {
			if f.ID == d.ID && !slices.Contains(surveys, f.Survey) {
				surveys = append(surveys, f.Survey)
			}
		}
		if len(surveys) == 0 {
			surveys = []string{""}
		}
		for _, s := range surveys {
			n := cell{}
			for _, f := range figs {
				if f.ID == d.ID && f.Survey == s && f.Dimension == "" && f.WithheldBelow == 0 {
					n = num(float64(f.N), st.count)
					break
				}
			}
			t.rows = append(t.rows, []cell{text(d.ID), text(label(l, d.ID, d.Label)), num(float64(d.Version), st.year), text(d.Definition),
				text(s), n, text(strings.Join(d.Sources, ", ")),
				text(src.Numerator), text(src.Denominator), text(src.File), text(src.SHA256)})
		}
	}
	return t
}

// methodsTable is the annex of r as a sheet (charts.AnnexRows): its lines
// are those of the page, so that both say the same.
func methodsTable(l *lang.Printer, r charts.Report) (table, error) {
	t := table{name: sheetName(l, sheetMethods), header: columns(l, "methods"), widths: []float64{20, 44, 80, 80}}
	rows, err := charts.AnnexRows(r)
	if err != nil {
		return t, err
	}
	for _, l := range rows {
		t.rows = append(t.rows, []cell{text(l[0]), text(l[1]), text(l[2]), text(l[3])})
	}
	return t, nil
}

// table is one sheet to write: a header and rows of cells.
type table struct {
	name   string
	header []string
	widths []float64
	rows   [][]cell
}

// cell is one cell: a value (float64, string, or nil for an empty cell)
// and its style.
type cell struct {
	v     any
	style int
}

func text(s string) cell { return cell{v: Neutralize(s)} }

// num is a number cell. The value is rounded to 15 significant digits,
// the precision of spreadsheets: excelize would cut it there anyway, and
// cutting 1.7999999999999998 gives 1.79999999999999 where rounding gives 1.8.
func num(v float64, style int) cell {
	if r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64); err == nil {
		v = r
	}
	return cell{v: v, style: style}
}

// opt is an empty cell for a figure that does not exist, never a zero.
func opt(v *float64, style int) cell {
	if v == nil {
		return cell{}
	}
	return num(*v, style)
}

// Neutralize keeps a text from being taken for a formula when the workbook
// is opened, or its cells copied or saved as CSV elsewhere (formula
// injection): a text starting with = + - @, a tab, a carriage return or a
// line feed gets an apostrophe in front. The CSV output of greencity
// indicators calls it too, so both exports neutralise the same texts. The
// cell is a text cell in any case.
func Neutralize(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r\n", rune(s[0])) {
		return "'" + s
	}
	return s
}

// write adds t as the next sheet of f with the StreamWriter: filters on
// the whole table, header frozen and in bold, printed with its header on
// every page (printSetup).
func (t table) write(f *excelize.File, headerStyle int) error {
	if _, err := f.NewSheet(t.name); err != nil {
		return err
	}
	last, err := excelize.CoordinatesToCellName(len(t.header), max(1, len(t.rows)+1))
	if err != nil {
		return err
	}
	// The filter, like the print setup, must be set before the stream is opened: the StreamWriter
	// writes the sheet's other parts as they were when it was created.
	if err := f.AutoFilter(t.name, "A1:"+last, nil); err != nil {
		return err
	}
	// After the filter: AutoFilter replaces the sheet properties, and
	// with them fit to page.
	if err := printSetup(f, t.name, true); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(t.name)
	if err != nil {
		return err
	}
	for c, w := range t.widths {
		if err := sw.SetColWidth(c+1, c+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(t.header))
	for c, h := range t.header {
		header[c] = excelize.Cell{StyleID: headerStyle, Value: h}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for r, row := range t.rows {
		cells := make([]any, len(row))
		for c, v := range row {
			if v.v == nil {
				continue // an empty cell: no value, not zero
			}
			cells[c] = excelize.Cell{StyleID: v.style, Value: v.v}
		}
		ref, err := excelize.CoordinatesToCellName(1, r+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(ref, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// styles are the cell styles of the workbook. The number formats are the
// locale-independent codes of the file format: a spreadsheet in French
// writes #,##0 as "4 604" and 0.0% as "83,3 %".
type styles struct {
	header, year, count, share, change, mean, percent, pValue int
	signedCount, signedShare, signedMean                      int
}

// Number formats.
const (
	FormatCount   = "#,##0"
	FormatShare   = "0.0%"
	FormatChange  = "+0.0%;-0.0%;0.0%"
	FormatMean    = "#,##0.00"
	FormatPercent = "0%"
	FormatYear    = "0"
	// FormatPValue writes p as the report does: "< 0,001", then three
	// decimals below 0,1 and two above.
	FormatPValue      = `[<0.001]"< 0,001";[<0.1]0.000;0.00`
	FormatSignedCount = "+#,##0;-#,##0;0"
	FormatSignedMean  = "+#,##0.00;-#,##0.00;0.00"
)

// pValueFormat is FormatPValue with its literal "< 0,001" written in the
// language of l.
func pValueFormat(l *lang.Printer) string {
	return strings.Replace(FormatPValue, "0,001", l.Decimal(0.001, 3), 1)
}

func newStyles(f *excelize.File, l *lang.Printer) (styles, error) {
	var st styles
	var err error
	st.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8F5E9"}}})
	if err != nil {
		return st, err
	}
	for _, s := range []struct {
		id  *int
		fmt string
	}{
		{&st.year, FormatYear}, {&st.count, FormatCount}, {&st.share, FormatShare}, {&st.change, FormatChange},
		{&st.mean, FormatMean}, {&st.percent, FormatPercent}, {&st.pValue, pValueFormat(l)},
		{&st.signedCount, FormatSignedCount}, {&st.signedShare, FormatChange}, {&st.signedMean, FormatSignedMean},
	} {
		format := s.fmt
		if *s.id, err = f.NewStyle(&excelize.Style{CustomNumFmt: &format}); err != nil {
			return st, fmt.Errorf("number format %s: %w", s.fmt, err)
		}
	}
	return st, nil
}

// figure is the style of the values of f: its kind's (value), but a
// survey_change is a mean difference in points, written with its sign and
// two decimals (1,59 is not 2).
func (st styles) figure(f charts.Figure) int {
	if f.ID == "survey_change" {
		return st.signedMean
	}
	return st.value(charts.ValueKind(f))
}

// value is the style of a figure of this kind (charts.ValueKind).
func (st styles) value(kind string) int {
	switch kind {
	case charts.KindShare:
		return st.share
	case charts.KindChange:
		return st.change
	case charts.KindMean:
		return st.mean
	}
	return st.count
}

// signed is the style of a change of a figure written with style v.
func signed(st styles, v int) int {
	switch v {
	case st.share, st.change:
		return st.signedShare
	case st.mean, st.signedMean:
		return st.signedMean
	}
	return st.signedCount
}

// label is the name of an indicator: the one it comes with, else the
// report's (charts.IndicatorLabel).
func label(l *lang.Printer, id, name string) string {
	if strings.TrimSpace(name) != "" {
		return name
	}
	return charts.IndicatorLabel(l, id)
}
