package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/export"
	"github.com/xuri/excelize/v2"
)

// harness runs greencity commands against a temporary database and report
// folder, with the configuration given as GREENCITY_* variables.
type harness struct {
	t   *testing.T
	env map[string]string
}

func newHarness(t *testing.T, dataDir string, years string) *harness {
	dir := t.TempDir()
	return &harness{t: t, env: map[string]string{
		"GREENCITY_DATA_DIR":   dataDir,
		"GREENCITY_DATABASE":   filepath.Join(dir, "test.duckdb"),
		"GREENCITY_REPORT_DIR": filepath.Join(dir, "report"),
		"GREENCITY_YEARS":      years,
	}}
}

// run executes one command with an empty config file, so that only the
// environment and the defaults apply.
func (h *harness) run(args ...string) (stdout, stderr string, code int) {
	h.t.Helper()
	var out, errb bytes.Buffer
	cfg := filepath.Join(h.t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfg, nil, 0o644); err != nil {
		h.t.Fatal(err)
	}
	args = append(args, "--config", cfg)
	code = RunEnv(context.Background(), args, &out, &errb, func(k string) string { return h.env[k] })
	return out.String(), errb.String(), code
}

// mustRun fails the test when the command does not exit 0.
func (h *harness) mustRun(args ...string) string {
	h.t.Helper()
	out, errs, code := h.run(args...)
	if code != 0 {
		h.t.Fatalf("greencity %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

type indicatorsDoc struct {
	Year       int `json:"year"`
	Indicators []struct {
		ID        string            `json:"id"`
		Breakdown map[string]string `json:"breakdown"`
		Value     float64           `json:"value"`
		N         int64             `json:"n"`
		CILow     *float64          `json:"ci_low"`
		CIHigh    *float64          `json:"ci_high"`
		Unit      string            `json:"unit"`
		Coverage  *float64          `json:"coverage"`
		Withheld  string            `json:"withheld"`
	} `json:"indicators"`
}

func (h *harness) indicators(year string) indicatorsDoc {
	h.t.Helper()
	out := h.mustRun("indicators", "--year", year, "--format", "json")
	var doc indicatorsDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		h.t.Fatalf("indicators --format json: %v\n%s", err, out)
	}
	return doc
}

// find returns the row of an indicator with exactly this breakdown.
func (d indicatorsDoc) find(tb testing.TB, id string, breakdown map[string]string) (value float64, n int64, lo, hi *float64) {
	tb.Helper()
	for _, r := range d.Indicators {
		if r.ID != id || len(r.Breakdown) != len(breakdown) {
			continue
		}
		match := true
		for k, v := range breakdown {
			if r.Breakdown[k] != v {
				match = false
			}
		}
		if match {
			return r.Value, r.N, r.CILow, r.CIHigh
		}
	}
	tb.Fatalf("indicators: no row %s %v", id, breakdown)
	return 0, 0, nil, nil
}

// TestRun_Demo2025 runs the main job on the shipped data and checks the
// figures of the campus's 2025 activity report.
func TestRun_Demo2025(t *testing.T) {
	data, err := filepath.Abs("../../data")
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, data, "2025")
	out := h.mustRun("run")
	if !strings.Contains(out, "Rapport 2025 : ") || strings.Contains(out, "inchangé") {
		t.Errorf("first run output does not show a fresh import and a report:\n%s", out)
	}
	doc := h.indicators("2025")
	if doc.Year != 2025 {
		t.Errorf("json year = %d, want 2025", doc.Year)
	}
	for _, tt := range []struct {
		id        string
		breakdown map[string]string
		want      float64
	}{
		{"animations", map[string]string{}, 80},
		{"participants", map[string]string{}, 4604},
		{"participants", map[string]string{"public": "collégiens"}, 2087},
		{"participants", map[string]string{"public": "lycéens"}, 1616},
		{"participants", map[string]string{"public": "étudiants"}, 508},
		{"participants", map[string]string{"public": "grand public"}, 290},
	} {
		if v, _, _, _ := doc.find(t, tt.id, tt.breakdown); v != tt.want {
			t.Errorf("%s %v = %v, want %v (seed report)", tt.id, tt.breakdown, v, tt.want)
		}
	}
	// The csv for a French Excel holds the same figures (csv.go).
	excel := h.mustRun("indicators", "--year", "2025", "--format", "csv-excel")
	for _, want := range []string{"\ufeffAnnée;Indicateur;Libellé;Enquête;", "\r\n2025;animations;Animations réalisées;;;;80;80;;;animations;",
		"\r\n2025;participants;Participations;;;;4604;4604;;;personnes;", "\r\n2025;participants;Participations;;Public;Collégiens;2087;2087;"} {
		if !strings.Contains(excel, want) {
			t.Errorf("indicators --format csv-excel lacks %q", want)
		}
	}
	survey := map[string]string{"survey": "Engagement tour lycée 2025"}
	v, n, lo, hi := doc.find(t, "orientation_confirmed_rate", survey)
	if math.Round(v*100) != 83 || n != 18 || lo == nil || hi == nil || !(*lo < v && v < *hi) {
		t.Errorf("orientation_confirmed_rate = %v (n %d, CI %v-%v), want 83 %% rounded, n 18, an interval around it", v, n, lo, hi)
	}
	v, n, _, _ = doc.find(t, "interest_uplift", survey)
	if math.Round(v*100) != 33 || n != 17 {
		t.Errorf("interest_uplift = %v (n %d), want +33 %% rounded over 17 pairs", v, n)
	}
	// The summary printed by run says the change of interest by the share
	// of the same people agreeing before and after, as the report does,
	// not by the relative change of a mean (+33,3 %).
	wave := func(w string) (float64, int64) {
		v, n, _, _ := doc.find(t, "survey_likert", map[string]string{"survey": "Engagement tour lycée 2025", "question": "interet_sciences_energie", "vague": w})
		return v, n
	}
	pre, preN := wave("avant")
	post, postN := wave("après")
	want := "  Répondants intéressés par les sciences et l'énergie (4 ou 5 sur 5), avant → après (Engagement tour lycée 2025) : " +
		formatValue(pre, "part") + " → " + formatValue(post, "part") + " (les mêmes 17 personnes avant et après)\n"
	if preN != 17 || postN != 17 || !strings.Contains(out, want) {
		t.Errorf("run output lacks %q (n %d before, %d after; want the 17 pairs):\n%s", want, preN, postN, out)
	}
	if strings.Contains(out, "Progression de l'intérêt") || strings.Contains(out, "+33,3") {
		t.Errorf("run output headlines the change of interest as a relative change:\n%s", out)
	}

	page, err := os.ReadFile(filepath.Join(h.env["GREENCITY_REPORT_DIR"], "2025", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(page, []byte("http://")) || bytes.Contains(page, []byte("https://")) {
		t.Errorf("report/2025/index.html refers to the network")
	}
	// The cover: the period of the calendar year, the date of the last import.
	for _, want := range []string{"<dt>Période couverte</dt><dd>du 1er janvier au 31 décembre 2025 (année civile)</dd>", "<dt>Données arrêtées le</dt><dd>",
		`<a href="indicateurs.xlsx">indicateurs.xlsx</a>`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("report/2025/index.html lacks %s", want)
		}
	}

	// Running again on unchanged files changes nothing.
	out = h.mustRun("run")
	if strings.Contains(out, "importé ") || strings.Count(out, "inchangé") != 7 {
		t.Errorf("second run re-imported files:\n%s", out)
	}
	if again := h.indicators("2025"); len(again.Indicators) != len(doc.Indicators) {
		t.Errorf("second run: %d indicator rows, want %d", len(again.Indicators), len(doc.Indicators))
	}
}

// TestRun_DefinitionsSources checks the definitions sheet of indicateurs.xlsx
// names, for each indicator, the files of the year it reads.
func TestRun_DefinitionsSources(t *testing.T) {
	data, err := filepath.Abs("../../data")
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, data, "2025")
	h.mustRun("run")
	f, err := excelize.OpenFile(filepath.Join(h.env["GREENCITY_REPORT_DIR"], "2025", export.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(export.SheetDefinitions)
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], "Fichiers sources")
	sources := map[string]string{}
	for _, r := range rows[1:] {
		if col < len(r) {
			sources[r[0]] = r[col]
		}
	}
	want := map[string]string{
		"establishments":             "2025/participations/attractivite.xlsx, 2025/participations/competences.xlsx, 2025/participations/festival-transition.xlsx, 2025/participations/territoires.xlsx",
		"orientation_confirmed_rate": "2025/questionnaires/engagement-tour-lycee.xlsx",
		"attractiveness":             "2025/formations.xlsx",
	}
	for id, w := range want {
		if sources[id] != w {
			t.Errorf("definitions sheet, sources of %s = %q, want %q", id, sources[id], w)
		}
	}
	if !strings.Contains(sources["participants"], "2025/actions.xlsx") {
		t.Errorf("definitions sheet, sources of participants = %q, want the catalogue among them (axe comes from it)", sources["participants"])
	}
}
