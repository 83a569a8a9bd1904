package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRun_SymlinkedFolders keeps a year folder and its participations/
// folder elsewhere, linked in: run, import and check follow the links and
// find every file. A link back to a folder that holds it is refused by
// name, not followed for ever.
func TestRun_SymlinkedFolders(t *testing.T) {
	elsewhere := t.TempDir()
	smallYear(t, elsewhere)
	kept := filepath.Join(t.TempDir(), "participations")
	must(t, os.Rename(filepath.Join(elsewhere, "2025", "participations"), kept))
	must(t, os.Symlink(kept, filepath.Join(elsewhere, "2025", "participations")))
	data := t.TempDir()
	must(t, os.Symlink(filepath.Join(elsewhere, "2025"), filepath.Join(data, "2025")))

	h := newHarness(t, data, "")
	out := h.mustRun("run")
	for _, want := range []string{"  importé    2025/participations/lycees.xlsx : 2 lignes lues, 2 importées\n", "  importé    2025/questionnaires/et.xlsx"} {
		if !strings.Contains(out, want) {
			t.Errorf("run through links: no %q in\n%s", want, out)
		}
	}
	if v, _, _, _ := h.indicators("2025").find(t, "participants", map[string]string{}); v != 52 {
		t.Errorf("participants through links = %v, want 52", v)
	}
	if out := h.mustRun("import", filepath.Join(data, "2025")); strings.Count(out, "inchangé") != 3 {
		t.Errorf("import of the linked year folder:\n%s\nwant its 3 files, unchanged", out)
	}
	if out := h.mustRun("check", filepath.Join(data, "2025")); !strings.Contains(out, "3 fichiers vérifiés : 3 bons, 0 refusé.") {
		t.Errorf("check of the linked year folder:\n%s", out)
	}

	loop := filepath.Join(data, "2025", "participations", "boucle")
	must(t, os.Symlink(filepath.Join(data, "2025"), loop))
	real, err := filepath.EvalSymlinks(filepath.Join(elsewhere, "2025"))
	must(t, err)
	want := loop + " : boucle de liens symboliques : ce lien mène à " + real + ", un dossier qui le contient ; remplacez-le par le dossier lui-même ou faites-le pointer ailleurs"
	for _, args := range [][]string{{"run"}, {"import", filepath.Join(data, "2025")}, {"check", filepath.Join(data, "2025")}} {
		out, errs, code := h.run(args...)
		if code != 1 || !strings.Contains(out+errs, want) {
			t.Errorf("%s with a link loop: exit %d\n%s%s\nwant 1 and %s", args[0], code, out, errs, want)
		}
	}
	must(t, os.Remove(loop))

	broken := filepath.Join(data, "2025", "participations", "ancien")
	must(t, os.Symlink(filepath.Join(elsewhere, "parti"), broken))
	want = broken + " : lien symbolique cassé : il mène à " + filepath.Join(elsewhere, "parti") + ", qui n'existe pas ; recréez le lien ou retirez-le"
	if out, errs, code := h.run("run"); code != 1 || !strings.Contains(errs, want) {
		t.Errorf("run with a broken link: exit %d\n%s%s\nwant 1 and %s", code, out, errs, want)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
