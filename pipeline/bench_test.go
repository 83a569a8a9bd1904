package pipeline_test

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/cmq-greencity/greencity/xlsxstream"
	"github.com/xuri/excelize/v2"
)

// benchActions are the actions of the generated rows, those of writeCatalogue.
var benchActions = []string{"Fresque du climat", "Engagement tour - Lycée", "Visite du projet RESPONSE"}

// BenchmarkImport measures, on one generated attendance workbook and in the
// same run: the bare unzip-and-scan of its sheet (the floor), xlsxstream's
// read of every cell, excelize's Rows() with raw values, DuckDB's own
// insert of as many rows made by SQL (testdata/bench_insert.sql: the least
// any import into this table takes here), the writer alone (as many rows
// made in memory appended as an import appends them: what no reader can
// make faster), both rolled back, and the whole import (read, validate,
// append to DuckDB in one transaction). Each gets
// its rows/s and its peak resident memory (Linux only); the ratios to the
// floor and to excelize are reported alongside, in wall time and in CPU
// time, so that a loaded machine slows them all alike. Every reader reads
// the file in place (io.ReaderAt), as the import does, so that none holds
// it in memory during another's measure; the import runs under the memory
// limits of greencity import.
func BenchmarkImport(b *testing.B) {
	n := xlsxtest.BenchRows(b)
	data := b.TempDir()
	im := mustOpenImporter(b, data)
	if err := im.Store.LimitImportMemory(context.Background()); err != nil {
		b.Fatal(err)
	}
	mustImport(b, im, writeCatalogue(b, data))
	path := filepath.Join(data, "2025", "participations", "big.xlsx")
	xlsxtest.WriteAttendance(b, path, n, benchActions)
	file, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil {
		b.Fatal(err)
	}
	content := io.NewSectionReader(file, 0, st.Size())
	steps := []struct {
		name string
		run  func() error
	}{
		{"unzip-scan", func() error { return unzipScan(content) }},
		{"xlsxstream", func() error { return streamCells(content, n) }},
		{"excelize", func() error { return excelizeCells(content, n) }},
		{"insert", func() error { return insertOnly(im.Store, im.Campus, n) }},
		{"append", func() error {
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(48 << 20))
			return pipeline.AppendOnly(context.Background(), im.Store, im.Campus, 2025, n, benchActions)
		}},
		{"import", func() error {
			// Forget the hash so every iteration really imports.
			if _, err := im.Store.DB.Exec("delete from imports where source_file = '2025/participations/big.xlsx'"); err != nil {
				return err
			}
			// The Go memory limit of greencity import (importGoMemory,
			// internal/cli/cmd_import.go).
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(48 << 20))
			r, err := im.ImportFile(context.Background(), path, 0)
			if err == nil && r.RowsImported != n {
				b.Fatalf("ImportFile = %+v", r)
			}
			return err
		}},
	}
	elapsed := make([]time.Duration, len(steps))
	cpu := make([]time.Duration, len(steps))
	peak := make([]uint64, len(steps))
	b.ResetTimer()
	for b.Loop() {
		for i, s := range steps {
			var err error
			start, startCPU := time.Now(), cpuTime()
			p := peakRSS(func() { err = s.run() })
			elapsed[i] += time.Since(start)
			cpu[i] += cpuTime() - startCPU
			peak[i] = max(peak[i], p)
			if err != nil {
				b.Fatalf("%s: %v", s.name, err)
			}
		}
	}
	b.StopTimer()
	secs := func(i int) float64 { return elapsed[i].Seconds() / float64(b.N) }
	for i, s := range steps {
		b.ReportMetric(float64(n)/secs(i), s.name+"-rows/s")
		if peak[i] > 0 {
			b.ReportMetric(float64(peak[i])/(1<<20), s.name+"-peakRSS-MiB")
		}
	}
	b.ReportMetric(secs(1)/secs(0), "xlsxstream/unzip-scan")
	b.ReportMetric(secs(3)/secs(0), "insert/unzip-scan")
	b.ReportMetric(secs(4)/secs(0), "append/unzip-scan")
	b.ReportMetric(secs(5)/secs(0), "import/unzip-scan")
	b.ReportMetric(secs(2)/secs(1), "excelize/xlsxstream")
	b.ReportMetric(secs(2)/secs(5), "excelize/import")
	// The same ratios in CPU time (every thread of the process, the
	// garbage collector's and DuckDB's included): on a machine other work
	// keeps busy, wall time counts the waits for a core, CPU time does not.
	if cpu[0] > 0 {
		ratio := func(i, j int) float64 { return cpu[i].Seconds() / cpu[j].Seconds() }
		b.ReportMetric(ratio(1, 0), "xlsxstream/unzip-scan-cpu")
		b.ReportMetric(ratio(3, 0), "insert/unzip-scan-cpu")
		b.ReportMetric(ratio(4, 0), "append/unzip-scan-cpu")
		b.ReportMetric(ratio(5, 0), "import/unzip-scan-cpu")
		b.ReportMetric(ratio(2, 1), "excelize/xlsxstream-cpu")
		b.ReportMetric(ratio(2, 5), "excelize/import-cpu")
	}
}

// insertOnly runs testdata/bench_insert.sql for n rows in a transaction,
// then rolls it back.
func insertOnly(store *pipeline.Store, campus string, n int) error {
	text, err := os.ReadFile(filepath.Join("testdata", "bench_insert.sql"))
	if err != nil {
		return err
	}
	ctx := context.Background()
	tx, err := store.DB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, string(text), sql.Named("campus", campus), sql.Named("rows", n))
	if err != nil {
		return err
	}
	if k, err := res.RowsAffected(); err != nil || k != int64(n) {
		return fmt.Errorf("bench_insert.sql: %d rows inserted, want %d (%v)", k, n, err)
	}
	return nil
}

// cpuTime is the CPU time the process has used, user and system; 0 where
// it cannot be told.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// unzipScan is the floor of any reader: inflate the sheet and look at
// every byte once (count its cells).
func unzipScan(content *io.SectionReader) error {
	zr, err := zip.NewReader(content, content.Size())
	if err != nil {
		return err
	}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		buf := make([]byte, 256<<10)
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
		rc.Close()
	}
	return nil
}

// streamCells reads every cell with xlsxstream, as strings.
func streamCells(content *io.SectionReader, n int) error {
	zr, err := zip.NewReader(content, content.Size())
	if err != nil {
		return err
	}
	w, err := xlsxstream.Open(zr)
	if err != nil {
		return err
	}
	rows := 0
	err = w.EachRow("Feuil1", func(_ int, cells []xlsxstream.Cell) error {
		rows++
		return nil
	})
	if err == nil && rows != n+1 {
		return io.ErrUnexpectedEOF
	}
	return err
}

// excelizeCells reads every cell with excelize as the importer did before
// xlsxstream: RawCellValue, Rows() and Columns().
func excelizeCells(content *io.SectionReader, n int) error {
	f, err := excelize.OpenReader(io.NewSectionReader(content, 0, content.Size()), excelize.Options{RawCellValue: true, TmpDir: os.TempDir()})
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := f.Rows("Feuil1")
	if err != nil {
		return err
	}
	count := 0
	for rows.Next() {
		if _, err := rows.Columns(); err != nil {
			return err
		}
		count++
	}
	if count != n+1 {
		return io.ErrUnexpectedEOF
	}
	return rows.Close()
}

// peakRSS runs fn and returns the peak resident memory of the process
// while it ran, from a reset high-water mark (Linux: /proc/self/clear_refs
// and VmHWM); 0 where that cannot be told.
func peakRSS(fn func()) uint64 {
	runtime.GC()
	debug.FreeOSMemory()
	reset := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	fn()
	if reset != nil {
		return 0
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}
