package collect

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/xuri/excelize/v2"
)

// Excel truncates or refuses longer input messages: 32 characters for a
// title, 255 for the text (tested for every column).
const (
	maxPromptTitle = 32
	maxPrompt      = 255
)

// prompt is the input message of a column: its name and what goes there.
func prompt(fl field) (title, text string) {
	text = fl.help
	if fl.required {
		text += " Obligatoire."
	}
	return truncate(fl.name, maxPromptTitle), truncate(text, maxPrompt)
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// addHeaderPrompt gives a header cell the input message of its column, with
// no rule: the header is text whatever its column holds.
func addHeaderPrompt(f *excelize.File, sheet, cell string, fl field) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = cell
	dv.SetInput(prompt(fl))
	return f.AddDataValidation(sheet, dv)
}

// validation is the data validation of a column's cells: its rule, its
// input message, and a message saying what was expected when a typed value
// breaks the rule. col and row are those of the first cell of the range,
// which relative references of a formula are written from; fields gives
// the letters of the other columns (partOf).
func validation(fl field, col string, row int, fields []field, refs map[string]string, o Options) (*excelize.DataValidation, error) {
	dv := excelize.NewDataValidation(true)
	dv.SetInput(prompt(fl))
	var err error
	msg := ""
	switch fl.rule {
	case anyValue:
		return dv, nil
	case fromList:
		ref, ok := refs[fl.list]
		if !ok {
			return nil, fmt.Errorf("column %s: no list %s", fl.name, fl.list)
		}
		if ref == "" { // no catalogue: the cells only say what goes there
			return dv, nil
		}
		dv.SetSqrefDropList(ref)
		msg = "Choisissez une valeur de la liste déroulante."
	case count:
		err = dv.SetRange(0, maxWhole, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
		msg = "Un nombre entier, 0 ou plus."
	case between:
		err = dv.SetRange(fl.min, fl.max, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
		msg = fmt.Sprintf("Un nombre entier de %d à %d.", fl.min, fl.max)
		switch {
		case fl.min == fl.max:
			msg = fmt.Sprintf("%d, l'année du dossier.", fl.min)
		case fl.max == maxWhole:
			msg = fmt.Sprintf("Un nombre entier, %d ou plus.", fl.min)
		}
	case partOf:
		i := slices.IndexFunc(fields, func(g field) bool { return g.name == fl.of })
		if i < 0 {
			return nil, fmt.Errorf("column %s: no column %s", fl.name, fl.of)
		}
		// Relative to the first cell of the range, as Excel reads a
		// custom rule: each row compares with its own total.
		c, of := fmt.Sprintf("%s%d", col, row), fmt.Sprintf("$%s%d", colName(i+1), row)
		dv.Type = "custom"
		// excelize writes a formula into the XML as it is given.
		dv.Formula1 = xmlEscaper.Replace(fmt.Sprintf("AND(ISNUMBER(%s),INT(%s)=%s,%s>=0,%s<=%s)", c, c, c, c, c, of))
		msg = fmt.Sprintf("Un nombre entier, 0 ou plus, au plus %s (colonne %s) ; ou rien.", fl.of, colName(i+1))
	case yearDate:
		first, last := pipeline.YearDates(o.Year, o.School)
		err = dv.SetRange(serial(first), serial(last), excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween)
		msg = fmt.Sprintf("Une date du %s au %s.", frenchDate(first), frenchDate(last))
	}
	if err != nil {
		return nil, err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, truncate(fl.name+" : valeur refusée", maxPromptTitle), msg)
	return dv, nil
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// serial is the Excel serial number of a date (1900 date system).
func serial(t time.Time) int {
	return int(t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}
