package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/cmq-greencity/greencity/queries"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// checked runs a check of path, which must be refused, and returns the
// message the evaluator reads: the file, then each problem on a line.
func checked(tb testing.TB, im *pipeline.Importer, path string) string {
	tb.Helper()
	got := im.Check(context.Background(), []string{path}, 0)
	var fe *pipeline.FileError
	if len(got) != 1 || !errors.As(got[0].Err, &fe) {
		tb.Fatalf("Check(%s) = %+v, want a refusal", filepath.Base(path), got)
	}
	return fe.Error()
}

// computed computes the indicators of 2025 and returns those keep keeps,
// one line each: id, survey, category, value and n.
func computed(tb testing.TB, im *pipeline.Importer, keep func(pipeline.Row) bool) []string {
	tb.Helper()
	rows, err := pipeline.Compute(context.Background(), im.Store.DB, queries.FS, campus, 2025)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		if keep(r) {
			out = append(out, fmt.Sprintf("%s %s %s %.2f n=%d", r.ID, r.Survey, r.Category, r.Value, r.N))
		}
	}
	return out
}

// renamed returns the sheets of a template questionnaire with its wave
// sheets renamed.
func renamed(pre, post string, sheets []xlsxtest.Sheet) []xlsxtest.Sheet {
	sheets[2].Name, sheets[3].Name = pre, post
	return sheets
}

// TestImportFile_WaveSheetNames reads sheets named for their wave in French
// or English as the template's pre and post.
func TestImportFile_WaveSheetNames(t *testing.T) {
	for _, names := range [][2]string{{"Avant", "Après"}, {"pré-test", "Post-test"}, {"PRETEST", "posttest"}, {"before", "after"}, {"T0", "t1"}, {"Pré", "apres"}} {
		t.Run(names[0]+"-"+names[1], func(t *testing.T) {
			data := t.TempDir()
			im := mustOpenImporter(t, data)
			mustImport(t, im, writeCatalogue(t, data))
			path := filepath.Join(data, "2025", "questionnaires", "et.xlsx")
			xlsxtest.Write(t, path, renamed(names[0], names[1], survey(
				[][]any{{"code", "interet_sciences_energie"}, {"E01", 3}, {"E02", 2}},
				[][]any{{"code", "interet_sciences_energie"}, {"E01", 4}},
			))...)
			if r := mustImport(t, im, path); r.RowsImported != 3 {
				t.Errorf("ImportFile = %+v, want 3 rows", r)
			}
			got := dump(t, im.Store.DB, "select wave, count(*) from survey_answers group by wave order by wave")
			if d := cmp.Diff([][]string{{"post", "1"}, {"pre", "2"}}, got); d != "" {
				t.Errorf("answers by wave (-want +got):\n%s", d)
			}
		})
	}
}

// TestImportFile_WaveSheetProblems refuses a sheet of answers whose name
// says no wave, and two sheets of one wave, by name; a hidden sheet and a
// blank one are left alone.
func TestImportFile_WaveSheetProblems(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "questionnaires", "et.xlsx")
	sheets := renamed("pre", "Après", survey(
		[][]any{{"code", "interet_sciences_energie"}, {"E01", 3}},
		[][]any{{"code", "interet_sciences_energie"}, {"E01", 4}},
	))
	sheets = append(sheets,
		xlsxtest.Sheet{Name: "Fin", Rows: [][]any{{"code", "interet_sciences_energie"}, {"E02", 4}}},
		xlsxtest.Sheet{Name: "post", Rows: [][]any{{"code", "interet_sciences_energie"}, {"E03", 5}}},
		xlsxtest.Sheet{Name: "Feuil3"},
		xlsxtest.Sheet{Name: "Listes", Rows: [][]any{{"oui"}, {"non"}}})
	writeEdited(t, path, func(f *excelize.File) {
		must(t, f.SetSheetVisible("Listes", false))
	}, sheets...)
	got := checked(t, im, path)
	want := path + ` : 2 problèmes, ce fichier serait refusé à l'import (2 lignes lues)
  feuille « Fin » : feuille non lue qui contient des données, attendu une feuille « enquete », « questions », ou une feuille de réponses nommée « pre » (ou pré, avant, pré-test, prétest, pre-test, pretest, pré-questionnaire, before, T0) ou « post » (ou après, post-test, posttest, post-questionnaire, after, T1) ; ses lignes n'entreraient dans aucun chiffre : renommez-la ou corrigez son en-tête, ou masquez-la (clic droit sur l'onglet, « Masquer ») si elle ne doit pas compter
  feuille « post » : deuxième feuille de la vague post, attendu une seule feuille par vague : la feuille « Après » est déjà celle de la vague post ; réunissez leurs lignes dans une seule feuille`
	if got != want {
		t.Errorf("Check:\n%s\nwant:\n%s", got, want)
	}
}

// TestImportFile_SurveyPopulation refuses a population given twice, and
// one smaller than the people who answered a wave (a rate above 100 %),
// naming the cells; and shows a wave nobody answered at 0 %.
func TestImportFile_SurveyPopulation(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "questionnaires", "et.xlsx")
	pre := [][]any{{"code", "interet_sciences_energie"}, {"E01", 3}, {"E02", 2}, {"E03", 2}}
	sheets := survey(pre, [][]any{{"code", "interet_sciences_energie"}, {"E01", 4}})
	sheets[0].Rows = [][]any{{"action", "Engagement tour - LYCÉE"}, {"population", 2}, {"titre", "Stage 2025"}, {"Population", 30}}
	xlsxtest.Write(t, path, sheets...)
	want := path + ` : 2 problèmes, ce fichier serait refusé à l'import (4 lignes lues)
  feuille « enquete », cellule B2 (population) : « 2 » trouvé, attendu au moins le nombre de personnes qui ont répondu dans la feuille « pre » (3) : le taux de réponse dépasserait 100 % ; indiquez le nombre de personnes interrogées
  feuille « enquete », cellule B4 (Population) : « 30 » trouvé, attendu une seule ligne « population » : déjà donnée en cellule B2 (« 2 »)`
	if got := checked(t, im, path); got != want {
		t.Errorf("Check:\n%s\nwant:\n%s", got, want)
	}

	sheets[0].Rows = sheets[0].Rows[:3]
	sheets[0].Rows[1][1] = 10
	sheets[3].Rows = [][]any{{"code", "interet_sciences_energie"}}
	xlsxtest.Write(t, path, sheets...)
	mustImport(t, im, path)
	rates := computed(t, im, func(r pipeline.Row) bool { return r.ID == "response_rate" })
	if d := cmp.Diff([]string{"response_rate Stage 2025 pre 0.30 n=3", "response_rate Stage 2025 post 0.00 n=0"}, rates); d != "" {
		t.Errorf("response_rate (-want +got):\n%s", d)
	}
}

// TestImportFile_TwoSessionsOfOneSurvey imports two workbooks of the same
// title whose codes overlap (E01-E03 in both): two sessions of one survey,
// six people, each paired within their own session, never averaged with
// the namesake of the other.
func TestImportFile_TwoSessionsOfOneSurvey(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	for i, file := range []string{"mardi.xlsx", "jeudi.xlsx"} {
		before, after := 2+2*i, 4-2*i // 2 -> 4 on Tuesday, 4 -> 2 on Thursday
		pre := [][]any{{"code", "interet_sciences_energie"}}
		post := [][]any{{"code", "interet_sciences_energie"}}
		for _, code := range []string{"E01", "E02", "E03"} {
			pre, post = append(pre, []any{code, before}), append(post, []any{code, after})
		}
		path := filepath.Join(data, "2025", "questionnaires", file)
		xlsxtest.Write(t, path, survey(pre, post)...)
		mustImport(t, im, path)
	}
	got := computed(t, im, func(r pipeline.Row) bool {
		return r.ID == "survey_pairing" || r.ID == "response_rate" || r.ID == "interest_uplift" && r.Dimension == "vague"
	})
	want := []string{
		// Before: 3 people at 2 and 3 at 4; after, the other way round.
		"interest_uplift Engagement tour lycée 2025 avant 3.00 n=6",
		"interest_uplift Engagement tour lycée 2025 après 3.00 n=6",
		// 6 people of the 20 + 20 surveyed.
		"response_rate Engagement tour lycée 2025 pre 0.15 n=6",
		"response_rate Engagement tour lycée 2025 post 0.15 n=6",
		"survey_pairing Engagement tour lycée 2025  1.00 n=6",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("figures (-want +got):\n%s", d)
	}
}

// halfYears is a year of attendance split over two sheets, the second of
// one row of participants.
func halfYears(participants any) (xlsxtest.Sheet, xlsxtest.Sheet) {
	first := goodAttendance()
	first.Name = "Janvier-Juin"
	second := attendance([]any{"Visite du projet RESPONSE", xlsxtest.Serial(2025, 9, 12), "Collège Pergaud", "collégiens", participants, 11})
	second.Name = "Juillet-Décembre"
	return first, second
}

// TestImportFile_AttendanceSheets reads every sheet of an attendance
// workbook headed by the contract's columns, each row stored with its
// sheet; a blank sheet is left alone.
func TestImportFile_AttendanceSheets(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "annee.xlsx")
	first, second := halfYears(25)
	second.Rows = append([][]any{{"Présences du second semestre"}}, second.Rows...)
	xlsxtest.Write(t, path, first, second, xlsxtest.Sheet{Name: "Feuil3"})
	r := mustImport(t, im, path)
	if r.RowsImported != 3 {
		t.Errorf("ImportFile = %+v, want 3 rows", r)
	}
	got := dump(t, im.Store.DB, "select source_sheet, source_row, action, participants from participations order by source_sheet, source_row")
	want := [][]string{
		{"Janvier-Juin", "2", "Fresque du climat", "28"},
		{"Janvier-Juin", "3", "Fresque du climat", "30"},
		{"Juillet-Décembre", "3", "Visite du projet RESPONSE", "25"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("participations (-want +got):\n%s", d)
	}
}

// TestImportFile_AttendanceSheetProblems refuses a visible sheet that holds
// data under no attendance header, by name, and names the sheet of each
// problem; a hidden sheet of lists is only noted.
func TestImportFile_AttendanceSheetProblems(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "annee.xlsx")
	first, second := halfYears("25 élèves")
	writeEdited(t, path, func(f *excelize.File) {
		must(t, f.SetSheetVisible("Listes", false))
	}, first, second,
		xlsxtest.Sheet{Name: "Synthèse", Rows: [][]any{nil, {"Total", 83}}},
		xlsxtest.Sheet{Name: "Listes", Rows: [][]any{{"lycéens"}, {"collégiens"}}})
	got := checked(t, im, path)
	want := path + ` : 2 problèmes, ce fichier serait refusé à l'import (3 lignes lues)
  feuille « Juillet-Décembre », cellule E2 (participants) : « 25 élèves » trouvé, attendu un nombre entier ≥ 0
  feuille « Synthèse », ligne 2 : feuille non lue qui contient des données, attendu une ligne d'en-tête des présences (action, date, etablissement, type_etablissement, commune, public, niveau, participants, dont_filles, dont_qpv_zrr) ; ses lignes n'entreraient dans aucun chiffre : renommez-la ou corrigez son en-tête, ou masquez-la (clic droit sur l'onglet, « Masquer ») si elle ne doit pas compter`
	if got != want {
		t.Errorf("Check:\n%s\nwant:\n%s", got, want)
	}
}
