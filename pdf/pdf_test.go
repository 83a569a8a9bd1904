package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/charts"
)

// needTools skips the test without Chromium and poppler-utils (pdfinfo,
// pdftotext, pdftoppm), unless GREENCITY_REQUIRE_BROWSER=1 says that this
// machine must have them (CI, .ci/run).
func needTools(t *testing.T) string {
	t.Helper()
	missing := func(what string) {
		if os.Getenv("GREENCITY_REQUIRE_BROWSER") == "1" {
			t.Fatalf("%s not found and GREENCITY_REQUIRE_BROWSER=1: apt-get install -y chromium poppler-utils", what)
		}
		t.Skipf("%s not found: apt-get install -y chromium poppler-utils", what)
	}
	chromium, err := FindChromium(os.Getenv("PATH"))
	if err != nil {
		missing("chromium")
	}
	for _, tool := range []string{"pdfinfo", "pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing(tool)
		}
	}
	return chromium
}

// printReport renders the report of testdata file name to HTML, prints it
// and returns the paths of the page and of the PDF.
func printReport(t *testing.T, name string, p Page) (htmlPath, pdfPath string) {
	chromium := needTools(t)
	data, err := os.ReadFile(filepath.Join("..", "charts", "testdata", name, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r charts.Report
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	htmlPath, pdfPath = filepath.Join(dir, "index.html"), filepath.Join(dir, "rapport.pdf")
	var page bytes.Buffer
	if err := charts.Render(&page, r); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(htmlPath, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := Print(context.Background(), chromium, htmlPath, p, &out); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pdfPath, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return htmlPath, pdfPath
}

// tool runs a poppler command and returns its output.
func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return string(out)
}

var (
	pagesLine    = regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`)
	pageSizeLine = regexp.MustCompile(`(?m)^Page size:\s+([\d.]+) x ([\d.]+) pts`)
	chartTitle   = regexp.MustCompile(`<figcaption class="chart-title">([^<]*)</figcaption>\s*<div class="chart" id="[^"]*" data-height="(\d+)"`)
	bboxPage     = regexp.MustCompile(`(?s)<page [^>]*>(.*?)</page>`)
	bboxLine     = regexp.MustCompile(`(?s)<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>`)
	bboxWord     = regexp.MustCompile(`<word [^>]*>([^<]*)</word>`)
)

// TestPrint_A4 prints the report of several years and its targets, and
// checks the PDF as a funder files it: A4 pages, the report's header and
// page numbers on each and no browser header, every chart drawn.
func TestPrint_A4(t *testing.T) {
	header := "CMQ Green City BFC · Chiffres clés 2025"
	htmlPath, pdfPath := printReport(t, "years", Page{Header: header, Mark: "Données de démonstration"})

	info := tool(t, "pdfinfo", pdfPath)
	m := pagesLine.FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo gives no page count:\n%s", info)
	}
	pages, _ := strconv.Atoi(m[1])
	// 14 pages when written: the targets, the key figures, the charts
	// with their tables, the comparison of years (10 pages), then the
	// methods and their annex (4). More would mean pages left half empty
	// (a chart or a table kept whole pushed to the next); fewer, a page
	// shrunk to fit something too wide for A4.
	if pages < 12 || pages > 15 {
		t.Errorf("%d pages, want 12 to 15 for this report", pages)
	}
	size := pageSizeLine.FindStringSubmatch(info)
	if size == nil {
		t.Fatalf("pdfinfo gives no page size:\n%s", info)
	}
	w, _ := strconv.ParseFloat(size[1], 64)
	h, _ := strconv.ParseFloat(size[2], 64)
	// A4 is 595.28 x 841.89 points; Chromium rounds to its own units.
	if w < 594 || w > 597 || h < 840 || h > 843 {
		t.Errorf("page size %v x %v pts, want A4 (595 x 842)", w, h)
	}

	for i := 1; i <= pages; i++ {
		text := tool(t, "pdftotext", "-f", strconv.Itoa(i), "-l", strconv.Itoa(i), "-layout", pdfPath, "-")
		for _, want := range []string{header, "Données de démonstration", fmt.Sprintf("page %d / %d", i, pages)} {
			if !strings.Contains(text, want) {
				t.Errorf("page %d lacks %q:\n%s", i, want, text)
			}
		}
		if strings.Contains(text, "file:") || strings.Contains(text, "index.html") {
			t.Errorf("page %d shows the browser's header or footer:\n%s", i, text)
		}
	}

	// Every chart of the page is drawn on paper: under its title, the
	// area of its height holds coloured pixels (bars, lines), not only
	// the black and grey of text and axes.
	page, err := os.ReadFile(htmlPath)
	if err != nil {
		t.Fatal(err)
	}
	want := chartTitle.FindAllStringSubmatch(string(page), -1)
	if len(want) == 0 {
		t.Fatal("no chart in the page")
	}
	bbox := tool(t, "pdftotext", "-bbox-layout", pdfPath, "-")
	imgDir := t.TempDir()
	tool(t, "pdftoppm", "-r", "72", "-png", pdfPath, filepath.Join(imgDir, "p"))
	found := 0
	for pi, pm := range bboxPage.FindAllStringSubmatch(bbox, -1) {
		lines := bboxLine.FindAllStringSubmatch(pm[1], -1)
		for li, lm := range lines[:max(len(lines)-1, 0)] {
			var words []string
			for _, wm := range bboxWord.FindAllStringSubmatch(lm[5], -1) {
				words = append(words, html.UnescapeString(wm[1]))
			}
			line := strings.Join(words, " ")
			for _, c := range want {
				// pdftotext gives no-break spaces as spaces.
				title := strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(html.UnescapeString(c[1]))
				height, _ := strconv.Atoi(c[2])
				top, _ := strconv.ParseFloat(lm[4], 64)
				next, _ := strconv.ParseFloat(lines[li+1][2], 64)
				// A chart is a title, then an area of its height (CSS
				// pixels are 0.75 point) where no text is: the canvas
				// holds pixels only. A card's label of the same words
				// has its n just below.
				bottom := top + float64(height)*0.75
				if len(line) < 8 || !strings.HasPrefix(title, line) || next < bottom-10 {
					continue
				}
				if n := colouredPixels(pagePNG(t, imgDir, pi+1, pages), int(top), int(bottom)); n < 200 {
					t.Errorf("page %d, chart %q: %d coloured pixels in its area, want a drawn chart (200 or more)", pi+1, title, n)
				}
				found++
				break
			}
		}
	}
	if found != len(want) {
		t.Errorf("%d charts found on paper under their titles, want %d", found, len(want))
	}
}

// pagePNG reads page i of the images pdftoppm wrote (p-1.png, or p-01.png
// past 9 pages).
func pagePNG(t *testing.T, dir string, i, pages int) image.Image {
	t.Helper()
	name := fmt.Sprintf("p-%0*d.png", len(strconv.Itoa(pages)), i)
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// colouredPixels counts the pixels between rows y0 and y1 whose colour is
// neither white, grey nor black.
func colouredPixels(img image.Image, y0, y1 int) int {
	n := 0
	b := img.Bounds()
	for y := max(y0, b.Min.Y); y < min(y1, b.Max.Y); y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			hi, lo := max(r, g, bl)>>8, min(r, g, bl)>>8
			if hi-lo > 60 {
				n++
			}
		}
	}
	return n
}
