package charts

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestSessionsText(t *testing.T) {
	days := func(ss ...string) []time.Time {
		var out []time.Time
		for _, s := range ss {
			out = append(out, day(s))
		}
		return out
	}
	cases := []struct {
		n     int64
		dates []time.Time
		want  string
	}{
		{0, nil, "Aucune séance enregistrée cette année."},
		{1, days("2025-01-14"), "1 séance, le 14 janvier 2025"},
		{1, days("2025-11-01"), "1 séance, le 1er novembre 2025"},
		{3, days("2025-11-07", "2025-11-21", "2025-11-28"), "3 séances, les 7, 21 et 28 novembre 2025"},
		{2, days("2025-02-11", "2025-03-18"), "2 séances, les 11 février et 18 mars 2025"},
		{2, days("2024-12-15", "2025-01-12"), "2 séances, les 15 décembre 2024 et 12 janvier 2025"},
		// Two campuses' sessions on one day, read as one: two sessions, one date.
		{2, days("2025-03-04"), "2 séances, le 4 mars 2025"},
		{8, days("2025-04-07", "2025-04-08", "2025-04-09", "2025-04-10", "2025-06-14"), "8 séances, du 7 avril au 14 juin 2025"},
		{5, days("2024-09-07", "2024-10-08", "2024-11-09", "2025-01-10", "2025-06-14"), "5 séances, du 7 septembre 2024 au 14 juin 2025"},
	}
	for _, tc := range cases {
		if got := sessionsText(fr, tc.n, tc.dates); got != tc.want {
			t.Errorf("sessionsText(fr, %d, %v) = %q, want %q", tc.n, tc.dates, got, tc.want)
		}
	}
}

// sheetReport has a sheet in each axe, given out of order, one with a
// survey, and the shares by action of girls_share and qpv_share, one of
// them withheld.
func sheetReport() Report {
	cov := 0.8
	return Report{Campus: "CMQ", Year: 2025, Cover: &Cover{},
		Figures: []Figure{
			{ID: "participants", Label: "Participations", Value: 130, N: 130, Unit: "personnes"},
			{ID: "participants", Label: "Participations", Dimension: "action", Category: "Forum", Value: 100, N: 100, Unit: "personnes"},
			{ID: "participants", Label: "Participations", Dimension: "action", Category: "Stage", Value: 30, N: 30, Unit: "personnes"},
			{ID: "girls_share", Label: "Part de filles", Value: 0.4, N: 130, Unit: "part"},
			{ID: "girls_share", Label: "Part de filles", Dimension: "action", Category: "Forum", Value: 0.4, N: 80, Unit: "part", Coverage: &cov},
			{ID: "girls_share", Label: "Part de filles", Dimension: "action", Category: "Stage", Unit: "part",
				WithheldBelow: 10, WithheldUnanimous: true, Note: "toutes dans le même cas"},
			{ID: "orientation_confirmed_rate", Label: "Orientation confirmée", Survey: "Stage 2025", Value: 0.8, N: 20,
				CILow: ptr(0.58), CIHigh: ptr(0.92), Unit: "part"},
		},
		Actions: []ActionSheet{
			{Action: "Visite", Axe: "territoires", Type: "visite"},
			{Action: "Forum", Axe: "Attractivité", Type: "forum", Programme: "RICET", Funders: "Région BFC",
				Sessions: 2, Dates: []time.Time{day("2025-11-18"), day("2025-11-19")}, Participants: 100,
				Publics:        []PublicCount{{"demandeurs d'emploi", 10}, {"lycéens", 40}, {"collégiens", 50}},
				Establishments: []Establishment{{"Collège A", "collège"}, {"Collège B", "collège"}, {"Lycée C", "lycée"}}, EstablishmentCount: 3},
			{Action: "Stage", Axe: "compétences", Type: "stage", Sessions: 1, Dates: []time.Time{day("2025-06-16")}, Participants: 30,
				Publics: []PublicCount{{"lycéens", 30}}, Surveys: []string{"Stage 2025"}},
			{Action: "Olympiades", Axe: "projets structurants"},
			{Action: "Sans axe", Axe: "non renseigné"},
		},
	}
}

// sheetOf returns the HTML of the sheet titled title.
func sheetOf(t *testing.T, html, title string) string {
	t.Helper()
	re := regexp.MustCompile(`(?s)<article class="fiche" id="fiche-\d+">\s*<h4>` + regexp.QuoteMeta(title) + `</h4>(.*?)</article>`)
	m := re.FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no sheet %q in the page", title)
	}
	return m[1]
}

func TestRender_actionSheets(t *testing.T) {
	// Figures are written with no-break spaces; the checks below with plain ones.
	html := strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(mustRender(t, sheetReport()))

	// The axes in the order of the campus's report, then the others.
	var axes []string
	for _, m := range regexp.MustCompile(`<div class="fiches-axe" id="[^"]+">\s*<h3>([^<]+)</h3>`).FindAllStringSubmatch(html, -1) {
		axes = append(axes, m[1])
	}
	want := []string{"Des projets structurants", "Accompagner l&#39;évolution des compétences",
		"Développer l&#39;attractivité des métiers et des formations", "Conforter le rôle des territoires", "Axe non renseigné"}
	if !slices.Equal(axes, want) {
		t.Errorf("axes %q, want %q", axes, want)
	}
	if !strings.Contains(html, `<li><a href="#fiches-action">Fiches action</a></li>`) {
		t.Error("the table of contents has no entry for the action sheets")
	}

	forum := sheetOf(t, html, "Forum")
	for _, w := range []string{
		"<dd>forum</dd>", "<dd>RICET</dd>", "<dd>Région BFC</dd>", "<dd>2 séances, les 18 et 19 novembre 2025</dd>",
		`<p class="value">100</p>
  <p class="label">Participations</p>`,
		`<p class="value">3</p>
  <p class="label">Établissements touchés</p>`,
		"<dt>Collèges</dt><dd>Collège A, Collège B</dd><dt>Lycées</dt><dd>Lycée C</dd>",
		// The share with what it rests on, as the key figures say it.
		"Calculé sur les 80 participations dont le nombre de filles est connu, soit 80 % des 100",
	} {
		if !strings.Contains(forum, w) {
			t.Errorf("the sheet of Forum lacks %q:\n%s", w, forum)
		}
	}
	// Publics in the report's order: collégiens, lycéens, then the others.
	if i, j, k := strings.Index(forum, "Collégiens"), strings.Index(forum, "Lycéens"), strings.Index(forum, "Demandeurs d&#39;emploi"); !(i >= 0 && i < j && j < k) {
		t.Errorf("publics of Forum out of order (collégiens %d, lycéens %d, demandeurs d'emploi %d)", i, j, k)
	}

	// A share withheld where it is computed is withheld on the sheet.
	stage := sheetOf(t, html, "Stage")
	if !strings.Contains(stage, `<p class="value">non publié</p>`) || strings.Contains(stage, "40 %") {
		t.Errorf("the sheet of Stage does not withhold its share of girls:\n%s", stage)
	}
	// Its survey, said as the survey's part says it, with a link to it.
	for _, w := range []string{"Enquête : Stage 2025", "16 des 20 répondants disent que l&#39;action a conforté leur choix d&#39;orientation : 80 %, probablement entre 58 % et 92 %",
		`<a href="#enquete-1">`} {
		if !strings.Contains(stage, w) {
			t.Errorf("the sheet of Stage lacks %q:\n%s", w, stage)
		}
	}
	if visite := sheetOf(t, html, "Visite"); !strings.Contains(visite, "Aucune séance enregistrée cette année.") {
		t.Errorf("the sheet of an action without session does not say so:\n%s", visite)
	}

	// The shares by action are on the sheets, not drawn as a chart.
	if strings.Contains(html, "Part de filles par action") {
		t.Error("the shares by action are drawn as a chart as well as on the sheets")
	}
}

func TestRender_noActionSheets(t *testing.T) {
	r := sheetReport()
	r.Actions = nil
	if html := mustRender(t, r); strings.Contains(html, "fiches-action") {
		t.Error("a report without actions has a part for their sheets")
	}
}
