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
	// Invisible are cells holding a value under a number format that shows
	// nothing (";;;"): on screen and on paper the cell looks empty.
	Invisible []string
	// BrokenStrings are cells of text pointing to a shared string the
	// workbook does not have: a damaged file, whose cell reads as empty.
	BrokenStrings []BrokenString

	// booleans are the cells of type boolean, by row then 0-based column:
	// the raw reader gives them as 1 and 0, which must not count as numbers.
	booleans map[int][]int
}

// BrokenString is a cell pointing to a missing shared string.
type BrokenString struct {
	Cell  string // "C5"
	Index string // the index it points to, as written
	Table int    // the number of shared strings the workbook has
}

// FormulaCell is a cell whose value cannot be trusted: a formula that was
// never computed (Error == ""), or an error value such as #DIV/0!.
type FormulaCell struct {
	Cell    string // "H8"
	Formula string // as written, without "="; "" for an error value typed or pasted
	Error   string // "#DIV/0!"; "" when the formula has no computed value
}

// scanLayout reads a worksheet part for its layout with a bare tokenizer:
// it is only run on parts where preflight saw a sign of one. pkg tells the
// size of the shared string table and the styles that show nothing.
func scanLayout(r io.Reader, pkg *xlsxPackage) (Layout, error) {
	var l Layout
	d := xml.NewDecoder(r)
	var (
		row, col          int  // current row and column, 1-based
		rowHidden, rowVal bool // current row is hidden, holds a value
		inCell            bool
		ref, typ          string
		style             int
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
				style, _ = strconv.Atoi(attr(t, "s"))
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
				hasValue := strings.TrimSpace(v.String()) != "" || strings.TrimSpace(is.String()) != ""
				if hasValue {
					rowVal = true
					colsWithValue[col] = true
				}
				if hasValue && pkg.invisible[style].hides(typ) {
					l.Invisible = append(l.Invisible, ref)
				}
				if typ == "s" && hasV {
					if i, err := strconv.Atoi(strings.TrimSpace(v.String())); err != nil || i < 0 || i >= pkg.sharedStrings {
						l.BrokenStrings = append(l.BrokenStrings, BrokenString{Cell: ref, Index: strings.TrimSpace(v.String()), Table: pkg.sharedStrings})
					}
				}
				if typ == "b" {
					if l.booleans == nil {
						l.booleans = map[int][]int{}
					}
					l.booleans[row] = append(l.booleans[row], col-1)
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

// invisibleFormat says what a number format shows nothing of.
type invisibleFormat struct{ numbers, text bool }

// hides tells whether a cell of type typ (its t attribute) shows nothing
// under this format. Booleans and errors show whatever the format.
func (f invisibleFormat) hides(typ string) bool {
	switch typ {
	case "s", "str", "inlineStr":
		return f.text
	case "b", "e":
		return false
	}
	return f.numbers
}

// invisibleStyles reads the styles part and returns the cell styles (indexes
// into cellXfs) whose number format shows nothing: ";;;" hides every value,
// ";;" every number. It is the usual way to hide a cell without hiding its
// row or column. A styles part it cannot read hides nothing.
func invisibleStyles(b []byte) map[int]invisibleFormat {
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if xml.Unmarshal(b, &st) != nil {
		return nil
	}
	formats := map[int]invisibleFormat{}
	for _, nf := range st.NumFmts {
		if f := formatInvisibility(nf.Code); f.numbers || f.text {
			formats[nf.ID] = f
		}
	}
	out := map[int]invisibleFormat{}
	for i, xf := range st.Xfs {
		if f, ok := formats[xf.NumFmtID]; ok {
			out[i] = f
		}
	}
	return out
}

// formatInvisibility reads a number format code: its sections (positive;
// negative;zero;text) that are empty once colours and conditions ([Red],
// [>0]) are left out show nothing.
func formatInvisibility(code string) invisibleFormat {
	var sections []string
	var cur strings.Builder
	quoted, bracket, escaped := false, false, false
	for _, r := range code {
		switch {
		case escaped:
			escaped = false
			cur.WriteRune(r)
		case quoted:
			quoted = r != '"'
			cur.WriteRune(r)
		case bracket:
			bracket = r != ']'
		case r == '\\':
			escaped = true
			cur.WriteRune(r)
		case r == '"':
			quoted = true
			cur.WriteRune(r)
		case r == '[':
			bracket = true
		case r == ';':
			sections = append(sections, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteRune(r)
		}
	}
	sections = append(sections, strings.TrimSpace(cur.String()))
	if len(sections) < 2 {
		return invisibleFormat{}
	}
	f := invisibleFormat{numbers: true}
	for _, sec := range sections[:min(3, len(sections))] {
		f.numbers = f.numbers && sec == ""
	}
	f.text = len(sections) >= 4 && sections[3] == ""
	return f
}
