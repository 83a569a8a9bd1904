package pipeline_test

import (
	"cmp"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/cmq-greencity/greencity/queries"
	gocmp "github.com/google/go-cmp/cmp"
)

// Exports of the survey tools, shaped as each tool writes them, imported
// through a SurveyFormat alone.

const (
	formsInterest = "Quel est ton intérêt pour les métiers de l'énergie ?"
	formsStage    = "Le stage a renforcé mon choix d'orientation"
	formsCode     = "Ton code (2 lettres du prénom + jour de naissance)"
)

// agreement are the labels of Google Forms' multiple-choice grid.
var agreement = []pipeline.AnswerLabel{
	{Label: "Pas du tout d'accord", Value: 1}, {Label: "Plutôt pas d'accord", Value: 2},
	{Label: "Ni d'accord ni pas d'accord", Value: 3}, {Label: "Plutôt d'accord", Value: 4},
	{Label: "Tout à fait d'accord", Value: 5},
}

func formsFormat() pipeline.SurveyFormat {
	return pipeline.SurveyFormat{
		Name: "engagement-forms", Tool: pipeline.ToolGoogleForms,
		Files:      []pipeline.SurveyFile{{Pattern: "engagement-avant*.xlsx", Wave: "pre"}, {Pattern: "Engagement-Apres*.xlsx", Wave: "post"}},
		Titre:      "Engagement tour 2025 (Forms)",
		Action:     "engagement tour - lycee",
		Population: 24,
		CodeColumn: formsCode,
		Questions: []pipeline.SurveyQuestion{
			{Text: formsInterest, ID: "interet_sciences_energie", Type: "likert5"},
			{Text: formsStage, ID: "Renforce_Orientation", Type: "likert5"},
			{Text: "Recommanderais-tu le stage ?", ID: "recommande", Type: "oui_non"},
		},
		Answers: agreement,
	}
}

// googleForms writes a responses sheet downloaded from Google Sheets as
// xlsx: sheet "Réponses au formulaire 1", the timestamp first (a date cell),
// the e-mail address when the form collects it, then one column per
// question headed by its text; a linear scale gives numbers, a multiple
// choice its labels.
func googleForms(tb testing.TB, path string, header []any, rows ...[]any) {
	tb.Helper()
	all := [][]any{header}
	for i, r := range rows {
		all = append(all, append([]any{xlsxtest.Date{Serial: 45824.4 + float64(i)/100}}, r...))
	}
	xlsxtest.Write(tb, path, xlsxtest.Sheet{Name: "Réponses au formulaire 1", Rows: all})
}

func TestImportFile_GoogleForms(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	im.SurveyFormats = []pipeline.SurveyFormat{formsFormat()}
	mustImport(t, im, writeCatalogue(t, data))
	dir := filepath.Join(data, "2025", "questionnaires")
	pre := filepath.Join(dir, "engagement-avant (réponses).xlsx")
	googleForms(t, pre, []any{"Horodateur", "Adresse e-mail", formsCode, formsInterest, "Ta classe"},
		[]any{"zoe@example.fr", "ZO12", 2, "2nde B"},
		[]any{"leo@example.fr", "LE03", 3, "2nde B"},
		[]any{"ana@example.fr", "AN25", 4, "2nde C"},
	)
	post := filepath.Join(dir, "ENGAGEMENT-APRES.xlsx")
	googleForms(t, post, []any{"Horodateur", formsCode, formsInterest + " ", formsStage, "Recommanderais-tu le stage ?"},
		[]any{"zo12", 4, "Tout à fait d'accord", "Oui"},
		[]any{"LE 03", 4, "plutôt d'accord", "Non"},
		[]any{"MA30", 5, "Plutôt pas d'accord", "Oui"},
	)

	r := mustImport(t, im, pre)
	if r.Kind != pipeline.KindQuestionnaire || r.RowsRead != 3 || r.RowsImported != 3 {
		t.Errorf("ImportFile(pre) = %+v, want a questionnaire of 3 respondents", r)
	}
	notes := texts(r.Notes)
	wantNotes := []string{
		"feuille « Réponses au formulaire 1 », cellule B1 : « Adresse e-mail » trouvé, attendu aucune donnée d'identité : cette colonne n'est pas importée",
		"feuille « Réponses au formulaire 1 », ligne 1 : colonnes ajoutées par Google Forms, non importées : Horodateur",
		"feuille « Réponses au formulaire 1 », ligne 1 : colonnes E absentes de survey_formats « engagement-forms », non importées (ajoutez-les à questions pour les importer, sauf une donnée d'identité, qui n'est jamais importée)",
		// Asked after only: no header comes close.
		"feuille « Réponses au formulaire 1 », ligne 1 : question « Le stage a renforcé mon choix d'orientation » (renforce_orientation) de survey_formats « engagement-forms » absente de ce fichier, sans en-tête proche : non posée dans cette vague, elle n'est pas importée",
		"feuille « Réponses au formulaire 1 », ligne 1 : question « Recommanderais-tu le stage ? » (recommande) de survey_formats « engagement-forms » absente de ce fichier, sans en-tête proche : non posée dans cette vague, elle n'est pas importée",
	}
	if d := gocmp.Diff(wantNotes, notes); d != "" {
		t.Errorf("notes (-want +got):\n%s", d)
	}
	mustImport(t, im, post)

	db := im.Store.DB
	if d := gocmp.Diff([][]string{
		{"2025/questionnaires/ENGAGEMENT-APRES.xlsx", "Engagement tour 2025 (Forms)", "Engagement tour - Lycée", "24"},
		{"2025/questionnaires/engagement-avant (réponses).xlsx", "Engagement tour 2025 (Forms)", "Engagement tour - Lycée", "24"},
	}, dump(t, db, "select source_file, titre, action, population from surveys order by source_file")); d != "" {
		t.Errorf("surveys (-want +got):\n%s", d)
	}
	if d := gocmp.Diff([][]string{
		{"interet_sciences_energie", formsInterest, "likert5"},
		{"recommande", "Recommanderais-tu le stage ?", "oui_non"},
		{"renforce_orientation", formsStage, "likert5"},
	}, dump(t, db, "select distinct question_id, libelle, type from survey_questions order by 1")); d != "" {
		t.Errorf("survey_questions (-want +got):\n%s", d)
	}
	want := [][]string{
		{"post", hmacHex("le03"), "interet_sciences_energie", "4", "4"},
		{"post", hmacHex("zo12"), "interet_sciences_energie", "4", "4"},
		{"post", hmacHex("ma30"), "interet_sciences_energie", "5", "5"},
		{"post", hmacHex("le03"), "recommande", "0", "Non"},
		{"post", hmacHex("ma30"), "recommande", "1", "Oui"},
		{"post", hmacHex("zo12"), "recommande", "1", "Oui"},
		{"post", hmacHex("ma30"), "renforce_orientation", "2", "Plutôt pas d'accord"},
		{"post", hmacHex("le03"), "renforce_orientation", "4", "plutôt d'accord"},
		{"post", hmacHex("zo12"), "renforce_orientation", "5", "Tout à fait d'accord"},
		{"pre", hmacHex("zo12"), "interet_sciences_energie", "2", "2"},
		{"pre", hmacHex("le03"), "interet_sciences_energie", "3", "3"},
		{"pre", hmacHex("an25"), "interet_sciences_energie", "4", "4"},
	}
	// Compared sorted: the hashes decide the order of equal answers.
	got := dump(t, db, "select wave, respondent, question_id, value, answer from survey_answers order by wave, question_id, value, respondent")
	sortRows := func(rows [][]string) {
		slices.SortFunc(rows, func(a, b []string) int { return cmp.Compare(strings.Join(a, "|"), strings.Join(b, "|")) })
	}
	sortRows(got)
	sortRows(want)
	if d := gocmp.Diff(want, got); d != "" {
		t.Errorf("survey_answers (-want +got):\n%s", d)
	}
	if n := dump(t, db, "select count(*) from survey_answers where answer like '%@%' or answer like '2nde%'"); n[0][0] != "0" {
		t.Errorf("%s e-mail addresses or classes entered the database", n[0][0])
	}

	// The two exports are one survey: ZO12 and LE03 pair up.
	rows, err := pipeline.Compute(context.Background(), db, queries.FS, campus, 2025)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.ID == "survey_pairing" {
			if r.Survey != "Engagement tour 2025 (Forms)" || *r.Pairs != 2 || *r.PreOnly != 1 || *r.PostOnly != 1 {
				t.Errorf("survey_pairing = %+v, want 2 pairs, 1 before only, 1 after only", r)
			}
			return
		}
	}
	t.Error("Compute: no survey_pairing row")
}

// TestImportFile_LimeSurvey imports an export of LimeSurvey (Réponses >
// Exporter > Microsoft Excel, "réponse complète" and question codes as
// headers): a sheet named after the survey, the response id, submission
// date, last page, start language and seed first, the access code of the
// participant, then the questions; written the way PHP libraries write xlsx
// (inline strings), not as Excel does.
func TestImportFile_LimeSurvey(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	im.SurveyFormats = []pipeline.SurveyFormat{{
		Name: "forum-lime", Tool: pipeline.ToolLimeSurvey,
		Files: []pipeline.SurveyFile{{Pattern: "results-survey*.xlsx", Wave: "post"}},
		Titre: "Fresque 2025", Action: "Fresque du climat",
		CodeColumn: "Code d'accès",
		Questions: []pipeline.SurveyQuestion{
			{Text: "Q01", ID: "satisfaction", Type: "likert5"},
			{Text: "Q02", ID: "veut_metier", Type: "oui_non"},
		},
		Answers: append(agreement, pipeline.AnswerLabel{Label: "A1", Value: 1}, pipeline.AnswerLabel{Label: "A2", Value: 0}),
	}}
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "questionnaires", "results-survey482311.xlsx")
	xlsxtest.WriteForeign(t, path, false, xlsxtest.Sheet{Name: "Fresque du climat - bilan", Rows: [][]any{
		{"ID de la réponse", "Date de soumission", "Dernière page", "Langue de départ", "Tête de série", "Code d'accès", "Q01", "Q02", "Adresse IP"},
		{1, "2025-03-14 10:02:11", 2, "fr", "483920113", "FDC-01", "Tout à fait d'accord", "A1", "192.0.2.4"},
		{2, "2025-03-14 10:03:40", 2, "fr", "129384711", "FDC-02", "Plutôt d'accord", "A2", "192.0.2.9"},
		{3, "", 1, "fr", "733920012", "FDC-03", "", "", "192.0.2.7"},
	}})
	r := mustImport(t, im, path)
	if r.RowsRead != 3 || r.RowsImported != 2 || len(r.Notes) != 3 {
		t.Errorf("ImportFile = %+v, want 3 rows, 2 imported, and 3 notes (IP address, LimeSurvey's columns, the unfinished response)", r)
	}
	if got, want := r.Notes[2].String(), "feuille « Fresque du climat - bilan » : 1 réponse sans date de soumission (commencée mais non envoyée), non importée : ligne 4"; got != want {
		t.Errorf("note = %q, want %q", got, want)
	}
	if got, want := r.Notes[1].String(), "feuille « Fresque du climat - bilan », ligne 1 : colonnes ajoutées par LimeSurvey, non importées : ID de la réponse, Date de soumission, Dernière page, Langue de départ, Tête de série"; got != want {
		t.Errorf("note = %q, want %q", got, want)
	}
	got := dump(t, im.Store.DB, "select s.titre, a.wave, a.respondent, a.question_id, a.value from survey_answers a join surveys s using (source_file) order by a.question_id, a.answer")
	want := [][]string{
		{"Fresque 2025", "post", hmacHex("fdc-02"), "satisfaction", "4"},
		{"Fresque 2025", "post", hmacHex("fdc-01"), "satisfaction", "5"},
		{"Fresque 2025", "post", hmacHex("fdc-01"), "veut_metier", "1"},
		{"Fresque 2025", "post", hmacHex("fdc-02"), "veut_metier", "0"},
	}
	if d := gocmp.Diff(want, got); d != "" {
		t.Errorf("survey_answers (-want +got):\n%s", d)
	}
}

func TestImportFile_ExportProblems(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	f := formsFormat()
	f.Action = "Engagement tour lycee"
	im.SurveyFormats = []pipeline.SurveyFormat{f}
	mustImport(t, im, writeCatalogue(t, data))
	dir := filepath.Join(data, "2025", "questionnaires")

	// A file that the pattern names but that Google Forms did not write,
	// with neither the timestamp nor the code column.
	notForms := filepath.Join(dir, "engagement-avant.xlsx")
	xlsxtest.Write(t, notForms, xlsxtest.Sheet{Name: "Feuil1", Rows: [][]any{{"code", formsInterest}, {"A1", 3}}})
	// An answer no label names, an empty and a repeated code.
	bad := filepath.Join(dir, "engagement-apres.xlsx")
	googleForms(t, bad, []any{"Timestamp", formsCode, formsInterest, formsStage},
		[]any{"ZO12", 6, "D'accord"},
		[]any{"", 4, "Tout à fait d'accord"},
		[]any{"zo 12", 4, "Tout à fait d'accord"},
	)
	for path, want := range map[string][]string{
		notForms: {
			"feuille « Feuil1 » : « Engagement tour lycee » trouvé, attendu une action du catalogue 2025 dans survey_formats « engagement-forms » (clé action) de la configuration ; vouliez-vous dire « Engagement tour - Lycée » ?",
			"feuille « Feuil1 », ligne 1 : attendu un export Google Forms (survey_formats « engagement-forms ») : une colonne « Horodateur »",
			"feuille « Feuil1 », ligne 1 : attendu une colonne « Ton code (2 lettres du prénom + jour de naissance) » (code du répondant, clé code_column de survey_formats « engagement-forms »)",
		},
		bad: {
			"feuille « Réponses au formulaire 1 » : « Engagement tour lycee » trouvé, attendu une action du catalogue 2025 dans survey_formats « engagement-forms » (clé action) de la configuration ; vouliez-vous dire « Engagement tour - Lycée » ?",
			"feuille « Réponses au formulaire 1 », cellule C2 (interet_sciences_energie) : « 6 » trouvé, attendu une réponse de 1 à 5 (échelle de Likert) ou un libellé de survey_formats « engagement-forms » : « Pas du tout d'accord », « Plutôt pas d'accord », « Ni d'accord ni pas d'accord », « Plutôt d'accord », « Tout à fait d'accord »",
			"feuille « Réponses au formulaire 1 », cellule D2 (renforce_orientation) : « D'accord » trouvé, attendu une réponse de 1 à 5 (échelle de Likert) ou un libellé de survey_formats « engagement-forms » : « Pas du tout d'accord », « Plutôt pas d'accord », « Ni d'accord ni pas d'accord », « Plutôt d'accord », « Tout à fait d'accord »",
			"feuille « Réponses au formulaire 1 », cellule B3 : cellule vide, attendu le code pseudonyme du répondant",
			"feuille « Réponses au formulaire 1 », cellule B4 : « zo 12 » trouvé, attendu un code unique dans le fichier : déjà ligne 2",
		},
	} {
		got, _ := refused(t, im, path)
		if d := gocmp.Diff(want, got); d != "" {
			t.Errorf("ImportFile(%s) problems (-want +got):\n%s", filepath.Base(path), d)
		}
	}
	if n := dump(t, im.Store.DB, "select count(*) from survey_answers"); n[0][0] != "0" {
		t.Errorf("refused exports wrote %s answers", n[0][0])
	}
}

// TestImportFile_ExportQuestionNotFound refuses an export whose header of a
// configured question differs by a punctuation mark, naming the question and
// the closest header.
func TestImportFile_ExportQuestionNotFound(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	im.SurveyFormats = []pipeline.SurveyFormat{formsFormat()}
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "questionnaires", "engagement-apres.xlsx")
	googleForms(t, path, []any{"Horodateur", formsCode, "Quel est ton intérêt pour les métiers de l'énergie ?!", formsStage, "Recommanderais-tu le stage ?"},
		[]any{"ZO12", 4, "Tout à fait d'accord", "oui"})
	want := path + ` : 1 problème, ce fichier serait refusé à l'import (1 ligne lue)
  feuille « Réponses au formulaire 1 », cellule C1 : « Quel est ton intérêt pour les métiers de l'énergie ?! » trouvé, attendu l'en-tête de la question « Quel est ton intérêt pour les métiers de l'énergie ? » (interet_sciences_energie) de survey_formats « engagement-forms », introuvable dans la ligne d'en-tête, dont cet en-tête est le plus proche ; rendez le texte de la question (clé text de config.yaml) identique à l'en-tête`
	if got := checked(t, im, path); got != want {
		t.Errorf("Check:\n%s\nwant:\n%s", got, want)
	}
}

// TestImportFile_LimeSurveyAllResponses imports an "all responses" export:
// unfinished responses (no submission date) are left out with one note, and
// a code that submitted twice keeps its latest response by date, whichever
// row it is on, with a note naming both rows.
func TestImportFile_LimeSurveyAllResponses(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	im.SurveyFormats = []pipeline.SurveyFormat{{
		Name: "forum-lime", Tool: pipeline.ToolLimeSurvey,
		Files: []pipeline.SurveyFile{{Pattern: "results-*.xlsx", Wave: "post"}},
		Titre: "Forum 2025", Action: "Fresque du climat", CodeColumn: "Code d'accès",
		Questions: []pipeline.SurveyQuestion{{Text: "Q01", ID: "satisfaction", Type: "likert5"}},
	}}
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "questionnaires", "results-all.xlsx")
	xlsxtest.WriteForeign(t, path, false, xlsxtest.Sheet{Name: "Forum", Rows: [][]any{
		{"ID de la réponse", "Date de soumission", "Dernière page", "Langue de départ", "Tête de série", "Code d'accès", "Q01"},
		{1, "2025-03-14 10:02:11", 2, "fr", "1", "FDC-01", 2},
		{2, "2025-03-14 10:05:00", 2, "fr", "2", "FDC-02", 5},
		{3, "", 1, "fr", "3", "FDC-03", 3},
		{4, "2025-03-14 11:30:00", 2, "fr", "4", "Fdc-01", 4},
		{5, "2025-03-14 09:00:00", 2, "fr", "5", "FDC-02", 1},
		{6, "", 1, "fr", "6", "FDC-04", nil},
	}})
	r := mustImport(t, im, path)
	if r.RowsRead != 6 || r.RowsImported != 2 || r.RowsRejected != 4 {
		t.Errorf("ImportFile = %+v, want 6 rows read, 2 imported", r)
	}
	wantNotes := []string{
		"feuille « Forum », ligne 1 : colonnes ajoutées par LimeSurvey, non importées : ID de la réponse, Date de soumission, Dernière page, Langue de départ, Tête de série",
		"feuille « Forum », cellule F2 : code « FDC-01 » ayant répondu deux fois (lignes 2 et 5) : seule la réponse la plus récente, ligne 5, est importée",
		"feuille « Forum », cellule F6 : code « FDC-02 » ayant répondu deux fois (lignes 3 et 6) : seule la réponse la plus récente, ligne 3, est importée",
		"feuille « Forum » : 2 réponses sans date de soumission (commencées mais non envoyées), non importées : lignes 4, 7",
	}
	if d := gocmp.Diff(wantNotes, texts(r.Notes)); d != "" {
		t.Errorf("notes (-want +got):\n%s", d)
	}
	got := dump(t, im.Store.DB, "select respondent, value from survey_answers order by value")
	if d := gocmp.Diff([][]string{{hmacHex("fdc-01"), "4"}, {hmacHex("fdc-02"), "5"}}, got); d != "" {
		t.Errorf("survey_answers (-want +got):\n%s", d)
	}
}
