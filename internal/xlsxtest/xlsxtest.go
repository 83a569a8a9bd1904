// Package xlsxtest writes real xlsx workbooks for tests: with excelize, as the
// campus template is written, and by hand, the way other spreadsheet software
// writes them (inline strings, formula cells with cached values, missing
// rows, the 1904 date system).
package xlsxtest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// Sheet is a worksheet to write in a test workbook: rows of cell values.
// Values are written as their Go type says: string as text, int and float64
// as numbers, and the helpers below for dates and formulas.
type Sheet struct {
	Name string
	Rows [][]any
}

// Write writes a workbook with excelize, the way the campus's own
// template would be written.
func Write(tb testing.TB, path string, sheets ...Sheet) {
	tb.Helper()
	f := excelize.NewFile()
	defer func() {
		if err := f.Close(); err != nil {
			tb.Errorf("close %s: %v", path, err)
		}
	}()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		tb.Fatal(err)
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				tb.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			tb.Fatal(err)
		}
		for r, row := range s.Rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				switch v := v.(type) {
				case nil:
				case Date:
					if err := f.SetCellValue(s.Name, ref, v.Serial); err != nil {
						tb.Fatal(err)
					}
					if err := f.SetCellStyle(s.Name, ref, ref, dateStyle); err != nil {
						tb.Fatal(err)
					}
				default:
					if err := f.SetCellValue(s.Name, ref, v); err != nil {
						tb.Fatal(err)
					}
				}
			}
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		tb.Fatal(err)
	}
}

// Date is a real date cell: an Excel serial number with a date format.
type Date struct{ Serial float64 }

// Formula is a formula cell with the value its software cached.
type Formula struct {
	Expr   string
	Cached any
}

// WriteForeign writes a workbook by hand the way other spreadsheet
// software does and excelize never does: inline strings instead of a shared
// string table, formula cells with cached values, rows numbered with gaps,
// and optionally the 1904 date system of old Mac workbooks.
func WriteForeign(tb testing.TB, path string, date1904 bool, sheets ...Sheet) {
	tb.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, err := z.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			tb.Fatal(err)
		}
	}
	var ct, wbSheets, rels strings.Builder
	for i := range sheets {
		fmt.Fprintf(&ct, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		fmt.Fprintf(&wbSheets, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, html.EscapeString(sheets[i].Name), i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`+ct.String()+`</Types>`)
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	pr := ""
	if date1904 {
		pr = `<workbookPr date1904="1"/>`
	}
	add("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+pr+`<sheets>`+wbSheets.String()+`</sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels.String()+fmt.Sprintf(`<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, len(sheets)+1)+`</Relationships>`)
	add("xl/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`)
	for i, s := range sheets {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		for r, row := range s.Rows {
			if row == nil {
				continue // a blank line: no <row> element at all, as most software writes it
			}
			fmt.Fprintf(&b, `<row r="%d">`, r+1)
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				switch v := v.(type) {
				case nil:
				case string:
					fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, html.EscapeString(v))
				case int, float64:
					fmt.Fprintf(&b, `<c r="%s"><v>%v</v></c>`, ref, v)
				case Date:
					fmt.Fprintf(&b, `<c r="%s" s="1"><v>%v</v></c>`, ref, v.Serial)
				case Formula:
					if s, ok := v.Cached.(string); ok {
						fmt.Fprintf(&b, `<c r="%s" t="str"><f>%s</f><v>%s</v></c>`, ref, html.EscapeString(v.Expr), html.EscapeString(s))
					} else {
						fmt.Fprintf(&b, `<c r="%s"><f>%s</f><v>%v</v></c>`, ref, html.EscapeString(v.Expr), v.Cached)
					}
				default:
					tb.Fatalf("WriteForeign: cell %s: unsupported %T", ref, v)
				}
			}
			b.WriteString(`</row>`)
		}
		b.WriteString(`</sheetData></worksheet>`)
		add(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), b.String())
	}
	if err := z.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// Serial is the date cell of a day in the 1900 date system.
func Serial(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24}
}

// Serial1904 is the date cell of a day in the 1904 date system.
func Serial1904(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)).Hours() / 24}
}
