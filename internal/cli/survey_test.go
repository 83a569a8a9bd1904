package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
)

// surveyRow is one row of indicators --format json, with the fields of
// questionnaire figures.
type surveyRow struct {
	ID        string            `json:"id"`
	Breakdown map[string]string `json:"breakdown"`
	Value     *float64          `json:"value"`
	N         *int64            `json:"n"`
	CILow     *float64          `json:"ci_low"`
	CIHigh    *float64          `json:"ci_high"`
	Unit      string            `json:"unit"`
	Pairs     *int64            `json:"pairs"`
	PreOnly   *int64            `json:"pre_only"`
	PostOnly  *int64            `json:"post_only"`
	Test      string            `json:"test"`
	PValue    *float64          `json:"p_value"`
	PAdjusted *float64          `json:"p_adjusted"`
	Withheld  string            `json:"withheld"`
	Note      string            `json:"note"`
}

// surveyRows runs indicators --format json and returns its rows.
func surveyRows(t *testing.T, run func(args ...string) string, year string) []surveyRow {
	t.Helper()
	out := run("indicators", "--year", year, "--format", "json")
	var doc struct {
		Indicators []surveyRow `json:"indicators"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("indicators --format json: %v\n%s", err, out)
	}
	return doc.Indicators
}

// findRow returns the row of id with exactly this breakdown.
func findRow(t *testing.T, rows []surveyRow, id string, breakdown map[string]string) surveyRow {
	t.Helper()
	for _, r := range rows {
		if r.ID == id && fmt.Sprint(r.Breakdown) == fmt.Sprint(breakdown) {
			return r
		}
	}
	t.Fatalf("indicators: no row %s %v", id, breakdown)
	return surveyRow{}
}

func near(p *float64, want float64) bool { return p != nil && math.Abs(*p-want) < 1e-12 }
func is(p *int64, want int64) bool       { return p != nil && *p == want }

// TestRun_Demo2025Survey checks the shipped 2025 survey (19 pupils before,
// 18 after, 17 both) in the JSON export and in the report: 83 % with its
// interval and n, the change of interest with its paired test, and the match
// rate. Expected values: package stats' tests, from reference
// implementations.
func TestRun_Demo2025Survey(t *testing.T) {
	data, err := filepath.Abs("../../data")
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, data, "2025")
	h.mustRun("run")
	rows := surveyRows(t, h.mustRun, "2025")
	s := map[string]string{"survey": "Engagement tour lycée 2025"}

	o := findRow(t, rows, "orientation_confirmed_rate", s)
	if !near(o.Value, 15.0/18) || !is(o.N, 18) || !near(o.CILow, 0.60777961896084269) || !near(o.CIHigh, 0.94163423194138553) ||
		o.Note != "petit échantillon (18 répondants, moins de 30) : à lire avec prudence ; intervalle de confiance large (33 points) : estimation peu précise" {
		t.Errorf("orientation_confirmed_rate = %+v, want 15/18, n 18, Wilson 0.6078-0.9416 and its notes", o)
	}
	i := findRow(t, rows, "interest_uplift", s)
	if !near(i.Value, 1.0/3) || !is(i.N, 17) || !is(i.Pairs, 17) || !is(i.PreOnly, 2) || !is(i.PostOnly, 1) ||
		i.Test != "wilcoxon" || !near(i.PValue, 3.0/4096) || i.Unit != "évolution" {
		t.Errorf("interest_uplift = %+v, want +1/3 over 17 pairs (2 before only, 1 after only), wilcoxon p = 3/4096", i)
	}
	pts := findRow(t, rows, "interest_uplift", map[string]string{"survey": s["survey"], "mesure": "écart en points"})
	if !near(pts.Value, 1) || !near(pts.CILow, 0.59352671395632223) || !near(pts.CIHigh, 1.4064732860436778) || pts.Unit != "points sur 5" {
		t.Errorf("interest_uplift in points = %+v, want +1.0 point (0.59-1.41)", pts)
	}
	// The headline of the change: agreeing (4 or 5) from 4 to 13 of the
	// 17 pairs (+9/17), exact McNemar on 1 change one way and 10 the other
	// (2 * 12/2048); Holm over the survey's four tests (pipeline's
	// TestCompute_EngagementTour) leaves it at 24/2048 and raises the
	// Wilcoxon of interest to 9/4096.
	agree := findRow(t, rows, "survey_change", map[string]string{"survey": s["survey"], "question": "interet_sciences_energie", "mesure": "part d'accord"})
	if !near(agree.Value, 9.0/17) || !is(agree.Pairs, 17) || agree.Test != "mcnemar" || !near(agree.PValue, 24.0/2048) ||
		!near(agree.PAdjusted, 24.0/2048) || agree.Unit != "écart de part" {
		t.Errorf("survey_change agreeing = %+v, want +9/17, mcnemar p = 24/2048 (adjusted the same)", agree)
	}
	if !near(i.PAdjusted, 9.0/4096) {
		t.Errorf("interest_uplift p_adjusted = %v, want 9/4096", i.PAdjusted)
	}
	m := findRow(t, rows, "survey_pairing", s)
	if !near(m.Value, 0.85) || !is(m.N, 20) || !is(m.Pairs, 17) || !is(m.PreOnly, 2) || !is(m.PostOnly, 1) {
		t.Errorf("survey_pairing = %+v, want 17 pairs of 20 respondents", m)
	}
	// With 17 pairs and 18 respondents, nothing is withheld at 10 by the
	// small-cell rule. The group disclosure rule withholds what all 17
	// answered before to connait_metiers (1, 2 or 3: none agreed) and the
	// change of the share agreeing, which with the share after would give
	// it back. Outside the survey, the share of girls of Smart City et
	// Métiers de la Construction au Féminin (33 girls of 33), and the
	// smallest share of another action, which with the year's would give
	// it back (the action sheets); nothing else.
	unanimous := map[string]bool{}
	var actions []string
	for _, r := range rows {
		switch {
		case r.Withheld == "non publié" && r.ID == "girls_share" && r.Breakdown["action"] != "":
			actions = append(actions, r.Breakdown["action"])
		case r.Withheld == "non publié" && r.Breakdown["question"] == "connait_metiers" &&
			(r.ID == "survey_likert" && r.Breakdown["vague"] == "avant" || r.ID == "survey_change" && r.Breakdown["mesure"] == "part d'accord"):
			unanimous[r.ID+" "+r.Breakdown["réponse"]] = true
		case r.Withheld != "":
			t.Errorf("%s %v is withheld (%s)", r.ID, r.Breakdown, r.Withheld)
		}
	}
	if len(unanimous) != 7 {
		t.Errorf("withheld as non publié: %v, want connait_metiers before (its share and 5 answers) and its change of share", unanimous)
	}
	slices.Sort(actions)
	if want := []string{"Engagement tour - Collège", "Smart City et Métiers de la Construction au Féminin"}; !slices.Equal(actions, want) {
		t.Errorf("shares of girls by action withheld as non publié: %q, want %q", actions, want)
	}

	page, err := os.ReadFile(filepath.Join(h.env["GREENCITY_REPORT_DIR"], "2025", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"15 des 18 répondants disent que l&#39;action a conforté leur choix d&#39;orientation : 83\u202f%, probablement entre 61\u202f% et 94\u202f%",
		// The change of interest: the share agreeing on the same pairs,
		// then the points, in words; the tests are in "Méthodes".
		"24\u202f% → 76\u202f%",
		"Parmi les 17 mêmes personnes, 4 se disaient intéressées avant l&#39;action (24\u202f%, probablement entre 10\u202f% et 47\u202f%) et 13 après (76\u202f%, probablement entre 53\u202f% et 90\u202f%). " +
			"La part des répondants intéressés augmente de 53 points. " +
			"En moyenne, l&#39;intérêt augmente de 1,0 point sur 5, probablement entre &#43;0,6 et &#43;1,4.",
		"17 des 20 répondants ont rempli le questionnaire avant et après l&#39;action : 19 ont répondu avant, 18 après ; 2 seulement avant, 1 seulement après",
		"Quel est ton intérêt pour les études scientifiques et les métiers de l&#39;énergie ? (1 = aucun, 5 = très fort)",
		// One caution for the survey.
		"À lire avec prudence : cette enquête repose sur peu de répondants (17 à 18 selon la question)",
		// "Méthodes": each p with its Holm adjustment (the survey tests two
		// questions), McNemar then Wilcoxon for interest.
		"<td data-label=\"Ce qui est comparé\">part d&#39;accord (4 ou 5 sur 5)</td><td class=\"num\" data-label=\"Écart (après − avant)\">&#43;53 points</td><td class=\"num\" data-label=\"Intervalle à 95 %\"></td><td data-label=\"Test\">test exact de McNemar</td>" +
			"<td class=\"num\">p =\u00a00,012</td><td class=\"num\" data-label=\"ajusté (Holm)\">p =\u00a00,012</td>",
		"<td data-label=\"Ce qui est comparé\">note moyenne (sur 5)</td><td class=\"num\" data-label=\"Écart (après − avant)\">&#43;1,0 sur 5</td><td class=\"num\" data-label=\"Intervalle à 95 %\">&#43;0,6 à &#43;1,4</td><td data-label=\"Test\">test des rangs signés de Wilcoxon</td>" +
			"<td class=\"num\">p &lt;\u00a00,001</td><td class=\"num\" data-label=\"ajusté (Holm)\">p =\u00a00,002</td>",
	} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("report/2025/index.html lacks %q", want)
		}
	}
}

// writeSmallSurvey writes a data folder whose one questionnaire has 9
// respondents after the action.
func writeSmallSurvey(t *testing.T) string {
	data := t.TempDir()
	xlsxtest.Write(t, filepath.Join(data, "2025", "actions.xlsx"), xlsxtest.Sheet{Name: "actions", Rows: [][]any{
		{"action", "axe", "type"}, {"Atelier énergie", "compétences", "atelier"}}})
	post := [][]any{{"code", "renforce_orientation"}}
	for i := range 9 {
		post = append(post, []any{fmt.Sprintf("A%d", i+1), 3 + i%3}) // 3, 4, 5, ...: 6 of 9 agree
	}
	xlsxtest.Write(t, filepath.Join(data, "2025", "questionnaires", "atelier.xlsx"),
		xlsxtest.Sheet{Name: "enquete", Rows: [][]any{{"action", "Atelier énergie"}, {"population", 12}, {"titre", "Atelier 2025"}}},
		xlsxtest.Sheet{Name: "questions", Rows: [][]any{{"id", "libelle", "type"}, {"renforce_orientation", "L'atelier a conforté mon choix", "likert5"}}},
		xlsxtest.Sheet{Name: "post", Rows: post},
	)
	return data
}

// TestIndicators_SmallCells: a survey of 9 respondents is withheld at the
// default min_cell_size of 10, in every format and in the report, and shown
// when GREENCITY_MIN_CELL_SIZE lowers the threshold to 9.
func TestIndicators_SmallCells(t *testing.T) {
	h := newHarness(t, writeSmallSurvey(t), "2025")
	h.mustRun("run")
	const reason = "moins de 10 répondants : chiffre non publié pour qu'on ne puisse pas reconnaître les réponses de quelques personnes (seuil de publication : 10 répondants)"
	s := map[string]string{"survey": "Atelier 2025"}

	o := findRow(t, surveyRows(t, h.mustRun, "2025"), "orientation_confirmed_rate", s)
	if o.Value != nil || o.N != nil || o.CILow != nil || o.Withheld != "< 10" || o.Note != reason {
		t.Errorf("orientation_confirmed_rate of 9 = %+v, want withheld: no value, no n, \"< 10\" and why", o)
	}
	csv := h.mustRun("indicators", "--year", "2025", "--format", "csv")
	if want := "2025,orientation_confirmed_rate,Atelier 2025,,,,,,,part,,,,,,,,," + reason + ",,< 10,small_cell,10\n"; !strings.Contains(csv, want) {
		t.Errorf("csv lacks %q:\n%s", want, csv)
	}
	table := h.mustRun("indicators", "--year", "2025")
	line := ""
	for l := range strings.Lines(table) {
		if strings.HasPrefix(l, "orientation_confirmed_rate") {
			line = l
		}
	}
	if strings.Count(line, "< 10") != 2 || !strings.Contains(line, "Atelier 2025") || strings.Contains(table, "66,7") {
		t.Errorf("table does not withhold the share of 9:\n%s", table)
	}
	page, err := os.ReadFile(filepath.Join(h.env["GREENCITY_REPORT_DIR"], "2025", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte(`<p class="value">&lt;`+"\u00a0"+`10</p>`)) || bytes.Contains(page, []byte("67\u202f%")) {
		t.Error("report does not show the share of 9 respondents as < 10, or shows its value")
	}
	// The response rate counts who answered, not what: shown.
	if r := findRow(t, surveyRows(t, h.mustRun, "2025"), "response_rate", map[string]string{"survey": "Atelier 2025", "vague": "post"}); !near(r.Value, 0.75) {
		t.Errorf("response_rate = %+v, want 9/12 shown", r)
	}

	// At 9, the same share is shown.
	h.env["GREENCITY_MIN_CELL_SIZE"] = "9"
	o = findRow(t, surveyRows(t, h.mustRun, "2025"), "orientation_confirmed_rate", s)
	if !near(o.Value, 6.0/9) || !is(o.N, 9) || o.Withheld != "" || o.CILow == nil {
		t.Errorf("orientation_confirmed_rate at min_cell_size 9 = %+v, want 6/9 over 9 with its interval", o)
	}
	h.env["GREENCITY_MIN_CELL_SIZE"] = "0"
	if _, errs, code := h.run("indicators", "--year", "2025"); code != 1 || !strings.Contains(errs, "configuration min_cell_size = 0 : attendu un nombre entier ≥ 1 de répondants (10 par défaut)") {
		t.Errorf("min_cell_size 0: exit %d, stderr %q; want a configuration error", code, errs)
	}
}

// surveyConfig is a config.yaml mapping a Google Forms survey (two exports)
// and a LimeSurvey survey (one export) onto the questionnaire contract.
const surveyConfig = `
survey_formats:
  - name: forum-forms
    tool: google_forms
    titre: Forum des métiers 2025
    action: Forum des métiers
    population: 30
    files:
      - {pattern: "forum-avant*.xlsx", wave: pre}
      - {pattern: "forum-apres*.xlsx", wave: post}
    code_column: "Ton code (initiales + jour de naissance)"
    questions:
      - {text: "Les métiers de l'énergie m'intéressent.", id: interet_sciences_energie, type: likert5}
      - {text: "Le forum m'a aidé à choisir mon orientation.", id: renforce_orientation, type: likert5}
    answers:
      - {label: "Pas du tout d'accord", value: 1}
      - {label: "Plutôt pas d'accord", value: 2}
      - {label: "Ni d'accord ni pas d'accord", value: 3}
      - {label: "Plutôt d'accord", value: 4}
      - {label: "Tout à fait d'accord", value: 5}
  - name: visite-lime
    tool: limesurvey
    titre: Visite de chantier 2025
    action: Visite de chantier
    files:
      - {pattern: "results-survey*.xlsx", wave: post}
    code_column: "Code d'accès"
    questions:
      - {text: "Q1", id: satisfaction, type: likert5}
      - {text: "Q2", id: veut_metier, type: oui_non}
    answers:
      - {label: "Très satisfait", value: 5}
      - {label: "Satisfait", value: 4}
      - {label: "Peu satisfait", value: 2}
`

// TestRun_SurveyExports imports a Google Forms survey (before and after)
// and a LimeSurvey export through config.yaml alone, and finds their
// figures.
func TestRun_SurveyExports(t *testing.T) {
	data := t.TempDir()
	dir := filepath.Join(data, "2025")
	xlsxtest.Write(t, filepath.Join(dir, "actions.xlsx"), xlsxtest.Sheet{Name: "actions", Rows: [][]any{
		{"action", "axe", "type"}, {"Forum des métiers", "attractivité", "forum"}, {"Visite de chantier", "territoires", "visite"}}})
	labels := []string{"", "Pas du tout d'accord", "Plutôt pas d'accord", "Ni d'accord ni pas d'accord", "Plutôt d'accord", "Tout à fait d'accord"}
	// 12 pupils before, 11 after, 10 in both; interest rises by one point
	// for 8 of the 10 pairs and stays for 2.
	pre := [][]any{{"Horodateur", "Adresse e-mail", "Ton code (initiales + jour de naissance)", "Les métiers de l'énergie m'intéressent."}}
	post := [][]any{{"Horodateur", "Ton code (initiales + jour de naissance)", "Les métiers de l'énergie m'intéressent.", "Le forum m'a aidé à choisir mon orientation."}}
	for i := range 12 {
		pre = append(pre, []any{xlsxtest.Date{Serial: 45730.4}, fmt.Sprintf("eleve%d@example.fr", i), fmt.Sprintf("F%02d", i), labels[2+i%2]})
	}
	for i := range 11 {
		code, before := fmt.Sprintf("f%02d", i), 2+i%2
		after := before + 1
		if i >= 8 {
			after = before
		}
		if i == 10 {
			code = "X99" // answered after only
		}
		post = append(post, []any{xlsxtest.Date{Serial: 45730.7}, code, labels[after], labels[4+i%2]})
	}
	xlsxtest.Write(t, filepath.Join(dir, "questionnaires", "forum-avant.xlsx"), xlsxtest.Sheet{Name: "Réponses au formulaire 1", Rows: pre})
	xlsxtest.Write(t, filepath.Join(dir, "questionnaires", "forum-apres.xlsx"), xlsxtest.Sheet{Name: "Réponses au formulaire 1", Rows: post})
	lime := [][]any{{"ID de la réponse", "Date de soumission", "Dernière page", "Langue de départ", "Tête de série", "Code d'accès", "Q1", "Q2"}}
	for i := range 10 {
		answer, yes := []string{"Très satisfait", "Satisfait", "Peu satisfait"}[i%3], []string{"Oui", "Non"}[i%2]
		lime = append(lime, []any{i + 1, "2025-05-12 14:0" + fmt.Sprint(i), 2, "fr", fmt.Sprint(1000 + i), fmt.Sprintf("V%02d", i), answer, yes})
	}
	xlsxtest.WriteForeign(t, filepath.Join(dir, "questionnaires", "results-survey517.xlsx"), false,
		xlsxtest.Sheet{Name: "Visite de chantier", Rows: lime})

	cfg := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfg, []byte(surveyConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	env := map[string]string{"GREENCITY_DATA_DIR": data, "GREENCITY_DATABASE": filepath.Join(work, "db.duckdb"),
		"GREENCITY_REPORT_DIR": filepath.Join(work, "report"), "GREENCITY_RESPONDENT_KEY": "a key of sixteen bytes or more"}
	run := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		if code := RunEnv(context.Background(), append(args, "--config", cfg), &out, &errb, func(k string) string { return env[k] }); code != 0 {
			t.Fatalf("greencity %v: exit %d\n%s\n%s", args, code, out.String(), errb.String())
		}
		return out.String()
	}
	out := run("run")
	for _, want := range []string{"importé    2025/questionnaires/forum-avant.xlsx : 12 lignes lues, 12 importées",
		"importé    2025/questionnaires/forum-apres.xlsx : 11 lignes lues, 11 importées",
		"importé    2025/questionnaires/results-survey517.xlsx : 10 lignes lues, 10 importées"} {
		if !strings.Contains(out, want) {
			t.Errorf("run output lacks %q:\n%s", want, out)
		}
	}
	rows := surveyRows(t, run, "2025")
	forum := map[string]string{"survey": "Forum des métiers 2025"}
	if m := findRow(t, rows, "survey_pairing", forum); !near(m.Value, 10.0/13) || !is(m.Pairs, 10) || !is(m.PreOnly, 2) || !is(m.PostOnly, 1) {
		t.Errorf("survey_pairing = %+v, want 10 pairs of 13", m)
	}
	// Mean before (2+3)/2 = 2.5, +0.8 point: 8 rises of one point, 2 ties;
	// exact Wilcoxon over the 8: V = 36 of 36, p = 2/2^8.
	if i := findRow(t, rows, "interest_uplift", forum); !near(i.Value, 0.8/2.5) || i.Test != "wilcoxon" || !near(i.PValue, 2.0/256) || !is(i.N, 10) {
		t.Errorf("interest_uplift = %+v, want +32 %% over 10 pairs, wilcoxon p = 1/128", i)
	}
	// Orientation, asked after only: the 11 answer 4 or 5, which says what
	// each of them answered: not published (group disclosure rule).
	if o := findRow(t, rows, "orientation_confirmed_rate", forum); o.Value != nil || o.Withheld != "non publié" {
		t.Errorf("orientation_confirmed_rate = %+v, want 11 of 11 withheld as non publié", o)
	}
	visite := map[string]string{"survey": "Visite de chantier 2025", "question": "satisfaction", "vague": "après"}
	// 4 "Très satisfait" and 3 "Satisfait" of 10 agree.
	if s := findRow(t, rows, "survey_likert", visite); !near(s.Value, 0.7) || !is(s.N, 10) || s.CILow == nil {
		t.Errorf("satisfaction = %+v, want 7 of 10 with an interval", s)
	}
	visite["question"] = "veut_metier"
	if s := findRow(t, rows, "survey_likert", visite); !near(s.Value, 0.5) || !is(s.N, 10) {
		t.Errorf("veut_metier = %+v, want 5 of 10 oui", s)
	}
}

func TestLoadConfig_SurveyFormats(t *testing.T) {
	cfg, err := loadConfig(writeConfig(t, surveyConfig), true, flagSet(), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	f := cfg.surveyFormats()
	if len(f) != 2 || f[0].Questions[0].Text != "Les métiers de l'énergie m'intéressent." || f[0].Answers[4].Label != "Tout à fait d'accord" ||
		f[0].Answers[4].Value != 5 || f[1].Files[0].Pattern != "results-survey*.xlsx" || f[1].CodeColumn != "Code d'accès" || cfg.MinCellSize != 10 {
		t.Errorf("surveyFormats() = %+v (min_cell_size %d): question texts, labels and patterns not kept as written", f, cfg.MinCellSize)
	}
	const entry = "survey_formats:\n  - name: f\n    tool: %s\n    action: Forum\n    code_column: Code\n    files: [{pattern: %q, wave: %s}]\n    questions: [{text: Q1, id: q1, type: %s}]\n"
	tests := []struct {
		name, body, want string
	}{
		{"tool", fmt.Sprintf(entry, "typeform", "a*.xlsx", "pre", "likert5"),
			"configuration survey_formats[0].tool = typeform : attendu google_forms ou limesurvey"},
		{"wave", fmt.Sprintf(entry, "google_forms", "a*.xlsx", "avant", "likert5"),
			"configuration survey_formats[0].files[0].wave = avant : attendu pre (avant l'action) ou post (après)"},
		{"pattern", fmt.Sprintf(entry, "google_forms", "a[.xlsx", "pre", "likert5"),
			"configuration survey_formats[0].files[0].pattern = a[.xlsx : attendu un nom de fichier, avec * pour n'importe quels caractères"},
		{"type", fmt.Sprintf(entry, "limesurvey", "a*.xlsx", "post", "echelle"),
			"configuration survey_formats[0].questions[0].type = echelle : attendu un type parmi : likert5, oui_non, choix, texte, nombre"},
		{"code column", "survey_formats:\n  - {name: f, tool: google_forms, action: Forum}\n",
			"configuration survey_formats[0].code_column =  : l'en-tête de la colonne du code du répondant est obligatoire : c'est lui qui apparie avant et après"},
		{"min_cell_size", "min_cell_size: 0\n", "configuration min_cell_size = 0 : attendu un nombre entier ≥ 1 de répondants (10 par défaut)"},
	}
	for _, tt := range tests {
		_, err := loadConfig(writeConfig(t, tt.body), true, flagSet(), noEnv)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: loadConfig error = %v, want %q", tt.name, err, tt.want)
		}
	}
}
