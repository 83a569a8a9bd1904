package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
)

// importedFile is what ImportFiles tells of one file, errors as their text.
type importedFile struct {
	Result pipeline.Result
	Err    string
}

// importFiles imports paths with ImportFiles, or (oneByOne) with ImportFile
// one after the other, and returns what each gave, in order.
func importFiles(t *testing.T, im *pipeline.Importer, paths []string, oneByOne bool) []importedFile {
	t.Helper()
	var out []importedFile
	add := func(r pipeline.Result, err error) {
		f := importedFile{Result: r}
		if err != nil {
			f.Err = err.Error()
		}
		out = append(out, f)
	}
	if oneByOne {
		for _, p := range paths {
			add(im.ImportFile(context.Background(), p, 0))
		}
		return out
	}
	im.ImportFiles(context.Background(), paths, 0, add)
	return out
}

// databaseTables dumps every table a file's import writes, whole.
func databaseTables(t *testing.T, im *pipeline.Importer) map[string][][]string {
	t.Helper()
	out := map[string][][]string{}
	for _, table := range []string{"imports", "actions", "participations", "formations", "surveys", "survey_waves", "survey_questions", "survey_answers", "extra_cells"} {
		out[table] = dump(t, im.Store.DB, "select * from "+table+" order by all")
	}
	return out
}

// writeYearFiles writes a year of workbooks that every outcome of an import
// is among: a catalogue the other files are checked against, a large file
// (its rows handed to the writer in many batches, rows repeated inside it),
// small good files, a file with bad rows after good ones, an exact copy of
// another file, and a file whose rows are mostly the large file's. It
// returns them in the order of YearFiles.
func writeYearFiles(t *testing.T, data string) []string {
	t.Helper()
	writeCatalogue(t, data)
	dir := filepath.Join(data, "2025", "participations")
	xlsxtest.WriteAttendance(t, filepath.Join(dir, "a-grand.xlsx"), 20_000, benchActions)
	xlsxtest.Write(t, filepath.Join(dir, "b-lycees.xlsx"), attendance(
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycéens", 28, 12},
		[]any{"Engagement tour - Lycée", xlsxtest.Serial(2025, 3, 6), "Lycée Mathias", "Lycéens", 30, 14},
	))
	xlsxtest.Write(t, filepath.Join(dir, "c-mauvais.xlsx"), attendance(
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 7), "Collège Rimbaud", "collégiens", 25, 11},
		[]any{"Fresque du climatt", xlsxtest.Serial(2025, 11, 8), "Collège Rimbaud", "collégiens", 25, 11},
		[]any{"Fresque du climat", "31/02/2025", "Collège Rimbaud", "collégiens", 25, 30},
	))
	b, err := os.ReadFile(filepath.Join(dir, "b-lycees.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "d-lycees - Copie.xlsx"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	xlsxtest.WriteAttendance(t, filepath.Join(dir, "e-extrait.xlsx"), 3_000, benchActions)
	xlsxtest.Write(t, filepath.Join(dir, "f-colleges.xlsx"), attendance(
		[]any{"Visite du projet RESPONSE", xlsxtest.Serial(2025, 5, 20), "Collège Rimbaud", "collégiens", 24, 10},
	))
	files, err := pipeline.YearFiles(filepath.Join(data, "2025"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestImportFiles_AsOneByOne: files read on every core ahead of the one
// writer give the database, results, notes and errors, in the same order,
// of the same files imported one after the other; the refused files
// (bad rows, a copy, rows another file brought) leave nothing behind.
func TestImportFiles_AsOneByOne(t *testing.T) {
	data := t.TempDir()
	files := writeYearFiles(t, data)
	parallel, sequential := mustOpenImporter(t, data), mustOpenImporter(t, data)
	got := importFiles(t, parallel, files, false)
	want := importFiles(t, sequential, files, true)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("ImportFiles (-one by one +together):\n%s", d)
	}
	if d := cmp.Diff(databaseTables(t, sequential), databaseTables(t, parallel)); d != "" {
		t.Errorf("database (-one by one +together):\n%s", d)
	}
	refused := 0
	for _, f := range got {
		if f.Err != "" {
			refused++
		}
	}
	if refused != 3 {
		t.Errorf("%d files refused, want 3 (bad rows, a copy, rows of another file): %+v", refused, got)
	}
	if d := cmp.Diff([][]string{{"2025/participations/a-grand.xlsx", "20000"}, {"2025/participations/b-lycees.xlsx", "2"}, {"2025/participations/f-colleges.xlsx", "1"}},
		dump(t, parallel.Store.DB, "select source_file, count(*) from participations group by all order by all")); d != "" {
		t.Errorf("rows imported (-want +got):\n%s", d)
	}
}

// TestImportFiles_BadFilesLeaveDatabase: new versions of files refused
// among files unchanged, one of them refused after its 20 001 rows went to
// the writer in batches (most of them are another file's), leave the
// database as it was, and each refusal is told in the order of the files.
func TestImportFiles_BadFilesLeaveDatabase(t *testing.T) {
	data := t.TempDir()
	files := writeYearFiles(t, data)
	im := mustOpenImporter(t, data)
	importFiles(t, im, files, false)
	before := databaseTables(t, im)

	dir := filepath.Join(data, "2025", "participations")
	xlsxtest.WriteAttendance(t, filepath.Join(dir, "a-grand.xlsx"), 20_000, append(benchActions[:2:2], "Action inconnue"))
	xlsxtest.Write(t, filepath.Join(dir, "b-lycees.xlsx"), attendance(
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycéens", 28, 12},
		[]any{"Engagement tour - Lycée", xlsxtest.Serial(2026, 3, 6), "Lycée Mathias", "lycéens", 30, 14},
	))
	xlsxtest.WriteAttendance(t, filepath.Join(dir, "e-extrait.xlsx"), 20_001, benchActions)
	got := importFiles(t, im, files, false)
	if d := cmp.Diff(before, databaseTables(t, im)); d != "" {
		t.Errorf("database changed by refused files (-before +after):\n%s", d)
	}
	var refused []string
	for _, f := range got {
		if f.Err != "" {
			refused = append(refused, f.Result.SourceFile)
		}
	}
	want := []string{"2025/participations/a-grand.xlsx", "2025/participations/b-lycees.xlsx", "2025/participations/c-mauvais.xlsx",
		"2025/participations/d-lycees - Copie.xlsx", "2025/participations/e-extrait.xlsx"}
	if d := cmp.Diff(want, refused); d != "" {
		t.Errorf("files refused (-want +got):\n%s", d)
	}
}
