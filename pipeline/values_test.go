package pipeline_test

import (
	"path/filepath"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
)

// Values accepted that are not what they seem: each is refused at its cell,
// or read as what it shows.

// withCatalogue opens an importer on a new data folder whose 2025 catalogue
// is imported.
func withCatalogue(tb testing.TB) (*pipeline.Importer, string) {
	tb.Helper()
	data := tb.TempDir()
	im := mustOpenImporter(tb, data)
	mustImport(tb, im, writeCatalogue(tb, data))
	return im, data
}

// TestImportFile_NumbersAsWritten refuses counts typed as text that Go's
// number parsers would read ("1e3" as 1000, "0x1p4" as 16, "1_000", "+5",
// "Inf") and "1.000", a thousand to whoever typed it; "1 000" is a thousand.
func TestImportFile_NumbersAsWritten(t *testing.T) {
	im, data := withCatalogue(t)
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
	im, data := withCatalogue(t)
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
	im, data := withCatalogue(t)
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

// TestImportFile_BooleanCells refuses a boolean cell (TRUE/VRAI, t="b"),
// which the raw reader gives as 1, where a count or a 1-5 answer is
// expected, and reads it as yes to a yes/no question.
func TestImportFile_BooleanCells(t *testing.T) {
	im, data := withCatalogue(t)
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	d := xlsxtest.Serial(2025, 11, 5)
	xlsxtest.WriteForeign(t, path, false, attendance(
		[]any{"Fresque du climat", d, "Lycée Eiffel", "lycéens", xlsxtest.Bool(true), nil},
		[]any{"Fresque du climat", d, "Lycée Eiffel", "lycéens", 20, xlsxtest.Bool(false)},
		[]any{"Fresque du climat", d, "Lycée Eiffel", "lycéens", 20, 10, xlsxtest.Bool(true)},
	))
	got, _ := refused(t, im, path)
	want := []string{
		"feuille « Feuil1 », cellule E2 (participants) : « VRAI » trouvé, attendu un nombre entier ≥ 0",
		"feuille « Feuil1 », cellule F3 (dont_filles) : « FAUX » trouvé, attendu un nombre entier ≥ 0, ou rien",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}

	q := filepath.Join(data, "2025", "questionnaires", "q.xlsx")
	xlsxtest.WriteForeign(t, q, false, survey(
		[][]any{{"code", "interet_sciences_energie"}, {"A1", xlsxtest.Bool(true)}},
		[][]any{{"code", "recommande"}, {"A1", xlsxtest.Bool(true)}, {"A2", xlsxtest.Bool(false)}},
	)...)
	got, _ = refused(t, im, q)
	if d := cmp.Diff([]string{
		"feuille « pre », cellule B2 (interet_sciences_energie) : « VRAI » trouvé, attendu une réponse de 1 à 5 (échelle de Likert)",
	}, got); d != "" {
		t.Errorf("questionnaire problems (-want +got):\n%s", d)
	}
	xlsxtest.WriteForeign(t, q, false, survey(
		[][]any{{"code", "interet_sciences_energie"}, {"A1", 3}},
		[][]any{{"code", "recommande"}, {"A1", xlsxtest.Bool(true)}, {"A2", xlsxtest.Bool(false)}},
	)...)
	mustImport(t, im, q)
	if d := cmp.Diff([][]string{{"recommande", "0", "FAUX"}, {"recommande", "1", "VRAI"}},
		dump(t, im.Store.DB, "select question_id, value, answer from survey_answers where wave = 'post' order by value")); d != "" {
		t.Errorf("yes/no answers (-want +got):\n%s", d)
	}
}

// TestImportFile_ISODateCells reads date cells written as ISO 8601 text
// (t="d"), with or without a time of day or a zone, as the dates they are.
func TestImportFile_ISODateCells(t *testing.T) {
	im, data := withCatalogue(t)
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	row := func(date xlsxtest.ISODate) []any {
		return []any{"Fresque du climat", date, "Lycée Eiffel", "lycéens", 20, 10}
	}
	xlsxtest.WriteForeign(t, path, false, attendance(
		row("2025-11-05T00:00:00Z"), row("2025-11-06T14:30:00.000"), row("2025-11-07"), row("2025-11-08T09:00:00+01:00"),
		row("2024-12-31T00:00:00Z"),
	))
	got, _ := refused(t, im, path)
	if d := cmp.Diff([]string{
		"feuille « Feuil1 », cellule B6 (date) : « 31/12/2024 » trouvé, attendu une date de l'année 2025",
	}, got); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
	xlsxtest.WriteForeign(t, path, false, attendance(
		row("2025-11-05T00:00:00Z"), row("2025-11-06T14:30:00.000"), row("2025-11-07"), row("2025-11-08T09:00:00+01:00"),
	))
	mustImport(t, im, path)
	if d := cmp.Diff([][]string{{"2025-11-05"}, {"2025-11-06"}, {"2025-11-07"}, {"2025-11-08"}},
		dump(t, im.Store.DB, "select date from participations order by date")); d != "" {
		t.Errorf("dates (-want +got):\n%s", d)
	}
}

// TestImportFile_BrokenSharedStrings refuses a workbook whose text cells
// point to shared strings it does not have, with no table at all or past
// its end: the reader would give them as empty cells, with no error.
func TestImportFile_BrokenSharedStrings(t *testing.T) {
	im, data := withCatalogue(t)
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	d := xlsxtest.Serial(2025, 11, 5)
	xlsxtest.WriteForeign(t, path, false, attendance(
		[]any{"Fresque du climat", d, xlsxtest.SharedString{Index: 3}, "lycéens", 20, 10},
		[]any{xlsxtest.SharedString{Index: 0}, d, "Lycée Eiffel", "lycéens", 20, 10},
	))
	expected := ", attendu un texte lisible : le classeur est abîmé et cette cellule serait lue vide ; recopiez le fichier depuis l'original, ou ouvrez-le dans Excel ou LibreOffice, vérifiez la cellule et enregistrez-le à nouveau"
	got, _ := refused(t, im, path)
	if d := cmp.Diff([]string{
		"feuille « Feuil1 », cellule C2 (etablissement) : texte partagé n° 3 introuvable : le classeur n'a pas de table des textes partagés" + expected,
		"feuille « Feuil1 », cellule A3 (action) : texte partagé n° 0 introuvable : le classeur n'a pas de table des textes partagés" + expected,
	}, got); d != "" {
		t.Errorf("no shared strings: problems (-want +got):\n%s", d)
	}

	// excelize writes a table; point the etablissement of row 2 past it.
	xlsxtest.Write(t, path, attendance([]any{"Fresque du climat", d, "Lycée Eiffel", "lycéens", 20, 10}))
	replaceInPart(t, path, "xl/worksheets/sheet1.xml", `(<c r="C2"[^>]*t="s"[^>]*>)<v>\d+</v>`, `${1}<v>40</v>`)
	got, _ = refused(t, im, path)
	if d := cmp.Diff([]string{
		"feuille « Feuil1 », cellule C2 (etablissement) : texte partagé n° 40 introuvable : la table des textes partagés du classeur n'en a que 9 (n° 0 à 8)" + expected,
	}, got); d != "" {
		t.Errorf("index past the table: problems (-want +got):\n%s", d)
	}
}

// TestImportFile_InvisibleFormat refuses values under the number format
// ";;;", which shows nothing on screen or on paper, as hidden rows are
// refused; an empty cell in that format is harmless.
func TestImportFile_InvisibleFormat(t *testing.T) {
	im, data := withCatalogue(t)
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	d := xlsxtest.Serial(2025, 11, 5)
	hide := xlsxtest.Invisible{}
	xlsxtest.WriteForeign(t, path, false, attendance(
		[]any{"Fresque du climat", d, "Lycée Eiffel", "lycéens", 20, 10},
		[]any{"Fresque du climat", d, "Lycée Eiffel", "lycéens", xlsxtest.Invisible{Value: 45}, hide},
		[]any{xlsxtest.Invisible{Value: "Fresque du climat"}, xlsxtest.Invisible{Value: d}, nil, xlsxtest.Invisible{Value: "lycéens"}, xlsxtest.Invisible{Value: 12}},
	))
	expected := " : valeur masquée par son format de nombre (« ;;; » : rien ne s'affiche ni ne s'imprime), attendu une valeur visible : elle serait importée sans que vous la voyiez ; remettez le format « Standard » (Format de cellule > Nombre), puis supprimez-la si elle ne doit pas compter"
	got, _ := refused(t, im, path)
	if d := cmp.Diff([]string{
		"feuille « Feuil1 », cellule E3 (participants)" + expected,
		"feuille « Feuil1 », cellule A4 (action)" + expected,
		"feuille « Feuil1 », cellule B4 (date)" + expected,
		"feuille « Feuil1 », cellule D4 (public)" + expected,
		"feuille « Feuil1 », cellule E4 (participants)" + expected,
	}, got); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
}
