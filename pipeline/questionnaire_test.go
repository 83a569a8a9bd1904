package pipeline_test

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
)

func survey(pre, post [][]any) []xlsxtest.Sheet {
	return []xlsxtest.Sheet{
		{Name: "enquete", Rows: [][]any{{"action", "Engagement tour - LYCÉE"}, {"population", 20}, {"titre", "Engagement tour lycée 2025"}}},
		{Name: "questions", Rows: [][]any{
			{"id", "libelle", "type"},
			{"Interet_Sciences_Energie", "Les études scientifiques m'intéressent", "likert5"},
			{"renforce_orientation", "Le stage a renforcé mon choix", "Likert5"},
			{"recommande", "Je recommande le stage", "oui_non"},
			{"commentaire", "Un mot ?", "texte"},
		}},
		{Name: "pre", Rows: pre},
		{Name: "post", Rows: post},
	}
}

func TestImportFile_Questionnaire(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "questionnaires", "et.xlsx")
	xlsxtest.Write(t, path, survey(
		[][]any{{"Code", "interet sciences energie", "Prénom"}, {"ETL-01", 3, "Zoé"}, {"ETL-02", "2", "Léo"}},
		[][]any{{"code", "interet_sciences_energie", "renforce_orientation", "recommande", "commentaire"},
			{"ETL-01", 4, 5, "Oui", "Super"}, {"ETL-03", 5, 4, "non", nil}},
	)...)
	r := mustImport(t, im, path)
	if r.Kind != pipeline.KindQuestionnaire || r.RowsRead != 4 || r.RowsImported != 4 {
		t.Errorf("ImportFile = %+v, want a questionnaire with 4 respondent rows", r)
	}
	if len(r.Notes) != 1 || r.Notes[0].String() != "feuille « pre », cellule C1 : « Prénom » trouvé, attendu aucune donnée d'identité : cette colonne n'est pas importée" {
		t.Errorf("notes = %v, want one saying the Prénom column is not imported", r.Notes)
	}
	db := im.Store.DB
	if d := cmp.Diff([][]string{{"Engagement tour lycée 2025", "Engagement tour - Lycée", "engagementtour-lycee", "20"}},
		dump(t, db, "select titre, action, action_key, population from surveys")); d != "" {
		t.Errorf("surveys (-want +got):\n%s", d)
	}
	// Respondent codes are stored as keyed hashes (respondent.go).
	etl1, etl2, etl3 := hmacHex("etl-01"), hmacHex("etl-02"), hmacHex("etl-03")
	want := [][]string{
		{"post", etl1, "commentaire", "NULL", "Super"},
		{"post", etl1, "interet_sciences_energie", "4", "4"},
		{"post", etl1, "recommande", "1", "Oui"},
		{"post", etl1, "renforce_orientation", "5", "5"},
		{"post", etl3, "interet_sciences_energie", "5", "5"},
		{"post", etl3, "recommande", "0", "non"},
		{"post", etl3, "renforce_orientation", "4", "4"},
		{"pre", etl1, "interet_sciences_energie", "3", "3"},
		{"pre", etl2, "interet_sciences_energie", "2", "2"},
	}
	sort.Slice(want, func(i, j int) bool { return strings.Join(want[i][:3], "|") < strings.Join(want[j][:3], "|") })
	got := dump(t, db, "select wave, respondent, question_id, value, answer from survey_answers order by wave, respondent, question_id")
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("survey_answers (-want +got):\n%s", d)
	}
	if n := dump(t, db, "select count(*) from survey_answers where answer in ('Zoé', 'Léo')"); n[0][0] != "0" {
		t.Errorf("first names entered the database: %v rows", n[0][0])
	}
}

func TestImportFile_QuestionnaireProblems(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "questionnaires", "et.xlsx")
	xlsxtest.Write(t, path, survey(
		[][]any{{"code", "interet_sciences_energie", "humeur"}, {"ETL-01", 6, "bonne"}, {"etl-01", 3, nil}},
		[][]any{{"code", "recommande"}, {"ETL-01", "peut-être"}, {nil, "oui"}},
	)...)
	got, _ := refused(t, im, path)
	want := []string{
		"feuille « pre », cellule C1 : « humeur » trouvé, attendu un identifiant de question déclaré dans la feuille « questions »",
		"feuille « pre », cellule B2 (interet_sciences_energie) : « 6 » trouvé, attendu une réponse de 1 à 5 (échelle de Likert)",
		"feuille « pre », cellule A3 : « etl-01 » trouvé, attendu un code unique dans la feuille : déjà ligne 2",
		"feuille « post », cellule B2 (recommande) : « peut-être » trouvé, attendu oui ou non",
		"feuille « post », cellule A3 : cellule vide, attendu le code pseudonyme du répondant",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
	if n := dump(t, im.Store.DB, "select count(*) from survey_answers"); n[0][0] != "0" {
		t.Errorf("a refused questionnaire wrote %s answers", n[0][0])
	}
}

// TestImportFile_IdentityDeclaredAsQuestion checks that a column that would
// identify a respondent is dropped even when the questions sheet declares it.
func TestImportFile_IdentityDeclaredAsQuestion(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "questionnaires", "et.xlsx")
	sheets := survey(
		[][]any{{"code", "interet_sciences_energie", "nom"}, {"ETL-01", 3, "Dupont"}},
		[][]any{{"code", "interet_sciences_energie"}, {"ETL-01", 4}},
	)
	sheets[1].Rows = append(sheets[1].Rows, []any{"nom", "Votre nom", "texte"})
	xlsxtest.Write(t, path, sheets...)
	r := mustImport(t, im, path)
	if len(r.Notes) != 1 || r.Notes[0].String() != "feuille « pre », cellule C1 : « nom » trouvé, attendu aucune donnée d'identité : cette colonne n'est pas importée" {
		t.Errorf("notes = %v, want one saying the nom column is not imported", r.Notes)
	}
	if n := dump(t, im.Store.DB, "select count(*) from survey_answers where answer = 'Dupont' or question_id = 'nom'"); n[0][0] != "0" {
		t.Errorf("a name entered the database: %v rows", n[0][0])
	}
}

// TestImportFile_QuestionnaireWaveWithoutCode lists the problems of both
// waves when the first has no code column: that wave's rows cannot be read,
// but the other wave's can, and its problems belong in the same run.
func TestImportFile_QuestionnaireWaveWithoutCode(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "questionnaires", "et.xlsx")
	xlsxtest.Write(t, path, survey(
		[][]any{{"identifiant", "interet_sciences_energie"}, {"ETL-01", 3}},
		[][]any{{"code", "recommande"}, {"ETL-01", "peut-être"}},
	)...)
	got, _ := refused(t, im, path)
	want := []string{
		"feuille « pre », cellule A1 : « identifiant » trouvé, attendu un identifiant de question déclaré dans la feuille « questions »",
		"feuille « pre », ligne 1 : attendu une colonne « code » (code pseudonyme du répondant, le même avant et après)",
		"feuille « post », cellule B2 (recommande) : « peut-être » trouvé, attendu oui ou non",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
}
