package cli

import (
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/pdf"
)

// The action sheets of the shipped 2025 report set beside the pages of the
// campus's own activity report (shared/reference/rapport-activite-2025.md,
// which data/README.md rebuilds as raw spreadsheets): every figure below is
// the reference's, and the sheets compute theirs from data/2025 through
// queries/sheets.
//
// The reference's page "Festival de la Transition" (3 852 participants, of
// whom 1 397 collégiens, 1 089 lycéens, 324 étudiants, 30 établissements)
// cannot be one of them: the festival is not an action of the catalogue but
// an event of some 80 events by 40 partners, and data/2025 holds only the
// attendance of the campus's own seven actions there
// (participations/festival-transition.xlsx).
var referenceSheets = []struct {
	action string
	want   map[string]string // card label -> value, as the sheet prints it
}{
	{"Visite du projet RESPONSE", map[string]string{
		"Participations": "341", "Collégiens": "221", "Lycéens": "105", "Étudiants": "15", "Établissements touchés": "5"}},
	{"Escape Game Mobile Demain la ville", map[string]string{
		"Collégiens": "645", "Lycéens": "20", "Établissements touchés": "7"}},
	{"Forum Ton Métier de demain", map[string]string{
		"Participations": "626", "Collégiens": "437", "Lycéens": "159", "Demandeurs d'emploi": "30"}},
	{"Terraformation - Escape game urbain", map[string]string{
		"Lycéens": "160", "Collégiens": "64", "Établissements touchés": "5"}},
	{"Pulse - idéathon", map[string]string{"Étudiants": "230", "Établissements touchés": "9"}},
}

var (
	sheetArticle = regexp.MustCompile(`(?s)<article class="fiche" id="[^"]+">\s*<h4>([^<]*)</h4>(.*?)</article>`)
	sheetCard    = regexp.MustCompile(`<p class="value">([^<]*)</p>\s*<p class="label">([^<]*)</p>`)
	sheetText    = regexp.MustCompile(`(?s)<(h4|h5|dt|dd|p)\b[^>]*>(.*?)</(?:h4|h5|dt|dd|p)>`)
	anyTag       = regexp.MustCompile(`<[^>]+>`)
)

// plain is the text of some HTML as a reader sees it, blanks collapsed and
// no-break spaces made plain, as pdftotext gives them.
func plain(s string) string {
	s = html.UnescapeString(anyTag.ReplaceAllString(s, " "))
	s = strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// sheetsOf returns the action sheets of a report page: their titles, in
// order, and the HTML of each.
func sheetsOf(t *testing.T, page string) (titles []string, bodies map[string]string) {
	t.Helper()
	bodies = map[string]string{}
	for _, m := range sheetArticle.FindAllStringSubmatch(page, -1) {
		title := plain(m[1])
		titles = append(titles, title)
		bodies[title] = m[2]
	}
	if len(titles) == 0 {
		t.Fatal("the report has no action sheet")
	}
	return titles, bodies
}

// TestReport_actionSheetsAsReference runs the pipeline on the shipped data
// and reads the 2025 report's action sheets: their figures are the
// reference activity report's, action by action; printed, each sheet lies
// on a single page.
func TestReport_actionSheetsAsReference(t *testing.T) {
	data, err := filepath.Abs("../../data")
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, data, "2025")
	h.mustRun("import", filepath.Join(data, "2025"))
	_, chromiumErr := pdf.FindChromium(os.Getenv("PATH"))
	_, popplerErr := exec.LookPath("pdftotext")
	printed := chromiumErr == nil && popplerErr == nil
	if !printed && os.Getenv("GREENCITY_REQUIRE_BROWSER") == "1" {
		t.Fatal("chromium or pdftotext not found and GREENCITY_REQUIRE_BROWSER=1")
	}
	args := []string{"rapport", "--year", "2025"}
	if printed {
		h.env["PATH"] = os.Getenv("PATH")
		args = append(args, "--pdf")
	}
	h.mustRun(args...)
	dir := filepath.Join(h.env["GREENCITY_REPORT_DIR"], "2025")
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	titles, bodies := sheetsOf(t, page)

	for _, ref := range referenceSheets {
		body, ok := bodies[ref.action]
		if !ok {
			t.Errorf("no sheet for %q among %q", ref.action, titles)
			continue
		}
		got := map[string]string{}
		for _, m := range sheetCard.FindAllStringSubmatch(body, -1) {
			got[plain(m[2])] = plain(m[1])
		}
		for label, want := range ref.want {
			if got[label] != want {
				t.Errorf("sheet %q: %s = %q, want %s as in the reference activity report (cards %q)", ref.action, label, got[label], want, got)
			}
		}
	}

	if !printed {
		t.Skip("chromium or pdftotext not found: the printed sheets are not checked")
	}
	out, err := exec.Command("pdftotext", filepath.Join(dir, "rapport-2025.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var pages []string
	for _, p := range strings.Split(string(out), "\f") {
		pages = append(pages, plain(p))
	}
	// The sheets follow their introduction, which only their part says;
	// each is looked for after the page of the one before.
	at := -1
	intro := plain(strings.SplitN(page[strings.Index(page, `<section id="fiches-action">`):], "</p>", 2)[0])
	for i, p := range pages {
		if strings.Contains(p, intro[len(intro)-60:]) {
			at = i
			break
		}
	}
	if at < 0 {
		t.Fatalf("the PDF has no part of action sheets (%q)", intro)
	}
	for _, title := range titles {
		found := -1
		for i := at; i < len(pages); i++ {
			if strings.Contains(pages[i], title) {
				found = i
				break
			}
		}
		if found < 0 {
			t.Errorf("sheet %q: not found in the PDF after page %d", title, at+1)
			continue
		}
		at = found
		// Every text of the sheet is on the page of its title.
		for _, m := range sheetText.FindAllStringSubmatch(bodies[title], -1) {
			if text := plain(m[2]); text != "" && !strings.Contains(pages[found], text) {
				t.Errorf("sheet %q starts on page %d, but %q is not on that page", title, found+1, text)
			}
		}
	}
}
