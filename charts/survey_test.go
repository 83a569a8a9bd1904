package charts

import (
	"encoding/json"
	"html/template"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// surveyReport is testdata/survey/report.json: the shipped 2025 survey as
// the pipeline computes it, and a survey of 6 pupils withheld under the
// small-cell rule.
func surveyReport(tb testing.TB) Report {
	tb.Helper()
	b, err := os.ReadFile("testdata/survey/report.json")
	if err != nil {
		tb.Fatal(err)
	}
	var r Report
	if err := json.Unmarshal(b, &r); err != nil {
		tb.Fatal(err)
	}
	return r
}

func TestRender_surveyPage(t *testing.T) {
	html := renderNoScript(t, surveyReport(t))
	const ts, nb = thinSpace, nbSpace
	for _, want := range []string{
		// One caution for the survey, at its top: few respondents, wide
		// intervals (the widest the page writes: 38 points).
		"<h2>Enquête : Engagement tour lycée 2025</h2>\n  <p class=\"warning caution\">À lire avec prudence : cette enquête repose sur peu de répondants (17 à 18 selon la question) ; " +
			"ses parts sont donc imprécises, et leur fourchette « probablement entre … et … » va jusqu&#39;à 38 points.</p>",
		// Orientation: how many of how many, the share, its interval in
		// words, and the question as the questionnaire asks it.
		`<p class="value">83` + ts + `%</p>`,
		"15 des 18 répondants disent que l&#39;action a conforté leur choix d&#39;orientation : 83" + ts + "%, probablement entre 61" + ts + "% et 94" + ts + "% " +
			"(4 ou 5 sur 5 à la question « Le stage a-t-il renforcé ton choix d&#39;orientation ? (1 = pas du tout, 5 = tout à fait) »).",
		// Interest: how many of the same people agree before and after,
		// each share with its interval, then the change in points with its
		// interval; the tests are in "Méthodes".
		`<p class="value">24` + ts + `% → 76` + ts + `%</p>`,
		"Répondants intéressés (4 ou 5 sur 5), avant → après",
		"Parmi les 17 mêmes personnes, 4 se disaient intéressées avant l&#39;action (24" + ts + "%, probablement entre 10" + ts + "% et 47" + ts + "%) " +
			"et 13 après (76" + ts + "%, probablement entre 53" + ts + "% et 90" + ts + "%). " +
			"La part des répondants intéressés augmente de 53 points. " +
			"En moyenne, l&#39;intérêt augmente de 1,0 point sur 5, probablement entre &#43;0,6 et &#43;1,4.",
		// The relative change of the mean, in the annex, with how it is
		// computed and what it does not mean.
		"<h3>Annexe</h3>",
		`<p class="value">&#43;33` + ts + `%</p>`,
		"(moyenne après − moyenne avant) / moyenne avant = (4,0 − 3,0) / 3,0, calculé sur les 17 mêmes personnes, avant et après. Ce chiffre dépend de la façon de numéroter l&#39;échelle : notée de 0 à 4, la même évolution se lirait &#43;50" + ts + "%. " +
			"Ce n&#39;est pas une part de personnes : « &#43;33" + ts + "% » ne veut pas dire &#43;33" + ts + "% de répondants intéressés en plus.",
		// The means and the response rates in a sentence.
		"Note moyenne d&#39;intérêt, sur 5, des 17 mêmes personnes : 3,0 avant l&#39;action, 4,0 après.",
		"19 des 20 personnes interrogées ont répondu avant l&#39;action (95" + ts + "%) ; 18 des 20 personnes interrogées ont répondu après (90" + ts + "%).",
		// The match rate and who answered when.
		`<p class="value">85` + ts + `%</p>`, "Répondants présents avant et après",
		"17 des 20 répondants ont rempli le questionnaire avant et après l&#39;action : 19 ont répondu avant, 18 après ; 2 seulement avant, 1 seulement après",
		// One chart per question, with the share agreeing and both changes.
		"Quel est ton intérêt pour les études scientifiques et les métiers de l&#39;énergie ? (1 = aucun, 5 = très fort)",
		"Calculé sur les 17 mêmes personnes, avant et après",
		"Avant l&#39;action, 4 des 17 répondants répondent 4 ou 5 sur 5 : 24" + ts + "%, probablement entre 10" + ts + "% et 47" + ts + "%. " +
			"Après l&#39;action, 13 des 17 : 76" + ts + "%, probablement entre 53" + ts + "% et 90" + ts + "%.",
		"La part des répondants d&#39;accord augmente de 53 points.",
		"2 n&#39;ont répondu qu&#39;avant et 1 qu&#39;après : leurs réponses n&#39;entrent pas dans la comparaison.",
		"Après l&#39;action, 15 des 18 répondants répondent 4 ou 5 sur 5 : 83" + ts + "%, probablement entre 61" + ts + "% et 94" + ts + "%.",
		// "Méthodes": the words, the tests with their p-values, and each
		// definition with the question as asked, not its id.
		`<section id="methodes" class="methods">`,
		"<dt>« Probablement entre … et … »</dt>",
		"<dt>« Un écart trop faible pour être distingué du hasard »</dt>",
		"<h3>Tests de l'enquête Engagement tour lycée 2025</h3>",
		// Each cell with its column's name, said before it on a phone.
		"<td data-label=\"Ce qui est comparé\">note moyenne (sur 5)</td><td class=\"num\" data-label=\"Écart (après − avant)\">&#43;1,0 sur 5</td><td class=\"num\" data-label=\"Intervalle à 95 %\">&#43;0,6 à &#43;1,4</td><td data-label=\"Test\">test des rangs signés de Wilcoxon</td><td class=\"num\">p &lt;" + nb + "0,001</td>",
		"<td data-label=\"Ce qui est comparé\">part d&#39;accord (4 ou 5 sur 5)</td><td class=\"num\" data-label=\"Écart (après − avant)\">&#43;53 points</td><td class=\"num\" data-label=\"Intervalle à 95 %\"></td><td data-label=\"Test\">test exact de McNemar</td><td class=\"num\">p =" + nb + "0,012</td>",
		"Évolution relative de la note moyenne (sur 5) de « Quel est ton intérêt pour les études scientifiques et les métiers de l&#39;énergie ? (1 = aucun, 5 = très fort) »",
		"Le stage a-t-il renforcé ton choix d&#39;orientation ? (1 = pas du tout, 5 = tout à fait)",
		"Calculé sur 18 répondants",
		// The small survey: withheld, said so, and nothing of its answers.
		"Enquête : Atelier collège 2025",
		`<p class="value">&lt;` + nb + `10</p>`,
		"moins de 10 répondants : chiffre non publié pour qu&#39;on ne puisse pas reconnaître les réponses de quelques personnes (seuil de publication : 10 répondants)",
		"Es-tu satisfait·e de l&#39;atelier ?",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// The body speaks no statistics (no "n = 18", "IC 95 %", "p < 0,001")
	// and names no question id: that is for "Méthodes", where each
	// definition is written once.
	body := html[strings.Index(html, "<main>"):strings.Index(html, `<section id="methodes"`)]
	for _, word := range []string{"IC 95", "intervalle de confiance", "Wilson", "Wilcoxon", "McNemar", "Holm", "p =", "p &lt;", "paires",
		"significatif", "Petit échantillon", "interet_sciences_energie", "renforce_orientation", "« pre »", "vague",
		"n = ", "n &lt;", "(n ", "IC "} {
		if i := strings.Index(body, word); i >= 0 {
			t.Errorf("the body of the report says %q, near %q", word, body[max(0, i-80):min(len(body), i+80)])
		}
	}
	if n := strings.Count(html, "À lire avec prudence : cette enquête"); n != 1 {
		t.Errorf("%d cautions for the survey, want one", n)
	}
	methods := html[strings.Index(html, `<section id="methodes"`):]
	for _, f := range surveyReport(t).Figures {
		if f.Definition != "" && !strings.Contains(f.Definition, "« ") {
			if n := strings.Count(html, template.HTMLEscapeString(f.Definition)); n != 1 || !strings.Contains(methods, template.HTMLEscapeString(f.Definition)) {
				t.Errorf("the definition of %s is written %d times, want once, in Méthodes: %q", f.ID, n, f.Definition)
			}
		}
	}
	// The relative change is no headline: it comes after the charts.
	if i, j := strings.Index(html, "&#43;33"+ts+"%"), strings.Index(html, "<h3>Annexe</h3>"); i < j {
		t.Errorf("+33 %% at %d, before the annex at %d", i, j)
	}
	// The withheld survey has no chart of its answers: only its response rate.
	atelier := html[strings.Index(html, "Enquête : Atelier collège 2025"):strings.Index(html, `<section id="methodes"`)]
	if n := strings.Count(atelier, `class="chart"`); n != 1 {
		t.Errorf("withheld survey has %d charts, want 1 (its response rate)", n)
	}
	if strings.Contains(atelier, "0"+ts+"%") {
		t.Error("withheld survey shows a 0 % figure")
	}
}

// TestRender_likertChart checks the diverging bars: disagreement drawn to
// the left (negative), the neutral answers split across 0, agreement to the
// right, and the legend from 1 to 5.
func TestRender_likertChart(t *testing.T) {
	html := renderNoScript(t, surveyReport(t))
	var found bool
	for id, s := range specs(t, html) {
		if s.Axis != axisPercentAbs {
			continue
		}
		y := s.Option["yAxis"].([]any)[0].(map[string]any)["data"].([]any)
		if len(y) != 2 {
			continue // the orientation question, after only
		}
		found = true
		if y[0] != "Avant" || y[1] != "Après" {
			t.Errorf("%s: bars %v, want Avant then Après", id, y)
		}
		legend := s.Option["legend"].(map[string]any)["data"].([]any)
		if strings.Join(toStrings(legend), ",") != "1,2,3,4,5" {
			t.Errorf("%s: legend %v, want 1 to 5", id, legend)
		}
		// Stacking order from 0 outwards: 3, 2, 1 to the left, 3, 4, 5 to the right.
		want := map[string][2]float64{}
		var order []string
		for _, ser := range s.Option["series"].([]any) {
			m := ser.(map[string]any)
			name := m["name"].(string)
			data := m["data"].([]any)
			v := [2]float64{data[0].(map[string]any)["value"].(float64), data[1].(map[string]any)["value"].(float64)}
			order = append(order, name)
			if m["stack"] != "reponses" {
				t.Errorf("%s: series %s not stacked", id, name)
			}
			want[name+string(rune('0'+len(order)))] = v
		}
		if strings.Join(order, ",") != "3,2,1,3,4,5" {
			t.Errorf("%s: series %v, want 3,2,1,3,4,5", id, order)
		}
		// Before: 4/17 answered 2, 9/17 answered 3, 4/17 answered 4.
		for key, v := range map[string][2]float64{"31": {-4.5 / 17, -2.0 / 17}, "22": {-4.0 / 17, 0}, "13": {0, 0},
			"34": {4.5 / 17, 2.0 / 17}, "45": {4.0 / 17, 9.0 / 17}, "56": {0, 4.0 / 17}} {
			got := want[key]
			if abs(got[0]-v[0]) > 1e-12 || abs(got[1]-v[1]) > 1e-12 {
				t.Errorf("%s: series %s = %v, want %v", id, key, got, v)
			}
		}
	}
	if !found {
		t.Fatal("no diverging chart of a question asked before and after")
	}
}

func toStrings(v []any) []string {
	var out []string
	for _, x := range v {
		out = append(out, x.(string))
	}
	return out
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

func TestSentence(t *testing.T) {
	p := func(v float64) *float64 { return &v }
	n := func(v int64) *int64 { return &v }
	tests := []struct {
		subject string
		f       Figure
		want    string
	}{
		{"l'intérêt", Figure{Value: 0.9, Unit: "points sur 5", PValue: p(0.003), Pairs: n(18), CILow: p(0.42), CIHigh: p(1.38)},
			"l'intérêt augmente de 0,9 point sur 5, probablement entre +0,4 et +1,4"},
		{"la note moyenne", Figure{Value: -2.26, Unit: "points sur 5", PValue: p(0.21), Pairs: n(12), Test: "wilcoxon"},
			"la note moyenne diminue de 2,3 points sur 5 : un écart trop faible pour être distingué du hasard"},
		{"la part de « oui »", Figure{Value: 8.0 / 13, Unit: "écart de part", PValue: p(22.0 / 1024), Pairs: n(13), Test: "mcnemar"},
			"la part de « oui » augmente de 62 points"},
		// Four tests on the survey: 0.021 alone, 0.063 adjusted (Holm). The
		// verdict goes by the adjusted p.
		{"la part de « oui »", Figure{Value: 8.0 / 13, Unit: "écart de part", PValue: p(0.021), PAdjusted: p(0.063), Pairs: n(13), Test: "mcnemar"},
			"la part de « oui » augmente de 62 points : un écart trop faible pour être distingué du hasard"},
		{"la part de « oui »", Figure{Value: 8.0 / 13, Unit: "écart de part", PValue: p(0.063), PAdjusted: p(0.021), Pairs: n(13), Test: "mcnemar"},
			"la part de « oui » augmente de 62 points"},
		{"la satisfaction", Figure{Value: 0, Unit: "points sur 5", PValue: p(1), Pairs: n(10)},
			"la satisfaction ne change pas : un écart trop faible pour être distingué du hasard"},
		{"la satisfaction", Figure{Value: 0.01, Unit: "points sur 5", PValue: p(0.049), Pairs: n(1)},
			"la satisfaction ne change pas"},
	}
	for _, tt := range tests {
		if got := sentence(fr, tt.subject, tt.f); got != tt.want {
			t.Errorf("sentence(fr, %q, %v) =\n%q\nwant\n%q", tt.subject, tt.f.Value, got, tt.want)
		}
	}
}

func TestFormatP(t *testing.T) {
	for p, want := range map[float64]string{
		0.000732: "p <" + nbSpace + "0,001", 0.001: "p =" + nbSpace + "0,001", 0.0034: "p =" + nbSpace + "0,003",
		0.0495: "p =" + nbSpace + "0,050", 0.21: "p =" + nbSpace + "0,21", 1: "p =" + nbSpace + "1,00",
	} {
		if got := formatP(fr, p); got != want {
			t.Errorf("formatP(fr, %v) = %q, want %q", p, got, want)
		}
	}
}

// TestRender_surveyBrowser opens the survey page in Chromium, offline, and
// checks that the diverging charts draw (disagreement in red to the left,
// agreement in green to the right of the middle), that nothing is logged as
// an error, and that the withheld figures read "< 10" with their reason.
func TestRender_surveyBrowser(t *testing.T) {
	needChromium(t)
	file := writePage(t, surveyReport(t))
	view := newTab(t, newBrowser(t))
	view.goOffline(t)
	if err := chromedp.Do(view.ctx, chromedp.Navigate("file://"+file), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
		t.Fatalf("open the report: %v", err)
	}
	type drawn struct {
		ID         string `json:"id"`
		Diverging  bool   `json:"diverging"`
		RedLeft    int    `json:"redLeft"`
		RedRight   int    `json:"redRight"`
		GreenLeft  int    `json:"greenLeft"`
		GreenRight int    `json:"greenRight"`
	}
	// Red #c62828 and #ef9a9a, green #81c784 and #2e7d32, counted on each
	// half of the plot (the middle of the canvas is near the 0 of the axis).
	got := eval[[]drawn](t, view, `Array.from(document.querySelectorAll("div.chart")).map(el => {
		const spec = JSON.parse(document.getElementById(el.id + "-spec").textContent);
		const c = el.querySelector("canvas");
		const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
		const near = (i, [r, g, b]) => d[i + 3] === 255 && Math.abs(d[i] - r) < 6 && Math.abs(d[i + 1] - g) < 6 && Math.abs(d[i + 2] - b) < 6;
		const red = [[0xc6, 0x28, 0x28], [0xef, 0x9a, 0x9a]], green = [[0x81, 0xc7, 0x84], [0x2e, 0x7d, 0x32]];
		let redLeft = 0, redRight = 0, greenLeft = 0, greenRight = 0;
		for (let i = 0; i < d.length; i += 4) {
			const left = (i / 4) % c.width < c.width / 2;
			if (red.some(col => near(i, col))) left ? redLeft++ : redRight++;
			if (green.some(col => near(i, col))) left ? greenLeft++ : greenRight++;
		}
		return {id: el.id, diverging: spec.axis === "pctabs", redLeft, redRight, greenLeft, greenRight};
	})`)
	diverging := 0
	if shot := os.Getenv("GREENCITY_SCREENSHOT"); shot != "" {
		// GREENCITY_SCREENSHOT=/tmp/survey.png keeps the page as a PNG.
		png, err := chromedp.Run(view.ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(shot, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range got {
		if !c.Diverging {
			continue
		}
		diverging++
		// The legend's swatches sit in the top band, both sides: they are
		// few pixels next to the bars.
		if c.RedLeft < 200 || c.GreenRight < 400 || c.RedRight > c.RedLeft/4 || c.GreenLeft > c.GreenRight/4 {
			t.Errorf("chart %s: red %d left / %d right, green %d left / %d right; want red to the left, green to the right",
				c.ID, c.RedLeft, c.RedRight, c.GreenLeft, c.GreenRight)
		}
	}
	if diverging != 2 {
		t.Errorf("page draws %d diverging charts, want 2 (interest, orientation)", diverging)
	}
	text := eval[string](t, view, "document.body.innerText")
	for _, want := range []string{
		"En moyenne, l'intérêt augmente de 1,0 point sur 5, probablement entre +0,6 et +1,4.",
		"<" + nbSpace + "10",
		"moins de 10 répondants : chiffre non publié",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("visible text lacks %q", want)
		}
	}
	view.mu.Lock()
	defer view.mu.Unlock()
	for _, p := range view.problems {
		t.Errorf("browser reported: %s", p)
	}
}

// TestRender_questionWithoutShare leaves out a question whose share of
// agreement is not a finite number: its chart is drawn from that share, and
// Render promises to ignore such rows (it used to panic on this report).
func TestRender_questionWithoutShare(t *testing.T) {
	r := Report{Campus: "CMQ Test", Year: 2025, Figures: []Figure{
		{ID: "survey_likert", Survey: "Atelier", Question: "satisfaction", Wave: "après", Value: math.NaN(), N: 12},
		{ID: "survey_likert", Survey: "Atelier", Question: "satisfaction", Wave: "après", Dimension: "réponse", Category: "4", Value: 0.5, N: 12},
		{ID: "response_rate", Survey: "Atelier", Label: "Taux de réponse", Value: 0.75, N: 12, Unit: "part"},
	}}
	html := renderNoScript(t, r)
	if n := strings.Count(html, `class="chart"`); n != 0 {
		t.Errorf("page has %d charts, want none: the question has no share to draw", n)
	}
	if !strings.Contains(html, "Enquête : Atelier") || !strings.Contains(html, `<p class="value">75`+thinSpace+`%</p>`) {
		t.Error("page lacks the survey's section with its response rate")
	}
}

// TestRender_annexWithheldN: the annex gives the n of an indicator from
// its figures that are shown; a withheld figure's n, which would tell how
// few answered, is never written.
func TestRender_annexWithheldN(t *testing.T) {
	figs := []Figure{
		{ID: "orientation_confirmed_rate", Survey: "Forum", Value: 0.5, N: 7, Unit: "part", WithheldBelow: 10},
		{ID: "orientation_confirmed_rate", Survey: "Atelier", Value: 0.8, N: 25, Unit: "part"},
		{ID: "orientation_confirmed_rate", Survey: "Visite", Value: 0.75, N: 12, Unit: "part", WithheldBelow: 10, WithheldUnanimous: true},
	}
	r := Report{Campus: "C", Year: 2025, Figures: figs, Annex: annexOf(figs)}
	var b strings.Builder
	if err := Render(&b, r); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	row := page[strings.Index(page, "<small>orientation_confirmed_rate</small>"):]
	row = row[:strings.Index(row, "</tr>")]
	if !strings.Contains(row, `<td class="num">25</td>`) || strings.Contains(row, ">7<") || strings.Contains(row, ">12<") {
		t.Errorf("annex row of orientation_confirmed_rate = %s; want n 25 only, never the 7 or 12 of a withheld figure", row)
	}
}
