package xlsxstream_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
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
	n := 100_000
	if s := os.Getenv("GREENCITY_BENCH_ROWS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			b.Fatalf("GREENCITY_BENCH_ROWS=%q: want a number of rows", s)
		}
	}
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

// unzipScan inflates the worksheets and counts their cells, as
// pipeline's BenchmarkImport does for its floor.
func unzipScan(zr *zip.Reader) error {
	buf := make([]byte, 256<<10)
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		cells := 0
		for {
			k, err := rc.Read(buf)
			cells += bytes.Count(buf[:k], []byte("<c "))
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
