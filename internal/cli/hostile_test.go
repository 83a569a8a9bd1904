package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pdf"
	"github.com/xuri/excelize/v2"
)

// Action names that would run code if the report let them: each sets
// window.__pwned.
var hostileNames = []string{
	`</script><script>window.__pwned=1</script>`,
	`Atelier __f__window.__pwned=2__f__`,
	`<img src=x onerror="window.__pwned=3">`,
	`=HYPERLINK("http://example.org","clic")`,
	`@SUM(1+1)`,
}

// TestRun_HostileNamesInert imports a catalogue and attendance whose action
// names are scripts, runs the pipeline through the command line, and opens
// the report in headless Chromium with no network: no script ran, and the
// names read as text.
func TestRun_HostileNamesInert(t *testing.T) {
	const chromium = "/usr/bin/chromium"
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("GREENCITY_REQUIRE_BROWSER") == "1" {
			t.Fatalf("chromium not found at %s and GREENCITY_REQUIRE_BROWSER=1: install it with apt-get install -y chromium", chromium)
		}
		t.Skip("chromium not found: install it with apt-get install -y chromium")
	}
	data := t.TempDir()
	cat := [][]any{{"action", "axe", "type"}}
	att := [][]any{{"action", "date", "etablissement", "public", "participants", "dont_filles"}}
	for i, name := range hostileNames {
		cat = append(cat, []any{name, "attractivité", "atelier"})
		att = append(att, []any{name, xlsxtest.Serial(2025, time.Month(3+i), 5), name, "lycéens", 30 + 10*i, 10})
	}
	xlsxtest.Write(t, filepath.Join(data, "2025", "actions.xlsx"), xlsxtest.Sheet{Name: "actions", Rows: cat})
	xlsxtest.Write(t, filepath.Join(data, "2025", "participations", "hostile.xlsx"), xlsxtest.Sheet{Name: "Feuil1", Rows: att})
	h := newHarness(t, data, "2025")
	h.mustRun("run")
	page := filepath.Join(h.env["GREENCITY_REPORT_DIR"], "2025", "index.html")
	if _, err := os.Stat(page); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	alloc, cancelAlloc := pdf.NewAllocator(ctx, chromium, t.TempDir())
	defer cancelAlloc()
	var mu sync.Mutex
	var exceptions []string
	tab, cancelTab := chromedp.NewContext(alloc, chromedp.WithListener(func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			mu.Lock()
			exceptions = append(exceptions, fmt.Sprintf("%s %v", e.ExceptionDetails.Text, e.ExceptionDetails.Exception))
			mu.Unlock()
		}
	}))
	defer cancelTab()
	if err := chromedp.Do(tab, chromedp.Navigate("file://"+page), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
		t.Fatalf("open the report: %v", err)
	}
	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(tab, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("evaluate %s: %v", expr, err)
		}
		return v
	}
	pwned := eval(`typeof window.__pwned`)
	text := eval(`document.querySelectorAll("details").forEach(d => d.open = true), document.body.innerText`)
	if pwned != "undefined" {
		t.Errorf("window.__pwned is %s: an action name ran as code", pwned)
	}
	for _, name := range hostileNames {
		if !strings.Contains(text, name) {
			t.Errorf("the report does not show the action name %q as text", name)
		}
	}
	if n := eval(`String(document.querySelectorAll('img[src="x"]').length)`); n != "0" {
		t.Errorf("the report has %s <img src=x> elements: a name became markup", n)
	}
	mu.Lock()
	for _, e := range exceptions {
		t.Errorf("exception in the report: %s", e)
	}
	mu.Unlock()

	// The exports: no name is read as a formula.
	csvOut := h.mustRun("indicators", "--year", "2025", "--format", "csv")
	for _, want := range []string{`"'=HYPERLINK(""http://example.org"",""clic"")"`, `'@SUM(1+1)`} {
		if !strings.Contains(csvOut, want) {
			t.Errorf("indicators --format csv lacks %s:\n%s", want, csvOut)
		}
	}
	f, err := excelize.OpenFile(filepath.Join(filepath.Dir(page), "indicateurs.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	shown := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formula, _ := f.GetCellFormula(sheet, ref); formula != "" {
					t.Errorf("indicateurs.xlsx %s!%s holds the formula %s", sheet, ref, formula)
				}
				if strings.Contains(v, "HYPERLINK") {
					shown++
				}
			}
		}
	}
	if shown == 0 {
		t.Error("indicateurs.xlsx does not show the action =HYPERLINK(...) as text")
	}
}
