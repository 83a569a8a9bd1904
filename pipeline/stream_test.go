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

// TestImportFile_StreamDeclines: a sheet that xlsxstream declines part-way
// (a CDATA section in its third data row, which excelize reads) is read
// again whole with excelize: every row is imported once.
func TestImportFile_StreamDeclines(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	xlsxtest.WriteForeign(t, path, false, attendance(
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycéens", 28, 12},
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 6), "Lycée Mathias", "lycéens", 30, 14},
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 7), "Lycée Carnot", "lycéens", 31, 15},
	))
	replaceInPart(t, path, "xl/worksheets/sheet1.xml", `<v>31</v>`, `<v><![CDATA[31]]></v>`)
	if r := mustImport(t, im, path); r.RowsRead != 3 || r.RowsImported != 3 {
		t.Errorf("ImportFile = %+v, want 3 rows read and imported", r)
	}
	got := dump(t, im.Store.DB, "select source_row, etablissement, participants from participations order by source_row")
	want := [][]string{{"2", "Lycée Eiffel", "28"}, {"3", "Lycée Mathias", "30"}, {"4", "Lycée Carnot", "31"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("participations (-want +got):\n%s", d)
	}
}

// TestImportFile_StreamDeclinesAfterAProblem: a problem found before
// xlsxstream declines is reported once, from excelize's reading.
func TestImportFile_StreamDeclinesAfterAProblem(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	xlsxtest.WriteForeign(t, path, false, attendance(
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycéens", "28 élèves", 12},
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 7), "Lycée Carnot", "lycéens", 31, 15},
	))
	replaceInPart(t, path, "xl/worksheets/sheet1.xml", `<v>31</v>`, `<v><![CDATA[31]]></v>`)
	_, err := im.ImportFile(context.Background(), path, 0)
	var fe *pipeline.FileError
	if !errors.As(err, &fe) || len(fe.Problems) != 1 || fe.Problems[0].Cell() != "E2" || fe.Problems[0].Value != "28 élèves" || fe.RowsRead != 2 {
		t.Fatalf("ImportFile = %v, want the one problem at E2", err)
	}
}
