package pipeline_test

import (
	"archive/zip"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
)

// TestImportFile_Progress: an import tells how far the reading of the
// file's sheet went, never backwards, up to the size of its XML.
func TestImportFile_Progress(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "grand.xlsx")
	xlsxtest.WriteAttendance(t, path, 20_000, benchActions)
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var sheetBytes int64
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			sheetBytes += int64(f.UncompressedSize64)
		}
	}
	zr.Close()
	var calls int
	var last, lastTotal int64
	im.Progress = func(file string, read, total int64) {
		if file != path || read < last || read > total {
			t.Fatalf("Progress(%s, %d, %d) after %d read", file, read, total, last)
		}
		calls++
		last, lastTotal = read, total
	}
	if r := mustImport(t, im, path); r.RowsImported != 20_000 {
		t.Fatalf("ImportFile = %+v, want 20000 rows", r)
	}
	if calls < 2 || last != sheetBytes || lastTotal != sheetBytes {
		t.Errorf("%d calls, last %d of %d bytes, want several up to the sheet's %d bytes", calls, last, lastTotal, sheetBytes)
	}
}
