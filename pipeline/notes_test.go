package pipeline_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
)

// attendanceWithRepeats is an attendance sheet of five different rows
// (rows 2 to 6) followed by repeats copies of them, in turn (row 7 repeats
// row 2, row 8 row 3, ...).
func attendanceWithRepeats(repeats int) xlsxtest.Sheet {
	header := []any{"action", "date", "etablissement", "type_etablissement", "commune", "public", "niveau", "participants"}
	rows := [][]any{header}
	for i := range 5 {
		rows = append(rows, []any{"Fresque du climat", xlsxtest.Serial(2025, 3, 10+i), "Lycée Eiffel", "lycée", "Dijon", "lycéens", "seconde", 20 + i})
	}
	for i := range repeats {
		rows = append(rows, rows[1+i%5])
	}
	return xlsxtest.Sheet{Name: "Feuil1", Rows: rows}
}

// importAttendance imports the catalogue of writeCatalogue, then an
// attendance workbook of one sheet.
func importAttendance(t *testing.T, sheet xlsxtest.Sheet) (*pipeline.Importer, pipeline.Result) {
	t.Helper()
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "lycees.xlsx")
	xlsxtest.Write(t, path, sheet)
	return im, mustImport(t, im, path)
}

// repeatNote is the note of row, repeating row first, as the evaluator
// reads it.
func repeatNote(row, first int) string {
	return fmt.Sprintf("feuille « Feuil1 », ligne %d : mêmes valeurs que la ligne %d, attendu une ligne par groupe : elle est importée et comptée, supprimez-la si c'est un doublon", row, first)
}

// TestImportFile_RepeatedRowsCapped imports 30 repeated rows: the first 20
// are named, one note counts the other 10 with their rows, and every row
// is imported and counted.
func TestImportFile_RepeatedRowsCapped(t *testing.T) {
	im, r := importAttendance(t, attendanceWithRepeats(30))
	if r.RowsRead != 35 || r.RowsImported != 35 {
		t.Errorf("ImportFile = %+v, want 35 rows read and imported", r)
	}
	var want []string
	for row := 7; row < 27; row++ {
		want = append(want, repeatNote(row, 2+(row-7)%5))
	}
	want = append(want, "feuille « Feuil1 » : 10 autres lignes ont les mêmes valeurs qu'une ligne précédente (lignes 27 à 36) ; elles sont importées et comptées")
	if d := cmp.Diff(want, texts(r.Notes)); d != "" {
		t.Errorf("notes (-want +got):\n%s", d)
	}
	got := dump(t, im.Store.DB, "select count(*), sum(participants) from participations")
	// Five rows of 20..24 participants, each there seven times.
	if d := cmp.Diff([][]string{{"35", fmt.Sprint(7 * (20 + 21 + 22 + 23 + 24))}}, got); d != "" {
		t.Errorf("participations (-want +got):\n%s", d)
	}
}

// TestImportFile_FewRepeatedRows: under the cap, every repeated row has its
// note, as before, and no count is added.
func TestImportFile_FewRepeatedRows(t *testing.T) {
	_, r := importAttendance(t, attendanceWithRepeats(3))
	want := []string{repeatNote(7, 2), repeatNote(8, 3), repeatNote(9, 4)}
	if d := cmp.Diff(want, texts(r.Notes)); d != "" {
		t.Errorf("notes (-want +got):\n%s", d)
	}
}

// TestImportFile_TotalLinesCapped: total lines are per-row notes too; past
// the cap they are counted, and every one is still left out.
func TestImportFile_TotalLinesCapped(t *testing.T) {
	sheet := attendanceWithRepeats(0)
	for range 23 {
		sheet.Rows = append(sheet.Rows, []any{"Total", nil, nil, nil, nil, nil, nil, 110})
	}
	_, r := importAttendance(t, sheet)
	if r.RowsRead != 28 || r.RowsImported != 5 || r.RowsRejected != 23 {
		t.Errorf("ImportFile = %+v, want 28 rows read, 5 imported, 23 rejected", r)
	}
	var want []string
	for row := 7; row < 27; row++ {
		want = append(want, fmt.Sprintf("feuille « Feuil1 », ligne %d : « Total » trouvé, attendu une action du catalogue : ligne de total ou de sous-total, ignorée", row))
	}
	want = append(want, "feuille « Feuil1 » : 3 autres lignes prises pour des lignes de total ou de sous-total, ignorées (lignes 27 à 29)")
	if d := cmp.Diff(want, texts(r.Notes)); d != "" {
		t.Errorf("notes (-want +got):\n%s", d)
	}
}
