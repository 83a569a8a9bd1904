package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/cmq-greencity/greencity/export"
	"github.com/cmq-greencity/greencity/lang"
	"github.com/cmq-greencity/greencity/pdf"
)

// frenchMarkers are what gives French text away: its function words, its
// usual words of a report, an elided article, an accented letter. English
// text has none of them.
var frenchMarkers = regexp.MustCompile(`(?i)\b(le|la|les|des|du|de|et|pour|avec|dans|sur|une|au|aux|par|est|sont|qui|que|ou|pas|ne|ce|cette|chiffres?|élèves|répondants|personnes|année|données|publié|enquête|cible)\b|\b[ldn]'|[éèêëàâùûîïôçœ]`)

// TestReport_english writes the 2025 report of the shipped data (and
// shipped config.yaml) in English, with its workbook and, when Chromium is
// there, its PDF, and fails on any French word left outside the data's own
// words: the names of actions, schools, training programmes and towns, the
// programmes and funders of the catalogue, the titles and questions of the
// surveys, and what config.yaml says of the campus. The same check on the French report must find French words, or
// it would check nothing.
func TestReport_english(t *testing.T) {
	data, err := filepath.Abs("../../data")
	if err != nil {
		t.Fatal(err)
	}
	config, err := filepath.Abs("../../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	env := map[string]string{
		"GREENCITY_DATA_DIR":   data,
		"GREENCITY_DATABASE":   filepath.Join(dir, "test.duckdb"),
		"GREENCITY_REPORT_DIR": filepath.Join(dir, "report"),
		"PATH":                 os.Getenv("PATH"),
	}
	run := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		args = append(args, "--config", config)
		if code := RunEnv(context.Background(), args, &out, &errb, func(k string) string { return env[k] }); code != 0 {
			t.Fatalf("greencity %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errb.String())
		}
		return out.String()
	}
	run("run")
	withPDF := []string{}
	if _, err := pdf.FindChromium(os.Getenv("PATH")); err == nil {
		withPDF = []string{"--pdf"}
	} else if os.Getenv("GREENCITY_REQUIRE_BROWSER") == "1" {
		t.Fatal("chromium not found and GREENCITY_REQUIRE_BROWSER=1")
	}
	en := filepath.Join(dir, "en")
	out := run(append([]string{"report", "--year", "2025", "--lang", "en", "--out", en}, withPDF...)...)
	if strings.Contains(out, "Report 2025") || !strings.Contains(out, "Rapport 2025 : ") {
		t.Errorf("the terminal does not speak French with --lang en:\n%s", out)
	}
	cfg, err := loadConfig(config, true, pflag.NewFlagSet("test", pflag.ContinueOnError), func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	names := dataWords(t, data, cfg)

	frPage := filepath.Join(dir, "report", "2025", "index.html")
	if found := frenchIn(pageText(t, frPage), names); len(found) < 10 {
		t.Errorf("the French report shows %d French words outside the data's names: the check sees nothing (%q)", len(found), found)
	}
	if found := frenchIn(pageText(t, filepath.Join(en, "index.html")), names); len(found) > 0 {
		t.Errorf("the English report shows French outside the data's names:\n%s", strings.Join(found, "\n"))
	}
	if found := frenchIn(workbookText(t, filepath.Join(en, export.FileName)), names); len(found) > 0 {
		t.Errorf("the English workbook shows French outside the data's names:\n%s", strings.Join(found, "\n"))
	}
	// The shipped config.yaml asks for the report of the funder Net Zero
	// Cities in English (reports, lang: en): run wrote it beside the
	// campus's French one.
	nzc, err := filepath.Glob(filepath.Join(dir, "report", "2025", "financeur-net-zero-cities*"))
	if err != nil || len(nzc) != 1 {
		t.Fatalf("run wrote no report of the funder Net Zero Cities: %v %v", nzc, err)
	}
	if found := frenchIn(pageText(t, filepath.Join(nzc[0], "index.html")), names); len(found) > 0 {
		t.Errorf("the Net Zero Cities report (lang: en) shows French outside the data's names:\n%s", strings.Join(found, "\n"))
	}
	if found := frenchIn(workbookText(t, filepath.Join(nzc[0], export.FileName)), names); len(found) > 0 {
		t.Errorf("the Net Zero Cities workbook (lang: en) shows French outside the data's names:\n%s", strings.Join(found, "\n"))
	}
	if len(withPDF) > 0 {
		text, err := exec.Command("pdftotext", filepath.Join(en, pdf.FileName(2025)), "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		// The body of the PDF is the page checked above; what the PDF adds
		// is its running header (campus, title, what is not final) and its
		// page numbers. pdftotext breaks lines: spaces are made one.
		joined := strings.Join(strings.Fields(string(text)), " ")
		en, fr := lang.MustNew(lang.English), lang.MustNew(lang.French)
		for _, want := range []string{en.T("report.key_figures", "Year", 2025), charts.NotFinalText(en, statusCover(cfg))} {
			if !strings.Contains(joined, strings.Join(strings.Fields(want), " ")) {
				t.Errorf("the English PDF's page header does not say %q", want)
			}
		}
		for _, unwanted := range []string{fr.T("report.key_figures", "Year", 2025), charts.NotFinalText(fr, statusCover(cfg))} {
			if strings.Contains(joined, strings.Join(strings.Fields(unwanted), " ")) {
				t.Errorf("the English PDF's page header says %q", unwanted)
			}
		}
	}
}

// missingMessage is how lang.Printer writes a message it does not have:
// its id in brackets.
var missingMessage = regexp.MustCompile(`\[[a-z0-9_]+(\.[a-z0-9_]+)+\]`)

// frenchIn returns, for each text, what is left of it once the data's
// names are taken out, when a French marker is still in it, and every
// message that could not be written.
func frenchIn(texts []string, names []string) []string {
	var out []string
	for _, s := range texts {
		// "et al." is English too, in the references of "Methods".
		s = strings.ReplaceAll(s, "et al.", "")
		if m := missingMessage.FindString(s); m != "" {
			out = append(out, "missing message "+m)
		}
		for _, n := range names {
			s = strings.ReplaceAll(s, n, " ")
		}
		if m := frenchMarkers.FindStringIndex(s); m != nil {
			out = append(out, strings.TrimSpace(s[max(0, m[0]-60):min(len(s), m[1]+60)]))
		}
	}
	return out
}

// dataWords are the data's own words, which a report writes as they are
// in every language: the names in the shipped spreadsheets of every year,
// the titles and questions of the surveys (with and without their year),
// and what config.yaml says of the campus; the longest first, so that a
// name is taken out before a shorter one it holds.
func dataWords(t *testing.T, data string, cfg Config) []string {
	t.Helper()
	words := []string{cfg.Campus, cfg.Producer, cfg.Contact, devVersion, export.FileName}
	// The labels of the targets in French are config.yaml's own words: an
	// English report names its targets by label_en, and shows the French
	// ones only in the canonical form of the configuration (annex).
	for _, tc := range cfg.Targets {
		words = append(words, tc.Label)
	}
	files, err := filepath.Glob(filepath.Join(data, "*", "*.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob(filepath.Join(data, "*", "*", "*.xlsx"))
	for _, path := range append(files, more...) {
		words = append(words, filepath.Base(path))
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, sheet := range f.GetSheetList() {
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if sheet == "enquete" {
				for _, r := range rows {
					if len(r) > 1 && strings.EqualFold(strings.TrimSpace(r[0]), "titre") {
						title := strings.TrimSpace(r[1])
						words = append(words, title, regexp.MustCompile(`\s+\d{4}$`).ReplaceAllString(title, ""))
					}
				}
				continue
			}
			if len(rows) == 0 {
				continue
			}
			for i, h := range rows[0] {
				switch strings.ToLower(strings.TrimSpace(h)) {
				case "action", "etablissement", "établissement", "commune", "formation", "libelle", "libellé", "programme", "financeurs":
					for _, r := range rows[1:] {
						if i < len(r) && strings.TrimSpace(r[i]) != "" {
							words = append(words, strings.TrimSpace(r[i]))
						}
					}
				}
			}
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	words = slices.DeleteFunc(words, func(s string) bool { return strings.TrimSpace(s) == "" })
	slices.SortFunc(words, func(a, b string) int { return len(b) - len(a) })
	return slices.Compact(words)
}

// pageText returns what a reader of the page sees: its text, the
// tooltips and labels of its elements, and every text of its charts'
// options (axis names, legends, bar labels, tooltips). The scripts of the
// page (ECharts, page.js) are left out: they are code.
func pageText(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	z := html.NewTokenizer(bytes.NewReader(b))
	inScript, isJSON := false, false
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatal(z.Err())
			}
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data == "script" || tok.Data == "style" {
				inScript, isJSON = true, false
			}
			for _, a := range tok.Attr {
				switch a.Key {
				case "title", "aria-label", "alt":
					out = append(out, a.Val)
				case "type":
					isJSON = isJSON || a.Val == "application/json"
				}
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "script" || string(name) == "style" {
				inScript = false
			}
		case html.TextToken:
			text := string(z.Text())
			switch {
			case inScript && isJSON:
				out = append(out, jsonStrings(t, text)...)
			case !inScript:
				out = append(out, text)
			}
		}
	}
}

// jsonStrings returns every string of a JSON document.
func jsonStrings(t *testing.T, doc string) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatalf("chart options: %v", err)
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

// workbookText returns the names of the sheets of a workbook and the text
// of every cell.
func workbookText(t *testing.T, path string) []string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	for _, sheet := range f.GetSheetList() {
		out = append(out, sheet)
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			out = append(out, r...)
		}
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	return append(out, props.Title)
}
