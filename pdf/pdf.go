// Package pdf prints the HTML report to PDF with a headless Chromium, as
// funders file it: A4, the report's own running header and page numbers
// instead of the browser's, the charts fully drawn. It knows nothing of the
// figures: it prints a page that package charts wrote.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// ErrNoChromium means that no Chromium was found to print with.
var ErrNoChromium = errors.New("Chromium est introuvable : installez-le (apt-get install -y chromium, ou Google Chrome) pour écrire le PDF ; le rapport HTML s'imprime aussi en PDF depuis un navigateur (Imprimer, Enregistrer au format PDF)")

// FileName is the name of the PDF of a year's report, written beside
// index.html: the year is in it so that PDFs of several years can be filed
// in one folder.
func FileName(year int) string { return fmt.Sprintf("rapport-%d.pdf", year) }

// browsers are the names a Chromium goes by, in the order they are looked for.
var browsers = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// FindChromium returns the path of the first Chromium or Chrome found in
// the folders of path (the PATH variable), or ErrNoChromium.
func FindChromium(path string) (string, error) {
	for _, name := range browsers {
		for _, dir := range filepath.SplitList(path) {
			p := filepath.Join(dir, name)
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
				return p, nil
			}
		}
	}
	return "", ErrNoChromium
}

// A4 and its margins, in inches as Chromium takes them; the page's CSS
// (@page) says the same, for a reader who prints from a browser.
const (
	paperWidth   = 8.27
	paperHeight  = 11.69
	marginTop    = 0.71 // 18 mm: room for the running header
	marginBottom = 0.71 // 18 mm: room for the page numbers
	marginSide   = 0.59 // 15 mm
)

// contentWidth is the width of the printed text in CSS pixels (96 per
// inch). The page is laid out at this width before printing, so that the
// charts are drawn to the width they are printed at.
const contentWidth = 680 // (paperWidth - 2*marginSide) * 96, rounded down

// NewAllocator prepares a headless Chromium at chromium, with the profile
// folder given, that reaches no network: not even the browser's own
// background traffic, and every host name resolves to nothing. opts come
// after these and override them (tests that need a local server).
func NewAllocator(ctx context.Context, chromium, profile string, opts ...chromedp.ExecAllocatorOption) (context.Context, context.CancelFunc) {
	return chromedp.NewExecAllocator(ctx, append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.UserDataDir(profile),
	}, opts...)...)
}

// Page says what the running header of every page shows.
type Page struct {
	Header string // left: "CMQ Green City BFC · Chiffres clés 2025"
	Mark   string // right, in red when set: what every page must warn of
	// PageWord precedes the page number in the footer, in the report's
	// language: "page" ("page 3 / 12"), the default.
	PageWord string
}

// Print opens the HTML file at htmlPath in the Chromium at chromium, with
// no network, and writes it to w as PDF. The page is laid out for print
// (CSS print media) and printed once page.js has drawn every chart
// (html[data-charts=drawn]); ctx bounds the whole.
func Print(ctx context.Context, chromium, htmlPath string, p Page, w io.Writer) error {
	abs, err := filepath.Abs(htmlPath)
	if err != nil {
		return err
	}
	profile, err := os.MkdirTemp("", "greencity-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	allocCtx, cancelAlloc := NewAllocator(ctx, chromium, profile)
	defer cancelAlloc()
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	defer cancelTab()

	_, err = chromedp.Call(tabCtx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
	if err == nil {
		_, err = chromedp.Call(tabCtx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: contentWidth, Height: 1000, DeviceScaleFactor: 1})
	}
	if err == nil {
		err = chromedp.Do(tabCtx,
			chromedp.Navigate("file://"+filepath.ToSlash(abs)),
			chromedp.WaitReady(chromedp.CSS(`html[data-charts="drawn"]`)),
		)
	}
	if err == nil {
		// Each chart's data table is printed after it: its details open,
		// as page.js opens them when a reader prints from a browser.
		_, err = chromedp.Run(tabCtx, chromedp.Evaluate[bool](`document.querySelectorAll("details").forEach(function (d) { d.open = true; }), true`))
	}
	var res page.PrintToPDFResult
	if err == nil {
		yes := true
		top, bottom, side := marginTop, marginBottom, marginSide
		res, err = chromedp.Call(tabCtx, page.PrintToPDF, page.PrintToPDFParams{
			PaperWidth: paperWidth, PaperHeight: paperHeight,
			MarginTop: &top, MarginBottom: &bottom, MarginLeft: &side, MarginRight: &side,
			PrintBackground: &yes, DisplayHeaderFooter: &yes,
			HeaderTemplate: headerTemplate(p), FooterTemplate: footerTemplate(p),
		})
	}
	if err != nil {
		return fmt.Errorf("print %s to PDF: %w", htmlPath, err)
	}
	_, err = w.Write(res.Data)
	return err
}

// headerTemplate is the running header of every page: Chromium's own (the
// file:/// address and the date) is replaced. Its font size must be given:
// Chromium's default for these templates is too small to read.
func headerTemplate(p Page) string {
	mark := ""
	if p.Mark != "" {
		mark = `<span style="color:#b71c1c;font-weight:700">` + html.EscapeString(p.Mark) + `</span>`
	}
	return `<div style="font-family:system-ui,Arial,sans-serif;font-size:8pt;color:#555;width:100%;margin:0 15mm;display:flex;justify-content:space-between;gap:8mm">` +
		`<span>` + html.EscapeString(p.Header) + `</span>` + mark + `</div>`
}

// footerTemplate numbers the pages: "page 3 / 12".
func footerTemplate(p Page) string {
	word := p.PageWord
	if word == "" {
		word = "page"
	}
	return `<div style="font-family:system-ui,Arial,sans-serif;font-size:8pt;color:#555;width:100%;text-align:center">` +
		html.EscapeString(word) + ` <span class="pageNumber"></span> / <span class="totalPages"></span></div>`
}
