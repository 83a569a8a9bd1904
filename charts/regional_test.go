package charts

import (
	"bytes"
	"strings"
	"testing"
)

// TestRenderRegional sets two campuses side by side: a line per figure of
// the union that is not about one question, a campus without the figure
// shown as "–", a withheld one as "< 10", a share with its n, and every
// name escaped.
func TestRenderRegional(t *testing.T) {
	share := func(v float64, n int64, withheld int) Figure {
		return Figure{ID: "girls_share", Label: "Part de filles", Value: v, N: n, Unit: "part", WithheldBelow: withheld}
	}
	count := Figure{ID: "participants", Label: "Personnes impactées", Value: 120, N: 120, Unit: "personnes"}
	question := Figure{ID: "survey_likert", Label: "Réponses", Survey: "S", Question: "q1", Value: 3, N: 30, Unit: "part"}
	r := Regional{Year: 2025, Region: "Ensemble des 2 campus", Campuses: []string{"Campus <A>", "Campus B"},
		Figures: [][]Figure{{count, share(0.5, 40, 0)}, {share(0, 0, 10)}},
		Union:   []Figure{{ID: "participants", Label: "Personnes impactées", Value: 240, N: 240, Unit: "personnes"}, share(0.4, 50, 0), question},
		Reports: []string{"campus-a/index.html", "campus-b/index.html"}, UnionLink: "ensemble/index.html", MinCellSize: 10}
	var b bytes.Buffer
	if err := RenderRegional(&b, r); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		"<th>Campus &lt;A&gt;</th><th>Campus B</th><th class=\"union\">Ensemble des 2 campus</th>",
		"<tr><td>Personnes impactées</td><td>120</td><td>–</td><td class=\"union\">240</td></tr>",
		"<tr><td>Part de filles</td><td>50\u202f% (calculé sur 40 participations)</td><td class=\"withheld\">&lt;\u00a010</td><td class=\"union\">40\u202f% (calculé sur 50 participations)</td></tr>",
		`<a href="campus-a/index.html">Campus &lt;A&gt;</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "Réponses") || strings.Contains(page, "<A>") {
		t.Errorf("page shows a question's figure or an unescaped name:\n%s", page)
	}
}
