package pipeline

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Layout is what the raw cell values of a sheet do not show, and an import
// must not overlook: the streaming reader returns hidden sheets, rows and
// columns like visible ones, only the top-left cell of a merged range, and
// "" for a formula that was never computed (FACTS.md).
type Layout struct {
	Hidden     bool          // the sheet itself is hidden
	Merged     []string      // merged ranges, "A3:A5"
	HiddenRows []int         // hidden rows (by hand or by a filter) that hold a value
	HiddenCols []string      // hidden columns that hold a value, "C"
	Formulas   []FormulaCell // cells whose value cannot be trusted
}

// FormulaCell is a cell whose value cannot be trusted: a formula that was
// never computed (Error == ""), or an error value such as #DIV/0!.
type FormulaCell struct {
	Cell    string // "H8"
	Formula string // as written, without "="; "" for an error value typed or pasted
	Error   string // "#DIV/0!"; "" when the formula has no computed value
}

// scanLayout reads a worksheet part for its layout with a bare tokenizer:
// it is only run on parts where preflight saw a sign of one.
func scanLayout(r io.Reader) (Layout, error) {
	var l Layout
	d := xml.NewDecoder(r)
	var (
		row, col          int  // current row and column, 1-based
		rowHidden, rowVal bool // current row is hidden, holds a value
		inCell            bool
		ref, typ          string
		hasF, hasV        bool
		text              *strings.Builder // where character data goes, nil when ignored
		f, v, is          strings.Builder
		colsWithValue     = map[int]bool{}
		hiddenCols        [][2]int // min, max
	)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return l, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				row++
				if n, err := strconv.Atoi(attr(t, "r")); err == nil {
					row = n
				}
				col, rowVal = 0, false
				rowHidden = truthy(attr(t, "hidden"))
			case "c":
				col++
				inCell, ref, typ, hasF, hasV = true, attr(t, "r"), attr(t, "t"), false, false
				f.Reset()
				v.Reset()
				is.Reset()
				if c, r, err := excelize.CellNameToCoordinates(ref); err == nil {
					col, row = c, r
				} else {
					ref, _ = excelize.CoordinatesToCellName(col, row)
				}
			case "f":
				if inCell {
					hasF, text = true, &f
				}
			case "v":
				if inCell {
					hasV, text = true, &v
				}
			case "t":
				if inCell {
					text = &is
				}
			case "mergeCell":
				if r := attr(t, "ref"); r != "" {
					l.Merged = append(l.Merged, r)
				}
			case "col":
				if truthy(attr(t, "hidden")) {
					lo, _ := strconv.Atoi(attr(t, "min"))
					hi, _ := strconv.Atoi(attr(t, "max"))
					hiddenCols = append(hiddenCols, [2]int{lo, hi})
				}
			}
		case xml.CharData:
			if text != nil {
				text.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "f", "v", "t":
				text = nil
			case "c":
				inCell = false
				if strings.TrimSpace(v.String()) != "" || strings.TrimSpace(is.String()) != "" {
					rowVal = true
					colsWithValue[col] = true
				}
				switch {
				case typ == "e":
					l.Formulas = append(l.Formulas, FormulaCell{Cell: ref, Formula: strings.TrimSpace(f.String()), Error: strings.TrimSpace(v.String())})
				case hasF && !hasV:
					l.Formulas = append(l.Formulas, FormulaCell{Cell: ref, Formula: strings.TrimSpace(f.String())})
				}
			case "row":
				if rowHidden && rowVal {
					l.HiddenRows = append(l.HiddenRows, row)
				}
			}
		}
	}
	var cols []int
	for c := range colsWithValue {
		for _, h := range hiddenCols {
			if c >= h[0] && c <= h[1] {
				cols = append(cols, c)
				break
			}
		}
	}
	sort.Ints(cols)
	for _, c := range cols {
		l.HiddenCols = append(l.HiddenCols, columnName(c-1))
	}
	return l, nil
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func truthy(s string) bool { return s == "1" || s == "true" }

// excelErrors names the error values of spreadsheet formulas, for messages.
var excelErrors = map[string]string{
	"#DIV/0!":        "division par zéro",
	"#N/A":           "valeur non disponible",
	"#VALUE!":        "valeur de type incorrect",
	"#REF!":          "référence à une cellule supprimée",
	"#NAME?":         "nom de fonction ou de plage inconnu",
	"#NUM!":          "nombre invalide",
	"#NULL!":         "plages sans intersection",
	"#SPILL!":        "résultat qui déborde sur des cellules occupées",
	"#CALC!":         "calcul impossible",
	"#GETTING_DATA":  "données en cours de chargement",
	"#BLOCKED!":      "accès bloqué",
	"#CONNECT!":      "connexion impossible",
	"#FIELD!":        "champ inconnu",
	"#UNKNOWN!":      "type de données inconnu",
	"#BUSY!":         "calcul en cours",
	"#EXTERNAL!":     "référence externe",
	"#PYTHON!":       "erreur Python",
	"#CIRCULAR_REF!": "référence circulaire",
}

// fault is the problem of one formula cell.
func (fc FormulaCell) fault() (fault, expected string) {
	formula := ""
	if fc.Formula != "" {
		formula = "formule =" + strings.TrimPrefix(fc.Formula, "=") // some writers store the "=" too
	}
	switch {
	case fc.Error == "":
		if formula == "" {
			formula = "formule"
		}
		return formula + " sans valeur calculée",
			"une valeur : ce fichier a été enregistré par un programme qui ne calcule pas les formules ; ouvrez-le dans Excel ou LibreOffice puis enregistrez-le"
	case formula == "":
		return "valeur d'erreur " + errorName(fc.Error), "une valeur : remplacez-la par la valeur voulue"
	default:
		return formula + " en erreur " + errorName(fc.Error), "une valeur : corrigez la formule ou remplacez-la par la valeur voulue"
	}
}

func errorName(e string) string {
	if meaning, ok := excelErrors[strings.ToUpper(e)]; ok {
		return fmt.Sprintf("%s (%s)", e, meaning)
	}
	return e
}
