package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cmq-greencity/greencity/export"
	"github.com/cmq-greencity/greencity/pdf"
)

// shippedHarness imports the shipped 2025 data into a temporary database.
func shippedHarness(t *testing.T) (*harness, string) {
	t.Helper()
	data, err := filepath.Abs("../../data")
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, data, "2025")
	h.mustRun("import", filepath.Join(data, "2025"))
	return h, data
}

// scopedIndicators is indicators --year 2025 --format json restricted by
// flag (--programme, --funder) to name.
func (h *harness) scopedIndicators(flag, name string) indicatorsDoc {
	h.t.Helper()
	out := h.mustRun("indicators", "--year", "2025", "--format", "json", flag, name)
	var doc indicatorsDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		h.t.Fatalf("indicators %s %s: %v\n%s", flag, name, err, out)
	}
	return doc
}

// byAction is the participations of each action of doc.
func (d indicatorsDoc) byAction() map[string]float64 {
	out := map[string]float64{}
	for _, r := range d.Indicators {
		if a, ok := r.Breakdown["action"]; ok && r.ID == "participants" && len(r.Breakdown) == 1 {
			out[a] = r.Value
		}
	}
	return out
}

// TestIndicators_programmesAddUp checks on the shipped 2025 data that the
// programmes' participations add up to the campus's: RICET, JET Cities and
// VIRI cover every action, VIRI shares none, and the actions of both RICET
// and JET Cities (7 in the catalogue) count in both.
func TestIndicators_programmesAddUp(t *testing.T) {
	h, _ := shippedHarness(t)
	campus, _, _, _ := h.indicators("2025").find(t, "participants", map[string]string{})
	docs := map[string]indicatorsDoc{}
	var sum float64
	for _, p := range []string{"RICET", "JET Cities", "VIRI"} {
		docs[p] = h.scopedIndicators("--programme", p)
		v, _, _, _ := docs[p].find(t, "participants", map[string]string{})
		if v <= 0 || v >= campus {
			t.Errorf("programme %s: %v participations, want some and fewer than the campus's %v", p, v, campus)
		}
		sum += v
	}
	ricet, jet, viri := docs["RICET"].byAction(), docs["JET Cities"].byAction(), docs["VIRI"].byAction()
	var shared float64
	var sharedActions int
	for a, v := range ricet {
		if _, ok := jet[a]; ok {
			shared += v
			sharedActions++
		}
		if _, ok := viri[a]; ok {
			t.Errorf("action %s counted in VIRI and RICET: VIRI shares no action", a)
		}
	}
	for a := range jet {
		if _, ok := viri[a]; ok {
			t.Errorf("action %s counted in VIRI and JET Cities: VIRI shares no action", a)
		}
	}
	if sharedActions != 7 {
		t.Errorf("%d actions with participations in both RICET and JET Cities, want the catalogue's 7", sharedActions)
	}
	if shared <= 0 {
		t.Fatalf("no participation in the shared actions: the test below proves nothing")
	}
	if got := sum - shared; got != campus {
		t.Errorf("RICET + JET Cities + VIRI - shared actions = %v participations, want the campus's %v", got, campus)
	}
	// The attractiveness of the training programmes is the campus's: no
	// programme shows it.
	for _, r := range docs["VIRI"].Indicators {
		if r.ID == "attractiveness" {
			t.Errorf("programme VIRI shows %s %v: it is about the whole campus", r.ID, r.Breakdown)
		}
	}
}

// TestReport_programme writes the shipped 2025 report of RICET and checks
// its title, what it says of the actions it shares, its figures and its
// workbook.
func TestReport_programme(t *testing.T) {
	h, _ := shippedHarness(t)
	out := h.mustRun("report", "--year", "2025", "--programme", "ricet")
	dir := filepath.Join(h.env["GREENCITY_REPORT_DIR"], "2025", "programme-ricet")
	if !strings.Contains(out, filepath.Join(dir, "index.html")) {
		t.Errorf("report --programme ricet does not name %s:\n%s", dir, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{
		"<h1>Programme RICET — 2025</h1>",
		"Ce rapport ne compte que les 17 actions du programme RICET en 2025 : ",
		"7 actions sont partagées avec le programme JET Cities : « Engagement tour - Lycée », ",
		"Elles comptent aussi dans le rapport de JET Cities",
		"Ne sont pas repris ici, car ils portent sur l&#39;ensemble du campus et non sur ses actions : « Attractivité des formations ».",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("RICET report lacks %q", want)
		}
	}
	f, err := excelize.OpenFile(filepath.Join(dir, export.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(export.SheetCover)
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[0][1]; got != "Programme RICET — 2025 – CMQ Green City BFC" {
		t.Errorf("workbook title = %q, want the programme's", got)
	}
	if !strings.Contains(strings.Join(rows[3], " "), "Périmètre Ce rapport ne compte que les 17 actions du programme RICET") {
		t.Errorf("workbook cover row 4 = %q, want the report's scope", rows[3])
	}
	// The action sheets are those of the programme's actions only.
	if !strings.Contains(page, "<h4>WorldSkills</h4>") {
		t.Errorf("RICET report has no sheet for WorldSkills, a RICET action")
	}
	if strings.Contains(page, "<h4>Club écoles des réseaux pour la transition en BFC</h4>") {
		t.Errorf("RICET report has a sheet for a VIRI action")
	}
	// The report's figures are the programme's (indicators --programme).
	want, _, _, _ := h.scopedIndicators("--programme", "RICET").find(t, "participants", map[string]string{})
	if !strings.Contains(page, frenchNumber(want, 0)) {
		t.Errorf("RICET report does not show its %v participations", want)
	}
}

// TestReport_unknownProgramme checks the error of a misspelt programme and
// funder: the closest name and the names of the catalogue, nothing written.
func TestReport_unknownProgramme(t *testing.T) {
	h, _ := shippedHarness(t)
	_, errs, code := h.run("report", "--year", "2025", "--programme", "RICETT")
	want := "programme « RICETT » : absent des catalogues d'actions ; vouliez-vous dire « RICET » ? ; programmes des catalogues : « JET Cities », « RICET », « VIRI »"
	if code != 1 || !strings.Contains(errs, want) {
		t.Errorf("report --programme RICETT: exit %d, stderr %q; want 1 and %q", code, errs, want)
	}
	_, errs, _ = h.run("indicators", "--year", "2025", "--funder", "Region academique")
	if !strings.Contains(errs, "vouliez-vous dire « Région académique BFC » ?") || !strings.Contains(errs, "« Collectif d'entreprises pour une ville durable et bas carbone »") {
		t.Errorf("indicators --funder \"Region academique\": stderr %q, want the closest funder and the list", errs)
	}
	if _, err := os.Stat(filepath.Join(h.env["GREENCITY_REPORT_DIR"], "2025")); !os.IsNotExist(err) {
		t.Errorf("a report folder was written for an unknown programme: %v", err)
	}
	_, errs, code = h.run("report", "--year", "2025", "--programme", "RICET", "--funder", "EDF")
	if code != 2 || !strings.Contains(errs, "--programme et --funder ne s'emploient pas ensemble") {
		t.Errorf("report --programme --funder: exit %d, stderr %q; want a usage error", code, errs)
	}
}

// runWithConfig runs greencity with config.yaml holding text.
func (h *harness) runWithConfig(text string, args ...string) (stdout, stderr string, code int) {
	h.t.Helper()
	cfg := filepath.Join(h.t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		h.t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code = RunEnv(context.Background(), append(args, "--config", cfg), &out, &errb, func(k string) string { return h.env[k] })
	return out.String(), errb.String(), code
}

// TestRun_configuredReports checks that run writes the report of every
// entry of reports, in its language (Net Zero Cities in English), with its
// funding statement and its logo in the page, and refuses a logo that is
// no image and a language without a catalogue.
func TestRun_configuredReports(t *testing.T) {
	data, err := filepath.Abs("../../data")
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, data, "2025")
	logo := filepath.Join(data, "logos", "drapeau-ue.svg")
	cfg := `reports:
  - programme: VIRI
    lang: fr
  - funder: net zero cities (ue)
    lang: en
    statement: Funded by the European Union.
    logo: ` + logo + "\n"
	out, errs, code := h.runWithConfig(cfg, "run")
	if code != 0 {
		t.Fatalf("run: exit %d\n%s\n%s", code, out, errs)
	}
	year := filepath.Join(h.env["GREENCITY_REPORT_DIR"], "2025")
	for _, dir := range []string{"programme-viri", "financeur-net-zero-cities-ue"} {
		for _, f := range []string{"index.html", export.FileName} {
			if _, err := os.Stat(filepath.Join(year, dir, f)); err != nil {
				t.Errorf("run did not write %s/%s: %v", dir, f, err)
			}
		}
	}
	b, err := os.ReadFile(filepath.Join(year, "financeur-net-zero-cities-ue", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h1>Funder: Net Zero Cities (UE) — 2025</h1>", "<p>Funded by the European Union.</p>",
		`<img class="logo" src="data:image/svg&#43;xml;base64,`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("Net Zero Cities report lacks %q", want)
		}
	}

	notImage := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(notImage, []byte("pas une image"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ cfg, want string }{
		{"reports:\n  - funder: EDF\n    logo: " + notImage + "\n", "configuration reports[0].logo = " + notImage + " : logo " + notImage + " : ce n'est pas une image PNG, JPEG, GIF, WebP ou SVG (contenu lu : text/plain; charset=utf-8)"},
		{"reports:\n  - funder: EDF\n    logo: /absent/logo.svg\n", "configuration reports[0].logo = /absent/logo.svg : logo : open /absent/logo.svg: no such file or directory"},
		{"reports:\n  - programme: VIRI\n    lang: de\n", "configuration reports[0].lang = de : attendu fr (français) ou en (anglais)"},
		{"reports:\n  - programme: VIRII\n", "configuration reports[0] : programme « VIRII » : absent des catalogues d'actions ; vouliez-vous dire « VIRI » ?"},
	} {
		_, errs, code := h.runWithConfig(tc.cfg, "run")
		if code != 1 || !strings.Contains(errs, tc.want) {
			t.Errorf("run with\n%s: exit %d, stderr %q; want 1 and %q", tc.cfg, code, errs, tc.want)
		}
	}
}

// TestReport_funderPDF prints the report of one funder: its PDF is named
// after it, and every page's header carries its title.
func TestReport_funderPDF(t *testing.T) {
	if _, err := pdf.FindChromium(os.Getenv("PATH")); err != nil {
		if os.Getenv("GREENCITY_REQUIRE_BROWSER") == "1" {
			t.Fatal("chromium not found and GREENCITY_REQUIRE_BROWSER=1")
		}
		t.Skip("chromium not found: apt-get install -y chromium")
	}
	h, _ := shippedHarness(t)
	h.env["PATH"] = os.Getenv("PATH")
	out := h.mustRun("report", "--year", "2025", "--funder", "edf", "--pdf")
	want := filepath.Join(h.env["GREENCITY_REPORT_DIR"], "2025", "financeur-edf", "rapport-2025-financeur-edf.pdf")
	if !strings.Contains(out, "PDF 2025 : "+want+"\n") {
		t.Fatalf("report --funder edf --pdf does not name %s:\n%s", want, out)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return
	}
	text, err := exec.Command("pdftotext", "-l", "1", want, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), "Financeur : EDF — 2025") {
		t.Errorf("first page of %s does not carry the funder's title:\n%s", want, text)
	}
}
