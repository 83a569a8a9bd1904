package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cmq-greencity/greencity/export"
	"github.com/cmq-greencity/greencity/internal/xlsxtest"
)

// disclosureConfig publishes from 12 respondents, not the default 10, and
// follows the share of the atelier's pupils confirmed in their orientation.
const disclosureConfig = `min_cell_size: 12
years: [2024, 2025]
targets:
  - indicator: orientation_confirmed_rate
    label: Confirmer l'orientation des élèves de l'atelier
    survey: Atelier
    baseline: {year: 2024}
    target: {year: 2030, value: 0.9}
`

// writeDisclosureData writes two years of one campus:
//   - 2024: the atelier's survey, 14 respondents after: shown;
//   - 2025: the atelier's survey, 11 respondents after: fewer than 12;
//     a forum's survey of 12 pupils before and after, where all 12 give the
//     same satisfaction (4), all but one recommend it fully (11 times 5, one
//     2), all 12 knew nothing of the trades before (1), and their interest
//     is spread out; and attendance where every collégien is a girl.
func writeDisclosureData(t *testing.T) string {
	data := t.TempDir()
	for _, y := range []string{"2024", "2025"} {
		xlsxtest.Write(t, filepath.Join(data, y, "actions.xlsx"), xlsxtest.Sheet{Name: "actions", Rows: [][]any{
			{"action", "axe", "type"}, {"Atelier énergie", "compétences", "atelier"}}})
	}
	atelier := func(year string, n int) {
		post := [][]any{{"code", "renforce_orientation"}}
		for i := range n {
			post = append(post, []any{fmt.Sprintf("A%d", i+1), 2 + i%4}) // 2, 3, 4, 5, 2...
		}
		xlsxtest.Write(t, filepath.Join(data, year, "questionnaires", "atelier.xlsx"),
			xlsxtest.Sheet{Name: "enquete", Rows: [][]any{{"action", "Atelier énergie"}, {"population", 20}, {"titre", "Atelier " + year}}},
			xlsxtest.Sheet{Name: "questions", Rows: [][]any{{"id", "libelle", "type"}, {"renforce_orientation", "L'atelier a conforté mon choix", "likert5"}}},
			xlsxtest.Sheet{Name: "post", Rows: post},
		)
	}
	atelier("2024", 14)
	atelier("2025", 11)

	interestPre := []int{2, 2, 3, 3, 3, 4, 4, 4, 5, 2, 3, 4}  // 5 of 12 agree
	interestPost := []int{3, 4, 4, 4, 5, 5, 3, 4, 5, 4, 2, 5} // 9 of 12 agree
	tradesPost := []int{2, 3, 4, 4, 5, 3, 4, 2, 3, 4, 5, 4}   // 7 of 12 agree
	pre := [][]any{{"code", "interet_sciences_energie", "connait_metiers"}}
	post := [][]any{{"code", "interet_sciences_energie", "connait_metiers", "satisfaction", "recommande"}}
	for i := range 12 {
		code := fmt.Sprintf("F%d", i+1)
		recommend := 5
		if i == 11 {
			recommend = 2
		}
		pre = append(pre, []any{code, interestPre[i], 1})
		post = append(post, []any{code, interestPost[i], tradesPost[i], 4, recommend})
	}
	xlsxtest.Write(t, filepath.Join(data, "2025", "questionnaires", "forum.xlsx"),
		xlsxtest.Sheet{Name: "enquete", Rows: [][]any{{"action", "Atelier énergie"}, {"population", 15}, {"titre", "Forum 2025"}}},
		xlsxtest.Sheet{Name: "questions", Rows: [][]any{{"id", "libelle", "type"},
			{"interet_sciences_energie", "Les métiers de l'énergie m'intéressent", "likert5"},
			{"connait_metiers", "Je connais les métiers de l'énergie", "likert5"},
			{"satisfaction", "J'ai aimé le forum", "likert5"},
			{"recommande", "Je recommande le forum", "likert5"}}},
		xlsxtest.Sheet{Name: "pre", Rows: pre},
		xlsxtest.Sheet{Name: "post", Rows: post},
	)
	xlsxtest.Write(t, filepath.Join(data, "2025", "participations", "ateliers.xlsx"), xlsxtest.Sheet{Name: "Feuil1", Rows: [][]any{
		{"action", "date", "etablissement", "type_etablissement", "public", "participants", "dont_filles"},
		{"Atelier énergie", xlsxtest.Serial(2025, 3, 12), "Collège Bachelard", "collège", "collégiens", 20, 20},
		{"Atelier énergie", xlsxtest.Serial(2025, 4, 2), "Lycée Eiffel", "lycée", "lycéens", 30, 12},
		{"Atelier énergie", xlsxtest.Serial(2025, 5, 20), "IUT Dijon", "supérieur", "étudiants", 40, 15},
	}})
	return data
}

// newDisclosureRun writes the data and disclosureConfig and runs greencity
// on them.
func newDisclosureRun(t *testing.T) *shippedConfig {
	dir := t.TempDir()
	config := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(config, []byte(disclosureConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	s := &shippedConfig{t: t, config: config, env: map[string]string{
		"GREENCITY_DATA_DIR":   writeDisclosureData(t),
		"GREENCITY_DATABASE":   filepath.Join(dir, "test.duckdb"),
		"GREENCITY_REPORT_DIR": filepath.Join(dir, "report"),
	}}
	s.mustRun("run")
	return s
}

// rowKey names a row of --format json by its id and breakdown.
func rowKey(id string, breakdown map[string]string) string {
	b, _ := json.Marshal(breakdown) // keys sorted
	return id + " " + string(b)
}

// TestIndicators_GroupDisclosure: with 12 respondents and more, a share or
// a distribution where all, or all but one, are in one category is withheld
// as "non publié" with what would give it back, through the real pipeline;
// spread-out answers and counts of people stay shown.
func TestIndicators_GroupDisclosure(t *testing.T) {
	s := newDisclosureRun(t)
	var doc struct {
		Indicators []jsonRow `json:"indicators"`
	}
	s.json(&doc, "indicators", "--year", "2025", "--format", "json")
	rows := map[string]jsonRow{}
	for _, r := range doc.Indicators {
		rows[rowKey(r.ID, r.Breakdown)] = r
	}
	const forum = "Forum 2025"
	question := func(q, wave string, more ...string) map[string]string {
		b := map[string]string{"survey": forum, "question": q}
		if wave != "" {
			b["vague"] = wave
		}
		for i := 0; i+1 < len(more); i += 2 {
			b[more[i]] = more[i+1]
		}
		return b
	}
	// answers are the keys of the share agreeing and of the five bars of
	// one wave of a question.
	answers := func(q, wave string) []string {
		keys := []string{rowKey("survey_likert", question(q, wave))}
		for a := 1; a <= 5; a++ {
			keys = append(keys, rowKey("survey_likert", question(q, wave, "réponse", fmt.Sprint(a))))
		}
		return keys
	}

	var withheld, shown []string
	// 100 % the same answer: the share and every bar of the distribution.
	withheld = append(withheld, answers("satisfaction", "après")...)
	// All but one the same answer.
	withheld = append(withheld, answers("recommande", "après")...)
	// All 12 answered 1 before: the wave, and the changes of the question
	// (with the answers after, they would give it back).
	withheld = append(withheld, answers("connait_metiers", "avant")...)
	withheld = append(withheld,
		rowKey("survey_change", question("connait_metiers", "")),
		rowKey("survey_change", question("connait_metiers", "", "mesure", "part d'accord")))
	// Every collégien a girl; the lycéens go with them, else the headline
	// minus the étudiants would give the collégiens back.
	withheld = append(withheld, rowKey("girls_share", map[string]string{"public": "collégiens"}),
		rowKey("girls_share", map[string]string{"public": "lycéens"}))
	for _, k := range withheld {
		r, ok := rows[k]
		switch {
		case !ok:
			t.Errorf("no row %s", k)
		case r.Value != nil || r.N != nil || r.Withheld != "non publié" || r.WithheldRule != "unanimous" || r.WithheldBelow != 0 || r.Note == "":
			t.Errorf("%s = value %v n %v withheld %q rule %q below %d note %q, want withheld as \"non publié\" (unanimous) with its reason",
				k, r.Value, r.N, r.Withheld, r.WithheldRule, r.WithheldBelow, r.Note)
		}
	}

	// Answers spread out, the other wave of a question, counts of people:
	// shown.
	shown = append(shown, answers("interet_sciences_energie", "avant")...)
	shown = append(shown, answers("interet_sciences_energie", "après")...)
	shown = append(shown, answers("connait_metiers", "après")...)
	shown = append(shown,
		rowKey("survey_change", question("interet_sciences_energie", "")),
		rowKey("interest_uplift", map[string]string{"survey": forum}),
		rowKey("girls_share", map[string]string{}), rowKey("girls_share", map[string]string{"public": "étudiants"}),
		rowKey("participants", map[string]string{"public": "collégiens"}))
	for _, k := range shown {
		if r, ok := rows[k]; !ok || r.Value == nil || r.Withheld != "" {
			t.Errorf("%s = %+v, want it shown", k, r)
		}
	}
	if r := rows[rowKey("survey_likert", question("connait_metiers", "après"))]; r.Value == nil || *r.Value != 7.0/12 {
		t.Errorf("connait_metiers après = %+v, want 7/12 agreeing", r)
	}
	if r := rows[rowKey("girls_share", map[string]string{"public": "étudiants"})]; r.Value == nil || *r.Value != 15.0/40 {
		t.Errorf("girls_share étudiants = %+v, want 15/40", r)
	}

	// The report says "non publié" where the figures would be, and why.
	page, err := os.ReadFile(s.report(2025, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Collégiens : non publié (toutes les personnes comptées, ou toutes sauf une, sont dans le même cas",
		`<p class="value">non publié</p>`,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report/2025/index.html lacks %q", want)
		}
	}
}

// TestReport_WithheldShownAlike: with a threshold of 12, not the default,
// a withheld figure reads "< 12" in the report (card, years table, target),
// the workbook, the csv, the json and the terminal; the target names the
// year it lacks and why; no reader-facing text names min_cell_size.
func TestReport_WithheldShownAlike(t *testing.T) {
	s := newDisclosureRun(t)
	const lt12 = "<\u00a012"
	page, err := os.ReadFile(s.report(2025, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	for _, want := range []string{
		// The card of the atelier's share of 11 respondents.
		`<p class="value">&lt;` + "\u00a0" + `12</p>`,
		// The years table: 2025 withheld, not "—" (no value).
		`<td class="num missing" data-year="2025" title="non publié en 2025 : moins de 12 répondants">&lt;` + "\u00a0" + `12</td>`,
		"« &lt;\u00a012 » : chiffre calculé mais non publié (moins de 12 répondants)",
		// The target: no value in 2025, and why.
		"Pas de données pour juger : valeur 2025 non publiée (moins de 12 répondants).",
		// The footer quotes the threshold in force.
		"sur moins de 12 répondants (seuil de publication), il n'est pas publié, pour que chacun reste anonyme : « &lt;&nbsp;12 »",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("report/2025/index.html lacks %q", want)
		}
	}
	// The annex's part "Version et configuration" is for an auditor who
	// compares the settings with config.yaml: it names them by their keys.
	readers := html[:strings.Index(html, `id="annexe-version"`)] + html[strings.Index(html, "<footer>"):]
	for _, never := range []string{"min_cell_size", "&lt;\u00a010", "&lt; 10", "seuil de 10"} {
		if strings.Contains(readers, never) {
			t.Errorf("report/2025/index.html contains %q", never)
		}
	}

	// The workbook: the figure and its year in the years sheet read "< 12".
	x, err := excelize.OpenFile(s.report(2025, export.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	found := map[string]bool{}
	for _, sheet := range x.GetSheetList() {
		rows, err := x.GetRows(sheet)
		if err != nil {
			t.Fatalf("read %s: %v", sheet, err)
		}
		for _, row := range rows {
			for _, c := range row {
				if strings.Contains(c, "<\u00a010") || (strings.Contains(c, "min_cell_size") && !(sheet == export.SheetMethods && row[0] == "Configuration")) {
					t.Errorf("workbook sheet %s: cell %q names the configuration key or the default threshold", sheet, c)
				}
				if c == lt12 {
					found[sheet] = true
				}
			}
		}
	}
	for _, sheet := range []string{export.SheetYears, "Enquêtes"} {
		if !found[sheet] {
			t.Errorf("workbook sheet %s has no cell %q", sheet, lt12)
		}
	}

	// csv: no value, and what stands for it with the rule and the threshold.
	csv := s.mustRun("indicators", "--year", "2025", "--format", "csv")
	if !strings.Contains(csv, "2025,orientation_confirmed_rate,Atelier 2025,,,,,,,part,") || !strings.HasPrefix(csv, "year,id,") ||
		!strings.Contains(csv, ",withheld,withheld_rule,withheld_below\n") {
		t.Errorf("csv does not leave the value of the 11 respondents empty, or lacks the withheld columns:\n%s", csv)
	}
	for line := range strings.Lines(csv) {
		if strings.HasPrefix(line, "2025,orientation_confirmed_rate,Atelier 2025,") && !strings.HasSuffix(line, ",< 12,small_cell,12\n") {
			t.Errorf("csv line %q does not end with < 12,small_cell,12", line)
		}
	}
	var doc struct {
		Indicators []jsonRow `json:"indicators"`
	}
	s.json(&doc, "indicators", "--year", "2025", "--format", "json")
	for _, r := range doc.Indicators {
		if r.ID == "orientation_confirmed_rate" && r.Breakdown["survey"] == "Atelier 2025" &&
			(r.Value != nil || r.Withheld != "< 12" || r.WithheldRule != "small_cell" || r.WithheldBelow != 12 ||
				r.Note != "moins de 12 répondants : chiffre non publié pour qu'on ne puisse pas reconnaître les réponses de quelques personnes (seuil de publication : 12 répondants)") {
			t.Errorf("json orientation_confirmed_rate of 11 = %+v, want withheld < 12 (small_cell, 12) with its reason", r)
		}
	}

	// The terminal: every year side by side, and the targets.
	all := s.mustRun("indicators", "--year", "all")
	var line string
	for l := range strings.Lines(all) {
		if strings.HasPrefix(l, "orientation_confirmed_rate") {
			line = l
		}
	}
	if !strings.Contains(line, "< 12") || !strings.Contains(all, "« < 12 » : chiffre calculé mais non publié (moins de 12 répondants)") {
		t.Errorf("indicators --year all does not show the 2025 share as < 12 with its legend:\n%s", all)
	}
	// --year all as json and csv lists the withheld figure, without its
	// value, rather than leaving it out as if never computed.
	var years struct {
		Indicators []yearRow `json:"indicators"`
	}
	s.json(&years, "indicators", "--year", "all", "--format", "json")
	listed := false
	for _, r := range years.Indicators {
		if r.Year == 2025 && r.ID == "orientation_confirmed_rate" && r.Breakdown["survey"] == "Atelier 2025" {
			listed = true
			if r.Value != nil || r.N != nil || r.CILow != nil || r.Withheld != "< 12" || r.WithheldBelow != 12 || r.Change != nil {
				t.Errorf("indicators --year all --format json: withheld 2025 share = %+v, want < 12 without value, n, interval or change", r)
			}
		}
	}
	if !listed {
		t.Error("indicators --year all --format json leaves out the withheld 2025 share")
	}
	allCSV := s.mustRun("indicators", "--year", "all", "--format", "csv")
	listed = false
	for line := range strings.Lines(allCSV) {
		if strings.HasPrefix(line, "2025,orientation_confirmed_rate,Atelier 2025,,,,,") {
			listed = strings.HasSuffix(line, ",< 12,small_cell,12\n")
		}
	}
	if !listed || !strings.HasPrefix(allCSV, "year,id,") || !strings.Contains(allCSV, ",withheld,withheld_rule,withheld_below\n") {
		t.Errorf("indicators --year all --format csv does not list the withheld 2025 share with < 12,small_cell,12 and no value:\n%s", allCSV)
	}
	if tg := s.mustRun("targets", "--year", "2025"); !strings.Contains(tg, "pas de données pour juger : valeur 2025 non publiée (moins de 12 répondants)") {
		t.Errorf("targets does not say 2025 is withheld and why:\n%s", tg)
	}
}
