package cli

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// The two csv formats of `indicators`: csv for programs (comma, decimal
// point, the ids of DESIGN.md as headers), and csv-excel for a French Excel,
// which reads a double-clicked csv with the separator and decimal mark of
// the system: semicolons, decimal commas, headers in French, and a UTF-8
// byte order mark without which Excel takes the file for Windows-1252 and
// breaks every accent. The rows and columns are the same in both.
const (
	formatCSV      = "csv"
	formatCSVExcel = "csv-excel"
)

// csvColumn is one column: its header for programs, and in French.
type csvColumn struct{ id, french string }

// figureColumns open the csv of one year and of every year.
var figureColumns = []csvColumn{{"year", "Année"}, {"id", "Indicateur"}, {"survey", "Enquête"}, {"dimension", "Ventilation"},
	{"category", "Catégorie"}, {"value", "Valeur"}, {"n", "n"}, {"ci_low", "IC 95 % bas"}, {"ci_high", "IC 95 % haut"},
	{"unit", "Unité"}, {"question", "Question"}, {"vague", "Vague"}}

// csvOut writes the rows of a csv in one of the two formats.
type csvOut struct {
	w     *csv.Writer
	excel bool
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
	return &csvOut{w: cw, excel: excel}, nil
}

// header writes the header row of columns.
func (o *csvOut) header(columns ...[]csvColumn) {
	var names []string
	for _, cols := range columns {
		for _, c := range cols {
			if o.excel {
				names = append(names, c.french)
			} else {
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

// row writes one row.
func (o *csvOut) row(cells ...string) { o.w.Write(cells) }

// flush ends the csv and returns the first error of writing it.
func (o *csvOut) flush() error {
	o.w.Flush()
	return o.w.Error()
}
