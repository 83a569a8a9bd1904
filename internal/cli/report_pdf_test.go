package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/pdf"
)

// TestReport_PDF writes the PDF of the shipped 2025 report, as report --pdf
// does when Chromium is on the PATH: A4 pages beside index.html.
func TestReport_PDF(t *testing.T) {
	if _, err := pdf.FindChromium(os.Getenv("PATH")); err != nil {
		if os.Getenv("GREENCITY_REQUIRE_BROWSER") == "1" {
			t.Fatal("chromium not found and GREENCITY_REQUIRE_BROWSER=1")
		}
		t.Skip("chromium not found: apt-get install -y chromium")
	}
	data, err := filepath.Abs("../../data")
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, data, "2025")
	h.mustRun("import", filepath.Join(data, "2025"))
	h.env["PATH"] = os.Getenv("PATH")
	out := h.mustRun("rapport", "--year", "2025", "--pdf")
	want := filepath.Join(h.env["GREENCITY_REPORT_DIR"], "2025", "rapport-2025.pdf")
	if !strings.Contains(out, "PDF 2025 : "+want+"\n") {
		t.Errorf("report --pdf output does not name %s:\n%s", want, out)
	}
	b, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("%s is not a PDF: %q", want, b[:min(len(b), 20)])
	}
	page, err := os.ReadFile(filepath.Join(filepath.Dir(want), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if named := "<dt>Version imprimable</dt><dd>rapport-2025.pdf</dd>"; !strings.Contains(string(page), named) {
		t.Errorf("the cover of the report printed to PDF does not name it (%s)", named)
	}
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		return // pdf's own tests check the pages with poppler-utils
	}
	info, err := exec.Command("pdfinfo", want).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)$`).Match(info) {
		t.Errorf("pdfinfo %s: not A4:\n%s", want, info)
	}
	// The methods annex, at the end of the page, is printed too.
	text, err := exec.Command("pdftotext", "-layout", want, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, heading := range []string{"Fichiers sources", "Version et configuration", "Refaire les calculs", "2025/actions.xlsx"} {
		if !strings.Contains(string(text), heading) {
			t.Errorf("the PDF lacks the annex's %q", heading)
		}
	}
}

// TestReport_PDFWithoutChromium: report --pdf says, in French, that it
// needs Chromium and writes nothing; run writes the HTML and the workbook
// and says once that the PDF is not written.
func TestReport_PDFWithoutChromium(t *testing.T) {
	data, err := filepath.Abs("../../data")
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, data, "2025")
	h.env["PATH"] = t.TempDir() // no browser there
	h.mustRun("import", filepath.Join(data, "2025"))
	_, stderr, code := h.run("report", "--year", "2025", "--pdf")
	if want := "greencity : " + pdf.ErrNoChromium.Error() + "\n"; code != 1 || stderr != want {
		t.Errorf("report --pdf without Chromium: exit %d, stderr %q; want exit 1 and %q", code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(h.env["GREENCITY_REPORT_DIR"], "2025", "index.html")); !os.IsNotExist(err) {
		t.Errorf("report --pdf without Chromium wrote the report anyway (%v)", err)
	}
	out := h.mustRun("run")
	if want := "\nPDF non écrit : " + pdf.ErrNoChromium.Error() + "\n"; strings.Count(out, want) != 1 {
		t.Errorf("run without Chromium does not say once %q:\n%s", want, out)
	}
	if strings.Contains(out, "PDF 2025 :") {
		t.Errorf("run without Chromium names a PDF:\n%s", out)
	}
	// The page names no PDF that was not written, on its cover or in the
	// message shown without JavaScript.
	page, err := os.ReadFile(filepath.Join(h.env["GREENCITY_REPORT_DIR"], "2025", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(page), pdf.FileName(2025)) || strings.Contains(string(page), "Version imprimable") {
		t.Errorf("the report written without Chromium names %s", pdf.FileName(2025))
	}
	if !strings.Contains(string(page), "Les tableaux sous chaque graphique donnent les mêmes chiffres.") {
		t.Errorf("the report written without Chromium lacks the message for readers without JavaScript")
	}
}
