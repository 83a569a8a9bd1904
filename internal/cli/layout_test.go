package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/cmq-greencity/greencity/pdf"
)

// box is a rectangle in the pixels of a chart's canvas, as ECharts laid it
// out.
type box struct {
	Text       string
	X, Y, W, H float64
}

func (a box) overlaps(b box) bool {
	const slack = 0.5 // anti-aliasing, not an overlap
	return a.X+a.W > b.X+slack && b.X+b.W > a.X+slack && a.Y+a.H > b.Y+slack && b.Y+b.H > a.Y+slack
}

func (a box) inside(w, h float64) bool {
	return a.X >= -1 && a.Y >= -1 && a.X+a.W <= w+1 && a.Y+a.H <= h+1
}

func (a box) String() string {
	return fmt.Sprintf("%q at (%.0f,%.0f) %.0fx%.0f", a.Text, a.X, a.Y, a.W, a.H)
}

// chartLayout is one chart of the page as its own ECharts instance laid it
// out: the legend's box, the plot (grid), each axis's drawn labels, and the
// labels of its series.
type chartLayout struct {
	ID            string
	Width, Height float64
	Legend        *box
	Grid          box
	Axes          []struct {
		Dim    string
		Type   string // value or category
		Name   *box   // the axis's title, if drawn
		Labels []box
	}
	SeriesLabels []box
	ErrorBars    []box // the lines of the 95 % intervals
}

// pageLayout is what layoutProbe returns.
type pageLayout struct {
	ScrollWidth, InnerWidth float64
	Wide                    []string // elements that reach beyond the screen's width
	Scrolled                []string // boxes with the years or the tests that scroll sideways inside the page
	Charts                  []chartLayout
}

// layoutProbe reads the layout of every chart of the page from ECharts:
// the boxes of the rendered legend group, the grid's rectangle, the axis
// labels (anid "label_N", those hidden by hideOverlap or an interval left
// out) and the labels of the series, each in the canvas's pixels.
const layoutProbe = `(() => {
	const boxOf = (el, text) => {
		const r = el.getBoundingRect().clone();
		const m = el.getComputedTransform();
		if (m) r.applyTransform(m);
		return {Text: text || "", X: r.x, Y: r.y, W: r.width, H: r.height};
	};
	const shown = el => !el.ignore && !el.invisible;
	const charts = Array.from(document.querySelectorAll("div.chart")).map(el => {
		const chart = echarts.getInstanceByDom(el);
		const model = chart.getModel();
		const out = {ID: el.id, Width: chart.getWidth(), Height: chart.getHeight(), Legend: null, Axes: [], SeriesLabels: [], ErrorBars: []};
		const legend = model.getComponent("legend");
		if (legend && legend.get("show")) {
			out.Legend = boxOf(chart.getViewOfComponentModel(legend).group, "légende");
		}
		const g = model.getComponent("grid").coordinateSystem.getRect();
		out.Grid = {Text: "grille", X: g.x, Y: g.y, W: g.width, H: g.height};
		for (const dim of ["xAxis", "yAxis"]) {
			const axis = model.getComponent(dim, 0);
			const labels = [];
			let name = null;
			chart.getViewOfComponentModel(axis).group.traverse(e => {
				if (e.anid && e.anid.startsWith("label_") && shown(e) && e.style.text) labels.push(boxOf(e, e.style.text));
				if (e.anid === "name" && shown(e) && e.style.text) name = boxOf(e, e.style.text);
			});
			out.Axes.push({Dim: dim, Type: axis.get("type"), Name: name, Labels: labels});
		}
		model.eachSeries(s => {
			chart.getViewOfSeriesModel(s).group.traverse(e => {
				const t = e.getTextContent && e.getTextContent();
				if (t && shown(t) && t.style.text) out.SeriesLabels.push(boxOf(t, t.style.text));
				// An interval series (page.js errorBar) draws lines, and
				// texts of its own.
				if (s.subType !== "custom" || !shown(e)) return;
				if (e.type === "text" && e.style.text) out.SeriesLabels.push(boxOf(e, e.style.text));
				if (e.type === "line") out.ErrorBars.push(boxOf(e, "barre d'erreur"));
			});
		});
		return out;
	});
	const wide = Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > screen.width + 1)
		.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " (" + Math.round(e.getBoundingClientRect().right) + " px)");
	const scrolled = Array.from(document.querySelectorAll("body *"))
		.filter(e => ["auto", "scroll"].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
		// The tables a funder reads; the annex's (paths, digests) may scroll.
		.filter(e => e.matches("table.years, table.tests") || e.querySelector("table.years, table.tests"))
		.map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " (" + e.scrollWidth + " px in " + e.clientWidth + ")");
	return {ScrollWidth: document.documentElement.scrollWidth, InnerWidth: window.innerWidth, Wide: wide, Scrolled: scrolled, Charts: charts};
})()`

// TestReport_layoutAnyWidth opens the shipped 2025 report, written by run
// from the shipped data and config.yaml, in a headless Chromium at phone
// (360, 390 px) and desktop (1400, 1920 px) widths, and checks its charts
// through ECharts' own layout: no legend over the plot or the axis labels,
// every value axis titled and its title over no other text, no axis label
// over another, no value label over another or crossed by
// the line of an interval, no text cut at the edge of a chart, every
// target's baseline and target year labelled, and no page, nor table,
// wider than the screen. Then a desktop page narrowed to a phone's width (page.js lays its
// charts out again) is checked the same way. On failure, a screenshot of
// the page is left in the temporary folder, named in the log.
func TestReport_layoutAnyWidth(t *testing.T) {
	chromium, err := pdf.FindChromium(os.Getenv("PATH"))
	if err != nil {
		if os.Getenv("GREENCITY_REQUIRE_BROWSER") == "1" {
			t.Fatal("chromium not found and GREENCITY_REQUIRE_BROWSER=1")
		}
		t.Skip("chromium not found: apt-get install -y chromium")
	}
	s := newShippedConfig(t)
	s.mustRun("run")
	fileURL := "file://" + s.report(2025, "index.html")
	var targets []struct {
		Indicator    string `json:"indicator"`
		BaselineYear int    `json:"baseline_year"`
		TargetYear   int    `json:"target_year"`
	}
	s.json(&targets, "targets", "--format", "json")
	if len(targets) == 0 {
		t.Fatal("the shipped config.yaml has no target: nothing to check on the trajectories")
	}

	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	allocCtx, cancelAlloc := pdf.NewAllocator(ctx, chromium, t.TempDir())
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("start chromium: %v", err)
	}

	open := func(width int) (context.Context, func() []string) {
		var mu sync.Mutex
		var problems []string
		tab, cancelTab := chromedp.NewContext(browser, chromedp.WithListener(func(ev any) {
			mu.Lock()
			defer mu.Unlock()
			switch ev := ev.(type) {
			case *runtime.EventExceptionThrown:
				d := ev.ExceptionDetails
				msg := d.Text
				if d.Exception != nil {
					msg += " " + d.Exception.Description
				}
				problems = append(problems, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber, msg))
			case *runtime.EventConsoleAPICalled:
				if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
					problems = append(problems, fmt.Sprintf("console.%s %v", ev.Type, ev.Args))
				}
			}
		}))
		t.Cleanup(cancelTab)
		if err := chromedp.Do(tab,
			viewport(width),
			chromedp.Navigate(fileURL),
			chromedp.WaitReady(chromedp.CSS(`html[data-charts="drawn"]`)),
		); err != nil {
			t.Fatalf("open the report at %d px: %v", width, err)
		}
		return tab, func() []string { mu.Lock(); defer mu.Unlock(); return slices.Clone(problems) }
	}

	for _, width := range []int{360, 390, 1400, 1920} {
		tab, problems := open(width)
		checkLayout(t, tab, strconv.Itoa(width)+" px", width, targets)
		for _, p := range problems() {
			t.Errorf("%d px: the browser reported %s", width, p)
		}
	}

	// A desktop window narrowed to a phone's width: page.js lays the
	// charts out again on the resize.
	tab, _ := open(1920)
	if err := chromedp.Do(tab, viewport(360), chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	checkLayout(t, tab, "1920 px narrowed to 360 px", 360, targets)
}

// viewport makes the tab a screen width pixels wide: a phone's (touch,
// meta viewport honoured) under 800 px.
func viewport(width int) chromedp.Action[chromedp.Void] {
	if width < 800 {
		return chromedp.EmulateViewport(int64(width), 800, chromedp.EmulateScale(1), chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	return chromedp.EmulateViewport(int64(width), 1000, chromedp.EmulateScale(1))
}

// checkLayout reads the layout of every chart of the page in tab and
// reports what a reader would find broken at that width.
func checkLayout(t *testing.T, tab context.Context, name string, width int, targets []struct {
	Indicator    string `json:"indicator"`
	BaselineYear int    `json:"baseline_year"`
	TargetYear   int    `json:"target_year"`
}) {
	t.Helper()
	page, err := chromedp.Run(tab, chromedp.Evaluate[pageLayout](layoutProbe))
	if err != nil {
		t.Fatalf("%s: read the layout: %v", name, err)
	}
	failed := false
	fail := func(format string, args ...any) {
		t.Helper()
		failed = true
		t.Errorf(name+": "+format, args...)
	}
	// A phone widens its window to the page's widest element.
	if page.InnerWidth != float64(width) {
		fail("the window is %.0f px wide, want %d: wider are %v", page.InnerWidth, width, page.Wide)
	}
	if page.ScrollWidth > page.InnerWidth {
		fail("the page is %.0f px wide in a %.0f px window: it scrolls sideways", page.ScrollWidth, page.InnerWidth)
	}
	// Nor does a part of it, such as a table (the years' once did on a phone).
	if len(page.Scrolled) > 0 {
		fail("boxes scroll sideways: %v", page.Scrolled)
	}
	if len(page.Charts) < 15 {
		fail("%d charts on the page, want the shipped report's (at least 15)", len(page.Charts))
	}
	trajectories := 0
	for _, c := range page.Charts {
		var axisBoxes, names []box
		for _, a := range c.Axes {
			axisBoxes = append(axisBoxes, a.Labels...)
			// A value axis says what it measures ("Participations",
			// "Part de filles"), clear of every other text.
			if a.Type == "value" && a.Name == nil {
				fail("chart %s, %s: the value axis has no title", c.ID, a.Dim)
			}
			if a.Name != nil {
				names = append(names, *a.Name)
			}
			for i, l := range a.Labels {
				for _, m := range a.Labels[i+1:] {
					if l.overlaps(m) {
						fail("chart %s, %s: label %v overlaps %v", c.ID, a.Dim, l, m)
					}
				}
				if width >= 1400 && (strings.HasSuffix(l.Text, "…") || strings.HasSuffix(l.Text, "...")) {
					fail("chart %s, %s: label %v is cut on a desktop screen", c.ID, a.Dim, l)
				}
			}
		}
		if c.Legend != nil {
			for _, b := range append([]box{c.Grid}, axisBoxes...) {
				if c.Legend.overlaps(b) {
					fail("chart %s: the legend %v overlaps %v", c.ID, *c.Legend, b)
				}
			}
		}
		texts := append(slices.Clone(axisBoxes), c.SeriesLabels...)
		if c.Legend != nil {
			texts = append(texts, *c.Legend)
		}
		for _, n := range names {
			for _, b := range texts {
				if n.overlaps(b) {
					fail("chart %s: the axis title %v overlaps %v", c.ID, n, b)
				}
			}
		}
		texts = append(texts, names...)
		for _, b := range texts {
			if !b.inside(c.Width, c.Height) {
				fail("chart %s (%.0fx%.0f): %v is cut at its edge", c.ID, c.Width, c.Height, b)
			}
		}
		for i, l := range c.SeriesLabels {
			for _, m := range c.SeriesLabels[i+1:] {
				if l.overlaps(m) {
					fail("chart %s: value label %v overlaps %v", c.ID, l, m)
				}
			}
			for _, b := range c.ErrorBars {
				if l.overlaps(b) {
					fail("chart %s: value label %v is crossed by an interval's line %v", c.ID, l, b)
				}
			}
		}
		n, ok := strings.CutPrefix(c.ID, "trajectoire-")
		if !ok {
			continue
		}
		trajectories++
		i, _ := strconv.Atoi(n)
		if i < 1 || i > len(targets) {
			fail("chart %s has no target in config.yaml", c.ID)
			continue
		}
		var years []string
		for _, l := range c.Axes[0].Labels {
			years = append(years, l.Text)
		}
		tg := targets[i-1]
		for _, y := range []int{tg.BaselineYear, tg.TargetYear} {
			if !slices.Contains(years, strconv.Itoa(y)) {
				fail("chart %s (%s): years labelled %v, want %d among them", c.ID, tg.Indicator, years, y)
			}
		}
	}
	if trajectories != len(targets) {
		fail("%d trajectory charts, want one per target of config.yaml (%d)", trajectories, len(targets))
	}
	if failed {
		png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
		if err != nil {
			t.Logf("%s: no screenshot: %v", name, err)
			return
		}
		shot := filepath.Join(os.TempDir(), "greencity-layout-"+strings.ReplaceAll(name, " ", "-")+".png")
		if err := os.WriteFile(shot, png, 0o644); err != nil {
			t.Logf("%s: no screenshot: %v", name, err)
			return
		}
		t.Logf("%s: screenshot of the page in %s", name, shot)
	}
}
