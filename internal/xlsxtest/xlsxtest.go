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
	"os/exec"
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

// Bool is a boolean cell (t="b"), which a spreadsheet shows as VRAI or
// FAUX (TRUE or FALSE).
type Bool bool

// ISODate is a date cell written as ISO 8601 text (t="d"), as some programs
// write dates instead of a serial number: "2025-11-05T00:00:00Z".
type ISODate string

// SharedString is a text cell pointing to entry Index of the shared string
// table (t="s"). WriteForeign writes no such table: the cell points to a
// string the workbook does not have, as in a damaged file.
type SharedString struct{ Index int }

// Invisible is a cell whose number format is ";;;": it holds Value but
// shows nothing on screen or on paper.
type Invisible struct{ Value any }

// WriteForeign writes a workbook by hand the way other spreadsheet
// software does and excelize never does: inline strings instead of a shared
// string table, formula cells with cached values, rows numbered with gaps,
// and optionally the 1904 date system of old Mac workbooks; and the cells
// only other software or a damaged file has (Bool, ISODate, SharedString,
// Invisible).
func WriteForeign(tb testing.TB, path string, date1904 bool, sheets ...Sheet) {
	tb.Helper()
	var parts [][2]string
	add := func(name, body string) { parts = append(parts, [2]string{name, body}) }
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
	// Style 2, ";;;", only in the workbooks that use it.
	numFmts, invisibleXf := "", ""
	for _, s := range sheets {
		for _, row := range s.Rows {
			for _, v := range row {
				if _, ok := v.(Invisible); ok {
					numFmts = `<numFmts count="1"><numFmt numFmtId="164" formatCode=";;;"/></numFmts>`
					invisibleXf = `<xf numFmtId="164" applyNumberFormat="1"/>`
				}
			}
		}
	}
	add("xl/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`+numFmts+`<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>`+invisibleXf+`</cellXfs></styleSheet>`)
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
				at := fmt.Sprintf(`r="%s"`, ref) // the cell's attributes
				if inv, ok := v.(Invisible); ok {
					at, v = at+` s="2"`, inv.Value
				}
				switch v := v.(type) {
				case nil:
				case string:
					fmt.Fprintf(&b, `<c %s t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, at, html.EscapeString(v))
				case int, float64:
					fmt.Fprintf(&b, `<c %s><v>%v</v></c>`, at, v)
				case Bool:
					n := 0
					if v {
						n = 1
					}
					fmt.Fprintf(&b, `<c %s t="b"><v>%d</v></c>`, at, n)
				case ISODate:
					fmt.Fprintf(&b, `<c %s t="d"><v>%s</v></c>`, at, html.EscapeString(string(v)))
				case SharedString:
					fmt.Fprintf(&b, `<c %s t="s"><v>%d</v></c>`, at, v.Index)
				case Date:
					fmt.Fprintf(&b, `<c %s s="1"><v>%v</v></c>`, at, v.Serial)
				case Formula:
					if s, ok := v.Cached.(string); ok {
						fmt.Fprintf(&b, `<c %s t="str"><f>%s</f><v>%s</v></c>`, at, html.EscapeString(v.Expr), html.EscapeString(s))
					} else {
						fmt.Fprintf(&b, `<c %s><f>%s</f><v>%v</v></c>`, at, html.EscapeString(v.Expr), v.Cached)
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
	WriteParts(tb, path, parts...)
}

// Serial is the date cell of a day in the 1900 date system.
func Serial(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24}
}

// Serial1904 is the date cell of a day in the 1904 date system.
func Serial1904(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)).Hours() / 24}
}

// WriteParts writes a workbook made of the given zip parts, in order, each
// a name and its content: for tests that need a workbook exactly as some
// software writes it.
func WriteParts(tb testing.TB, path string, parts ...[2]string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, Zip(tb, parts...), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// Zip is the zip archive of the given parts, in order, each a name and its
// content.
func Zip(tb testing.TB, parts ...[2]string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := z.Create(p[0])
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(p[1])); err != nil {
			tb.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// ExcelParts are the parts of a workbook shaped as Excel writes one: a
// shared-string table with rich text runs and phonetic runs, styles with
// built-in and custom number formats (dates, a time, a percentage, the
// hidden format ;;;), rows with spans and x14ac attributes, shared
// formulas with cached values, booleans, an error value, a t="d" date,
// empty styled cells, a row and cells written without their reference, a
// gap, and a second sheet. Sheet "Feuil1" is an attendance sheet.
func ExcelParts() [][2]string {
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"`
	return [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/><workbookPr defaultThemeVersion="166925"/><bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840"/></bookViews><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/><sheet name="Notes" sheetId="2" r:id="rId2"/></sheets><calcPr calcId="191029"/></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{"xl/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet ` + ns + `><numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="[h]:mm"/><numFmt numFmtId="166" formatCode=";;;"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`},
		{"xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="12" uniqueCount="9"><si><t>action</t></si><si><t>date</t></si><si><t>etablissement</t></si><si><t>participants</t></si><si><t>Fresque du climat</t></si><si><t xml:space="preserve"> Lycée Hippolyte Fontaine </t></si><si><r><rPr><b/><sz val="11"/><color theme="1"/><rFont val="Calibri"/><family val="2"/><scheme val="minor"/></rPr><t>Visite</t></r><r><rPr><sz val="11"/><color rgb="FFFF0000"/><rFont val="Calibri"/><family val="2"/><scheme val="minor"/></rPr><t xml:space="preserve"> du projet &amp; &lt;RESPONSE&gt;</t></r></si><si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si><si><t>ligne 1
ligne 2</t></si></sst>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet ` + ns + `><dimension ref="A1:H9"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><cols><col min="1" max="1" width="24" customWidth="1"/></cols><sheetData>` +
			`<row r="1" spans="1:8" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="inlineStr"><is><t>présent</t></is></c><c r="F1" t="inlineStr"><is><r><t>ra</t></r><r><rPr><i/></rPr><t>tio</t></r></is></c><c r="G1" t="str"><f>"no"&amp;"te"</f><v>note</v></c><c r="H1" t="inlineStr"><is><t>quand</t></is></c></row>` +
			`<row r="2" spans="1:8" x14ac:dyDescent="0.25"><c r="A2" t="s"><v>4</v></c><c r="B2" s="1"><v>45667</v></c><c r="C2" t="s"><v>5</v></c><c r="D2"><v>24</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" s="4"><f>D2/D3</f><v>0.88888888888888884</v></c><c r="G2" t="s"><v>7</v></c><c r="H2" t="d"><v>2025-01-10T00:00:00</v></c></row>` +
			`<row r="3" spans="1:8" x14ac:dyDescent="0.25"><c r="A3" t="s"><v>6</v></c><c r="B3" s="2"><v>45700.5</v></c><c r="C3" s="2"/><c r="D3"><v>27</v></c><c r="E3" t="b"><v>0</v></c><c r="F3" t="e"><f>D3/0</f><v>#DIV/0!</v></c><c r="G3" t="s"><v>8</v></c><c r="H3" s="5"><v>12</v></c></row>` +
			`<row r="5" spans="1:8" ht="30" customHeight="1" x14ac:dyDescent="0.25"><c r="A5" t="s"><v>4</v></c><c r="B5" s="3"><v>1.5416666666666667</v></c><c r="D5"><f t="shared" ref="D5:D6" si="0">D2+1</f><v>25</v></c><c r="E5"><v>1.5E-3</v></c><c r="H5" s="1"/></row>` +
			`<row><c t="s"><v>4</v></c><c><v>-0</v></c><c/><c><f t="shared" si="0"/><v>28</v></c></row>` +
			`<row r="7" spans="1:8"><c r="A7" s="1"/><c r="B7" s="1"/></row>` +
			`<row r="9"><c r="C9"><f>SUM(D2:D6)</f></c><c r="E9" t="str"><f>A2&amp;""</f><v></v></c></row>` +
			`</sheetData><mergeCells count="1"><mergeCell ref="A7:B7"/></mergeCells><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><rowBreaks count="1" manualBreakCount="1"><brk id="5" max="16383" man="1"/></rowBreaks></worksheet>`},
		{"xl/worksheets/sheet2.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet ` + ns + `><dimension ref="A1"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>à voir</t></is></c><c r="C1"><v>3.14</v></c></row></sheetData></worksheet>`},
	}
}

// ConvertWithLibreOffice opens each workbook in LibreOffice (headless) and
// saves it again as xlsx into dir: the workbooks as LibreOffice writes them.
// It returns their paths. Skipped without LibreOffice, as ReadWithLibreOffice.
func ConvertWithLibreOffice(tb testing.TB, dir string, paths ...string) []string {
	tb.Helper()
	cmd := exec.Command(soffice(tb), append([]string{"--headless", "--norestore", "-env:UserInstallation=file://" + tb.TempDir(),
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", dir}, paths...)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("soffice: %v\n%s", err, b)
	}
	var out []string
	for _, p := range paths {
		converted := filepath.Join(dir, filepath.Base(p))
		if _, err := os.Stat(converted); err != nil {
			tb.Fatalf("LibreOffice did not convert %s: %v", p, err)
		}
		out = append(out, converted)
	}
	return out
}
