package pipeline_test

import (
	"path/filepath"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/google/go-cmp/cmp"
)

// Values accepted that are not what they seem: each is refused at its cell,
// or read as what it shows.

// TestImportFile_NumbersAsWritten refuses counts typed as text that Go's
// number parsers would read ("1e3" as 1000, "0x1p4" as 16, "1_000", "+5",
// "Inf") and "1.000", a thousand to whoever typed it; "1 000" is a thousand.
func TestImportFile_NumbersAsWritten(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	d := xlsxtest.Serial(2025, 11, 5)
	row := func(participants, girls any) []any {
		return []any{"Fresque du climat", d, "Lycée Eiffel", "lycéens", participants, girls}
	}
	xlsxtest.Write(t, path, attendance(
		row("1e3", nil),
		row("0x1p4", nil),
		row("1_000", "+5"),
		row("Inf", "NaN"),
		row("1.000", "0b101"),
		row(28, "1.2e1"),
	))
	got, _ := refused(t, im, path)
	want := []string{
		"feuille « Feuil1 », cellule E2 (participants) : « 1e3 » trouvé, attendu un nombre entier ≥ 0",
		"feuille « Feuil1 », cellule E3 (participants) : « 0x1p4 » trouvé, attendu un nombre entier ≥ 0",
		"feuille « Feuil1 », cellule E4 (participants) : « 1_000 » trouvé, attendu un nombre entier ≥ 0",
		"feuille « Feuil1 », cellule F4 (dont_filles) : « +5 » trouvé, attendu un nombre entier ≥ 0, ou rien",
		"feuille « Feuil1 », cellule E5 (participants) : « Inf » trouvé, attendu un nombre entier ≥ 0",
		"feuille « Feuil1 », cellule F5 (dont_filles) : « NaN » trouvé, attendu un nombre entier ≥ 0, ou rien",
		"feuille « Feuil1 », cellule E6 (participants) : « 1.000 » trouvé, attendu un nombre entier ≥ 0",
		"feuille « Feuil1 », cellule F6 (dont_filles) : « 0b101 » trouvé, attendu un nombre entier ≥ 0, ou rien",
		"feuille « Feuil1 », cellule F7 (dont_filles) : « 1.2e1 » trouvé, attendu un nombre entier ≥ 0, ou rien",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}

	xlsxtest.Write(t, path, attendance(row("1 000", "480"), row("1\u202f200", "12.0")))
	mustImport(t, im, path)
	if d := cmp.Diff([][]string{{"1000", "480"}, {"1200", "12"}},
		dump(t, im.Store.DB, "select participants, dont_filles from participations order by participants")); d != "" {
		t.Errorf("participations (-want +got):\n%s", d)
	}
}

// TestImportFile_InvisibleCharacters reads names carrying invisible
// characters (zero-width space, soft hyphen, word joiner, byte order mark,
// non-breaking space), as text pasted from a web page or a PDF does, as the
// names they show: one establishment, not five, and a count that is a count.
func TestImportFile_InvisibleCharacters(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	d := xlsxtest.Serial(2025, 11, 5)
	xlsxtest.Write(t, path, attendance(
		[]any{"Fresque du climat", d, "Lycée Eiffel", "lycéens", 10, 1},
		[]any{"Fresque du climat", d, "Lycée\u200b Eiffel", "lycéens", 11, 2},
		[]any{"Fresque du climat", d, "Lycée Eif\u00adfel", "lycéens", 12, 3},
		[]any{"Fresque\u2060 du climat", d, "\ufeffLycée Eiffel", "lycéens", 13, 4},
		[]any{"Fresque du climat", d, "Lycée\u00a0Eiffel", "lycéens\u200b", "14\u200b", 5},
		[]any{"\u200b", nil, "\u00ad", nil, "\u2060"}, // shows nothing: a blank line
	))
	r := mustImport(t, im, path)
	if r.RowsRead != 5 || r.RowsImported != 5 {
		t.Errorf("ImportFile = %+v, want 5 rows read and imported", r)
	}
	if d := cmp.Diff([][]string{{"Fresque du climat", "Lycée Eiffel", "lycéens", "5", "60"}},
		dump(t, im.Store.DB, "select action, etablissement, public, count(*), sum(participants) from participations group by all")); d != "" {
		t.Errorf("participations (-want +got):\n%s", d)
	}
}

// TestImportFile_NombreAsWritten refuses "NaN", "Inf" and "1e3" as answers
// to a number question (they would make every mean of it nonsense), and
// reads French decimals.
func TestImportFile_NombreAsWritten(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "questionnaires", "q.xlsx")
	sheets := func(answers ...[]any) []xlsxtest.Sheet {
		return []xlsxtest.Sheet{
			{Name: "enquete", Rows: [][]any{{"action", "Fresque du climat"}, {"population", 20}}},
			{Name: "questions", Rows: [][]any{{"id", "libelle", "type"}, {"heures", "Heures de sciences par semaine", "nombre"}}},
			{Name: "post", Rows: append([][]any{{"code", "heures"}}, answers...)},
		}
	}
	xlsxtest.Write(t, path, sheets(
		[]any{"A1", "NaN"}, []any{"A2", "Inf"}, []any{"A3", "-Inf"}, []any{"A4", "1e3"}, []any{"A5", "0x1p4"}, []any{"A6", "1,5"},
	)...)
	got, _ := refused(t, im, path)
	expected := "attendu un nombre (chiffres, avec une virgule pour les décimales)"
	want := []string{
		"feuille « post », cellule B2 (heures) : « NaN » trouvé, " + expected,
		"feuille « post », cellule B3 (heures) : « Inf » trouvé, " + expected,
		"feuille « post », cellule B4 (heures) : « -Inf » trouvé, " + expected,
		"feuille « post », cellule B5 (heures) : « 1e3 » trouvé, " + expected,
		"feuille « post », cellule B6 (heures) : « 0x1p4 » trouvé, " + expected,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
	xlsxtest.Write(t, path, sheets([]any{"A1", "1,5"}, []any{"A2", 2.25}, []any{"A3", "-3"}, []any{"A4", "1 000,5"})...)
	mustImport(t, im, path)
	if d := cmp.Diff([][]string{{"-3"}, {"1.5"}, {"2.25"}, {"1000.5"}},
		dump(t, im.Store.DB, "select value from survey_answers order by value")); d != "" {
		t.Errorf("survey_answers (-want +got):\n%s", d)
	}
}
