package pipeline_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
)

// allTables dumps every raw table, to show that a check wrote nothing.
func allTables(tb testing.TB, im *pipeline.Importer) map[string][][]string {
	tb.Helper()
	out := map[string][][]string{}
	for _, table := range []string{"imports", "actions", "participations", "surveys", "survey_questions", "survey_answers", "formations", "extra_cells"} {
		out[table] = dump(tb, im.Store.DB, "select * from "+table+" order by all")
	}
	return out
}

// TestCheck checks a new catalogue with the attendance workbooks that use
// it: they are checked against it rather than against the catalogue in the
// database, every problem of every file is listed, rows read are rows
// imported plus rows rejected for each file, and the database is untouched.
func TestCheck(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	before := allTables(t, im)

	year := filepath.Join(data, "2025")
	cat := filepath.Join(year, "actions.xlsx")
	xlsxtest.Write(t, cat, catalogue(
		[]any{"Fresque du climat", "attractivité", "atelier"},
		[]any{"Escape game rénovation", "compétences", "escape game"},
		[]any{"Escape game rénovation", "compétences", "escape game"},
	))
	good := filepath.Join(year, "participations", "bon.xlsx")
	xlsxtest.Write(t, good, attendance(
		[]any{"Escape game rénovation", xlsxtest.Serial(2025, 3, 5), "Lycée Eiffel", "lycéens", 28, 12},
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 3, 6), "Lycée Eiffel", "lycéens", 20, 10},
		[]any{nil, nil, nil, nil, 48},
	))
	bad := filepath.Join(year, "participations", "faux.xlsx")
	xlsxtest.Write(t, bad, attendance(
		[]any{"Escape game renovations", xlsxtest.Serial(2025, 3, 5), "Lycée Eiffel", "lycéens", 28, 12},
		[]any{"Visite du projet RESPONSE", xlsxtest.Serial(2025, 3, 6), "Lycée Eiffel", "lycéens", "N/A", 10},
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 3, 7), "Lycée Eiffel", "lycéens", 12, nil},
	))
	missing := filepath.Join(year, "participations", "absent.xlsx")

	got := im.Check(context.Background(), []string{good, bad, missing, cat}, 0)
	if len(got) != 4 || got[0].File != cat || got[1].File != good || got[2].File != bad || got[3].File != missing {
		t.Fatalf("Check returned %d results, want the catalogue first then the others in order", len(got))
	}
	problems := func(c pipeline.Checked) []string {
		var fe *pipeline.FileError
		if !errors.As(c.Err, &fe) {
			t.Fatalf("Check(%s): err = %v, want a *FileError", c.File, c.Err)
		}
		if !fe.Checked {
			t.Errorf("Check(%s): FileError.Checked = false", c.File)
		}
		return texts(fe.Problems)
	}
	if d := cmp.Diff([]string{
		"feuille « actions », cellule A4 (Action) : « Escape game rénovation » trouvé, attendu un nom d'action unique : déjà présent ligne 3",
	}, problems(got[0])); d != "" {
		t.Errorf("catalogue problems (-want +got):\n%s", d)
	}
	if got[1].Err != nil {
		t.Errorf("Check(bon.xlsx): %v, want it good against the catalogue being checked", got[1].Err)
	}
	if d := cmp.Diff([]string{
		"feuille « Feuil1 », cellule A2 (action) : « Escape game renovations » trouvé, attendu une action du catalogue 2025 ; vouliez-vous dire « Escape game rénovation » ?",
		"feuille « Feuil1 », cellule A3 (action) : « Visite du projet RESPONSE » trouvé, attendu une action du catalogue 2025",
		"feuille « Feuil1 », cellule E3 (participants) : « N/A » trouvé, attendu un nombre entier ≥ 0",
	}, problems(got[2])); d != "" {
		t.Errorf("faux.xlsx problems (-want +got):\n%s", d)
	}
	if got[3].Err == nil || got[3].Err.Error() != missing+" : fichier introuvable" {
		t.Errorf("Check(absent.xlsx): err = %v, want « fichier introuvable »", got[3].Err)
	}
	for _, c := range got[:3] {
		if c.RowsRead != c.RowsImported+c.RowsRejected {
			t.Errorf("Check(%s) = %+v: rows read is not rows imported + rows rejected", filepath.Base(c.File), c.Result)
		}
	}
	if r := got[1].Result; r.RowsRead != 3 || r.RowsImported != 2 || r.RowsRejected != 1 {
		t.Errorf("Check(bon.xlsx) = %+v, want 3 rows read, 2 to import, 1 total line rejected", r)
	}
	if r := got[2].Result; r.RowsRead != 3 || r.RowsImported != 0 || r.RowsRejected != 3 {
		t.Errorf("Check(faux.xlsx) = %+v, want 3 rows read, all rejected with the file", r)
	}
	if d := cmp.Diff(before, allTables(t, im)); d != "" {
		t.Errorf("Check changed the database (-before +after):\n%s", d)
	}
}

// TestCheck_NoDatabase checks files when no database exists yet: the
// attendance workbook is checked against the catalogue given with it, or
// told that there is none, once for the file rather than once per row.
func TestCheck_NoDatabase(t *testing.T) {
	data := t.TempDir()
	im := &pipeline.Importer{Campus: campus, DataDir: data}
	att := filepath.Join(data, "2025", "participations", "a.xlsx")
	xlsxtest.Write(t, att, goodAttendance())
	got := im.Check(context.Background(), []string{att}, 0)
	var fe *pipeline.FileError
	if !errors.As(got[0].Err, &fe) || len(fe.Problems) != 1 ||
		fe.Problems[0].String() != "feuille « Feuil1 », cellule A2 (action) : « Fresque du climat » trouvé, attendu une action du catalogue 2025, mais aucun catalogue n'est importé pour 2025 : importez d'abord actions.xlsx" {
		t.Errorf("Check without a catalogue: %v", got[0].Err)
	}
	got = im.Check(context.Background(), []string{att, writeCatalogue(t, data)}, 0)
	if got[0].Err != nil || got[1].Err != nil || got[1].RowsImported != 2 {
		t.Errorf("Check with its catalogue: %v, %v (%+v), want both good", got[0].Err, got[1].Err, got[1].Result)
	}
}
