package xlsxstream_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/demodata"
	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/xlsxstream"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// book is what a reader makes of a workbook: its sheets in order, whether
// dates count from 1904, and the raw cells of every row of every sheet.
type book struct {
	Sheets   []string
	Date1904 bool
	Rows     map[string][][]string // sheet -> rows from row 1; an empty row is nil
}

// readExcelize reads content as the importer does with excelize
// (pipeline/sheet.go): RawCellValue, Rows() then Columns() for each row.
func readExcelize(content []byte) (book, error) {
	f, err := excelize.OpenReader(bytes.NewReader(content), excelize.Options{RawCellValue: true})
	if err != nil {
		return book{}, err
	}
	defer f.Close()
	b := book{Sheets: f.GetSheetList(), Rows: map[string][][]string{}}
	props, err := f.GetWorkbookProps()
	if err != nil {
		return book{}, err
	}
	if props.Date1904 != nil {
		b.Date1904 = *props.Date1904
	}
	for _, s := range b.Sheets {
		rows, err := f.Rows(s)
		if err != nil {
			return book{}, err
		}
		var all [][]string
		for rows.Next() {
			cells, err := rows.Columns()
			if err != nil {
				rows.Close()
				return book{}, err
			}
			all = append(all, norm(cells))
		}
		if err := rows.Close(); err != nil {
			return book{}, err
		}
		b.Rows[s] = all
	}
	return b, nil
}

// readExcelizeNoPanic is readExcelize with a panic of excelize turned
// into an error: the differential tests judge xlsxstream, not excelize.
func readExcelizeNoPanic(content []byte) (b book, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("excelize panicked: %v", p)
		}
	}()
	return readExcelize(content)
}

func cmpBooks(want, got book) string { return cmp.Diff(want, got) }

// readStream reads content with xlsxstream.
func readStream(content []byte) (book, error) {
	zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		return book{}, err
	}
	w, err := xlsxstream.Open(zr)
	if err != nil {
		return book{}, err
	}
	b := book{Sheets: w.SheetNames(), Date1904: w.Date1904(), Rows: map[string][][]string{}}
	for _, s := range b.Sheets {
		var all [][]string
		err := w.EachRow(s, func(row int, cells []xlsxstream.Cell) error {
			if row != len(all)+1 {
				return fmt.Errorf("row %d after row %d", row, len(all))
			}
			var values []string
			for _, c := range cells {
				values = append(values, c.Value)
			}
			all = append(all, norm(values))
			return nil
		})
		if err != nil {
			return book{}, err
		}
		b.Rows[s] = all
	}
	return b, nil
}

func norm(cells []string) []string {
	if len(cells) == 0 {
		return nil
	}
	return cells
}

// compareReaders reads content with both readers and fails the test when
// xlsxstream reads it and gives other cells than excelize. It returns the
// error of xlsxstream (a decline) for the caller to judge.
func compareReaders(t *testing.T, name string, content []byte) error {
	t.Helper()
	got, err := readStream(content)
	if err != nil {
		return err
	}
	want, werr := readExcelizeNoPanic(content)
	if werr != nil {
		t.Errorf("%s: xlsxstream read it, excelize failed: %v", name, werr)
		return nil
	}
	if d := cmpBooks(want, got); d != "" {
		t.Errorf("%s: xlsxstream and excelize differ (-excelize +xlsxstream):\n%s", name, d)
	}
	return nil
}

// fixtures writes the workbooks the tests of the project read: written
// with excelize like the campus template (xlsxtest.Write), by hand like
// other software (xlsxtest.WriteForeign, in both date systems), shaped as
// Excel writes them (xlsxtest.ExcelParts), and every workbook of the
// demonstration data (internal/demodata, the shipped data/ folders). It
// returns their paths.
func fixtures(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	rows := [][]any{
		{"action", "date", "etablissement", "participants", "note"},
		{"Fresque du climat", xlsxtest.Serial(2025, 3, 14), "Lycée « Hippolyte Fontaine »", 24, "a & b <c>"},
		{"  espaces  ", xlsxtest.Serial(2025, 9, 1), "", 0, 3.25},
		nil,
		{nil, nil, "ligne 1\nligne 2", -7, 1e21},
		{xlsxtest.Formula{Expr: "1+1", Cached: 2}, xlsxtest.Formula{Expr: `"a"&"b"`, Cached: "ab"}, true, false, 0.1},
	}
	foreign := [][]any{
		rows[0], rows[1], rows[2], nil, rows[4],
		{xlsxtest.Formula{Expr: "1+1", Cached: 2}, xlsxtest.Formula{Expr: `"a"&"b"`, Cached: "ab"}, xlsxtest.Serial1904(2025, 1, 2)},
	}
	paths := []string{filepath.Join(dir, "template.xlsx"), filepath.Join(dir, "foreign.xlsx"), filepath.Join(dir, "foreign1904.xlsx"), filepath.Join(dir, "excel.xlsx")}
	xlsxtest.Write(t, paths[0], xlsxtest.Sheet{Name: "participations", Rows: rows[:4]}, xlsxtest.Sheet{Name: "autre", Rows: rows[4:]})
	xlsxtest.WriteForeign(t, paths[1], false, xlsxtest.Sheet{Name: "Feuil1", Rows: foreign}, xlsxtest.Sheet{Name: "vide"})
	xlsxtest.WriteForeign(t, paths[2], true, xlsxtest.Sheet{Name: "Feuil1", Rows: foreign})
	xlsxtest.WriteParts(t, paths[3], xlsxtest.ExcelParts()...)
	demo := filepath.Join(dir, "demo")
	if err := demodata.Write(demo); err != nil {
		t.Fatal(err)
	}
	err := filepath.WalkDir(demo, func(p string, _ os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".xlsx") {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

// TestDifferential_Fixtures: on every workbook the tests read, xlsxstream
// gives the cells excelize gives, and declines none of them.
func TestDifferential_Fixtures(t *testing.T) {
	paths := fixtures(t)
	if len(paths) < 10 {
		t.Fatalf("only %d fixtures", len(paths))
	}
	for _, p := range paths {
		content, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := compareReaders(t, p, content); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// TestDifferential_LibreOffice: the same workbooks saved again by
// LibreOffice, as an evaluator working in LibreOffice would send them.
func TestDifferential_LibreOffice(t *testing.T) {
	paths := fixtures(t)
	var some []string
	for _, p := range paths {
		if !strings.Contains(p, string(filepath.Separator)+"demo"+string(filepath.Separator)) || strings.Contains(p, "participations") {
			some = append(some, p)
		}
	}
	// Inputs of one conversion need distinct names.
	dir := t.TempDir()
	for i, p := range some {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		some[i] = filepath.Join(dir, fmt.Sprintf("%02d-%s", i, filepath.Base(p)))
		if err := os.WriteFile(some[i], b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range xlsxtest.ConvertWithLibreOffice(t, t.TempDir(), some...) {
		content, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := compareReaders(t, p, content); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// TestDifferential_Declines: what xlsxstream is not sure to read like
// excelize, it declines with ErrDeclined.
func TestDifferential_Declines(t *testing.T) {
	const sheet, sst = "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"
	cases := []struct{ name, part, old, new string }{
		{"prefixed cell", sheet, `<c r="D2"><v>24</v></c>`, `<x:c r="D2"><v>24</v></x:c>`},
		{"comment", sheet, `<row r="3"`, `<!-- note --><row r="3"`},
		{"cells out of order", sheet, `<c r="D3"><v>27</v></c>`, `<c r="B3"><v>27</v></c>`},
		{"cell of another row", sheet, `<c r="D3"><v>27</v></c>`, `<c r="D4"><v>27</v></c>`},
		{"row after the sheetData", sheet, `</sheetData>`, `</sheetData><row r="12"><c r="A12"><v>1</v></c></row>`},
		{"row after a tail longer than the window", sheet, `</sheetData>`,
			`</sheetData><mergeCells>` + strings.Repeat(`<mergeCell ref="A7:B7"/>`, 20000) + `</mergeCells><row r="12"/>`},
		{"prefixed row after the sheetData", sheet, `</sheetData>`, `</sheetData><x:row r="12"/>`},
		{"sheetData of another namespace before it", sheet, `<sheetData>`, `<x:sheetData/><sheetData>`},
		{"markup encoding/xml fails on before the sheetData", sheet, `<sheetData>`, `<a b="1" c=2/><sheetData>`},
		{"rows out of order", sheet, `<row r="5"`, `<row r="2"`},
		{"row past the last", sheet, `<row r="9">`, `<row r="1048577">`},
		{"unknown entity", sheet, `<v>24</v>`, `<v>2&nbsp;4</v>`},
		{"CDATA", sheet, `<v>24</v>`, `<v><![CDATA[24]]></v>`},
		{"]]> in text", sheet, `<v>24</v>`, `<v>24]]></v>`},
		{"]]> in a shared string", sst, `<t>date</t>`, `<t>da]]>te</t>`},
		{"unknown cell type", sheet, `<c r="D2">`, `<c r="D2" t="x">`},
		{"shared string out of the table", sheet, `<c r="A2" t="s"><v>4</v>`, `<c r="A2" t="s"><v>40</v>`},
		{"shared string index not a number", sheet, `<c r="A2" t="s"><v>4</v>`, `<c r="A2" t="s"><v>4a</v>`},
		{"cut short", sheet, `</sheetData>`, ``},
		{"two values", sheet, `<v>24</v>`, `<v>24</v><v>25</v>`},
		{"malformed XML declaration", sheet, `<?xml version`, "<?xml\xcc version"},
		{"malformed XML declaration of the strings", sst, `<?xml version`, "<?xml\xcc version"},
		{"encoding", sheet, `encoding="UTF-8"`, `encoding="ISO-8859-1"`},
		{"escape", sst, `<t>date</t>`, `<t>da_x0009_te</t>`},
		{"two texts in a string item", sst, `<t>date</t>`, `<t>da</t><t>te</t>`},
		{"phonetic properties not a number", sst, `fontId="1"`, `fontId="P"`},
		{"phonetic run bounds not a number", sst, `sb="0"`, `sb="-1"`},
		{"strict namespace", sst, `spreadsheetml/2006/main`, `purl.oclc.org/ooxml/spreadsheetml/main`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			parts := xlsxtest.ExcelParts()
			i := slices.IndexFunc(parts, func(p [2]string) bool { return p[0] == c.part })
			if !strings.Contains(parts[i][1], c.old) {
				t.Fatalf("%q not in %s", c.old, c.part)
			}
			parts[i][1] = strings.Replace(parts[i][1], c.old, c.new, 1)
			path := filepath.Join(t.TempDir(), "w.xlsx")
			xlsxtest.WriteParts(t, path, parts...)
			content, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			err = compareReaders(t, c.name, content)
			var d *xlsxstream.DeclinedError
			if !errors.Is(err, xlsxstream.ErrDeclined) || !errors.As(err, &d) || d.Part == "" {
				t.Fatalf("read = %v, want a decline", err)
			}
		})
	}
}
