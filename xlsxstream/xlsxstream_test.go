package xlsxstream_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/xlsxstream"
	"github.com/google/go-cmp/cmp"
)

func mustOpen(t testing.TB, parts ...[2]string) *xlsxstream.Workbook {
	t.Helper()
	content := xlsxtest.Zip(t, parts...)
	zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		t.Fatal(err)
	}
	w, err := xlsxstream.Open(zr)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return w
}

type row struct {
	N     int
	Cells []xlsxstream.Cell
}

func allRows(t *testing.T, w *xlsxstream.Workbook, sheet string) []row {
	t.Helper()
	var rows []row
	err := w.EachRow(sheet, func(n int, cells []xlsxstream.Cell) error {
		rows = append(rows, row{n, slices.Clone(cells)})
		return nil
	})
	if err != nil {
		t.Fatalf("EachRow(%q): %v", sheet, err)
	}
	return rows
}

// TestEachRow_ExcelShaped reads every kind of cell Excel writes: shared
// strings (rich text runs, phonetic runs, entities, a line break), inline
// strings, booleans, an error, formulas with and without a cached value,
// dates by built-in and custom formats, a t="d" date, rows and cells
// without their reference, gaps.
func TestEachRow_ExcelShaped(t *testing.T) {
	w := mustOpen(t, xlsxtest.ExcelParts()...)
	if got, want := w.SheetNames(), []string{"Feuil1", "Notes"}; !slices.Equal(got, want) {
		t.Fatalf("SheetNames() = %q, want %q", got, want)
	}
	if w.Date1904() {
		t.Errorf("Date1904() = true, want false")
	}
	s := func(v string) xlsxstream.Cell { return xlsxstream.Cell{Value: v, Type: xlsxstream.SharedString} }
	in := func(v string) xlsxstream.Cell { return xlsxstream.Cell{Value: v, Type: xlsxstream.InlineString} }
	num := func(v string) xlsxstream.Cell { return xlsxstream.Cell{Value: v} }
	date := func(v string) xlsxstream.Cell { return xlsxstream.Cell{Value: v, Date: true} }
	want := []row{
		{1, []xlsxstream.Cell{s("action"), s("date"), s("etablissement"), s("participants"), in("présent"), in("ratio"),
			{Value: "note", Type: xlsxstream.FormulaString, Formula: true}, in("quand")}},
		{2, []xlsxstream.Cell{s("Fresque du climat"), date("45667"), s(" Lycée Hippolyte Fontaine "), num("24"), {Value: "1", Type: xlsxstream.Bool},
			{Value: "0.88888888888888884", Formula: true}, s("東京"), {Value: "2025-01-10T00:00:00", Type: xlsxstream.ISODate}}},
		{3, []xlsxstream.Cell{s("Visite du projet & <RESPONSE>"), date("45700.5"), {}, num("27"), {Value: "0", Type: xlsxstream.Bool},
			{Value: "#DIV/0!", Type: xlsxstream.Error, Formula: true}, s("ligne 1\nligne 2"), num("12")}},
		{4, nil},
		{5, []xlsxstream.Cell{s("Fresque du climat"), date("1.5416666666666667"), {}, {Value: "25", Formula: true}, num("1.5E-3")}},
		{6, []xlsxstream.Cell{s("Fresque du climat"), num("-0"), {}, {Value: "28", Formula: true}}},
		{7, nil},
		{8, nil},
		{9, []xlsxstream.Cell{{}, {}, {Formula: true}, {}, {Type: xlsxstream.FormulaString, Formula: true}}},
	}
	got := allRows(t, w, "Feuil1")
	for i := range got {
		if len(got[i].Cells) == 0 {
			got[i].Cells = nil
		}
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("EachRow(Feuil1) (-want +got):\n%s", d)
	}
	// Sheet names are matched ignoring case, as excelize does.
	if got := allRows(t, w, "NOTES"); len(got) != 1 || len(got[0].Cells) != 3 || got[0].Cells[0].Value != "à voir" || got[0].Cells[2].Value != "3.14" {
		t.Errorf("EachRow(NOTES) = %+v", got)
	}
}

// TestOpen_Date1904: the date system of old Mac workbooks.
func TestOpen_Date1904(t *testing.T) {
	parts := xlsxtest.ExcelParts()
	i := slices.IndexFunc(parts, func(p [2]string) bool { return p[0] == "xl/workbook.xml" })
	parts[i][1] = strings.Replace(parts[i][1], `<workbookPr `, `<workbookPr date1904="true" `, 1)
	if w := mustOpen(t, parts...); !w.Date1904() {
		t.Errorf("Date1904() = false, want true")
	}
}

// TestEachRow_FnError: an error from fn stops the walk and is returned.
func TestEachRow_FnError(t *testing.T) {
	w := mustOpen(t, xlsxtest.ExcelParts()...)
	stop := errors.New("stop")
	calls := 0
	err := w.EachRow("Feuil1", func(int, []xlsxstream.Cell) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Errorf("EachRow = %v after %d calls, want stop after 1", err, calls)
	}
}

// TestEachRow_UnknownSheet is declined: excelize says the sheet does not exist.
func TestEachRow_UnknownSheet(t *testing.T) {
	w := mustOpen(t, xlsxtest.ExcelParts()...)
	if err := w.EachRow("Feuil9", func(int, []xlsxstream.Cell) error { return nil }); !errors.Is(err, xlsxstream.ErrDeclined) {
		t.Errorf("EachRow(Feuil9) = %v, want a decline", err)
	}
}

// TestEachRow_LongRow: a row longer than the read window is read whole.
func TestEachRow_LongRow(t *testing.T) {
	parts := xlsxtest.ExcelParts()
	i := slices.IndexFunc(parts, func(p [2]string) bool { return p[0] == "xl/worksheets/sheet2.xml" })
	long := strings.Repeat("é", 32767)
	var b strings.Builder
	b.WriteString(`<row r="1">`)
	for c := 1; c <= 20; c++ {
		b.WriteString(`<c t="inlineStr"><is><t>` + long + `</t></is></c>`)
	}
	b.WriteString(`</row>`)
	parts[i][1] = strings.Replace(parts[i][1], `<sheetData>`, `<sheetData>`+b.String(), 1)
	parts[i][1] = strings.Replace(parts[i][1], `<row r="1">`+`<c r="A1"`, `<row r="2"><c r="A2"`, 1)
	parts[i][1] = strings.Replace(parts[i][1], `r="C1"`, `r="C2"`, 1)
	rows := allRows(t, mustOpen(t, parts...), "Notes")
	if len(rows) != 2 || len(rows[0].Cells) != 20 || rows[0].Cells[19].Value != long || rows[1].Cells[2].Value != "3.14" {
		t.Errorf("rows = %d, first of %d cells", len(rows), len(rows[0].Cells))
	}
}
