package pipeline_test

import (
	"path/filepath"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// TestImportFile_IdentityInQuestionnaire drops identity columns declared as
// questions, recognised by the words of their header, and masks e-mail
// addresses, phone numbers and INE typed in free text, each with a note.
func TestImportFile_IdentityInQuestionnaire(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "questionnaires", "et.xlsx")
	ids := []string{"ine", "identifiant_ent", "nom_eleve", "mail_eleve", "num_tel", "ne_le"}
	header := []any{"code", "interet_sciences_energie"}
	row := []any{"E01", 3}
	for _, id := range ids {
		header, row = append(header, id), append(row, "x")
	}
	sheets := survey([][]any{header, row},
		[][]any{{"code", "commentaire"}, {"E01", "Écris-moi à zoe.martin@example.fr ou au 06 12 34 56 78, INE 1234567890A"}, {"E02", "Super, le nom du métier me plaît"}})
	for _, id := range ids {
		sheets[1].Rows = append(sheets[1].Rows, []any{id, id, "texte"})
	}
	xlsxtest.Write(t, path, sheets...)
	r := mustImport(t, im, path)
	want := []string{
		"feuille « pre », cellule C1 : « ine » trouvé, attendu aucune donnée d'identité : cette colonne n'est pas importée",
		"feuille « pre », cellule D1 : « identifiant_ent » trouvé, attendu aucune donnée d'identité : cette colonne n'est pas importée",
		"feuille « pre », cellule E1 : « nom_eleve » trouvé, attendu aucune donnée d'identité : cette colonne n'est pas importée",
		"feuille « pre », cellule F1 : « mail_eleve » trouvé, attendu aucune donnée d'identité : cette colonne n'est pas importée",
		"feuille « pre », cellule G1 : « num_tel » trouvé, attendu aucune donnée d'identité : cette colonne n'est pas importée",
		"feuille « pre », cellule H1 : « ne_le » trouvé, attendu aucune donnée d'identité : cette colonne n'est pas importée",
		"feuille « post », cellule B2 (commentaire) : une adresse e-mail, un numéro de téléphone, un numéro INE masqué avant l'import (donnée d'identité, jamais conservée)",
	}
	if d := cmp.Diff(want, texts(r.Notes)); d != "" {
		t.Errorf("notes (-want +got):\n%s", d)
	}
	got := dump(t, im.Store.DB, "select question_id, answer from survey_answers order by wave, answer")
	if d := cmp.Diff([][]string{
		{"commentaire", "Super, le nom du métier me plaît"},
		{"commentaire", "Écris-moi à [e-mail masqué] ou au [téléphone masqué], INE [INE masqué]"},
		{"interet_sciences_energie", "3"},
	}, got); d != "" {
		t.Errorf("survey_answers (-want +got):\n%s", d)
	}
}

// TestImportFile_IdentityInExport drops an e-mail question mapped in
// survey_formats.
func TestImportFile_IdentityInExport(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	f := formsFormat()
	const mailQuestion = "Ton adresse mail (pour recevoir l'attestation)"
	f.Questions = append(f.Questions, pipeline.SurveyQuestion{Text: mailQuestion, ID: "mail", Type: "texte"},
		pipeline.SurveyQuestion{Text: "Adresse e-mail", ID: "adresse", Type: "texte"})
	im.SurveyFormats = []pipeline.SurveyFormat{f}
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "questionnaires", "engagement-avant.xlsx")
	googleForms(t, path, []any{"Horodateur", "Adresse e-mail", formsCode, formsInterest, mailQuestion},
		[]any{"zoe@example.fr", "ZO12", 3, "zoe.martin@example.fr"})
	r := mustImport(t, im, path)
	if r.RowsImported != 1 {
		t.Errorf("ImportFile = %+v, want 1 row", r)
	}
	got := dump(t, im.Store.DB, "select question_id, answer from survey_answers union all select question_id, libelle from survey_questions order by 1, 2")
	if d := cmp.Diff([][]string{
		{"interet_sciences_energie", "3"},
		{"interet_sciences_energie", formsInterest},
	}, got); d != "" {
		t.Errorf("answers and questions (-want +got):\n%s", d)
	}
}

// TestImportFile_IdentityInAttendance keeps the names, e-mails and phone
// numbers of an attendance sheet out of extra_cells, hidden or not, and
// keeps a remark column aside as before.
func TestImportFile_IdentityInAttendance(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	sheet := xlsxtest.Sheet{Name: "Feuil1", Rows: [][]any{
		{"action", "date", "public", "participants", "Nom", "Mail", "Téléphone", "Prénom de l'élève", "Remarque"},
		{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "lycéens", 1, "Martin", "zoe@example.fr", "0612345678", "Zoé", "salle B"},
	}}
	writeEdited(t, path, func(f *excelize.File) {
		must(t, f.SetColVisible("Feuil1", "E", false))
	}, sheet)
	r := mustImport(t, im, path)
	want := []string{
		"feuille « Feuil1 », cellule E1 : « Nom » trouvé, attendu aucune donnée d'identité : cette colonne n'est pas importée",
		"feuille « Feuil1 », cellule F1 : « Mail » trouvé, attendu aucune donnée d'identité : cette colonne n'est pas importée",
		"feuille « Feuil1 », cellule G1 : « Téléphone » trouvé, attendu aucune donnée d'identité : cette colonne n'est pas importée",
		"feuille « Feuil1 », cellule H1 : « Prénom de l'élève » trouvé, attendu aucune donnée d'identité : cette colonne n'est pas importée",
		"feuille « Feuil1 », cellule I1 : « Remarque » trouvé, attendu une colonne connue ; celle-ci est conservée à part et n'entre dans aucun indicateur",
	}
	if d := cmp.Diff(want, texts(r.Notes)); d != "" {
		t.Errorf("notes (-want +got):\n%s", d)
	}
	if d := cmp.Diff([][]string{{"Remarque", "salle B"}}, dump(t, im.Store.DB, "select header, value from extra_cells")); d != "" {
		t.Errorf("extra_cells (-want +got):\n%s", d)
	}
}
