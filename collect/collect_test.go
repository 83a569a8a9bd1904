package collect

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// longCatalogue is a catalogue whose list, written out, is far over the 255
// characters a list typed into a validation may hold.
var longCatalogue = []string{
	"Engagement tour - Lycée", "Fresque du climat", "Visite du projet RESPONSE",
	"Escape game de la rénovation énergétique", "Forum des métiers de la transition écologique",
	"Hackathon des réseaux de chaleur urbains", "Conférence sur la sobriété énergétique des bâtiments publics",
	"Idéathon des mobilités douces en Bourgogne-Franche-Comté",
}

func writeAll(t *testing.T, o Options) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "modeles")
	paths, err := Write(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, f := range Files() {
		want = append(want, filepath.Join(dir, f))
	}
	if d := cmp.Diff(want, paths); d != "" {
		t.Fatalf("Write paths (-want +got):\n%s", d)
	}
	return dir
}

func open(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestWrite_listsAreTheImportersVocabulary reads the list sheet of every
// template back: each list is the importer's own (pipeline), and the action
// list is the catalogue given.
func TestWrite_listsAreTheImportersVocabulary(t *testing.T) {
	dir := writeAll(t, Options{Year: 2026, Actions: longCatalogue})
	want := map[string][]string{
		"axe":                pipeline.Axes(),
		"type":               pipeline.ActionTypes(),
		"public":             pipeline.Publics(),
		"type_etablissement": pipeline.EstablishmentTypes(),
		"type_question":      pipeline.QuestionTypes(),
		"action":             longCatalogue,
	}
	for _, file := range Files() {
		f := open(t, filepath.Join(dir, file))
		if got := f.GetSheetList(); !slices.Contains(got, pipeline.ListSheet) || !slices.Contains(got, pipeline.HelpSheet) {
			t.Errorf("%s sheets %v, want %s and %s among them", file, got, pipeline.HelpSheet, pipeline.ListSheet)
		}
		if visible, _ := f.GetSheetVisible(pipeline.ListSheet); visible {
			t.Errorf("%s: sheet %s is visible, want it hidden", file, pipeline.ListSheet)
		}
		cols, err := f.GetCols(pipeline.ListSheet)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]string{}
		for _, c := range cols {
			got[c[0]] = slices.DeleteFunc(c[1:], func(v string) bool { return v == "" })
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s: lists (-want +got):\n%s", file, d)
		}
	}
	if n := len(strings.Join(longCatalogue, ",")); n <= 255 {
		t.Fatalf("the catalogue of the test is %d characters long, want it over 255", n)
	}
}

// TestWrite_bankIsTheIndicatorsQuestions: the questions the template asks
// are those the indicators read, with a type the importer knows.
func TestWrite_bankIsTheIndicatorsQuestions(t *testing.T) {
	var ids []string
	for _, q := range bank {
		ids = append(ids, q.id)
		if !slices.Contains(pipeline.QuestionTypes(), q.typ) {
			t.Errorf("question %s has type %s, not one of %v", q.id, q.typ, pipeline.QuestionTypes())
		}
	}
	want := pipeline.StandardQuestions()
	slices.Sort(ids)
	slices.Sort(want)
	if d := cmp.Diff(want, ids); d != "" {
		t.Errorf("question bank (-want +got):\n%s", d)
	}
}

// rule is a data validation as read back, without its messages.
type dvRule struct{ Sqref, Type, Operator, Formula1, Formula2 string }

func rules(t *testing.T, f *excelize.File, sheet string) []dvRule {
	t.Helper()
	dvs, err := f.GetDataValidations(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var out []dvRule
	for _, dv := range dvs {
		if dv.Type != "" {
			out = append(out, dvRule{dv.Sqref, dv.Type, dv.Operator, dv.Formula1, dv.Formula2})
		}
	}
	return out
}

// TestWrite_rules checks each template's rules: drop-down lists pointing
// at the list sheet, whole numbers, shares of their row's total, dates of
// the year (school year here: 1 Sept 2025 = 45901 to 31 Aug 2026 = 46265).
func TestWrite_rules(t *testing.T) {
	dir := writeAll(t, Options{Year: 2026, School: true, Actions: longCatalogue})
	want := map[string]map[string][]dvRule{
		"actions.xlsx": {"actions": {
			{"B2:B501", "list", "", "greencity_listes!$A$2:$A$5", ""},
			{"C2:C501", "list", "", "greencity_listes!$B$2:$B$16", ""},
		}},
		"participations.xlsx": {"participations": {
			{"A2:A501", "list", "", "greencity_listes!$F$2:$F$9", ""},
			{"B2:B501", "date", "between", "45901", "46265"},
			{"D2:D501", "list", "", "greencity_listes!$D$2:$D$7", ""},
			{"F2:F501", "list", "", "greencity_listes!$C$2:$C$9", ""},
			{"H2:H501", "whole", "between", "0", "2147483647"},
			{"I2:I501", "custom", "", "AND(ISNUMBER(I2),INT(I2)=I2,I2>=0,I2<=$H2)", ""},
			{"J2:J501", "custom", "", "AND(ISNUMBER(J2),INT(J2)=J2,J2>=0,J2<=$H2)", ""},
		}},
		"questionnaire.xlsx": {
			"enquete": {
				{"B2", "list", "", "greencity_listes!$F$2:$F$9", ""},
				{"B3", "whole", "between", "1", "2147483647"},
			},
			"questions": {{"C2:C501", "list", "", "greencity_listes!$E$2:$E$6", ""}},
			"pre": {
				{"B2:B501", "whole", "between", "1", "5"},
				{"C2:C501", "whole", "between", "1", "5"},
			},
			"post": {
				{"B2:B501", "whole", "between", "1", "5"},
				{"C2:C501", "whole", "between", "1", "5"},
				{"D2:D501", "whole", "between", "1", "5"},
				{"E2:E501", "whole", "between", "1", "5"},
			},
		},
		"formations.xlsx": {"formations": {
			{"A2:A501", "whole", "between", "2026", "2026"},
			{"D2:D501", "whole", "between", "0", "2147483647"},
			{"E2:E501", "whole", "between", "0", "2147483647"},
			{"F2:F501", "whole", "between", "0", "2147483647"},
			{"G2:G501", "custom", "", "AND(ISNUMBER(G2),INT(G2)=G2,G2>=0,G2<=$F2)", ""},
		}},
	}
	for file, sheets := range want {
		f := open(t, filepath.Join(dir, file))
		for sheet, w := range sheets {
			if d := cmp.Diff(w, rules(t, f, sheet)); d != "" {
				t.Errorf("%s sheet %s: rules (-want +got):\n%s", file, sheet, d)
			}
		}
	}
}

// TestWrite_headers checks every data sheet: a frozen header with the
// contract's columns, each with an input message that fits Excel's limits,
// an Excel table over DataRows rows, and a help sheet row per column.
func TestWrite_headers(t *testing.T) {
	dir := writeAll(t, Options{Year: 2026, Actions: longCatalogue})
	for _, file := range Files() {
		f := open(t, filepath.Join(dir, file))
		help, err := f.GetRows(pipeline.HelpSheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, sheet := range f.GetSheetList() {
			if pipeline.IsTemplateSheet(sheet) {
				continue
			}
			panes, err := f.GetPanes(sheet)
			if err != nil || !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("%s sheet %s: panes %+v (%v), want the first row frozen", file, sheet, panes, err)
			}
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			dvs, err := f.GetDataValidations(sheet)
			if err != nil {
				t.Fatal(err)
			}
			prompts := map[string]string{}
			for _, dv := range dvs {
				if !dv.ShowInputMessage || dv.Prompt == nil || dv.PromptTitle == nil {
					t.Errorf("%s sheet %s %s: no input message", file, sheet, dv.Sqref)
					continue
				}
				if n := utf8.RuneCountInString(*dv.Prompt); n > maxPrompt {
					t.Errorf("%s sheet %s %s: input message of %d characters, Excel takes %d", file, sheet, dv.Sqref, n, maxPrompt)
				}
				if n := utf8.RuneCountInString(*dv.PromptTitle); n > maxPromptTitle {
					t.Errorf("%s sheet %s %s: input title of %d characters, Excel takes %d", file, sheet, dv.Sqref, n, maxPromptTitle)
				}
				prompts[dv.Sqref] = *dv.Prompt
			}
			if sheet == "enquete" {
				for r := 2; r <= 4; r++ {
					if prompts[cellName(2, r)] == "" {
						t.Errorf("%s sheet enquete: B%d has no input message", file, r)
					}
				}
				continue
			}
			tables, err := f.GetTables(sheet)
			if err != nil || len(tables) != 1 || tables[0].Range != "A1:"+colName(len(rows[0]))+"501" {
				t.Errorf("%s sheet %s: tables %+v (%v), want one over A1:%s501", file, sheet, tables, err, colName(len(rows[0])))
			}
			for i, h := range rows[0] {
				if prompts[cellName(i+1, 1)] == "" {
					t.Errorf("%s sheet %s: header %s (%s1) has no input message", file, sheet, h, colName(i+1))
				}
				if !slices.ContainsFunc(help, func(r []string) bool { return len(r) > 1 && r[0] == sheet && r[1] == h }) {
					t.Errorf("%s: help sheet does not explain column %s of sheet %s", file, h, sheet)
				}
			}
		}
	}
}

// TestWrite_noCatalogue: without a catalogue the action cells say what goes
// there, with no list to choose from.
func TestWrite_noCatalogue(t *testing.T) {
	dir := writeAll(t, Options{Year: 2026})
	f := open(t, filepath.Join(dir, "participations.xlsx"))
	dvs, err := f.GetDataValidations("participations")
	if err != nil {
		t.Fatal(err)
	}
	for _, dv := range dvs {
		if dv.Sqref == "A2:A501" && (dv.Type != "" || dv.Prompt == nil || !strings.Contains(*dv.Prompt, "catalogue 2026 (actions.xlsx)")) {
			t.Errorf("action cells: type %q, prompt %v; want no rule and a message naming the catalogue", dv.Type, dv.Prompt)
		}
	}
}

// TestWrite_neverOverwrites: a file of the same name in the folder (a
// template come back filled in) stops Write before it writes anything.
func TestWrite_neverOverwrites(t *testing.T) {
	dir := t.TempDir()
	filled := filepath.Join(dir, "questionnaire.xlsx")
	if err := os.WriteFile(filled, []byte("rempli"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Write(dir, Options{Year: 2026})
	if want := filled + " existe déjà"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("Write over a filled file: %v, want an error starting %q", err, want)
	}
	if b, _ := os.ReadFile(filled); string(b) != "rempli" {
		t.Errorf("the filled file was overwritten")
	}
	if _, err := os.Stat(filepath.Join(dir, "actions.xlsx")); err == nil {
		t.Errorf("actions.xlsx written although the folder held a filled template")
	}
}
