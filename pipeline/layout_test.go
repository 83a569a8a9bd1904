package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// writeEdited writes sheets with xlsxtest.Write, then opens the file with
// excelize to apply edit (merge, hide, set formulas) and saves it.
func writeEdited(tb testing.TB, path string, edit func(f *excelize.File), sheets ...xlsxtest.Sheet) {
	tb.Helper()
	xlsxtest.Write(tb, path, sheets...)
	f, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	edit(f)
	if err := f.Save(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// refused imports path, which must be refused, and returns its problems as
// text and the number of rows read.
func refused(tb testing.TB, im *pipeline.Importer, path string) (problems []string, rowsRead int) {
	tb.Helper()
	_, err := im.ImportFile(context.Background(), path, 0)
	var fe *pipeline.FileError
	if !errors.As(err, &fe) {
		tb.Fatalf("ImportFile(%s): err = %v, want a *FileError", filepath.Base(path), err)
	}
	return texts(fe.Problems), fe.RowsRead
}

// TestImportFile_Layout refuses what the raw values of a sheet do not show:
// a merged action cell over three rows (whose lower rows are not taken for
// total lines), a hidden row, a hidden column, a formula never computed, a
// formula in error and an error value typed in; each at its cell, and in
// place of what the parser would have said of the same cell.
func TestImportFile_Layout(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	d := xlsxtest.Serial(2025, 11, 5)
	writeEdited(t, path, func(f *excelize.File) {
		must(t, f.MergeCell("Feuil1", "A1", "F1"))               // a title: harmless
		must(t, f.MergeCell("Feuil1", "A3", "A5"))               // one action for three rows
		must(t, f.SetRowVisible("Feuil1", 7, false))             // a row hidden
		must(t, f.SetColVisible("Feuil1", "G", false))           // a column hidden, with values
		must(t, f.SetCellFormula("Feuil1", "E8", "10+15"))       // never computed
		must(t, f.SetCellFormula("Feuil1", "E9", "E8/0"))        // in error, below
		must(t, f.SetCellFormula("Feuil1", "E10", "SUM(E3:E9)")) // a total line never computed
	}, xlsxtest.Sheet{Name: "Feuil1", Rows: [][]any{
		{"Présences 2025"},
		{"action", "date", "etablissement", "public", "participants", "dont_filles", "remarque"},
		{"Fresque du climat", d, "Lycée Eiffel", "lycéens", 28, 12, "x"},
		{nil, d, "Lycée Eiffel", "lycéens", 20, 8},
		{nil, d, "Lycée Eiffel", "lycéens", 22, 9},
		{"Fresque du climat", d, "Lycée Mathias", "lycéens", 30, "#N/A"},
		{"Fresque du climat", d, "Lycée Hidden", "lycéens", 5, 1},
		{"Fresque du climat", d, "Lycée Mathias", "lycéens", nil, 3},
		{"Fresque du climat", d, "Lycée Mathias", "lycéens", nil, 3},
	}})
	// Cache an error for E9, as a spreadsheet would, and make F6 an error
	// value typed in (t="e"), which only a spreadsheet writes.
	replaceInPart(t, path, "xl/worksheets/sheet1.xml", `<c r="E9"( s="\d+")?( t="str")?><f>E8/0</f></c>`, `<c r="E9"$1 t="e"><f>E8/0</f><v>#DIV/0!</v></c>`)
	replaceInPart(t, path, "xl/worksheets/sheet1.xml", `<c r="F6"([^>]*) t="s"><v>\d+</v></c>`, `<c r="F6"$1 t="e"><v>#N/A</v></c>`)

	got, rowsRead := refused(t, im, path)
	want := []string{
		"feuille « Feuil1 », cellule G2 : colonne masquée, attendu une colonne visible : ses valeurs seraient importées sans que vous les voyiez ; affichez-la",
		"feuille « Feuil1 », cellule A3 (action) : cellules fusionnées A3:A5, attendu une valeur dans chaque cellule : seule A3 porte la valeur, les autres cellules de la plage seraient lues vides ; défusionnez et recopiez la valeur dans chaque cellule",
		"feuille « Feuil1 », cellule F6 (dont_filles) : valeur d'erreur #N/A (valeur non disponible), attendu une valeur : remplacez-la par la valeur voulue",
		"feuille « Feuil1 », ligne 7 : ligne masquée, attendu une ligne visible : elle serait importée sans que vous la voyiez ; affichez-la (ou retirez le filtre), puis supprimez-la si elle ne doit pas compter",
		"feuille « Feuil1 », cellule E8 (participants) : formule =10+15 sans valeur calculée, attendu une valeur : ce fichier a été enregistré par un programme qui ne calcule pas les formules ; ouvrez-le dans Excel ou LibreOffice puis enregistrez-le",
		"feuille « Feuil1 », cellule E9 (participants) : formule =E8/0 en erreur #DIV/0! (division par zéro), attendu une valeur : corrigez la formule ou remplacez-la par la valeur voulue",
		"feuille « Feuil1 », cellule E10 (participants) : formule =SUM(E3:E9) sans valeur calculée, attendu une valeur : ce fichier a été enregistré par un programme qui ne calcule pas les formules ; ouvrez-le dans Excel ou LibreOffice puis enregistrez-le",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
	if rowsRead != 7 { // rows 3 to 9: row 10 reads blank, its only cell never computed
		t.Errorf("rows read = %d, want 7", rowsRead)
	}
	// Checked, the same file also says what was harmless.
	c, err := im.CheckFile(context.Background(), path, 0)
	var fe *pipeline.FileError
	if !errors.As(err, &fe) {
		t.Fatalf("CheckFile: err = %v, want a *FileError", err)
	}
	if d := cmp.Diff(want, texts(fe.Problems)); d != "" {
		t.Errorf("CheckFile problems (-ImportFile +CheckFile):\n%s", d)
	}
	notes := texts(c.Notes)
	wantNotes := []string{
		"feuille « Feuil1 », ligne 1 : « Présences 2025 » trouvé, attendu la ligne d'en-tête : ligne de titre ignorée",
		"feuille « Feuil1 », cellule G2 : « remarque » trouvé, attendu une colonne connue ; celle-ci est conservée à part et n'entre dans aucun indicateur",
		"feuille « Feuil1 », cellule A1 : cellules fusionnées A1:F1 au-dessus des données, sans effet sur l'import",
	}
	if d := cmp.Diff(wantNotes, notes); d != "" {
		t.Errorf("notes (-want +got):\n%s", d)
	}
	if c.RowsRead != c.RowsImported+c.RowsRejected || c.RowsImported != 0 {
		t.Errorf("CheckFile = %+v, want rows read = imported (0) + rejected", c)
	}
}

// TestImportFile_HiddenSheets refuses an attendance workbook whose sheet
// (the first, the one imported) is hidden, and only notes a hidden sheet
// that is not read, such as the lists behind drop-downs.
func TestImportFile_HiddenSheets(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	dir := filepath.Join(data, "2025", "participations")
	hiddenFirst := filepath.Join(dir, "masquee.xlsx")
	writeEdited(t, hiddenFirst, func(f *excelize.File) {
		f.SetActiveSheet(1) // Excel opens on the visible sheet
		must(t, f.SetSheetVisible("Feuil1", false))
	}, goodAttendance(), xlsxtest.Sheet{Name: "Synthèse", Rows: [][]any{{"Total", 58}}})
	got, _ := refused(t, im, hiddenFirst)
	want := []string{"feuille « Feuil1 » : feuille masquée, attendu une feuille visible : ses lignes seraient importées sans que vous les voyiez ; affichez-la (clic droit sur un onglet, « Afficher »)",
		// A visible sheet of data that is not read (sheets.go).
		"feuille « Synthèse », ligne 1 : feuille non lue qui contient des données, attendu une ligne d'en-tête des présences (action, date, etablissement, type_etablissement, commune, public, niveau, participants, dont_filles, dont_qpv_zrr) ; ses lignes n'entreraient dans aucun chiffre : renommez-la ou corrigez son en-tête, ou masquez-la (clic droit sur l'onglet, « Masquer ») si elle ne doit pas compter"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}

	lists := filepath.Join(dir, "listes.xlsx")
	writeEdited(t, lists, func(f *excelize.File) {
		must(t, f.SetSheetVisible("Listes", false))
	}, goodAttendance(), xlsxtest.Sheet{Name: "Listes", Rows: [][]any{{"lycéens"}, {"collégiens"}}})
	r := mustImport(t, im, lists)
	if r.RowsImported != 2 || len(r.Notes) != 1 || r.Notes[0].String() != "feuille « Listes » : feuille masquée, non lue : elle n'entre pas dans l'import" {
		t.Errorf("ImportFile = %+v, want 2 rows and a note on the hidden sheet Listes", r)
	}

	// A template's own sheets (greencity template) are neither read nor
	// noted: its help sheet and its hidden lists.
	template := filepath.Join(dir, "modele.xlsx")
	writeEdited(t, template, func(f *excelize.File) {
		must(t, f.SetSheetVisible(pipeline.ListSheet, false, true))
	}, goodAttendance(), xlsxtest.Sheet{Name: pipeline.HelpSheet, Rows: [][]any{{"action", "date"}, {"Fresque du climat", "05/11/2025"}}},
		xlsxtest.Sheet{Name: pipeline.ListSheet, Rows: [][]any{{"public"}, {"lycéens"}, {"collégiens"}}})
	if r := mustImport(t, im, template); r.RowsImported != 2 || len(r.Notes) != 0 {
		t.Errorf("ImportFile = %+v, want 2 rows and no note", r)
	}
}

// TestImportFile_HeaderlessColumn keeps aside, rather than dropping, values
// typed in a column with no header, and says so once.
func TestImportFile_HeaderlessColumn(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	xlsxtest.Write(t, path, attendance(
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycéens", 28, 12, nil, "salle B"},
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 6), "Lycée Eiffel", "lycéens", 20, 10, nil, "salle C"},
	))
	r := mustImport(t, im, path)
	if len(r.Notes) != 1 || r.Notes[0].String() != "feuille « Feuil1 », cellule H2 : « salle B » trouvé, attendu un en-tête au-dessus de cette colonne ; ses valeurs sont conservées à part sous « (colonne H) » et n'entrent dans aucun indicateur" {
		t.Errorf("notes = %v, want one on column H", r.Notes)
	}
	got := dump(t, im.Store.DB, "select source_row, header, value from extra_cells order by source_row")
	if d := cmp.Diff([][]string{{"2", "(colonne H)", "salle B"}, {"3", "(colonne H)", "salle C"}}, got); d != "" {
		t.Errorf("extra_cells (-want +got):\n%s", d)
	}
}

// TestImportFile_SpilledSheet imports a sheet large enough for excelize to
// inflate it to a temp file, and finds no temp file left afterwards.
func TestImportFile_SpilledSheet(t *testing.T) {
	data := t.TempDir()
	tmp := t.TempDir()
	im := mustOpenImporter(t, data)
	im.TmpDir = tmp
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "gros.xlsx")
	xlsxtest.Write(t, path, goodAttendance())
	// Blanks between rows are valid XML: the sheet passes 64 MiB and
	// reads the same.
	replaceInPart(t, path, "xl/worksheets/sheet1.xml", `</row><row r="3"`, `</row>`+strings.Repeat(" ", 65<<20)+`<row r="3"`)
	if r := mustImport(t, im, path); r.RowsImported != 2 {
		t.Errorf("ImportFile = %+v, want 2 rows", r)
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("temp file left behind: %s", e.Name())
	}
}

// TestImportFile_HiddenIdentityColumn accepts a questionnaire whose names
// column is hidden: it is never imported, hidden or not.
func TestImportFile_HiddenIdentityColumn(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "questionnaires", "et.xlsx")
	writeEdited(t, path, func(f *excelize.File) {
		must(t, f.SetColVisible("pre", "B", false))
	}, survey([][]any{{"code", "Nom", "interet_sciences_energie"}, {"A1", "Martin", 3}}, [][]any{{"code", "recommande"}, {"A1", "oui"}})...)
	if r := mustImport(t, im, path); r.RowsImported != 2 {
		t.Errorf("ImportFile = %+v, want 2 rows", r)
	}
}
