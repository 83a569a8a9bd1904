package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/xuri/excelize/v2"
)

// fourRows is an attendance sheet of four groups, enough to tell a copy.
func fourRows(sheet string) xlsxtest.Sheet {
	s := goodSheet(
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycée", "lycéens", 28, 12},
		[]any{"Visite du projet RESPONSE", xlsxtest.Serial(2025, 3, 12), "Collège Bachelard", "collège", "collégiens", 24, 10},
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 6), "Lycée Eiffel", "lycée", "lycéens", 20, 9},
		[]any{"Visite du projet RESPONSE", xlsxtest.Serial(2025, 3, 13), "Collège Pasteur", "collège", "collégiens", 25, 11},
	)
	s.Name = sheet
	return s
}

// TestRun_RepeatedRows adds beside an imported attendance workbook an
// older version kept in a subfolder and a re-download written differently
// (another sheet name, rows in another order, texts in other cases): both
// are refused, naming the file they repeat, and the figures do not move;
// check says the same. A row repeated inside one file is imported, with a
// note naming both rows.
func TestRun_RepeatedRows(t *testing.T) {
	data := t.TempDir()
	smallYear(t, data)
	dir := filepath.Join(data, "2025", "participations")
	xlsxtest.Write(t, filepath.Join(dir, "lycees.xlsx"), fourRows("Feuil1"))
	h := newHarness(t, data, "2025")
	h.mustRun("run")
	if v, _, _, _ := h.indicators("2025").find(t, "participants", map[string]string{}); v != 97 {
		t.Fatalf("participants = %v, want 97", v)
	}

	old := fourRows("Présences")
	old.Rows = old.Rows[:4] // the older version: three of the four rows
	old.Rows[1][2] = "LYCÉE EIFFEL "
	xlsxtest.Write(t, filepath.Join(dir, "ancien", "lycees.xlsx"), old)
	again := fourRows("Sheet1")
	again.Rows[1], again.Rows[4] = again.Rows[4], again.Rows[1]
	xlsxtest.Write(t, filepath.Join(dir, "lycees (1).xlsx"), again)

	want := []string{
		filepath.Join(dir, "ancien", "lycees.xlsx") + " : 1 problème, rien n'a été importé de ce fichier (3 lignes lues)\n" +
			"  classeur : 3 de ses 3 lignes se retrouvent à l'identique dans 2025/participations/lycees.xlsx (4 lignes), attendu des lignes qu'aucun autre fichier de l'année n'apporte : une ancienne version, une copie ré-enregistrée ou re-téléchargée compterait ces lignes deux fois ; gardez un seul des deux fichiers dans le dossier de l'année",
		filepath.Join(dir, "lycees (1).xlsx") + " : 1 problème, rien n'a été importé de ce fichier (4 lignes lues)\n" +
			"  classeur : 4 de ses 4 lignes se retrouvent à l'identique dans 2025/participations/lycees.xlsx (4 lignes), attendu",
	}
	_, errs, code := h.run("run")
	for _, w := range want {
		if code != 1 || !strings.Contains(errs, w) {
			t.Errorf("run with repeated files: exit %d\n%s\nwant 1 and\n%s", code, errs, w)
		}
	}
	_, errs, code = h.run("import", filepath.Join(data, "2025"))
	for _, w := range want {
		if code != 1 || !strings.Contains(errs, w) {
			t.Errorf("import with repeated files: exit %d\n%s\nwant 1 and\n%s", code, errs, w)
		}
	}
	out, _, code := h.run("check", filepath.Join(data, "2025"))
	for _, w := range []string{
		"  refusé     " + filepath.Join(dir, "ancien", "lycees.xlsx") + " : 1 problème, 3 lignes lues\n    classeur : 3 de ses 3 lignes se retrouvent à l'identique dans 2025/participations/lycees.xlsx (4 lignes)",
		"  refusé     " + filepath.Join(dir, "lycees (1).xlsx") + " : 1 problème, 4 lignes lues\n    classeur : 4 de ses 4 lignes se retrouvent à l'identique dans 2025/participations/lycees.xlsx (4 lignes)",
	} {
		if code != 1 || !strings.Contains(out, w) {
			t.Errorf("check with repeated files: exit %d\n%s\nwant 1 and\n%s", code, out, w)
		}
	}
	must(t, os.RemoveAll(filepath.Join(dir, "ancien")))
	must(t, os.Remove(filepath.Join(dir, "lycees (1).xlsx")))

	// A row repeated inside one file: a note, the row imported.
	twice := fourRows("Feuil1")
	twice.Rows = append(twice.Rows, twice.Rows[2])
	xlsxtest.Write(t, filepath.Join(dir, "lycees.xlsx"), twice)
	note := "    note : feuille « Feuil1 », ligne 6 : mêmes valeurs que la ligne 3, attendu une ligne par groupe : elle est importée et comptée, supprimez-la si c'est un doublon\n"
	if out := h.mustRun("check", filepath.Join(dir, "lycees.xlsx")); !strings.Contains(out, note) {
		t.Errorf("check of a file with a repeated row:\n%s\nwant\n%s", out, note)
	}
	if out := h.mustRun("run"); !strings.Contains(out, note) {
		t.Errorf("run of a file with a repeated row:\n%s\nwant\n%s", out, note)
	}
	if v, _, _, _ := h.indicators("2025").find(t, "participants", map[string]string{}); v != 121 {
		t.Errorf("participants = %v, want 121 (the repeated row counted)", v)
	}
}

// TestRun_RenamedWorkbook renames an imported workbook: the next run takes
// it for what it is, a rename, in one run, and the figures stay the same.
func TestRun_RenamedWorkbook(t *testing.T) {
	data := t.TempDir()
	smallYear(t, data)
	h := newHarness(t, data, "2025")
	h.mustRun("run")
	dir := filepath.Join(data, "2025", "participations")
	must(t, os.Rename(filepath.Join(dir, "lycees.xlsx"), filepath.Join(dir, "lycees-2025.xlsx")))
	out := h.mustRun("run")
	want := "  renommé    2025/participations/lycees.xlsx → 2025/participations/lycees-2025.xlsx : même contenu, 2 lignes lues, 2 importées\n"
	if !strings.Contains(out, want) || strings.Contains(out, "oublié") {
		t.Errorf("run after a rename:\n%s\nwant\n%s", out, want)
	}
	if v, _, _, _ := h.indicators("2025").find(t, "participants", map[string]string{}); v != 52 {
		t.Errorf("participants after a rename = %v, want 52", v)
	}
	if out := h.mustRun("run"); strings.Count(out, "inchangé") != 3 {
		t.Errorf("run after the rename run:\n%s\nwant 3 files unchanged", out)
	}
}

// TestRun_StaleChecks changes what an imported attendance workbook was
// checked against, not the workbook: an action renamed in the catalogue,
// then the year boundary. Each time the next run checks it again and
// refuses it, as a fresh database would, and the figures of the year are
// refused until the folder is right again.
func TestRun_StaleChecks(t *testing.T) {
	data := t.TempDir()
	smallYear(t, data)
	h := newHarness(t, data, "2025")
	h.mustRun("run")
	cat := filepath.Join(data, "2025", "actions.xlsx")
	edit(t, cat, func(f *excelize.File) error { return f.SetCellValue("actions", "A2", "Fresque pour le climat") })
	att := filepath.Join(data, "2025", "participations", "lycees.xlsx")
	_, errs, code := h.run("run")
	want := att + " : 1 problème, rien n'a été importé de ce fichier (2 lignes lues)\n" +
		"  feuille « Feuil1 », cellule A2 (action) : « Fresque du climat » trouvé, attendu une action du catalogue 2025 ; vouliez-vous dire « Fresque pour le climat » ?"
	if code != 1 || !strings.Contains(errs, want) {
		t.Errorf("run after an action renamed in the catalogue: exit %d\n%s\nwant 1 and\n%s", code, errs, want)
	}
	for _, args := range [][]string{{"indicators", "--year", "2025"}, {"report", "--year", "2025"}} {
		_, errs, code := h.run(args...)
		if code != 1 || !strings.Contains(errs, "la dernière exécution de greencity run pour 2025, le ") ||
			!strings.HasSuffix(errs, ", a refusé 1 fichier, dont les lignes ne sont pas celles du dossier ; corrigez-les (greencity check) puis relancez greencity run\n") {
			t.Errorf("%s after a refusing run: exit %d\n%s", args[0], code, errs)
		}
	}

	// The catalogue put back as it was: the rows kept are those it was
	// checked against, and the run ends.
	edit(t, cat, func(f *excelize.File) error { return f.SetCellValue("actions", "A2", "Fresque du climat") })
	if out := h.mustRun("run"); !strings.Contains(out, "  inchangé   2025/participations/lycees.xlsx\n") {
		t.Errorf("run with the catalogue restored:\n%s", out)
	}
	if v, _, _, _ := h.indicators("2025").find(t, "participants", map[string]string{}); v != 52 {
		t.Errorf("participants = %v, want 52", v)
	}
	h.env["GREENCITY_YEAR_BOUNDARY"] = "school"
	_, errs, code = h.run("run")
	want = att + " : 1 problème, rien n'a été importé de ce fichier (2 lignes lues)\n" +
		"  feuille « Feuil1 », cellule B2 (date) : « 05/11/2025 » trouvé, attendu une date de l'année scolaire 2024-2025 (du 01/09/2024 au 31/08/2025)"
	if code != 1 || !strings.Contains(errs, want) {
		t.Errorf("run after year_boundary changed: exit %d\n%s\nwant 1 and\n%s", code, errs, want)
	}
}

// TestReport_UnfinishedRun leaves the last run of a year unfinished, as a
// run killed during its imports does: report and indicators refuse the
// year and say to run again; the next run ends, and they work again.
func TestReport_UnfinishedRun(t *testing.T) {
	data := t.TempDir()
	smallYear(t, data)
	h := newHarness(t, data, "2025")
	h.mustRun("run")
	store, err := pipeline.OpenStore(context.Background(), h.env["GREENCITY_DATABASE"])
	must(t, err)
	started := time.Date(2026, 3, 2, 9, 15, 0, 0, time.Local)
	_, err = store.StartRun(context.Background(), "CMQ Green City BFC", 2025, started)
	must(t, err)
	must(t, store.Close())
	want := "greencity : données de l'année incomplètes : la dernière exécution de greencity run pour 2025, commencée le 02/03/2026 à 09:15, ne s'est pas terminée (arrêtée ou interrompue en cours d'import) ; relancez greencity run\n"
	for _, args := range [][]string{{"indicators", "--year", "2025"}, {"report", "--year", "2025"}} {
		if _, errs, code := h.run(args...); code != 1 || errs != want {
			t.Errorf("%s after an unfinished run: exit %d, stderr\n%s\nwant 1 and\n%s", args[0], code, errs, want)
		}
	}
	h.mustRun("run")
	h.mustRun("report", "--year", "2025")
	if v, _, _, _ := h.indicators("2025").find(t, "participants", map[string]string{}); v != 52 {
		t.Errorf("participants after a finished run = %v, want 52", v)
	}
}
