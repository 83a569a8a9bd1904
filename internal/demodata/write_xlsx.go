package demodata

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// book is a workbook ready to be written: sheets of plain values in order.
type book struct {
	path   string // relative to the year folder, '/'-separated
	sheets []sheet
	// year stamps the document dates (31 December of that year); 0 means Year.
	year int
}

// sheet is one sheet of a book. Cells are int (written as numbers), string
// (text; "" leaves the cell empty), time.Time (a date cell formatted
// dd/mm/yyyy) or nil (left empty).
type sheet struct {
	name   string
	header []string // written bold on row 1; nil for a key/value sheet
	rows   [][]any
	widths []float64 // column widths, from column A; may be shorter than the row
}

// save writes b under root with excelize's StreamWriter, which writes the
// rows straight to the sheet XML: numbers stay numbers and dates become real
// date cells, as a spreadsheet program would save them.
func (b book) save(root string) (err error) {
	path := filepath.Join(root, filepath.FromSlash(b.path))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", b.path, err)
	}
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("write %s: close: %w", b.path, cerr)
		}
	}()
	styles, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("write %s: %w", b.path, err)
	}
	for i, s := range b.sheets {
		if err := addSheet(f, i, s, styles); err != nil {
			return fmt.Errorf("write %s sheet %q: %w", b.path, s.name, err)
		}
	}
	// A fixed creation date keeps a regenerated file identical to the
	// committed one when nothing changed, so git shows no spurious diff.
	year := b.year
	if year == 0 {
		year = Year
	}
	stamp := fmt.Sprintf("%d-12-31T00:00:00Z", year)
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "greencity demodata", Created: stamp, Modified: stamp, LastModifiedBy: "greencity demodata",
	}); err != nil {
		return fmt.Errorf("write %s: properties: %w", b.path, err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("write %s: %w", b.path, err)
	}
	data, err := sortedZip(buf.Bytes())
	if err != nil {
		return fmt.Errorf("write %s: %w", b.path, err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", b.path, err)
	}
	return nil
}

// sortedZip rewrites an xlsx archive with its parts in name order.
// excelize writes the parts of a multi-sheet workbook in map order, so two
// runs over the same tables would give files that differ byte for byte and
// show as changed in git; the parts themselves are copied untouched.
func sortedZip(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("reread archive: %w", err)
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range files {
		if err := zw.Copy(zf); err != nil {
			return nil, fmt.Errorf("copy %s: %w", zf.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("close archive: %w", err)
	}
	return out.Bytes(), nil
}

// styles are the cell styles a book uses.
type styles struct {
	header, date int
}

func newStyles(f *excelize.File) (styles, error) {
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return styles{}, fmt.Errorf("header style: %w", err)
	}
	// French campuses read dates day first; the cell holds the date serial
	// whatever the format says.
	format := "dd/mm/yyyy"
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		return styles{}, fmt.Errorf("date style: %w", err)
	}
	return styles{header: header, date: date}, nil
}

// addSheet writes s as the i-th sheet of f: the first one renames the sheet
// that excelize.NewFile creates.
func addSheet(f *excelize.File, i int, s sheet, st styles) error {
	if i == 0 {
		if err := f.SetSheetName(f.GetSheetName(0), s.name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(s.name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	// Column widths must be set before the first row in a stream.
	for c, w := range s.widths {
		if err := sw.SetColWidth(c+1, c+1, w); err != nil {
			return err
		}
	}
	r := 1
	if s.header != nil {
		cells := make([]any, len(s.header))
		for c, h := range s.header {
			cells[c] = excelize.Cell{StyleID: st.header, Value: h}
		}
		if err := sw.SetRow("A1", cells); err != nil {
			return fmt.Errorf("header: %w", err)
		}
		r++
	}
	for _, row := range s.rows {
		cells := make([]any, len(row))
		for c, v := range row {
			cell, err := cellValue(v, st)
			if err != nil {
				return fmt.Errorf("row %d column %d: %w", r, c+1, err)
			}
			cells[c] = cell
		}
		ref, err := excelize.CoordinatesToCellName(1, r)
		if err != nil {
			return err
		}
		if err := sw.SetRow(ref, cells); err != nil {
			return fmt.Errorf("row %d: %w", r, err)
		}
		r++
	}
	return sw.Flush()
}

// errCellType reports a value the writer does not know how to store.
var errCellType = errors.New("unsupported cell value type")

func cellValue(v any, st styles) (any, error) {
	switch v := v.(type) {
	case nil, int:
		return v, nil
	case string:
		if v == "" {
			return nil, nil // a truly empty cell, as a person leaves it
		}
		return v, nil
	case time.Time:
		return excelize.Cell{StyleID: st.date, Value: v}, nil
	default:
		return nil, fmt.Errorf("%T: %w", v, errCellType)
	}
}

// opt turns an optional count into a cell: empty when not counted.
func opt(n *int) any {
	if n == nil {
		return nil
	}
	return *n
}

// catalogueBook lays out actions.xlsx.
func catalogueBook(actions []Action) book {
	s := sheet{
		name:   "actions",
		header: []string{"action", "axe", "type", "programme", "financeurs"},
		widths: []float64{52, 22, 14, 26, 48},
	}
	for _, a := range actions {
		s.rows = append(s.rows, []any{a.Name, a.Axe, a.Type, a.Programme, a.Financeurs})
	}
	return book{path: "actions.xlsx", sheets: []sheet{s}}
}

// attendanceBook lays out one workbook of participations/.
func attendanceBook(a AttendanceBook) book {
	s := sheet{
		name:   a.Sheet,
		header: a.Headers,
		widths: []float64{48, 12, 36, 18, 22, 20, 18, 13, 12, 14},
	}
	for _, p := range a.Rows {
		var date any = p.Date
		if a.TextDates {
			date = p.Date.Format("02/01/2006")
		}
		s.rows = append(s.rows, []any{
			p.Action, date, p.Etablissement, p.TypeEtablissement, p.Commune,
			p.Public, p.Niveau, p.Participants, opt(p.DontFilles), opt(p.DontQPVZRR),
		})
	}
	return book{path: a.Path, sheets: []sheet{s}}
}

// surveyBook lays out a questionnaire workbook: enquete, questions, pre, post.
func surveyBook(sv Survey) book {
	enquete := sheet{
		name:   "enquete",
		widths: []float64{14, 32},
		rows: [][]any{
			{"action", sv.Action},
			{"population", sv.Population},
			{"titre", sv.Titre},
		},
	}
	questions := sheet{
		name:   "questions",
		header: []string{"id", "libelle", "type"},
		widths: []float64{26, 90, 10},
	}
	var pre, post []string
	for _, q := range sv.Questions {
		questions.rows = append(questions.rows, []any{q.ID, q.Libelle, q.Type})
		if q.Pre {
			pre = append(pre, q.ID)
		}
		if q.Post {
			post = append(post, q.ID)
		}
	}
	return book{path: sv.Path, sheets: []sheet{
		enquete, questions, waveSheet("pre", pre, sv.Pre), waveSheet("post", post, sv.Post),
	}}
}

func waveSheet(name string, ids []string, responses []Response) sheet {
	s := sheet{name: name, header: append([]string{"code"}, ids...), widths: []float64{10}}
	for range ids {
		s.widths = append(s.widths, 24)
	}
	for _, r := range responses {
		row := []any{r.Code}
		for _, id := range ids {
			row = append(row, r.Answers[id]) // nil (empty cell) when not answered
		}
		s.rows = append(s.rows, row)
	}
	return s
}

// formationsBook lays out formations.xlsx.
func formationsBook(fs []Formation) book {
	s := sheet{
		name:   "formations",
		header: []string{"annee", "etablissement", "formation", "places", "candidats", "inscrits", "dont_filles"},
		widths: []float64{8, 30, 80, 9, 11, 9, 12},
	}
	for _, f := range fs {
		s.rows = append(s.rows, []any{f.Annee, f.Etablissement, f.Formation, f.Places, f.Candidats, f.Inscrits, f.DontFilles})
	}
	return book{path: "formations.xlsx", sheets: []sheet{s}}
}
