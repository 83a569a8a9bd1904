package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// TestAnnotate writes the annotated copy of a faulty workbook: each faulty
// cell filled red with a comment giving its problem, a comment already on
// a cell kept, a hidden faulty row shown, the cell's own format kept, and
// the original file untouched.
func TestAnnotate(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	writeEdited(t, path, func(f *excelize.File) {
		must(t, f.AddComment("Feuil1", excelize.Comment{Cell: "B3", Author: "Prof", Text: "date à vérifier"}))
		must(t, f.SetRowVisible("Feuil1", 4, false))
	}, attendance(
		[]any{"Fresque du climatt", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycéens", 28, 12},
		[]any{"Fresque du climat", xlsxtest.Serial(2024, 11, 5), "Lycée Eiffel", "lycéens", "12 élèves", nil},
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 7), "Lycée Eiffel", "lycéens", 12, nil},
	))
	original, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = im.CheckFile(context.Background(), path, 0)
	var fe *pipeline.FileError
	if !errors.As(err, &fe) || len(fe.Problems) != 4 {
		t.Fatalf("CheckFile: %v, want 4 problems", err)
	}
	dst := filepath.Join(t.TempDir(), "annote", "a.xlsx")
	if err := pipeline.Annotate(path, dst, fe.Problems, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(original, after) {
		t.Error("Annotate changed the original workbook")
	}

	f, err := excelize.OpenFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	comments, err := f.GetComments("Feuil1")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range comments {
		text := c.Text
		for _, r := range c.Paragraph {
			text += r.Text
		}
		got[c.Cell] = text
	}
	want := map[string]string{
		"A2": "greencity : « Fresque du climatt » trouvé, attendu une action du catalogue 2025 ; vouliez-vous dire « Fresque du climat » ?",
		"B3": "date à vérifier\ngreencity : « 05/11/2024 » trouvé, attendu une date de l'année 2025",
		"E3": "greencity : « 12 élèves » trouvé, attendu un nombre entier ≥ 0",
		"A4": "greencity : ligne masquée, attendu une ligne visible : elle serait importée sans que vous la voyiez ; affichez-la (ou retirez le filtre), puis supprimez-la si elle ne doit pas compter",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("comments (-want +got):\n%s", d)
	}
	for cell := range want {
		idx, err := f.GetCellStyle("Feuil1", cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(idx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Fill.Type != "pattern" || len(st.Fill.Color) != 1 || st.Fill.Color[0] != "FFC7CE" {
			t.Errorf("%s fill = %+v, want red FFC7CE", cell, st.Fill)
		}
		if cell == "B3" && st.NumFmt != 14 {
			t.Errorf("B3 number format = %d, want the date format 14 kept", st.NumFmt)
		}
	}
	if idx, _ := f.GetCellStyle("Feuil1", "C2"); idx != 0 {
		if st, _ := f.GetStyle(idx); st.Fill.Type != "" {
			t.Errorf("C2, a good cell, fill = %+v, want none", st.Fill)
		}
	}
	if visible, _ := f.GetRowVisible("Feuil1", 4); !visible {
		t.Error("row 4 is still hidden in the annotated copy")
	}
}

// TestAnnotate_Unreadable refuses to annotate what is not a workbook.
func TestAnnotate_Unreadable(t *testing.T) {
	src := filepath.Join(t.TempDir(), "csv.xlsx")
	if err := os.WriteFile(src, []byte("a;b\n1;2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "out.xlsx")
	err := pipeline.Annotate(src, dst, nil, "")
	want := src + " : ce n'est pas un classeur Excel (.xlsx) mais un fichier texte (CSV ?) ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format « Classeur Excel (.xlsx) »"
	if !errors.Is(err, pipeline.ErrUnreadable) || err.Error() != want {
		t.Errorf("Annotate(csv) = %v, want ErrUnreadable: %s", err, want)
	}
	if _, serr := os.Stat(dst); serr == nil {
		t.Error("Annotate wrote a copy of an unreadable file")
	}
}
