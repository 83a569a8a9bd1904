package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// templateYear is a year 2026 counted as a school year (1 Sept 2025 to 31
// Aug 2026) whose catalogue is imported, and its templates written by
// greencity template.
type templateYear struct {
	h         *harness
	data      string   // data_dir
	templates string   // where greencity template wrote
	catalogue []string // the imported catalogue, sorted
}

func newTemplateYear(t *testing.T) *templateYear {
	t.Helper()
	data := t.TempDir()
	h := newHarness(t, data, "2026")
	h.env["GREENCITY_YEAR_BOUNDARY"] = "school"
	// As many actions as types, with names long enough that the list,
	// written out, is far over the 255 characters of a list typed into a
	// validation.
	rows := [][]any{{"action", "axe", "type"}}
	var names []string
	for i := range pipeline.ActionTypes() {
		name := fmt.Sprintf("Atelier de la transition énergétique n° %02d", i+1)
		names = append(names, name)
		rows = append(rows, []any{name, "territoires", "atelier"})
	}
	xlsxtest.Write(t, filepath.Join(data, "2026", "actions.xlsx"), xlsxtest.Sheet{Name: "actions", Rows: rows})
	h.mustRun("import", filepath.Join(data, "2026", "actions.xlsx"))
	y := &templateYear{h: h, data: data, templates: filepath.Join(t.TempDir(), "modeles"), catalogue: names}
	out := h.mustRun("template", y.templates, "--year", "2026")
	for _, want := range []string{"Modèles 2026 (dates du 01/09/2025 au 31/08/2026) :", "Liste des actions : 15 actions du catalogue 2026."} {
		if !strings.Contains(out, want) {
			t.Fatalf("greencity template says:\n%s\nwant %q in it", out, want)
		}
	}
	return y
}

// listValues reads the drop-down lists of a template's list sheet.
func listValues(t *testing.T, f *excelize.File) map[string][]string {
	t.Helper()
	cols, err := f.GetCols(pipeline.ListSheet)
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string][]string{}
	for _, c := range cols {
		lists[c[0]] = slices.DeleteFunc(c[1:], func(v string) bool { return v == "" })
	}
	return lists
}

// setRows writes rows of values into a sheet from row 2, below the header.
func setRows(f *excelize.File, sheet string, rows [][]any) error {
	for i, row := range rows {
		if err := f.SetSheetRow(sheet, "A"+strconv.Itoa(i+2), &row); err != nil {
			return err
		}
	}
	return nil
}

// fill fills the templates as a partner would, with every value of every
// drop-down list and the values at the edge of every rule, and lays them out
// as a year folder under dir: dir/2026/actions.xlsx, participations/...
// Row 2 of each sheet has all its cells filled and totals of 0, so that
// breaking any of its cells breaks one rule. It returns the file paths.
func (y *templateYear) fill(t *testing.T, dir string) map[string]string {
	t.Helper()
	year := filepath.Join(dir, "2026")
	paths := map[string]string{
		"actions.xlsx":        filepath.Join(year, "actions.xlsx"),
		"participations.xlsx": filepath.Join(year, "participations", "partenaire.xlsx"),
		"questionnaire.xlsx":  filepath.Join(year, "questionnaires", "enquete.xlsx"),
		"formations.xlsx":     filepath.Join(year, "formations.xlsx"),
	}
	for file, dst := range paths {
		b, err := os.ReadFile(filepath.Join(y.templates, file))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	first, last := xlsxtest.Serial(2025, 9, 1), xlsxtest.Serial(2026, 8, 31)
	edit(t, paths["actions.xlsx"], func(f *excelize.File) error {
		l := listValues(t, f)
		var rows [][]any
		for i, name := range y.catalogue {
			rows = append(rows, []any{name, l["axe"][i%len(l["axe"])], l["type"][i%len(l["type"])], "JET Cities", "Région"})
		}
		return setRows(f, "actions", rows)
	})
	edit(t, paths["participations.xlsx"], func(f *excelize.File) error {
		l := listValues(t, f)
		rows := [][]any{
			{l["action"][0], first.Serial, "Lycée Eiffel", l["type_etablissement"][0], "Dijon", l["public"][0], "seconde", 0, 0, 0},
			{l["action"][1], last.Serial, "Lycée Carnot", l["type_etablissement"][1], "Dijon", l["public"][1], "première", 30, 30, 30},
		}
		for i := 2; i < max(len(l["public"]), len(l["type_etablissement"]), len(l["action"])); i++ {
			rows = append(rows, []any{l["action"][i%len(l["action"])], first.Serial + float64(i), "Collège Bachelard",
				l["type_etablissement"][i%len(l["type_etablissement"])], "Beaune", l["public"][i%len(l["public"])], nil, 12})
		}
		return setRows(f, "participations", rows)
	})
	edit(t, paths["questionnaire.xlsx"], func(f *excelize.File) error {
		l := listValues(t, f)
		// As many people surveyed as answered: a response rate of 100 %.
		if err := f.SetSheetCol("enquete", "B2", &[]any{l["action"][0], 2, "Enquête modèle 2026"}); err != nil {
			return err
		}
		if err := setRows(f, "pre", [][]any{{"AB01", 1, 5}, {"AB02", 5, 1}}); err != nil {
			return err
		}
		return setRows(f, "post", [][]any{{"ab01", 5, 1, 5, 1}, {"AB02", 1, 5, 1, 5}})
	})
	edit(t, paths["formations.xlsx"], func(f *excelize.File) error {
		return setRows(f, "formations", [][]any{
			{2026, "Lycée Eiffel", "BTS Électrotechnique", 0, 0, 0, 0},
			{2026, "Lycée Carnot", "BTS Fluides, énergies, domotique", 24, 41, 22, 22},
			{2026, "Lycée Carnot", "CAP Électricien", 12, 20, 12},
		})
	})
	return paths
}

// TestTemplate_RoundTrip is the test of the templates: filled with every
// value they offer and the values at the edge of each rule, they pass check
// with no note and import; the action list is the catalogue of the database.
func TestTemplate_RoundTrip(t *testing.T) {
	y := newTemplateYear(t)
	f, err := excelize.OpenFile(filepath.Join(y.templates, "participations.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(y.catalogue, listValues(t, f)["action"]); d != "" {
		t.Errorf("action list of the template (-catalogue of the database +list):\n%s", d)
	}
	f.Close()

	paths := y.fill(t, y.data)
	out := y.h.mustRun("check", filepath.Join(y.data, "2026"))
	for file, lines := range map[string]string{
		"actions.xlsx":        "15 lignes lues, 15 à importer",
		"formations.xlsx":     "3 lignes lues, 3 à importer",
		"participations.xlsx": "15 lignes lues, 15 à importer",
		"questionnaire.xlsx":  "4 lignes lues, 4 à importer",
	} {
		if want := fmt.Sprintf("  bon        %s : %s\n", paths[file], lines); !strings.Contains(out, want) {
			t.Errorf("check of the filled templates lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(out, "4 fichiers vérifiés : 4 bons, 0 refusé.") || strings.Contains(out, "note :") {
		t.Errorf("check of the filled templates:\n%s\nwant 4 good files and no note", out)
	}
	out = y.h.mustRun("import", filepath.Join(y.data, "2026"))
	if strings.Contains(out, "note :") {
		t.Errorf("import of the filled templates gives notes:\n%s", out)
	}
	doc := y.h.indicators("2026")
	if v, _, _, _ := doc.find(t, "participants", map[string]string{}); v != 30+12*13 {
		t.Errorf("participants = %v after importing the filled templates, want %d", v, 30+12*13)
	}
	if v, _, _, _ := doc.find(t, "animations", map[string]string{}); v != 15 {
		t.Errorf("animations = %v after importing the filled templates, want 15", v)
	}
}

// breaking is the value that breaks a rule of a template, read back from
// the workbook: below its range, above it, outside its list.
func breaking(dv *excelize.DataValidation) []any {
	switch dv.Type {
	case "list":
		return []any{"valeur hors liste"}
	case "custom": // at most the row's total, which is 0 in row 2
		return []any{1, "douze"}
	case "whole", "date":
		lo, _ := strconv.Atoi(dv.Formula1)
		hi, _ := strconv.Atoi(dv.Formula2)
		out := []any{lo - 1, "12 élèves"}
		if hi < 2147483647 {
			out = append(out, hi+1)
		}
		return out
	}
	return nil
}

// TestTemplate_EveryRuleIsChecked breaks each rule of each template in turn,
// as a partner who ignores the spreadsheet's warning or fills the file with
// another program would: check refuses each file with one problem, at the
// broken cell.
func TestTemplate_EveryRuleIsChecked(t *testing.T) {
	y := newTemplateYear(t)
	root := t.TempDir()
	good := y.fill(t, root)
	cases := 0
	for file, path := range good {
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, sheet := range f.GetSheetList() {
			dvs, err := f.GetDataValidations(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for _, dv := range dvs {
				cell, _, _ := strings.Cut(dv.Sqref, ":")
				for _, v := range breaking(dv) {
					cases++
					rel, err := filepath.Rel(root, path)
					if err != nil {
						t.Fatal(err)
					}
					broken := filepath.Join(t.TempDir(), rel)
					if err := os.MkdirAll(filepath.Dir(broken), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := f.SetCellValue(sheet, cell, v); err != nil {
						t.Fatal(err)
					}
					if err := f.SaveAs(broken); err != nil {
						t.Fatal(err)
					}
					out, _, code := y.h.run("check", broken)
					want := fmt.Sprintf("feuille « %s », cellule %s (", sheet, cell)
					if code != 1 || !strings.Contains(out, "refusé     "+broken+" : 1 problème,") || !strings.Contains(out, want) {
						t.Errorf("%s with %s!%s = %v (rule %s %s %s): check exits %d, says:\n%s\nwant one problem at %q",
							file, sheet, cell, v, dv.Type, dv.Formula1, dv.Formula2, code, out, want)
					}
				}
				// Back to the good value for the next rule.
				g, err := excelize.OpenFile(path)
				if err != nil {
					t.Fatal(err)
				}
				v, err := g.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
				g.Close()
				if err != nil {
					t.Fatal(err)
				}
				if n, err := strconv.ParseFloat(v, 64); err == nil {
					err = f.SetCellValue(sheet, cell, n)
				} else {
					err = f.SetCellValue(sheet, cell, v)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		f.Close()
	}
	// 2 lists of the catalogue; participations: 3 lists, 1 date, 1 count,
	// 2 shares; questionnaire: 2 lists, the population and 6 answers;
	// formations: the year, 3 counts and 1 share.
	if want := 1*2 + (3*1 + 3 + 2 + 2*2) + (2*1 + 2 + 6*3) + (3 + 3*2 + 2); cases != want {
		t.Errorf("%d rules broken, want %d", cases, want)
	}
}

// TestTemplate_LibreOffice opens the filled templates in LibreOffice and
// saves them again, as a partner working in LibreOffice sends them back:
// every cell keeps its drop-down list or rule and its messages, and the
// files still pass check and import. Skipped without LibreOffice, unless
// GREENCITY_REQUIRE_LIBREOFFICE=1.
func TestTemplate_LibreOffice(t *testing.T) {
	y := newTemplateYear(t)
	root := t.TempDir()
	filled := y.fill(t, root)
	var files, paths []string
	for file, path := range filled {
		files, paths = append(files, file), append(paths, path)
	}
	converted := xlsxtest.ConvertWithLibreOffice(t, t.TempDir(), paths...)
	for i, file := range files {
		before, after := fileRules(t, paths[i]), fileRules(t, converted[i])
		for _, b := range before {
			for _, cell := range b.corners() {
				a, ok := after.at(b.sheet, cell)
				if !ok {
					t.Errorf("%s: %s!%s lost its rule %s in LibreOffice", file, b.sheet, cell, b)
					continue
				}
				if a.key() != b.key() {
					t.Errorf("%s: %s!%s has rule\n%s\nafter LibreOffice, want\n%s", file, b.sheet, cell, a, b)
				}
			}
		}
		rel, err := filepath.Rel(root, paths[i])
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(converted[i])
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(y.data, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := y.h.mustRun("check", filepath.Join(y.data, "2026"))
	if !strings.Contains(out, "4 fichiers vérifiés : 4 bons, 0 refusé.") {
		t.Errorf("check of the templates saved by LibreOffice:\n%s", out)
	}
	y.h.mustRun("import", filepath.Join(y.data, "2026"))
	if v, _, _, _ := y.h.indicators("2026").find(t, "participants", map[string]string{}); v != 30+12*13 {
		t.Errorf("participants = %v after importing the templates saved by LibreOffice, want %d", v, 30+12*13)
	}
}

// cellRule is a data validation of a sheet, as read back by excelize.
type cellRule struct {
	sheet string
	*excelize.DataValidation
}

// key is what a rule means, written the same whoever saved it: LibreOffice
// writes a rule with no type as type "none", an operator and a second
// formula where they mean nothing, and merges the ranges of equal rules.
func (r cellRule) key() string {
	typ, op, f1, f2 := r.Type, r.Operator, r.Formula1, r.Formula2
	switch typ {
	case "", "none":
		typ, op, f1, f2 = "none", "", "", ""
	case "list", "custom":
		op, f2 = "", ""
	}
	// ShowDropDown set means the arrow of a list is hidden (OOXML's naming).
	return fmt.Sprintf("%s %s %s %s arrow-hidden=%v input=%v %q %q error=%v %q", typ, op, f1, f2, r.ShowDropDown,
		r.ShowInputMessage, deref(r.PromptTitle), deref(r.Prompt), r.ShowErrorMessage, deref(r.Error))
}

func (r cellRule) String() string { return r.sheet + "!" + r.Sqref + " " + r.key() }

// corners are the first and last cells of each range of the rule.
func (r cellRule) corners() []string {
	var out []string
	for _, rg := range strings.Fields(r.Sqref) {
		from, to, _ := cutRange(rg)
		out = append(out, from, to)
	}
	return out
}

// covers tells whether the rule applies to a cell.
func (r cellRule) covers(cell string) bool {
	c, row, err := excelize.CellNameToCoordinates(cell)
	if err != nil {
		return false
	}
	for _, rg := range strings.Fields(r.Sqref) {
		from, to, _ := cutRange(rg)
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		c2, r2, err2 := excelize.CellNameToCoordinates(to)
		if err1 == nil && err2 == nil && c >= c1 && c <= c2 && row >= r1 && row <= r2 {
			return true
		}
	}
	return false
}

type cellRules []cellRule

// at is the rule of a cell.
func (rs cellRules) at(sheet, cell string) (cellRule, bool) {
	for _, r := range rs {
		if r.sheet == sheet && r.covers(cell) {
			return r, true
		}
	}
	return cellRule{}, false
}

// fileRules reads the data validations of every sheet of a workbook.
func fileRules(t *testing.T, path string) cellRules {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out cellRules
	for _, sheet := range f.GetSheetList() {
		dvs, err := f.GetDataValidations(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, dv := range dvs {
			out = append(out, cellRule{sheet, dv})
		}
	}
	return out
}

// cutRange splits "A2:A501" into its corners; "B3" is a range of one cell.
func cutRange(rg string) (string, string, bool) {
	if from, to, ok := strings.Cut(rg, ":"); ok {
		return from, to, true
	}
	return rg, rg, false
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// TestTemplate_CommandLine: the folder must lie outside the data folder,
// and the command takes one folder.
func TestTemplate_CommandLine(t *testing.T) {
	data := t.TempDir()
	h := newHarness(t, data, "2026")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"template", filepath.Join(data, "modeles")}, "greencity : " + filepath.Join(data, "modeles") + " : choisissez un dossier hors de " + data + ", sinon les modèles vides seraient importés avec les données\n"},
		{[]string{"modele"}, "greencity : précisez le dossier où écrire les modèles, par exemple : greencity template modeles/2026\n"},
		{[]string{"template", "a", "b"}, "greencity : greencity template prend un seul dossier (reçu : 2 arguments) ; voir greencity template --help\n"},
	} {
		_, errs, code := h.run(c.args...)
		if code != 2 || errs != c.want {
			t.Errorf("greencity %s: exit %d, stderr %q; want exit 2, %q", strings.Join(c.args, " "), code, errs, c.want)
		}
	}
	out := h.mustRun("modele", filepath.Join(t.TempDir(), "m"), "--year", "2027")
	for _, want := range []string{"Modèles 2027 (dates du 01/01/2027 au 31/12/2027) :", "Aucun catalogue 2027 dans la base"} {
		if !strings.Contains(out, want) {
			t.Errorf("greencity modele says:\n%s\nwant %q in it", out, want)
		}
	}
}
