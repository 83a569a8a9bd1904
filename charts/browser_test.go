package charts

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/cmq-greencity/greencity/pdf"
	"github.com/cmq-greencity/greencity/stats"
	"github.com/cmq-greencity/greencity/trend"
)

// chromiumPath is Debian's Chromium (apt-get install -y chromium).
const chromiumPath = "/usr/bin/chromium"

// Names that would run code if the report let them: each sets
// window.__pwned. The test fails if it is ever set.
var hostileActions = []string{
	`</script><script>window.__pwned=1</script>`,
	`__f__window.__pwned=2__f__`,
	`<img src=x onerror="window.__pwned=3">`,
}

// needChromium skips the test when Chromium is missing, unless
// GREENCITY_REQUIRE_BROWSER=1 says that this machine must have it (CI).
func needChromium(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("GREENCITY_REQUIRE_BROWSER") == "1" {
			t.Fatalf("chromium not found at %s and GREENCITY_REQUIRE_BROWSER=1: install it with apt-get install -y chromium", chromiumPath)
		}
		t.Skip("chromium not found: install it with apt-get install -y chromium")
	}
}

// newBrowser starts a headless Chromium that cannot reach any network: no
// background traffic, a fresh profile, and every host resolving to nothing
// but 127.0.0.1. The context ends after 60 s, generous for a slow CI.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	allocCtx, cancelAlloc := pdf.NewAllocator(ctx, chromiumPath, t.TempDir(),
		// Every host name and address resolves to nothing, except the
		// loopback address of the probe server of TestRender_browser, so
		// that its control can show the offline emulation at work.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.WindowSize(1200, 900),
	)
	t.Cleanup(cancelAlloc)
	return allocCtx
}

// tab is one page of the browser with everything it logged and requested.
type tab struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string // console errors and warnings, exceptions, log errors
	requests []string // URLs of every request the page made
}

// newTab opens a tab whose listener sees every event from the start. From
// the allocator's context, it starts the browser; from the context of a tab,
// it opens another tab in the same browser.
func newTab(t *testing.T, parent context.Context) *tab {
	t.Helper()
	tb := &tab{}
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithListener(tb.listen))
	t.Cleanup(cancel)
	tb.ctx = ctx
	if err := chromedp.Do(ctx); err != nil { // starts the browser, attaches the tab
		t.Fatalf("start chromium: %v", err)
	}
	return tb
}

// listen runs in the tab's event loop: it only records.
func (tb *tab) listen(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			tb.problems = append(tb.problems, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		tb.problems = append(tb.problems, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber, msg))
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
			tb.problems = append(tb.problems, fmt.Sprintf("log %s %s: %s (%s)", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	case *network.EventRequestWillBeSent:
		tb.requests = append(tb.requests, ev.Request.URL)
	}
}

// goOffline cuts the tab from every network: the requests fail as they do
// with no connection, and navigator.onLine is false.
func (tb *tab) goOffline(t *testing.T) {
	t.Helper()
	_, err := chromedp.Call(tb.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	})
	if err != nil {
		t.Fatalf("emulate offline: %v", err)
	}
	if _, err := chromedp.Call(tb.ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: true, DownloadThroughput: -1, UploadThroughput: -1,
	}); err != nil {
		t.Fatalf("override network state: %v", err)
	}
}

// writePage renders r, as funders get it, to index.html in a temporary
// folder and returns its path.
func writePage(t *testing.T, r Report) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "index.html")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := Render(f, r); err != nil {
		f.Close()
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return file
}

// eval runs a JavaScript expression in the page and returns its result,
// once the promise it may return has settled.
func eval[T any](t *testing.T, tb *tab, expr string) T {
	t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// TestRender_browser opens the report of 2025 as a funder does, from a file,
// with no network, in a real Chromium, and checks what a reader sees.
func TestRender_browser(t *testing.T) {
	needChromium(t)

	// A local server that counts the requests that reach it: a control tab
	// shows that this browser can reach it, and the report's tab, offline,
	// then shows that it cannot.
	var mu sync.Mutex
	reached := map[string]int{} // requests by path
	probe := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		reached[r.URL.Path]++
		mu.Unlock()
		fmt.Fprint(w, "ok")
	}))
	defer probe.Close()
	hits := func(path string) int {
		mu.Lock()
		defer mu.Unlock()
		return reached[path]
	}

	var extra []Figure
	for i, name := range hostileActions {
		extra = append(extra, Figure{Category: name, Value: float64(120 - 10*i)})
	}
	r := report2025(extra...)
	// The first page: the targets of config.yaml, and the years side by side.
	years := reportYears()
	r.Trajectories, r.Comparison = years.Trajectories, years.Comparison
	r.Figures = append(r.Figures, Figure{ID: "orientation_confirmed_rate", Survey: hostileActions[0],
		Label: hostileActions[1], Value: 0.5, N: 4})
	fileURL := "file://" + writePage(t, r)

	browser := newBrowser(t)

	// Control: in a tab with the network on, the probe server answers.
	control := newTab(t, browser)
	if err := chromedp.Do(control.ctx, chromedp.Navigate(probe.URL+"/control")); err != nil || hits("/control") != 1 {
		t.Fatalf("control tab with the network on: %v, %d requests; want the probe reached", err, hits("/control"))
	}
	// Any other host resolves to nothing, even online.
	err := chromedp.Do(control.ctx, chromedp.Navigate("https://example.org/"))
	if err == nil || !strings.Contains(err.Error(), "ERR_NAME_NOT_RESOLVED") {
		t.Errorf("control tab navigating to example.org: %v, want net::ERR_NAME_NOT_RESOLVED", err)
	}

	// The report, in a tab put offline before the navigation.
	view := newTab(t, control.ctx)
	view.goOffline(t)
	if err := chromedp.Do(view.ctx,
		chromedp.Navigate(fileURL),
		chromedp.WaitReady(chromedp.CSS("footer")),
	); err != nil {
		t.Fatalf("open %s: %v", fileURL, err)
	}
	if got := eval[bool](t, view, "navigator.onLine"); got {
		t.Error("navigator.onLine is true in the offline tab")
	}

	// Every chart drew on its canvas: axes and text (painted pixels), and
	// its bars, in the campus green #2e7d32 (animation is off, so they are
	// there at once).
	type drawn struct {
		ID      string `json:"id"`
		Canvas  bool   `json:"canvas"`
		Painted int    `json:"painted"`
		Green   int    `json:"green"`
		Orange  int    `json:"orange"` // the target point of a trajectory
		Grey    int    `json:"grey"`   // its dashed path
	}
	drawnCharts := eval[[]drawn](t, view, `Array.from(document.querySelectorAll("div.chart")).map(el => {
		const c = el.querySelector("canvas");
		if (!c) return {id: el.id, canvas: false, painted: 0, green: 0, orange: 0, grey: 0};
		const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
		const near = (i, r, g, b) => d[i + 3] === 255 && Math.abs(d[i] - r) < 8 && Math.abs(d[i + 1] - g) < 8 && Math.abs(d[i + 2] - b) < 8;
		let painted = 0, green = 0, orange = 0, grey = 0;
		for (let i = 0; i < d.length; i += 4) {
			if (d[i + 3] !== 0) painted++;
			if (near(i, 0x2e, 0x7d, 0x32)) green++;
			if (near(i, 0xe6, 0x51, 0x00)) orange++;
			if (near(i, 0x75, 0x75, 0x75)) grey++;
		}
		return {id: el.id, canvas: true, painted: painted, green: green, orange: orange, grey: grey};
	})`)
	if len(drawnCharts) < 10 {
		t.Errorf("page has %d charts, want at least 10", len(drawnCharts))
	}
	trajectories := 0
	for _, c := range drawnCharts {
		// A trajectory draws its values in green, its path in grey and its
		// target in orange; there are fewer green pixels than in a bar chart
		// (two points and no line across the missing 2024).
		if strings.HasPrefix(c.ID, "trajectoire-") {
			trajectories++
			if !c.Canvas || c.Painted < 500 || c.Green < 40 || c.Orange < 40 || c.Grey < 100 {
				t.Errorf("trajectory %s: canvas %v, %d painted pixels, %d green (values), %d orange (target), %d grey (path); want all drawn",
					c.ID, c.Canvas, c.Painted, c.Green, c.Orange, c.Grey)
			}
			continue
		}
		switch {
		case !c.Canvas:
			t.Errorf("chart %s has no canvas", c.ID)
		case c.Painted < 500:
			t.Errorf("chart %s has %d painted pixels, want a drawn chart", c.ID, c.Painted)
		case c.Green < 100:
			t.Errorf("chart %s has %d pixels of its bar colour, want its bars drawn", c.ID, c.Green)
		}
	}
	if trajectories != len(r.Trajectories) {
		t.Errorf("page draws %d trajectory charts, want %d (one per target)", trajectories, len(r.Trajectories))
	}

	// The key figures, as a reader sees them, the data tables opened.
	text := eval[string](t, view, `document.querySelectorAll("details").forEach(d => d.open = true), document.body.innerText`)
	for _, want := range []string{
		"80", "Animations", "4" + thinSpace + "604", "Personnes impactées",
		"2" + thinSpace + "087", "Collégiens", "1" + thinSpace + "616", "Lycéens",
		"508", "Étudiants", "290", "Grand public", "46" + thinSpace + "%", "Part de filles",
		"15 des 18 répondants disent que l'action a conforté leur choix d'orientation : 83" + thinSpace + "%, probablement entre 61" + thinSpace + "% et 94" + thinSpace + "% (4 ou 5 sur 5).",
		"+33" + thinSpace + "%", "Calculé sur les 15 mêmes personnes, avant et après", fr.T("common.small_n"),
		"Trajectoire 2030", "En retard sur la trajectoire", "Sur la trajectoire", "Cible atteinte",
		"Comparaison des années",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("visible text lacks %q", want)
		}
	}

	// Hostile names are text on the page, in the tooltips too, and ran nothing.
	for _, name := range hostileActions {
		if !strings.Contains(text, name) {
			t.Errorf("visible text lacks the action name %q", name)
		}
	}
	tooltip := eval[string](t, view, `(() => {
		const el = Array.from(document.querySelectorAll("div.chart")).find(el =>
			JSON.parse(document.getElementById(el.id + "-spec").textContent).option.series[0].data
				.some(d => d.name && d.name.includes("onerror")));
		const chart = echarts.getInstanceByDom(el);
		const data = chart.getOption().series[0].data;
		chart.dispatchAction({type: "showTip", seriesIndex: 0, dataIndex: data.findIndex(d => d.name.includes("onerror"))});
		return el.innerText;
	})()`)
	if !strings.Contains(tooltip, hostileActions[2]) {
		t.Errorf("tooltip of the hostile bar is %q, want the name as text", tooltip)
	}
	if got := eval[string](t, view, "typeof window.__pwned"); got != "undefined" {
		t.Errorf("window.__pwned is %s: a hostile name ran as code", got)
	}

	// GREENCITY_SCREENSHOT=/tmp/report.jpg keeps a full-page JPEG of the
	// report, to look at it.
	if shot := os.Getenv("GREENCITY_SCREENSHOT"); shot != "" {
		jpg, err := chromedp.Run(view.ctx, chromedp.FullScreenshot(90))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(shot, jpg, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	view.mu.Lock()
	problems, requests := view.problems, view.requests
	view.mu.Unlock()
	for _, p := range problems {
		t.Errorf("browser reported: %s", p)
	}
	// The report asked for nothing but its own file.
	for _, u := range requests {
		if u != fileURL {
			t.Errorf("the report requested %s", u)
		}
	}

	// Last, the same tab tries the probe that the control tab reached: it
	// fails for want of a connection, and the server sees nothing.
	err = chromedp.Do(view.ctx, chromedp.Navigate(probe.URL+"/offline"))
	if err == nil || !strings.Contains(err.Error(), "ERR_INTERNET_DISCONNECTED") {
		t.Errorf("offline tab navigating to the probe: %v, want net::ERR_INTERNET_DISCONNECTED", err)
	}
	if n := hits("/offline"); n != 0 {
		t.Errorf("the probe server got %d requests from the offline tab, want none", n)
	}
}

// TestRender_withoutJavaScript opens the report as a webmail preview shows
// it, scripts off: a message says where the charts are, each chart's box
// says its figures are in the table below it, and the tables are open.
// With scripts, the messages go and the tables close under their chart.
func TestRender_withoutJavaScript(t *testing.T) {
	needChromium(t)
	r := report2025()
	r.Cover = &Cover{PDF: "rapport-2025.pdf"}
	fileURL := "file://" + writePage(t, r)
	type view struct {
		Messages, Charts, Open, Tables int
		Banner                         string
		BannerShown                    bool
	}
	const look = `(() => {
		const b = document.querySelector(".nojs-banner");
		return {Messages: document.querySelectorAll(".nojs").length, Charts: document.querySelectorAll("div.chart").length,
			Open: document.querySelectorAll("details[open]").length, Tables: document.querySelectorAll("details table").length,
			Banner: b ? b.textContent : "", BannerShown: !!b && b.getBoundingClientRect().height > 0};
	})()`
	browser := newBrowser(t)

	noJS := newTab(t, browser)
	if _, err := chromedp.Call(noJS.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(noJS.ctx, chromedp.Navigate(fileURL), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
		t.Fatal(err)
	}
	got := eval[view](t, noJS, look)
	if got.Charts == 0 || got.Messages != got.Charts+1 || !got.BannerShown || got.Open != got.Tables || got.Tables < got.Charts {
		t.Errorf("without scripts: %+v; want the banner shown, one message per chart and every table open", got)
	}
	if want := "Le PDF du rapport (rapport-2025.pdf) et les tableaux sous chaque graphique donnent les mêmes chiffres."; !strings.Contains(got.Banner, want) {
		t.Errorf("banner %q lacks %q", got.Banner, want)
	}

	withJS := newTab(t, noJS.ctx) // another tab of the same browser
	if err := chromedp.Do(withJS.ctx, chromedp.Navigate(fileURL), chromedp.WaitReady(chromedp.CSS(`html[data-charts="drawn"]`))); err != nil {
		t.Fatal(err)
	}
	if got := eval[view](t, withJS, look); got.Messages != 0 || got.Open != 0 || got.Charts == 0 {
		t.Errorf("with scripts: %+v; want no message and the tables closed", got)
	}
}

// manyYears is a comparison of nine years, 2018 to 2026 (2020 missing), of
// a count, a share on part of its whole and a survey's share with its
// interval: the widest table of years a report shows, too wide for a phone
// in columns.
func manyYears() *Comparison {
	var years []int
	var points []trend.Point
	for y := 2018; y <= 2026; y++ {
		years = append(years, y)
		if y == 2020 {
			continue
		}
		k, n := 10+y-2018, 20+2*(y-2018)
		lo, hi := stats.Wilson(k, n)
		points = append(points,
			trend.Point{Key: trend.Key{ID: "participants"}, Year: y, Value: float64(10000 + 1371*(y-2018)), Version: 1},
			trend.Point{Key: trend.Key{ID: "girls_share"}, Year: y, Value: 0.3 + 0.01*float64(y-2018), Version: 1},
			trend.Point{Key: trend.Key{ID: "orientation_confirmed_rate", Survey: "Engagement tour lycée"}, Year: y, Value: float64(k) / float64(n),
				Version: 1, N: int64(n), Low: &lo, High: &hi, Interval: trend.Wilson})
	}
	labels := map[string]string{"participants": "Participations", "girls_share": "Part de filles parmi les participants",
		"orientation_confirmed_rate": "Part des répondants dont l'orientation est confortée"}
	units := map[string]string{"participants": "personnes", "girls_share": "part", "orientation_confirmed_rate": "part"}
	c := &Comparison{Years: years, Missing: []int{2020}}
	for _, l := range trend.Compare(points, years) {
		row := ComparisonRow{ID: l.Key.ID, Label: labels[l.Key.ID], Survey: l.Key.Survey, Unit: units[l.Key.ID], Cells: l.Cells}
		if l.Key.ID == "girls_share" {
			row.Coverage = map[int]float64{2018: 0.4, 2019: 0.9, 2021: 0.9, 2022: 0.9, 2023: 0.3, 2024: 0.9, 2025: 0.9, 2026: 0.9}
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}

// TestRender_phoneNoSidewaysScroll opens at a phone's widths (360 and 390
// px, as TestReport_layoutAnyWidth of package cli opens the shipped report)
// a report with nine years side by side and a survey's table of tests, and
// checks that nothing is wider than the screen: neither the page, nor a box
// scrolling sideways inside it, as the table of years once did. There the
// table of years is laid out one figure under the other, each value named
// by its year; on a desktop it keeps its columns and its header.
func TestRender_phoneNoSidewaysScroll(t *testing.T) {
	needChromium(t)
	b, err := os.ReadFile(filepath.Join("testdata", "survey", "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r Report
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	r.Comparison = manyYears()
	fileURL := "file://" + writePage(t, r)
	type view struct {
		ScrollWidth, InnerWidth, TableRight float64
		Scrolled, Wide                      []string // boxes that scroll sideways; elements past the screen's edge
		Tests                               int      // rows of the table of tests
		Header                              []string // the years of the table's header
		Named                               []string // what is written before each value of its first row
		HeaderShown                         bool
	}
	const look = `(() => {
		const w = window.innerWidth, name = e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "");
		const all = Array.from(document.querySelectorAll("body *"));
		const t = document.querySelector("table.years");
		return {ScrollWidth: document.documentElement.scrollWidth, InnerWidth: w, TableRight: t.getBoundingClientRect().right,
			Scrolled: all.filter(e => ["auto", "scroll"].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
				.map(e => name(e) + " " + e.scrollWidth + " px in " + e.clientWidth),
			Wide: all.filter(e => e.getBoundingClientRect().right > w + 1 && e.getBoundingClientRect().height > 1).slice(0, 5).map(name),
			Tests: document.querySelectorAll("table.tests tbody tr").length,
			Header: Array.from(t.querySelectorAll("thead th.num")).map(th => th.textContent),
			Named: Array.from(t.querySelectorAll("tbody tr:first-child td.num")).map(td => getComputedStyle(td, "::before").content.replaceAll('"', "")),
			HeaderShown: t.querySelector("thead").getBoundingClientRect().height > 2};
	})()`
	// The first tab starts the browser; the others are tabs of it.
	parent := newBrowser(t)
	var years []string
	for _, y := range r.Comparison.Years {
		years = append(years, fmt.Sprint(y))
	}
	for _, width := range []int{360, 390, 1400} {
		tb := newTab(t, parent)
		parent = tb.ctx
		phone := width < 800
		size := chromedp.EmulateViewport(int64(width), 1000, chromedp.EmulateScale(1))
		if phone {
			size = chromedp.EmulateViewport(int64(width), 800, chromedp.EmulateScale(1), chromedp.EmulateMobile, chromedp.EmulateTouch)
		}
		if err := chromedp.Do(tb.ctx, size, chromedp.Navigate(fileURL), chromedp.WaitReady(chromedp.CSS(`html[data-charts="drawn"]`))); err != nil {
			t.Fatalf("%d px: open the report: %v", width, err)
		}
		got := eval[view](t, tb, look)
		// A phone widens its window to the page's widest element.
		if got.InnerWidth != float64(width) || got.ScrollWidth > got.InnerWidth || got.TableRight > got.InnerWidth {
			t.Errorf("%d px: window %.0f px, page %.0f px, table of years up to %.0f px: want all within %d px; past the edge: %v",
				width, got.InnerWidth, got.ScrollWidth, got.TableRight, width, got.Wide)
		}
		if len(got.Scrolled) > 0 {
			t.Errorf("%d px: boxes scroll sideways: %v", width, got.Scrolled)
		}
		if got.Tests == 0 {
			t.Errorf("%d px: no table of tests: the case does not test it", width)
		}
		if !slices.Equal(got.Header, years) {
			t.Errorf("%d px: header years %v, want %v", width, got.Header, years)
		}
		wantNamed := slices.Repeat([]string{"none"}, len(years))
		if phone {
			wantNamed = years
		}
		if !slices.Equal(got.Named, wantNamed) || got.HeaderShown == phone {
			t.Errorf("%d px: values named %v, header shown %v; want %v and the header shown only on a desktop", width, got.Named, got.HeaderShown, wantNamed)
		}
	}
}
