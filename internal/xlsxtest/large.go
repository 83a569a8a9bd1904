package xlsxtest

import (
	"archive/zip"
	"bufio"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// BenchRows is the number of rows of the benchmarks' generated workbooks:
// 100 000, or GREENCITY_BENCH_ROWS (1000000 for the million-row figures;
// generating it takes a while).
func BenchRows(b *testing.B) int {
	b.Helper()
	s := os.Getenv("GREENCITY_BENCH_ROWS")
	if s == "" {
		return 100_000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		b.Fatalf("GREENCITY_BENCH_ROWS=%q: want a number of rows", s)
	}
	return n
}

// WriteAttendance writes an attendance workbook of n data rows (plus the
// header) shaped like a large export from Excel: text in a shared-string
// table, dates as serial numbers with a date format, counts as numbers, row
// spans, and the sheet deflated. The rows cycle through actions (which must
// hold at least one name), 300 establishments, 40 towns, the publics and
// levels of the contract, and every day of 2025. It writes the XML as it
// goes: a million rows take no more memory than ten.
func WriteAttendance(tb testing.TB, path string, n int, actions []string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := writeAttendance(f, n, actions); err != nil {
		f.Close()
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

func writeAttendance(out io.Writer, n int, actions []string) error {
	header := []string{"action", "date", "etablissement", "type_etablissement", "commune", "public", "niveau", "participants", "dont_filles", "dont_qpv_zrr"}
	types := []string{"collège", "lycée", "supérieur", "entreprise", "association"}
	publics := []string{"collégiens", "lycéens", "étudiants", "demandeurs d'emploi", "grand public", "enseignants"}
	levels := []string{"4e", "3e", "seconde", "première", "terminale", "BTS"}
	// The shared-string table: each text once, referred to by its index.
	var sst []string
	index := map[string]int{}
	intern := func(s string) int {
		i, ok := index[s]
		if !ok {
			i = len(sst)
			index[s] = i
			sst = append(sst, s)
		}
		return i
	}
	for _, h := range header {
		intern(h)
	}
	idx := func(list []string) []int {
		out := make([]int, len(list))
		for i, s := range list {
			out[i] = intern(s)
		}
		return out
	}
	actionIdx, typeIdx, publicIdx, levelIdx := idx(actions), idx(types), idx(publics), idx(levels)
	var etab, towns []int
	for i := range 300 {
		etab = append(etab, intern(fmt.Sprintf("Établissement n° %d", i+1)))
	}
	for i := range 40 {
		towns = append(towns, intern(fmt.Sprintf("Commune %d", i+1)))
	}
	z := zip.NewWriter(out)
	for _, p := range [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{"xl/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`},
	} {
		w, err := z.Create(p[0])
		if err != nil {
			return err
		}
		if _, err := io.WriteString(w, p[1]); err != nil {
			return err
		}
	}
	zw, err := z.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(zw, 1<<16)
	w.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:J` + strconv.Itoa(n+1) + `"/><sheetData><row r="1" spans="1:10">`)
	for i := range header {
		fmt.Fprintf(w, `<c r="%s1" t="s"><v>%d</v></c>`, string(rune('A'+i)), i)
	}
	w.WriteString(`</row>`)
	jan1 := Serial(2025, time.January, 1).Serial
	var buf []byte
	for i := range n {
		r := strconv.Itoa(i + 2)
		participants := 5 + i%40
		cell := func(col byte, attrs string, v int) {
			buf = append(buf, `<c r="`...)
			buf = append(buf, col)
			buf = append(buf, r...)
			buf = append(buf, '"')
			buf = append(buf, attrs...)
			buf = append(buf, `><v>`...)
			buf = strconv.AppendInt(buf, int64(v), 10)
			buf = append(buf, `</v></c>`...)
		}
		buf = append(buf[:0], `<row r="`...)
		buf = append(buf, r...)
		buf = append(buf, `" spans="1:10">`...)
		cell('A', ` t="s"`, actionIdx[i%len(actionIdx)])
		cell('B', ` s="1"`, int(jan1)+i%365)
		cell('C', ` t="s"`, etab[i%len(etab)])
		cell('D', ` t="s"`, typeIdx[i%len(typeIdx)])
		cell('E', ` t="s"`, towns[i%len(towns)])
		cell('F', ` t="s"`, publicIdx[i%len(publicIdx)])
		cell('G', ` t="s"`, levelIdx[i%len(levelIdx)])
		cell('H', "", participants)
		cell('I', "", participants/2)
		cell('J', "", i%5)
		buf = append(buf, `</row>`...)
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	w.WriteString(`</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
	if err := w.Flush(); err != nil {
		return err
	}
	sw, err := z.Create("xl/sharedStrings.xml")
	if err != nil {
		return err
	}
	w = bufio.NewWriter(sw)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, 7*n+len(header), len(sst))
	for _, s := range sst {
		fmt.Fprintf(w, `<si><t>%s</t></si>`, html.EscapeString(s))
	}
	w.WriteString(`</sst>`)
	if err := w.Flush(); err != nil {
		return err
	}
	return z.Close()
}
