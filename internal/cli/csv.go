package cli

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/cmq-greencity/greencity/export"
	"github.com/cmq-greencity/greencity/lang"
	"github.com/cmq-greencity/greencity/pipeline"
)

// The two csv formats of `indicators`: csv for programs (comma, decimal
// point, the ids of DESIGN.md as headers, the codes of the queries), and
// csv-excel for a French Excel, which reads a double-clicked csv with the
// separator and decimal mark of the system: semicolons, decimal commas,
// headers in French, and a UTF-8 byte order mark without which Excel takes
// the file for Windows-1252 and breaks every accent. csv-excel is read by
// people: like the workbook, it names breakdowns, their values, questions,
// waves and tests in French (package charts, one place for all), and adds
// the indicator's label beside its id, the one column the csv lacks. The
// rows are the same in both.
const (
	formatCSV      = "csv"
	formatCSVExcel = "csv-excel"
)

// csvColumn is one column: its header for programs, and in French. A
// column without a header for programs is in csv-excel only.
type csvColumn struct{ id, french string }

// figureColumns open the csv of one year and of every year (figureCells).
var figureColumns = []csvColumn{{"year", "Année"}, {"id", "Indicateur"}, {"", "Libellé"}, {"survey", "Enquête"}, {"dimension", "Ventilation"},
	{"category", "Catégorie"}, {"value", "Valeur"}, {"n", "n"}, {"ci_low", "IC 95 % bas"}, {"ci_high", "IC 95 % haut"},
	{"unit", "Unité"}, {"question", "Question"}, {"vague", "Vague"}}

// csvOut writes the rows of a csv in one of the two formats.
type csvOut struct {
	w     *csv.Writer
	excel bool
	fr    *lang.Printer // the csv for Excel names codes in French, as the terminal speaks
}

// newCSVOut starts a csv on w, in the csv-excel format when excel is set.
func newCSVOut(w io.Writer, excel bool) (*csvOut, error) {
	if excel {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return nil, err
		}
	}
	cw := csv.NewWriter(w)
	if excel {
		cw.Comma = ';'
		cw.UseCRLF = true
	}
	fr, err := lang.New(lang.French)
	if err != nil {
		return nil, err
	}
	return &csvOut{w: cw, excel: excel, fr: fr}, nil
}

// header writes the header row of columns.
func (o *csvOut) header(columns ...[]csvColumn) {
	var names []string
	for _, cols := range columns {
		for _, c := range cols {
			switch {
			case o.excel:
				names = append(names, c.french)
			case c.id != "":
				names = append(names, c.id)
			}
		}
	}
	o.w.Write(names)
}

// float writes a number in full, with a decimal comma for Excel.
func (o *csvOut) float(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if o.excel {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// optFloat is float, or an empty cell for no number.
func (o *csvOut) optFloat(f *float64) string {
	if f == nil {
		return ""
	}
	return o.float(*f)
}

// yesNo writes a boolean, in words for Excel.
func (o *csvOut) yesNo(b bool) string {
	if o.excel {
		return map[bool]string{true: "oui", false: "non"}[b]
	}
	return strconv.FormatBool(b)
}

// optYesNo is yesNo, or an empty cell when there is no answer.
func (o *csvOut) optYesNo(b *bool) string {
	if b == nil {
		return ""
	}
	return o.yesNo(*b)
}

// figureCells are the figureColumns of r. A withheld figure has no value
// and no n.
func (o *csvOut) figureCells(r pipeline.Row) []string {
	value, n := o.float(r.Value), strconv.FormatInt(r.N, 10)
	if r.WithheldBelow > 0 {
		value, n = "", ""
	}
	dimension, category, question, wave := r.Dimension, r.Category, r.Question, r.Wave
	if !o.excel {
		return []string{strconv.Itoa(r.Year), r.ID, export.Neutralize(r.Survey), dimension, export.Neutralize(category),
			value, n, o.optFloat(r.CILow), o.optFloat(r.CIHigh), r.Unit, export.Neutralize(question), wave}
	}
	label := r.Label
	if strings.TrimSpace(label) == "" {
		label = charts.IndicatorLabel(o.fr, r.ID)
	}
	if strings.TrimSpace(r.QuestionLabel) != "" {
		question = r.QuestionLabel
	}
	dimension, category, wave = charts.DimensionLabel(o.fr, dimension), charts.CategoryLabel(o.fr, dimension, category), charts.CategoryLabel(o.fr, "vague", wave)
	return []string{strconv.Itoa(r.Year), r.ID, export.Neutralize(label), export.Neutralize(r.Survey), dimension, export.Neutralize(category),
		value, n, o.optFloat(r.CILow), o.optFloat(r.CIHigh), r.Unit, export.Neutralize(question), wave}
}

// test names a paired test: its code for programs, in French for Excel.
func (o *csvOut) test(code string) string {
	if o.excel {
		return charts.TestLabel(o.fr, code)
	}
	return code
}

// row writes one row.
func (o *csvOut) row(cells ...string) { o.w.Write(cells) }

// flush ends the csv and returns the first error of writing it.
func (o *csvOut) flush() error {
	o.w.Flush()
	return o.w.Error()
}
