package pipeline_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/xuri/excelize/v2"
)

// writeLargeAttendance writes an attendance workbook of n rows with
// excelize's StreamWriter, the way a large partner export would look.
func writeLargeAttendance(tb testing.TB, path string, n int) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	header := []any{"action", "date", "etablissement", "type_etablissement", "commune", "public", "niveau", "participants", "dont_filles", "dont_qpv_zrr"}
	if err := sw.SetRow("A1", header); err != nil {
		tb.Fatal(err)
	}
	actions := []string{"Fresque du climat", "Engagement tour - Lycée", "Visite du projet RESPONSE"}
	for i := 0; i < n; i++ {
		d := xlsxtest.Serial(2025, time.Month(1+i%12), 1+i%28).Serial
		row := []any{actions[i%3], d, fmt.Sprintf("Lycée %d", i%300), "lycée", "Dijon", "lycéens", "seconde", 20 + i%15, 5 + i%10, i % 4}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			tb.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		tb.Fatal(err)
	}
}

const benchRows = 100_000

// BenchmarkReadRaw is the baseline: walking every cell of the workbook with
// the streaming reader, nothing else.
func BenchmarkReadRaw(b *testing.B) {
	path := filepath.Join(b.TempDir(), "2025", "participations", "big.xlsx")
	writeLargeAttendance(b, path, benchRows)
	content, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		wb, err := pipeline.OpenWorkbook(bytes.NewReader(content))
		if err != nil {
			b.Fatal(err)
		}
		cells := 0
		if err := wb.EachRow("Sheet1", func(_ int, c []string) error { cells += len(c); return nil }); err != nil {
			b.Fatal(err)
		}
		wb.Close()
	}
}

// BenchmarkImportAttendance is the whole import of the same workbook:
// read, validate, append to DuckDB in one transaction.
func BenchmarkImportAttendance(b *testing.B) {
	data := b.TempDir()
	im := mustOpenImporter(b, data)
	mustImport(b, im, writeCatalogue(b, data))
	path := filepath.Join(data, "2025", "participations", "big.xlsx")
	writeLargeAttendance(b, path, benchRows)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		// Forget the hash so every iteration really imports.
		if _, err := im.Store.DB.Exec("delete from imports where source_file = '2025/participations/big.xlsx'"); err != nil {
			b.Fatal(err)
		}
		r, err := im.ImportFile(context.Background(), path, 0)
		if err != nil || r.RowsImported != benchRows {
			b.Fatalf("ImportFile = %+v, %v", r, err)
		}
	}
}
