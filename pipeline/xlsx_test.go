package pipeline_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// sheet is a worksheet to write in a test workbook: rows of cell values.
// Values are written as their Go type says: string as text, int and float64
// as numbers, and the helpers below for dates and formulas.
type sheet struct {
	name string
	rows [][]any
}

// mustWriteXLSX writes a workbook with excelize, the way the campus's own
// template would be written.
func mustWriteXLSX(tb testing.TB, path string, sheets ...sheet) {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		tb.Fatal(err)
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				tb.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			tb.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				switch v := v.(type) {
				case nil:
				case excelDate:
					if err := f.SetCellValue(s.name, ref, v.serial); err != nil {
						tb.Fatal(err)
					}
					if err := f.SetCellStyle(s.name, ref, ref, dateStyle); err != nil {
						tb.Fatal(err)
					}
				default:
					if err := f.SetCellValue(s.name, ref, v); err != nil {
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

// excelDate is a real date cell: an Excel serial number with a date format.
type excelDate struct{ serial float64 }

// formula is a formula cell with the value its software cached.
type formula struct {
	expr   string
	cached any
}

// mustWriteForeignXLSX writes a workbook by hand the way other spreadsheet
// software does and excelize never does: inline strings instead of a shared
// string table, formula cells with cached values, rows numbered with gaps,
// and optionally the 1904 date system of old Mac workbooks.
func mustWriteForeignXLSX(tb testing.TB, path string, date1904 bool, sheets ...sheet) {
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
		fmt.Fprintf(&wbSheets, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, html.EscapeString(sheets[i].name), i+1, i+1)
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
		for r, row := range s.rows {
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
				case excelDate:
					fmt.Fprintf(&b, `<c r="%s" s="1"><v>%v</v></c>`, ref, v.serial)
				case formula:
					if s, ok := v.cached.(string); ok {
						fmt.Fprintf(&b, `<c r="%s" t="str"><f>%s</f><v>%s</v></c>`, ref, html.EscapeString(v.expr), html.EscapeString(s))
					} else {
						fmt.Fprintf(&b, `<c r="%s"><f>%s</f><v>%v</v></c>`, ref, html.EscapeString(v.expr), v.cached)
					}
				default:
					tb.Fatalf("mustWriteForeignXLSX: cell %s: unsupported %T", ref, v)
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
