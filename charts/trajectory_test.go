package charts

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/stats"
	"github.com/cmq-greencity/greencity/targets"
	"github.com/cmq-greencity/greencity/trend"
	"github.com/google/go-cmp/cmp"
)

// trajectory builds the Trajectory of a target over yearly values (nil: a
// missing year), judged as of asOf by package targets, as the command line
// does.
func trajectory(t targets.Target, label, indicatorLabel, unit string, asOf int, values ...YearValue) Trajectory {
	var series []targets.Point
	for _, v := range values {
		if v.Value != nil {
			series = append(series, targets.Point{Year: v.Year, Value: *v.Value, CILow: v.CILow, CIHigh: v.CIHigh})
		}
	}
	return Trajectory{Indicator: t.Indicator, Label: label, IndicatorLabel: indicatorLabel, Survey: t.Survey, Unit: unit,
		Direction: string(targets.Up), BaselineYear: t.BaselineYear, TargetYear: t.TargetYear, Multiplier: t.Multiplier,
		Values: values, Result: targets.Evaluate(t, series, asOf)}
}

// reportYears is report2025 with the targets of config.yaml on three years
// of which 2024 is missing, and the comparison of those years, in which the
// definition of attractiveness changed in 2025.
func reportYears() Report {
	r := report2025()
	attr := targets.Target{Indicator: "attractiveness", BaselineYear: 2023, BaselineValue: ptr(1.4), TargetYear: 2030, Multiplier: ptr(2)}
	imm := targets.Target{Indicator: "immersion_periods", BaselineYear: 2023, TargetYear: 2030, Multiplier: ptr(2.5)}
	girls := targets.Target{Indicator: "girls_share", BaselineYear: 2023, TargetYear: 2030, TargetValue: ptr(0.35)}
	orient := targets.Target{Indicator: "orientation_confirmed_rate", Survey: "Engagement tour lycée", BaselineYear: 2023, TargetYear: 2030, TargetValue: ptr(0.9)}
	missing := YearValue{Year: 2024}
	r.Trajectories = []Trajectory{
		trajectory(attr, "Doubler l'attractivité des formations", "Attractivité des formations", "candidats par place", 2025,
			YearValue{Year: 2023, Value: ptr(1.4), N: 10}, missing, YearValue{Year: 2025, Value: ptr(1.63), N: 10}),
		trajectory(imm, "Plus de périodes d'immersion en entreprise", "Personnes accueillies en stage d'immersion", "personnes", 2025,
			YearValue{Year: 2023, Value: ptr(24), N: 24}, missing, YearValue{Year: 2025, Value: ptr(42), N: 42}),
		trajectory(girls, "", "Part de filles", "part", 2025,
			YearValue{Year: 2023, Value: ptr(0.331), N: 1529}, missing, YearValue{Year: 2025, Value: ptr(0.365), N: 4241}),
		trajectory(orient, "Confirmer l'orientation des lycéens", "Orientation confirmée", "part", 2025,
			YearValue{Year: 2023, Value: ptr(0.7), N: 20, CILow: ptr(0.481), CIHigh: ptr(0.855)}, missing,
			YearValue{Year: 2025, Value: ptr(15.0 / 18), N: 18, CILow: ptr(0.6078), CIHigh: ptr(0.9416)}),
	}
	key := func(id, dim, cat string) trend.Key { return trend.Key{ID: id, Dimension: dim, Category: cat} }
	points := []trend.Point{
		{Key: key("participants", "", ""), Year: 2023, Value: 1681, Version: 1},
		{Key: key("participants", "public", "collégiens"), Year: 2023, Value: 880, Version: 1},
		{Key: key("attractiveness", "", ""), Year: 2023, Value: 1.4, Version: 1},
		{Key: key("girls_share", "", ""), Year: 2023, Value: 0.331, Version: 1},
		{Key: key("participants", "", ""), Year: 2025, Value: 4604, Version: 1},
		{Key: key("participants", "public", "collégiens"), Year: 2025, Value: 2087, Version: 1},
		{Key: key("attractiveness", "", ""), Year: 2025, Value: 1.63, Version: 2},
		{Key: key("girls_share", "", ""), Year: 2025, Value: 0.365, Version: 1},
		{Key: key("participants", "action", "Forum"), Year: 2025, Value: 600, Version: 1}, // in the workbook only
		{Key: key("participants", "", ""), Year: 2026, Value: 5000, Version: 1},
		{Key: key("attractiveness", "", ""), Year: 2026, Value: 1.75, Version: 2},
		{Key: key("girls_share", "", ""), Year: 2026, Value: 0.38, Version: 1},
	}
	// Two surveys with the share of 2025 and 2026 and its Wilson interval:
	// the forum's change cannot be told from noise, the workshop's can.
	share := func(survey string, year, k, n int) trend.Point {
		lo, hi := stats.Wilson(k, n)
		return trend.Point{Key: trend.Key{ID: "orientation_confirmed_rate", Survey: survey}, Year: year, Value: float64(k) / float64(n),
			Version: 1, N: int64(n), Low: &lo, High: &hi, Interval: trend.Wilson}
	}
	points = append(points, share("forum", 2025, 14, 20), share("forum", 2026, 15, 18),
		share("atelier", 2025, 9, 30), share("atelier", 2026, 27, 30))
	years := []int{2023, 2024, 2025, 2026}
	labels := map[string]string{"participants": "Personnes impactées", "attractiveness": "Attractivité des formations", "girls_share": "Part de filles",
		"orientation_confirmed_rate": "Orientation confirmée"}
	units := map[string]string{"participants": "personnes", "attractiveness": "candidats par place", "girls_share": "part", "orientation_confirmed_rate": "part"}
	r.Comparison = &Comparison{Years: years, Missing: []int{2024}}
	for _, l := range trend.Compare(points, years) {
		r.Comparison.Rows = append(r.Comparison.Rows, ComparisonRow{ID: l.Key.ID, Label: labels[l.Key.ID], Survey: l.Key.Survey,
			Dimension: l.Key.Dimension, Category: l.Key.Category, Unit: units[l.Key.ID], Cells: l.Cells})
	}
	// The share of girls rested on less than half of the participations in
	// 2025: its value and its change to 2026 are marked.
	for i, row := range r.Comparison.Rows {
		if row.ID == "girls_share" {
			r.Comparison.Rows[i].Coverage = map[int]float64{2023: 0.92, 2025: 0.3, 2026: 0.79}
		}
	}
	r.Annex = annexOf(r.Figures)
	return r
}

// annexOf is an annex for figs: every indicator of figs with made-up
// digests, one staging view, two source files (one imported by a greencity
// that recorded no version) and a configuration digest.
func annexOf(figs []Figure) *Annex {
	a := &Annex{
		Views: []SQLFile{{Path: "queries/staging/stg_participations.sql", SHA256: strings.Repeat("5a", 32)}},
		Sources: []SourceFile{
			{Path: "2025/actions.xlsx", Kind: "actions", SHA256: strings.Repeat("a1", 32), RowsRead: 40, Rows: 40,
				ImportedAt: "2026-01-15 09:30:00 UTC", ImportedBy: "v1.2.0"},
			{Path: "2025/participations/2025.xlsx", Kind: "participations", SHA256: strings.Repeat("b2", 32), RowsRead: 212, Rows: 210,
				ImportedAt: "2026-01-15 09:30:02 UTC"},
		},
		Config: ConfigDigest{SHA256: strings.Repeat("c3", 32), Canonical: `{"campus":"CMQ Green City BFC","min_cell_size":10}`,
			Covered: []string{"campus", "min_cell_size"}, LeftOut: []string{"producer", "respondent_key"}},
	}
	for _, f := range figs {
		if !slices.ContainsFunc(a.Indicators, func(s IndicatorSource) bool { return s.ID == f.ID }) {
			a.Indicators = append(a.Indicators, IndicatorSource{ID: f.ID, Version: 1, File: "queries/indicators/" + f.ID + ".sql",
				SHA256: strings.Repeat("d4", 32), Numerator: "numérateur de " + f.ID, Denominator: "dénominateur de " + f.ID})
		}
	}
	return a
}

// TestJudgement_changeSentence checks the sentence of a target on a survey
// about the change from the year before: its interval, and whether the
// size of the surveys can tell it from chance.
func TestJudgement_changeSentence(t *testing.T) {
	orient := targets.Target{Indicator: "orientation_confirmed_rate", Survey: "Forum", BaselineYear: 2024, TargetYear: 2030, TargetValue: ptr(0.95)}
	year := func(y, k, n int) (YearValue, trend.Point) {
		lo, hi := stats.Wilson(k, n)
		v := float64(k) / float64(n)
		return YearValue{Year: y, Value: &v, N: int64(n), CILow: &lo, CIHigh: &hi},
			trend.Point{Key: trend.Key{ID: orient.Indicator}, Year: y, Value: v, Version: 1, N: int64(n), Low: &lo, High: &hi, Interval: trend.Wilson}
	}
	for _, tt := range []struct {
		name           string
		k1, n1, k2, n2 int
		want           string
	}{
		{"small surveys", 14, 20, 15, 18, "De 70" + thinSpace + "% (2024, 20 répondants) à 83" + thinSpace + "% (2025, 18 répondants) : +13 points, " +
			"entre -14 et +38 points : un écart que la taille des enquêtes ne permet pas de distinguer du hasard."},
		{"clear change", 9, 30, 27, 30, "De 30" + thinSpace + "% (2024, 30 répondants) à 90" + thinSpace + "% (2025, 30 répondants) : +60 points, " +
			"entre +36 et +75 points : un écart que le hasard des enquêtes n'explique pas à lui seul."},
	} {
		v1, p1 := year(2024, tt.k1, tt.n1)
		v2, p2 := year(2025, tt.k2, tt.n2)
		tr := trajectory(orient, "", "Orientation confirmée", "part", 2025, v1, v2)
		tr.Change = trend.Compare([]trend.Point{p1, p2}, []int{2024, 2025})[0].Cells[1]
		if lines := judgement(fr, tr); !slices.Contains(lines, tt.want) {
			t.Errorf("%s: judgement lacks %q:\n%s", tt.name, tt.want, strings.Join(lines, "\n"))
		}
		// Without an interval (a count, say), no such sentence.
		tr.Change = trend.Cell{}
		for _, l := range judgement(fr, tr) {
			if strings.Contains(l, "hasard") {
				t.Errorf("%s without a change interval: %q", tt.name, l)
			}
		}
	}
}

func TestFormatDecimal_negative(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{{-0.78, "-0,8"}, {-0.04, "0,0"}, {-1234.56, "-1" + thinSpace + "234,6"}, {0.78, "0,8"}} {
		if got := fr.Decimal(tt.v, 1); got != tt.want {
			t.Errorf("fr.Decimal(%v, 1) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestStatusText(t *testing.T) {
	for s, want := range map[targets.Status]string{
		targets.OnTrack: "sur la trajectoire", targets.Behind: "en retard sur la trajectoire",
		targets.Achieved: "cible atteinte", targets.NoData: "pas de données pour juger",
	} {
		if got := StatusText(fr, s); got != want {
			t.Errorf("StatusText(fr, %s) = %q, want %q", s, got, want)
		}
	}
}

// TestRender_trajectory checks the first page: one chart per target, the
// status and the figures in words, and the table of years with a dash for
// the missing year and a mark for a changed definition.
func TestRender_trajectory(t *testing.T) {
	html := renderNoScript(t, reportYears())
	iT, iK, iC := strings.Index(html, `<section id="trajectoire">`), strings.Index(html, `<section id="chiffres-cles">`), strings.Index(html, `<section id="comparaison">`)
	if iT < 0 || iK < 0 || iC < 0 || !(iT < iK && iK < iC) {
		t.Fatalf("sections at trajectoire %d, chiffres-cles %d, comparaison %d: want the trajectory first and the comparison last", iT, iK, iC)
	}
	for _, want := range []string{
		"<h2>Trajectoire 2030</h2>",
		// Attractiveness: 1.4 to 2.8, 1.63 in 2025 against 1.8 on the path.
		"Doubler l&#39;attractivité des formations",
		`<p class="status behind">En retard sur la trajectoire</p>`,
		"Référence 2023 : 1,40 ; cible 2030 : 2,80 (2 fois la référence).",
		"2025 : 1,63 pour 1,80 attendu sur la trajectoire ; 16" + thinSpace + "% du chemin parcouru depuis 2023.",
		"Pour atteindre la cible en 2030 : &#43;0,23 par an d&#39;ici là.",
		// Immersion: baseline from the data, x2.5.
		`<p class="status on_track">Sur la trajectoire</p>`,
		"Référence 2023 : 24 ; cible 2030 : 60 (2,5 fois la référence).",
		"2025 : 42 pour 34,3 attendu sur la trajectoire ; 50" + thinSpace + "% du chemin parcouru depuis 2023.",
		"Pour atteindre la cible en 2030 : &#43;3,6 par an d&#39;ici là.",
		// Girls: achieved, named by the indicator's label.
		"Part de filles</figcaption>",
		`<p class="status achieved">Cible atteinte</p>`,
		"2025 : 37" + thinSpace + "% ; 179" + thinSpace + "% du chemin parcouru depuis 2023.",
		"La cible de 2030 est atteinte ; il reste à s&#39;y maintenir.",
		// The survey: its interval holds the path.
		"Confirmer l&#39;orientation des lycéens (Engagement tour lycée)",
		"Pour atteindre la cible en 2030 : &#43;1,3 point par an d&#39;ici là.",
		"2025 : probablement entre 61" + thinSpace + "% et 94" + thinSpace + "%, ce qui comprend les 76" + thinSpace + "% attendus sur la trajectoire : trop incertain pour conclure.",
		// The comparison: 2024 missing, not zero; attractiveness redefined.
		`<th class="num">2023</th><th class="num">2024</th><th class="num">2025</th><th class="num">2026</th>`,
		`<td class="num missing" data-year="2024" title="aucune donnée en 2024">—</td>`,
		`<td class="num" data-year="2026">5` + thinSpace + `000<br><span class="change">&#43;396 (&#43;9` + thinSpace + `%)</span></td>`,
		`<td class="num" data-year="2025" title="définition modifiée : version 1, puis 2">1,6 †</td>`,
		// The share of girls: its coverage each year, 2025 marked under
		// half, and the change from 2025 flagged.
		`<td class="num" data-year="2023">33` + thinSpace + `%<br><span class="change">couverture 92` + thinSpace + `%</span></td>`,
		`<td class="num" data-year="2025" title="calculé sur moins de la moitié des participations de 2025">37` + thinSpace + `% ◐<br><span class="change">couverture 30` + thinSpace + `%</span></td>`,
		`<span class="change">couverture 79` + thinSpace + `%</span><br><span class="change">&#43;1,5 pts ◐</span>`,
		"◐ : part calculée sur moins de la moitié des participations de l&#39;année",
		"Personnes impactées : Collégiens",
		"— : pas de valeur cette année-là (ce n&#39;est pas un zéro)",
		"Aucune donnée pour 2024 : dossier de l&#39;année absent ou non importé.",
		"† : la définition de l&#39;indicateur a changé depuis l&#39;année précédente",
		// The change of a survey share carries its interval and says
		// whether it can be told from noise.
		`83` + thinSpace + `%<br><span class="change">&#43;13,3 pts</span><br><span class="change">entre -14,0 et &#43;37,8 pts</span><br><span class="change">indiscernable du hasard</span></td>`,
		`90` + thinSpace + `%<br><span class="change">&#43;60,0 pts</span><br><span class="change">entre &#43;36,3 et &#43;74,9 pts</span><br><span class="change">au-delà du hasard</span></td>`,
		"Quand cette fourchette contient 0, l&#39;écart est de ceux que la taille des enquêtes ne permet pas de distinguer du hasard.",
		// How that interval is computed is said in "Méthodes".
		"la méthode de Newcombe pour l&#39;écart de deux parts, celle de Welch pour l&#39;écart de deux moyennes",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(html, "Forum</td>") {
		t.Error("the comparison table lists a breakdown by action, want only headlines and publics")
	}
	// The names of the methods are in "Méthodes" only.
	body := html[:strings.Index(html, `<section id="methodes"`)]
	for _, word := range []string{"Newcombe", "Welch", "intervalle de confiance", "IC 95", "significatif"} {
		if strings.Contains(body, word) {
			t.Errorf("the body of the report says %q", word)
		}
	}
	// 2025 follows a missing year: no change is written under it.
	if strings.Contains(html, `4`+thinSpace+`604<br>`) {
		t.Error("a change is written for 2025, after the missing 2024")
	}
}

// TestRender_trajectoryChart checks the options of one trajectory chart: a
// gap for the missing year, the path from the baseline to the target on
// every year between, the target as one point, and the interval of a survey.
func TestRender_trajectoryChart(t *testing.T) {
	sp := specs(t, renderNoScript(t, reportYears()))
	attr, ok := sp["trajectoire-1"]
	if !ok {
		t.Fatalf("no chart trajectoire-1 among %d charts", len(sp))
	}
	years := attr.Option["xAxis"].([]any)[0].(map[string]any)["data"]
	if d := cmp.Diff([]any{"2023", "2024", "2025", "2026", "2027", "2028", "2029", "2030"}, years); d != "" {
		t.Errorf("years on the axis (-want +got):\n%s", d)
	}
	series := attr.Option["series"].([]any)
	values := func(i int) []any {
		var out []any
		for _, d := range series[i].(map[string]any)["data"].([]any) {
			out = append(out, d.(map[string]any)["value"])
		}
		return out
	}
	if d := cmp.Diff([]any{1.4, "-", 1.63, "-", "-", "-", "-", "-"}, values(0)); d != "" {
		t.Errorf("values (-want +got):\n%s", d)
	}
	path := values(1)
	for i, want := range []float64{1.4, 1.6, 1.8, 2.0, 2.2, 2.4, 2.6, 2.8} {
		if v, ok := path[i].(float64); !ok || v < want-1e-9 || v > want+1e-9 {
			t.Errorf("path in %d = %v, want %v", 2023+i, path[i], want)
		}
	}
	if d := cmp.Diff([]any{"-", "-", "-", "-", "-", "-", "-", 2.8}, values(2)); d != "" {
		t.Errorf("target point (-want +got):\n%s", d)
	}
	if d := cmp.Diff([][]string{{"1,40", "", "1,63", "", "", "", "", ""}, make([]string, 8), {"", "", "", "", "", "", "", "Cible : 2,80"}}, attr.Labels); d != "" {
		t.Errorf("labels (-want +got):\n%s", d)
	}
	orient := sp["trajectoire-4"]
	if n := len(orient.Option["series"].([]any)); n != 4 {
		t.Errorf("survey trajectory has %d series, want 4 (values, path, target, interval)", n)
	}
	if orient.Axis != axisPercent {
		t.Errorf("survey trajectory axis %q, want %q", orient.Axis, axisPercent)
	}
}

// TestRender_noTrajectory checks that a report without targets nor years
// shows neither part.
func TestRender_noTrajectory(t *testing.T) {
	r := report2025()
	r.Comparison = &Comparison{Years: []int{2025}}
	html := renderNoScript(t, r)
	for _, absent := range []string{`id="trajectoire"`, `id="comparaison"`} {
		if strings.Contains(html, absent) {
			t.Errorf("page holds %s, want it left out", absent)
		}
	}
}

// TestReportYears_golden keeps testdata/years/report.json in step with
// reportYears, so that the golden page of TestRender_golden shows the
// trajectory and the comparison. Run with -update after changing reportYears.
func TestReportYears_golden(t *testing.T) {
	b, err := json.MarshalIndent(reportYears(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "years", "report.json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./charts -run TestReportYears_golden -update)", err)
	}
	if string(want) != string(b)+"\n" {
		t.Errorf("%s differs from reportYears(): run go test ./charts -run 'TestReportYears_golden|TestRender_golden' -update", path)
	}
}

// TestRender_trajectoryHostile checks that names from the spreadsheets and
// from config.yaml stay text in the trajectory and the table of years.
func TestRender_trajectoryHostile(t *testing.T) {
	r := reportYears()
	r.Trajectories[3].Survey = hostileScript
	r.Trajectories[0].Label = hostileFunc
	r.Comparison.Rows = append(r.Comparison.Rows, ComparisonRow{ID: "participants", Label: hostileFunc, Dimension: "public", Category: hostileScript,
		Unit: "personnes", Cells: []trend.Cell{{Year: 2023, Present: true, Value: 1, Version: 1}, {Year: 2024}, {Year: 2025}, {Year: 2026}}})
	html := mustRender(t, r)
	if strings.Contains(html, "<script>alert(1)") {
		t.Error("a hostile name reached the page as markup")
	}
	for _, want := range []string{"(&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;)</figcaption>", hostileFunc + " : &lt;/script&gt;"} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks the escaped name %q", want)
		}
	}
	for id, s := range specs(t, html) {
		for _, ser := range s.Option["series"].([]any) {
			if name, _ := ser.(map[string]any)["name"].(string); strings.Contains(name, "__f__") {
				t.Errorf("%s: series name %q holds the function marker", id, name)
			}
		}
	}
}
