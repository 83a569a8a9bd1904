package pipeline_test

import (
	"archive/zip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
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

// TestImportFile_LargeRefusedLeavesDatabase: the rows of a large file go to
// the database as they are read, handed to the transaction in batches; a
// file refused after all of them (most of its rows are another file's)
// still leaves the database as it was, and so does a new version of a
// file refused the same way.
func TestImportFile_LargeRefusedLeavesDatabase(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	first := filepath.Join(data, "2025", "participations", "a.xlsx")
	xlsxtest.WriteAttendance(t, first, 60_000, benchActions)
	mustImport(t, im, first)
	before := dump(t, im.Store.DB, "select source_file, count(*), sum(participants) from participations group by all order by all")
	log := dump(t, im.Store.DB, "select source_file, sha256, rows_imported from imports order by all")
	second := filepath.Join(data, "2025", "participations", "b.xlsx")
	xlsxtest.WriteAttendance(t, second, 60_001, benchActions)
	if _, err := im.ImportFile(context.Background(), second, 0); !errors.Is(err, pipeline.ErrInvalidInput) {
		t.Fatalf("ImportFile(copy with one more row) = %v, want it refused", err)
	}
	if got := dump(t, im.Store.DB, "select source_file, count(*), sum(participants) from participations group by all order by all"); !slices.EqualFunc(got, before, slices.Equal) {
		t.Errorf("participations after the refusal = %v, want %v", got, before)
	}
	if got := dump(t, im.Store.DB, "select source_file, sha256, rows_imported from imports order by all"); !slices.EqualFunc(got, log, slices.Equal) {
		t.Errorf("import log after the refusal = %v, want %v", got, log)
	}
}

// TestLimitImportMemory: under the import's DuckDB memory limit, a large
// file is imported whole, its rows all there, and DuckDB reports the
// limit; EndImportMemory puts back 64MB, under which the checkpoint that
// ends the command runs.
func TestLimitImportMemory(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	if err := im.Store.LimitImportMemory(context.Background()); err != nil {
		t.Fatal(err)
	}
	var limit string
	if err := im.Store.DB.QueryRow("select current_setting('memory_limit')::varchar").Scan(&limit); err != nil {
		t.Fatal(err)
	}
	if limit != "15.2 MiB" && limit != "16.0 MB" {
		t.Errorf("memory_limit = %q after LimitImportMemory, want 16MB", limit)
	}
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	xlsxtest.WriteAttendance(t, path, 60_000, benchActions)
	if r := mustImport(t, im, path); r.RowsImported != 60_000 {
		t.Fatalf("ImportFile = %+v, want 60000 rows", r)
	}
	if got := dump(t, im.Store.DB, "select count(*) from participations"); got[0][0] != "60000" {
		t.Errorf("participations = %v, want 60000 rows", got)
	}
	// The command ends with a checkpoint, once the limit is put back.
	if err := im.Store.EndImportMemory(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := im.Store.DB.QueryRow("select current_setting('memory_limit')::varchar").Scan(&limit); err != nil {
		t.Fatal(err)
	}
	if limit != "61.0 MiB" && limit != "64.0 MB" {
		t.Errorf("memory_limit = %q after EndImportMemory, want 64MB", limit)
	}
	if err := im.Store.Checkpoint(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestImportFile_ChangedWhileRead: a file is read in place, not copied
// into memory first, so a file written to while it is read (a copy still
// going on) is refused, naming it, and the database is left as it was.
func TestImportFile_ChangedWhileRead(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	before := dump(t, im.Store.DB, "select source_file, count(*) from participations group by all order by all")
	path := filepath.Join(data, "2025", "participations", "grand.xlsx")
	xlsxtest.WriteAttendance(t, path, 20_000, benchActions)
	written := false
	im.Progress = func(string, int64, int64) {
		if written {
			return
		}
		written = true
		f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte("more")); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	_, err := im.ImportFile(context.Background(), path, 0)
	if !written {
		t.Fatal("Progress never called: the file was not changed")
	}
	if !errors.Is(err, pipeline.ErrUnreadable) || !strings.Contains(err.Error(), path+" : le fichier a changé pendant sa lecture") {
		t.Fatalf("ImportFile(file changed while read) = %v, want it refused as changed, naming it", err)
	}
	if got := dump(t, im.Store.DB, "select source_file, count(*) from participations group by all order by all"); !slices.EqualFunc(got, before, slices.Equal) {
		t.Errorf("participations after the refusal = %v, want %v", got, before)
	}
	im.Progress = nil
	if r := mustImport(t, im, path); r.RowsImported != 20_000 {
		t.Errorf("ImportFile once the file is whole = %+v, want 20000 rows", r)
	}
}
