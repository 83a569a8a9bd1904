package xlsxstream_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/xlsxstream"
)

// BenchmarkRead reads every cell of a generated attendance workbook of
// 100 000 rows (GREENCITY_BENCH_ROWS to change it), and, in the same run,
// inflates its sheet and counts its cells: the floor of any reader. The
// ratio of the two is reported, so that a profile of this benchmark
// (-cpuprofile) shows the reader alone and the figure is comparable from
// one machine state to another.
func BenchmarkRead(b *testing.B) {
	n := xlsxtest.BenchRows(b)
	path := filepath.Join(b.TempDir(), "big.xlsx")
	xlsxtest.WriteAttendance(b, path, n, []string{"Fresque du climat", "Visite"})
	content, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		b.Fatal(err)
	}
	var floor, read float64
	b.ResetTimer()
	for b.Loop() {
		start := b.Elapsed()
		if err := unzipScan(zr); err != nil {
			b.Fatal(err)
		}
		mid := b.Elapsed()
		w, err := xlsxstream.Open(zr)
		if err != nil {
			b.Fatal(err)
		}
		rows := 0
		err = w.EachRow("Feuil1", func(_ int, cells []xlsxstream.Cell) error {
			rows++
			return nil
		})
		if err != nil || rows != n+1 {
			b.Fatalf("EachRow: %d rows, %v; want %d", rows, err, n+1)
		}
		floor += (mid - start).Seconds()
		read += (b.Elapsed() - mid).Seconds()
	}
	b.ReportMetric(float64(n)*float64(b.N)/read, "rows/s")
	b.ReportMetric(read/floor, "xlsxstream/unzip-scan")
}

// BenchmarkOpen opens a workbook whose shared-string table holds a string
// per row of 100 000 (GREENCITY_BENCH_ROWS), as a column of free text
// would: Open reads the whole table before the first row. Inflating the
// table and counting its items, the floor, is measured in the same run.
func BenchmarkOpen(b *testing.B) {
	n := xlsxtest.BenchRows(b)
	var sst strings.Builder
	fmt.Fprintf(&sst, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, n, n)
	for i := range n {
		switch {
		case i%10 == 0:
			fmt.Fprintf(&sst, `<si><t xml:space="preserve">Remarque %d : salle &amp; matériel </t></si>`, i)
		case i%50 == 1:
			fmt.Fprintf(&sst, `<si><r><rPr><b/><sz val="11"/></rPr><t>Note</t></r><r><t xml:space="preserve"> %d</t></r></si>`, i)
		default:
			fmt.Fprintf(&sst, `<si><t>Élève n° %d, classe de seconde</t></si>`, i)
		}
	}
	sst.WriteString(`</sst>`)
	parts := xlsxtest.ExcelParts()
	parts[slices.IndexFunc(parts, func(p [2]string) bool { return p[0] == "xl/sharedStrings.xml" })][1] = sst.String()
	content := xlsxtest.Zip(b, parts...)
	zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		b.Fatal(err)
	}
	var floor, open float64
	b.ResetTimer()
	for b.Loop() {
		start := b.Elapsed()
		if err := unzipCount(zr, "xl/sharedStrings.xml", "<si>"); err != nil {
			b.Fatal(err)
		}
		mid := b.Elapsed()
		if _, err := xlsxstream.Open(zr); err != nil {
			b.Fatal(err)
		}
		floor += (mid - start).Seconds()
		open += (b.Elapsed() - mid).Seconds()
	}
	b.ReportMetric(float64(n)*float64(b.N)/open, "strings/s")
	b.ReportMetric(open/floor, "open/unzip-scan")
}

// unzipScan inflates the worksheets and counts their cells, as
// pipeline's BenchmarkImport does for its floor.
func unzipScan(zr *zip.Reader) error {
	return unzipCount(zr, "xl/worksheets/", "<c ")
}

// unzipCount inflates the parts whose names start with prefix and counts
// the occurrences of mark in them.
func unzipCount(zr *zip.Reader, prefix, mark string) error {
	buf := make([]byte, 256<<10)
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, prefix) {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		cells := 0
		for {
			k, err := rc.Read(buf)
			cells += bytes.Count(buf[:k], []byte(mark))
			if err == io.EOF {
				break
			}
			if err != nil {
				rc.Close()
				return err
			}
		}
		if err := rc.Close(); err != nil {
			return err
		}
	}
	return nil
}
