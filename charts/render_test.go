package charts

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"html/template"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// Hostile names from the brief: one closes the <script> of the options, the
// other is go-echarts' function marker.
const (
	hostileScript = `</script><script>alert(1)</script>`
	hostileFunc   = `__f__alert(1)__f__`
)

func ptr(v float64) *float64 { return &v }

// esc is s as html/template writes it in an element.
func esc(s string) string { return template.HTMLEscapeString(s) }

// report2025 is the campus's 2025 report as the queries compute it: the
// figures of the seed report's "chiffres clés", breakdowns that add up, a
// survey. The Category and Value of each extra figure become one more
// action, taken from "Visite de chantier" so that the actions still add up.
func report2025(extra ...Figure) Report {
	const (
		defAnim = "Nombre de sessions distinctes (action, date) de l'année."
		defPart = "Somme des participants de toutes les animations de l'année."
		defEtab = "Nombre d'établissements distincts touchés dans l'année."
	)
	anim := func(dim, cat string, v float64) Figure {
		return Figure{ID: "animations", Label: "Animations", Definition: defAnim, Dimension: dim, Category: cat, Value: v, N: int64(v), Unit: "animations"}
	}
	part := func(dim, cat string, v float64) Figure {
		return Figure{ID: "participants", Label: "Participations", Definition: defPart, Dimension: dim, Category: cat, Value: v, N: int64(v), Unit: "personnes"}
	}
	etab := func(dim, cat string, v float64) Figure {
		return Figure{ID: "establishments", Label: "Établissements touchés", Definition: defEtab, Dimension: dim, Category: cat, Value: v, N: int64(v), Unit: "établissements"}
	}
	const survey = "Engagement Tour lycée 2025"
	figs := []Figure{anim("", "", 80)}
	// 80 animations over the year; none in August.
	for _, m := range []struct {
		month string
		n     float64
	}{{"2025-01", 6}, {"2025-02", 7}, {"2025-03", 9}, {"2025-04", 8}, {"2025-05", 10}, {"2025-06", 12},
		{"2025-07", 3}, {"2025-09", 5}, {"2025-10", 8}, {"2025-11", 7}, {"2025-12", 5}} {
		figs = append(figs, anim("mois", m.month, m.n))
	}
	figs = append(figs,
		part("", "", 4604),
		part("public", "collégiens", 2087), part("public", "lycéens", 1616),
		part("public", "étudiants", 508), part("public", "grand public", 290),
		part("public", "enseignants", 62), part("public", "professionnels", 41),
		part("axe", "attractivité", 2950), part("axe", "compétences", 820),
		part("axe", "territoires", 534), part("axe", "projets structurants", 300),
		part("type_etablissement", "collège", 2100), part("type_etablissement", "lycée", 1700),
		part("type_etablissement", "supérieur", 510), part("type_etablissement", "association", 294),
	)
	actions := []Figure{
		part("action", "Engagement Tour collège", 1500), part("action", "Forum des métiers", 1200),
		part("action", "Escape game énergie", 800), part("action", "Pulse idéathon", 600),
		part("action", "Stage Engagement Tour lycée", 45), part("action", "Atelier maquette", 3),
	}
	rest := 4604.0
	for _, f := range append(actions, extra...) {
		rest -= f.Value
	}
	figs = append(figs, actions...)
	for _, f := range extra {
		figs = append(figs, part("action", f.Category, f.Value))
	}
	figs = append(figs, part("action", "Visite de chantier", rest),
		etab("", "", 41),
		etab("type_etablissement", "collège", 18), etab("type_etablissement", "lycée", 15),
		etab("type_etablissement", "supérieur", 5), etab("type_etablissement", "association", 3),
		Figure{ID: "girls_share", Label: "Part de filles", Definition: "Filles parmi les participants, sur les lignes où dont_filles est renseigné.", Value: 0.46, N: 3950, Unit: "part",
			Coverage: ptr(0.79)},
		Figure{ID: "orientation_confirmed_rate", Label: "Orientation confirmée", Definition: "Part des répondants post qui répondent 4 ou 5 à renforce_orientation, avec un intervalle de Wilson à 95 %.",
			Survey: survey, Value: 15.0 / 18, N: 18, CILow: ptr(0.6078), CIHigh: ptr(0.9416), Unit: "part"},
		Figure{ID: "interest_uplift", Label: "Hausse de l'intérêt pour les sciences et l'énergie", Definition: "Évolution relative de la moyenne de interet_sciences_energie, post contre pre, sur les répondants des deux vagues.",
			Survey: survey, Value: 0.33, N: 15, Unit: "évolution"},
		Figure{ID: "interest_uplift", Label: "Hausse de l'intérêt pour les sciences et l'énergie", Definition: "Moyenne de interet_sciences_energie par vague, sur les répondants des deux vagues.",
			Survey: survey, Dimension: "vague", Category: "avant", Value: 2.9, N: 15, Unit: "score moyen"},
		Figure{ID: "interest_uplift", Label: "Hausse de l'intérêt pour les sciences et l'énergie", Definition: "Moyenne de interet_sciences_energie par vague, sur les répondants des deux vagues.",
			Survey: survey, Dimension: "vague", Category: "après", Value: 3.86, N: 15, Unit: "score moyen"},
		Figure{ID: "response_rate", Label: "Taux de réponse", Definition: "Répondants rapportés à la population enquêtée.", Survey: survey, Dimension: "vague", Category: "pre", Value: 0.95, N: 19, Unit: "part"},
		Figure{ID: "response_rate", Label: "Taux de réponse", Definition: "Répondants rapportés à la population enquêtée.", Survey: survey, Dimension: "vague", Category: "post", Value: 0.90, N: 18, Unit: "part"},
		Figure{ID: "immersion_periods", Label: "Périodes d'immersion", Definition: "Participants des actions de type stage.", Value: 45, N: 45, Unit: "personnes"},
		Figure{ID: "attractiveness", Label: "Attractivité des formations", Definition: "Candidats rapportés aux places des formations.", Value: 1.6, N: 12, Unit: "candidats par place"},
		Figure{ID: "attractiveness", Label: "Attractivité des formations", Definition: "Candidats rapportés aux places des formations.", Dimension: "formation", Category: "BTS Bâtiment", Value: 2.1, N: 6, Unit: "candidats par place"},
		Figure{ID: "attractiveness", Label: "Attractivité des formations", Definition: "Candidats rapportés aux places des formations.", Dimension: "formation", Category: "Bac pro TMSEC", Value: 1.2, N: 6, Unit: "candidats par place"},
	)
	return Report{
		Campus:    "CMQ Green City BFC",
		Year:      2025,
		Generated: "15/01/2026 à 10:30",
		Sources:   []string{"data/2025/actions.xlsx", "data/2025/participations/2025.xlsx", "data/2025/questionnaires/engagement-tour.xlsx"},
		Figures:   figs,
	}
}

// renderNoScript renders r without the ECharts script, which holds words
// such as NaN of its own.
func renderNoScript(tb testing.TB, r Report) string {
	tb.Helper()
	var buf bytes.Buffer
	if err := render(&buf, r, "/* echarts.min.js */", template.JS(pageJS)); err != nil {
		tb.Fatalf("render: %v", err)
	}
	return buf.String()
}

// mustRender renders r with the real script, as funders get it.
func mustRender(tb testing.TB, r Report) string {
	tb.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, r); err != nil {
		tb.Fatalf("Render: %v", err)
	}
	return buf.String()
}

func TestFormat(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"int 4604", fr.Int(4604), "4\u202f604"},
		{"int 80", fr.Int(80), "80"},
		{"int 0", fr.Int(0), "0"},
		{"int 1234567", fr.Int(1234567), "1\u202f234\u202f567"},
		{"int -1234", fr.Int(-1234), "-1\u202f234"},
		{"int rounds", fr.Int(2086.6), "2\u202f087"},
		{"number whole", fr.Number(508), "508"},
		{"number decimal", fr.Number(1.45), "1,4"},
		{"decimal 3.86", fr.Decimal(3.86, 1), "3,9"},
		{"decimal 2.9", fr.Decimal(2.9, 1), "2,9"},
		{"decimal 1234.5", fr.Decimal(1234.5, 1), "1\u202f234,5"},
		{"percent 0.8333", fr.Percent(0.8333), "83\u202f%"},
		{"percent 0", fr.Percent(0.0), "0\u202f%"},
		{"percent 1", fr.Percent(1), "100\u202f%"},
		{"percent 0.005", fr.Percent(0.005), "1\u202f%"},
		{"percent -0.001", fr.Percent(-0.001), "0\u202f%"},
		{"change 0.33", fr.Change(0.33), "+33\u202f%"},
		{"change -0.12", fr.Change(-0.12), "-12\u202f%"},
		{"change 0", fr.Change(0), "0\u202f%"},
		{"count", fr.Count(4604), "4\u202f604"},
		{"month", formatMonth(fr, "2025-01"), "janv. 2025"},
		{"month août", formatMonth(fr, "2025-08"), "août 2025"},
		{"month other", formatMonth(fr, "T1 2025"), "T1 2025"},
		{"month 13", formatMonth(fr, "2025-13"), "2025-13"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

// TestOrientationSentence: the share of orientation_confirmed_rate says
// how many of how many, the share and its interval in words, and the
// question as the questionnaire asks it, never its id.
func TestOrientationSentence(t *testing.T) {
	const survey = "Engagement tour lycée 2025"
	f := Figure{ID: "orientation_confirmed_rate", Survey: survey, Value: 15.0 / 18, N: 18, CILow: ptr(0.6078), CIHigh: ptr(0.9416)}
	q := Figure{ID: "survey_likert", Survey: survey, Question: "renforce_orientation", QuestionLabel: "Le stage a-t-il renforcé ton choix d'orientation ?",
		Wave: "après", Value: 15.0 / 18, N: 18}
	want := "15 des 18 répondants disent que l'action a conforté leur choix d'orientation : 83\u202f%, probablement entre 61\u202f% et 94\u202f% " +
		"(4 ou 5 sur 5 à la question « Le stage a-t-il renforcé ton choix d'orientation ? »)."
	if got := orientationSentence(fr, figures{f, q}, f); got != want {
		t.Errorf("orientationSentence(fr) = %q, want %q", got, want)
	}
	for k, want := range map[float64]string{0: "Aucun des 18 répondants ne dit que l'action a conforté son choix d'orientation : 0\u202f%",
		1: "1 des 18 répondants dit que l'action a conforté son choix d'orientation : 6\u202f%"} {
		g := f
		g.Value, g.CILow, g.CIHigh = k/18, nil, nil
		if got := orientationSentence(fr, nil, g); got != want+" (4 ou 5 sur 5)." {
			t.Errorf("orientationSentence(fr) of %v = %q, want %q", k, got, want)
		}
	}
	f.CILow, f.CIHigh = nil, nil
	if got, want := orientationSentence(fr, figures{f}, f), "15 des 18 répondants disent que l'action a conforté leur choix d'orientation : 83\u202f% (4 ou 5 sur 5)."; got != want {
		t.Errorf("orientationSentence(fr) without interval nor question = %q, want %q", got, want)
	}
}

func TestRender_selfContained(t *testing.T) {
	html := mustRender(t, report2025())
	// Not one URL in the whole page, the inlined ECharts included.
	for _, bad := range []string{"http://", "https://", "//cdn", "//go-echarts"} {
		if i := strings.Index(strings.ToLower(html), bad); i >= 0 {
			t.Errorf("page holds %q, near %q", bad, html[max(0, i-60):min(len(html), i+60)])
		}
	}
	// And outside ECharts (whose code builds an <img src> for its
	// save-as-image tool, unused here) nothing that could load a file.
	own := strings.ToLower(renderNoScript(t, report2025()))
	for _, bad := range []string{"<link", " src=", "@import", "url(", "<iframe", "<img"} {
		if i := strings.Index(own, bad); i >= 0 {
			t.Errorf("page holds %q, near %q", bad, own[max(0, i-60):min(len(own), i+60)])
		}
	}
	if !strings.Contains(html, "echarts.init") || !strings.Contains(html, "Apache ECharts 5.4.3") {
		t.Error("page does not inline the ECharts script and page.js")
	}
	if len(html) < 1_000_000 {
		t.Errorf("page is %d bytes, want the 1 MB ECharts script inlined", len(html))
	}
	if !strings.Contains(html, `"animation":false`) {
		t.Error(`chart options lack "animation":false`)
	}
}

func TestInlineECharts(t *testing.T) {
	js := string(inlineECharts(echartsMinJS))
	for _, bad := range []string{"</script", "<!--", "://"} {
		if strings.Contains(strings.ToLower(js), bad) {
			t.Errorf("inlined ECharts holds %q", bad)
		}
	}
	if !strings.Contains(js, `"http:\/\/www.w3.org/2000/svg"`) {
		t.Error("the SVG namespace was not rewritten as an equivalent JavaScript string")
	}
}

func TestRender_keyFigures(t *testing.T) {
	html := mustRender(t, report2025())
	for _, want := range []string{
		`<p class="value">80</p>`, "Animations",
		`<p class="value">4` + thinSpace + `604</p>`, "Participations",
		`<p class="value">2` + thinSpace + `087</p>`, "Collégiens",
		`<p class="value">1` + thinSpace + `616</p>`, "Lycéens",
		`<p class="value">508</p>`, "Étudiants",
		`<p class="value">290</p>`, "Grand public",
		`<p class="value">41</p>`, "Établissements touchés",
		`<p class="value">46` + thinSpace + `%</p>`, "Part de filles",
		"15 des 18 répondants disent que l&#39;action a conforté leur choix d&#39;orientation : 83" + thinSpace + "%, probablement entre 61" + thinSpace + "% et 94" + thinSpace + "% (4 ou 5 sur 5).",
		`<p class="value">&#43;33` + thinSpace + `%</p>`, "Calculé sur les 15 mêmes personnes, avant et après",
		"Intérêt moyen, avant et après", "Taux de réponse, avant et après",
		`<p class="value">45</p>`, "Périodes d&#39;immersion",
		`<p class="value">1,6</p>`, "Attractivité des formations",
		"janv. 2025", "août 2025", "déc. 2025",
		"Participations par action", "Participations par public", "Participations par axe",
		"Participations par type d&#39;établissement", "Animations par mois", "Établissements touchés par type d&#39;établissement",
		"Somme des participants de toutes les animations de l&#39;année.",
		"CMQ Green City BFC", "chiffres calculés le 15/01/2026 à 10:30", "data/2025/questionnaires/engagement-tour.xlsx",
		"Atelier maquette (3 participations)", esc(fr.T("common.small_n")), "Total : 4" + thinSpace + "604 participations",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(html, "Enseignants</p>") {
		t.Error(`"enseignants" is in the "dont" banner, want it only in the chart`)
	}
	// The "dont" figures come in the seed report's order.
	iC, iL, iE, iG := strings.Index(html, ">Collégiens<"), strings.Index(html, ">Lycéens<"), strings.Index(html, ">Étudiants<"), strings.Index(html, ">Grand public<")
	if !(iC < iL && iL < iE && iE < iG) {
		t.Errorf("publics out of order: collégiens %d, lycéens %d, étudiants %d, grand public %d", iC, iL, iE, iG)
	}
}

// specs returns the chart specs of a page, decoded.
func specs(t *testing.T, html string) map[string]chartSpec {
	t.Helper()
	re := regexp.MustCompile(`<script type="application/json" id="([^"]+)-spec">(.*?)</script>`)
	out := map[string]chartSpec{}
	for _, m := range re.FindAllStringSubmatch(html, -1) {
		var s chartSpec
		if err := json.Unmarshal([]byte(m[2]), &s); err != nil {
			t.Fatalf("spec of %s is not JSON: %v", m[1], err)
		}
		out[m[1]] = s
	}
	return out
}

// TestRender_meanOnItsScale: the mean interest before and after is drawn on
// the 1-5 scale of its question, not from 0; a count still starts at 0.
func TestRender_meanOnItsScale(t *testing.T) {
	html := mustRender(t, report2025())
	axes := map[string][2]any{} // series name and number of bars -> min, max of its value axis
	for _, s := range specs(t, html) {
		series := s.Option["series"].([]any)[0].(map[string]any)
		for _, dim := range []string{"xAxis", "yAxis"} {
			a := s.Option[dim].([]any)[0].(map[string]any)
			if a["type"] == "value" {
				axes[fmt.Sprint(series["name"])+" "+fmt.Sprint(len(series["data"].([]any)))] = [2]any{a["min"], a["max"]}
			}
		}
	}
	for name, want := range map[string][2]any{
		"Hausse de l'intérêt pour les sciences et l'énergie 2": {1.0, 5.0}, // avant, après
		"Animations 12": {0.0, nil}, // by month
	} {
		if got, ok := axes[name]; !ok || got != want {
			t.Errorf("chart of %s: value axis from %v to %v (found %v), want %v to %v", name, got[0], got[1], ok, want[0], want[1])
		}
	}
}

func TestRender_actionsSortedByValue(t *testing.T) {
	html := mustRender(t, report2025())
	for id, s := range specs(t, html) {
		y, _ := s.Option["yAxis"].([]any)
		if len(y) == 0 {
			continue
		}
		cats, _ := y[0].(map[string]any)["data"].([]any)
		if len(cats) == 0 || cats[0] != "Engagement Tour collège" {
			continue
		}
		series := s.Option["series"].([]any)[0].(map[string]any)["data"].([]any)
		prev := math.Inf(1)
		for _, d := range series {
			v := d.(map[string]any)["value"].(float64)
			if v > prev {
				t.Errorf("%s: bars not sorted by decreasing value: %v after %v", id, v, prev)
			}
			prev = v
		}
		if last := cats[len(cats)-1]; last != "Atelier maquette *" {
			t.Errorf("%s: last action %q, want the small one marked %q", id, last, "Atelier maquette *")
		}
		return
	}
	t.Fatal("no chart of participants by action")
}

func TestRender_omitsAbsentParts(t *testing.T) {
	r := Report{Campus: "CMQ Test", Year: 2024, Figures: []Figure{
		{ID: "animations", Label: "Animations", Value: 12, N: 12},
		{ID: "girls_share", Value: math.NaN(), N: 0}, // no dont_filles given
		{ID: "participants", Dimension: "public", Category: "collégiens", // NaN in a breakdown
			Value: math.Inf(1), N: 3},
		{ID: "orientation_confirmed_rate", Survey: "Vide", Value: math.NaN()},
	}}
	html := renderNoScript(t, r)
	for _, absent := range []string{"NaN", "Infinity", "Enquête", `class="chart"`, "Part de filles",
		"Participations", `<p class="dont">`, "Sources :", "Collégiens", "calculés le"} {
		if strings.Contains(html, absent) {
			t.Errorf("page holds %q, want that part left out", absent)
		}
	}
	if !strings.Contains(html, `<p class="value">12</p>`) {
		t.Error("page lacks the one figure it was given")
	}

	empty := mustRender(t, Report{Campus: "CMQ Test", Year: 2024})
	if !strings.Contains(empty, "Aucun indicateur n'a été calculé pour 2024.") {
		t.Error("an empty report does not say that it has no figure")
	}
}

func TestRender_smallN(t *testing.T) {
	r := Report{Campus: "CMQ Test", Year: 2025, Figures: []Figure{
		{ID: "orientation_confirmed_rate", Survey: "Petit groupe", Value: 0.75, N: 4, CILow: ptr(0.3), CIHigh: ptr(0.95)},
		{ID: "animations", Value: 3, N: 3}, // counts of animations rest on no person
	}}
	html := mustRender(t, r)
	// The text of the page, the charts' options (tooltips) left out.
	text := regexp.MustCompile(`(?s)<script.*?</script>`).ReplaceAllString(html, "")
	if got := strings.Count(text, esc(fr.T("common.small_n"))); got != 2 { // the card and its chart
		t.Errorf("page marks %d figures %q, want 2", got, fr.T("common.small_n"))
	}
	if !strings.Contains(html, "Calculé sur 4 répondants *") {
		t.Error("the bar of a share of 4 people is not starred")
	}
}

func TestRender_hostileNames(t *testing.T) {
	r := Report{Campus: hostileScript, Year: 2025, Sources: []string{hostileFunc}, Figures: []Figure{
		{ID: "participants", Label: "Participations", Dimension: "action", Category: hostileScript, Value: 10, N: 10},
		{ID: "participants", Label: "Participations", Dimension: "action", Category: hostileFunc, Value: 8, N: 8},
		{ID: "orientation_confirmed_rate", Survey: hostileScript + hostileFunc, Label: hostileFunc, Value: 0.5, N: 10},
	}, Actions: []ActionSheet{{Action: hostileScript, Axe: hostileFunc, Type: hostileScript, Funders: hostileFunc,
		Publics: []PublicCount{{hostileScript, 1}}, Establishments: []Establishment{{hostileScript, hostileScript}},
		Surveys: []string{hostileScript + hostileFunc}}}}
	html := mustRender(t, r)

	if strings.Contains(html, "<script>alert(1)") || strings.Contains(html, "alert(1)</script>") {
		t.Error("a hostile name reached the page as markup")
	}
	// In the HTML, the names are escaped text.
	escaped := "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
	if !strings.Contains(html, escaped) || !strings.Contains(html, hostileFunc) {
		t.Errorf("page does not show the hostile names as text")
	}
	// Only our own script elements: the ECharts script, page.js and one
	// JSON block per chart.
	sp := specs(t, html)
	if got, want := strings.Count(strings.ToLower(html), "<script"), 2+len(sp); got != want {
		t.Errorf("page has %d <script> elements, want %d", got, want)
	}
	// In the chart options, the names are data: JSON with < escaped, and the
	// __f__ marker broken, so that no renderer turns them into code.
	re := regexp.MustCompile(`(?s)<script type="application/json"[^>]*>(.*?)</script>`)
	for _, m := range re.FindAllStringSubmatch(html, -1) {
		if strings.Contains(m[1], "<") || strings.Contains(m[1], "__f__") {
			t.Errorf("chart options hold a raw '<' or '__f__': %s", m[1])
		}
	}
	var names []string
	for _, s := range sp {
		for _, ser := range s.Option["series"].([]any) {
			data, _ := ser.(map[string]any)["data"].([]any)
			for _, d := range data {
				if m, ok := d.(map[string]any); ok {
					names = append(names, m["name"].(string))
				}
			}
		}
	}
	for _, want := range []string{hostileScript, chartText(hostileFunc)} {
		found := false
		for _, n := range names {
			found = found || n == want
		}
		if !found {
			t.Errorf("chart data lack the name %q as a string; have %q", want, names)
		}
	}
}

// TestRender_golden compares the page of each testdata/<case>/report.json
// with testdata/<case>/page.golden.html, and the same report in English
// with page.en.golden.html, the ECharts script left out. Run go test
// ./charts -run TestRender_golden -update to rewrite them after a wanted
// change.
func TestRender_golden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "*", "report.json"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no testdata/*/report.json: %v", err)
	}
	for _, in := range dirs {
		dir := filepath.Dir(in)
		for lang, name := range map[string]string{"": "page.golden.html", "en": "page.en.golden.html"} {
			t.Run(filepath.Base(dir)+"/"+name, func(t *testing.T) {
				b, err := os.ReadFile(in)
				if err != nil {
					t.Fatal(err)
				}
				var r Report
				if err := json.Unmarshal(b, &r); err != nil {
					t.Fatalf("%s: %v", in, err)
				}
				if lang != "" {
					r.Lang = lang
				}
				var buf bytes.Buffer
				// Both scripts are static files: the golden file holds what is
				// made from r, not copies of them.
				if err := render(&buf, r, "/* echarts.min.js: left out of the golden file */", "/* page.js: left out of the golden file */"); err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join(dir, name)
				if *update {
					if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./charts -run TestRender_golden -update)", err)
				}
				if !bytes.Equal(buf.Bytes(), want) {
					failed := golden + ".FAIL"
					_ = os.WriteFile(failed, buf.Bytes(), 0o644)
					t.Errorf("page differs from %s; got written to %s: diff them, and run with -update if the change is wanted", golden, failed)
				}
			})
		}
	}
}

// TestRender_version checks the page says which greencity made it.
func TestRender_version(t *testing.T) {
	r := report2025()
	r.Version = "v1.4.0"
	if html := renderNoScript(t, r); !strings.Contains(html, "<p>Rapport produit par greencity, v1.4.0.</p>") {
		t.Errorf("the page does not give the version of greencity")
	}
}

// TestRender_cover checks the cover of a report whose earlier years and
// targets are demonstration data: its facts, the sentence that warns, the
// table of targets, the contents, and the mark under each chart and table
// that shows a year not final.
func TestRender_cover(t *testing.T) {
	r := reportYears()
	r.Version = "v1.4.0"
	r.Cover = &Cover{Period: "du 1er janvier au 31 décembre 2025 (année civile)", CutOff: "15/01/2026 à 10:30",
		Producer: "Service évaluation", Contact: "eval@example.org", Workbook: "indicateurs.xlsx", PDF: "rapport-2025.pdf",
		NotFinal: map[int]string{2024: "démonstration", 2023: "démonstration"}, TargetsDemo: true}
	html := renderNoScript(t, r)
	for _, want := range []string{
		`<p class="not-final">Données de démonstration pour 2023 et 2024 ; cibles d&#39;exemple : à ne pas citer comme résultats.</p>`,
		`<dt>Période couverte</dt><dd>du 1er janvier au 31 décembre 2025 (année civile)</dd>`,
		`<dt>Données arrêtées le</dt><dd>15/01/2026 à 10:30 (dernier fichier importé)</dd>`,
		`<dt>Rapport produit par</dt><dd>Service évaluation</dd>`,
		`<dt>Contact</dt><dd>eval@example.org</dd>`,
		`<dt>Version de greencity</dt><dd>v1.4.0</dd>`,
		`<a href="indicateurs.xlsx">indicateurs.xlsx</a>`,
		`<dt>Version imprimable</dt><dd>rapport-2025.pdf</dd>`,
		`Le PDF du rapport (rapport-2025.pdf) et les tableaux sous chaque graphique donnent les mêmes chiffres.`,
		`<tr><td>Doubler l&#39;attractivité des formations</td><td class="status behind">En retard sur la trajectoire</td></tr>`,
		`<li><a href="#trajectoire">Trajectoire 2030</a></li>`,
		`<li><a href="#comparaison">Comparaison des années</a></li>`,
		`<p class="not-final">Attention : données de démonstration (2023), à ne pas citer. Cible d&#39;exemple, pas un engagement du campus.</p>`, // 2024 has no value
		`<p class="definition">Attention : données de démonstration (2023 et 2024), à ne pas citer.</p>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the cover lacks %s\n%s", want, regexp.MustCompile(`<p class="not-final">[^<]*</p>`).FindAllString(html, -1))
		}
	}
	// The charts of 2025 alone show no demonstration year.
	if n := strings.Count(html, `class="not-final"`); n > 1+len(r.Trajectories) {
		t.Errorf("%d marks of data not final, want the cover's and one per target chart", n)
	}
}

// TestRender_coverWithoutPDF: when no PDF is printed beside the page (no
// Chromium), neither the cover nor the message for readers without
// JavaScript names one.
func TestRender_coverWithoutPDF(t *testing.T) {
	r := reportYears()
	r.Cover = &Cover{Period: "du 1er janvier au 31 décembre 2025 (année civile)", Workbook: "indicateurs.xlsx"}
	html := renderNoScript(t, r)
	for _, unwanted := range []string{".pdf", "Version imprimable", "PDF du rapport"} {
		if strings.Contains(html, unwanted) {
			t.Errorf("a page without PDF says %q", unwanted)
		}
	}
	if want := "Les tableaux sous chaque graphique donnent les mêmes chiffres."; !strings.Contains(html, want) {
		t.Errorf("a page without PDF lacks %q", want)
	}
}

// TestRender_notFinalYearMarked: a year whose data are not final is marked
// on every card and every chart that shows it, not only on the cover.
func TestRender_notFinalYearMarked(t *testing.T) {
	for _, status := range []string{"provisoire", "démonstration"} {
		r := surveyReport(t)
		r.Figures = append(report2025().Figures, r.Figures...)
		r.Cover = &Cover{NotFinal: map[int]string{r.Year: status}}
		html := renderNoScript(t, r)
		mark := `<p class="not-final">Attention : données provisoires (2025), à ne pas citer.</p>`
		if status == "démonstration" {
			mark = `<p class="not-final">Attention : données de démonstration (2025), à ne pas citer.</p>`
		}
		cards := regexp.MustCompile(`(?s)<div class="card[ "].*?</div>`).FindAllString(html, -1)
		figures := regexp.MustCompile(`(?s)<figure .*?</figure>`).FindAllString(html, -1)
		if len(cards) < 8 || len(figures) < 8 {
			t.Fatalf("%s: %d cards and %d charts, want the key figures, the survey's and their charts", status, len(cards), len(figures))
		}
		for _, part := range append(cards, figures...) {
			if !strings.Contains(part, mark) {
				t.Errorf("%s: lacks the mark %s:\n%s", status, mark, part)
			}
		}
	}
	// A final year: only the cover says that another year is not final.
	r := report2025()
	r.Cover = &Cover{NotFinal: map[int]string{2024: "provisoire"}}
	if n := strings.Count(renderNoScript(t, r), `class="not-final"`); n != 1 {
		t.Errorf("a final year's page has %d marks of data not final, want the cover's alone", n)
	}
}
