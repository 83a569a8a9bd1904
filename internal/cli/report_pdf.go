package cli

import (
	"context"
	"io"
	"time"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/cmq-greencity/greencity/lang"
	"github.com/cmq-greencity/greencity/pdf"
)

// findChromium looks for the browser that prints the PDF on the PATH of
// the command's environment.
func (a *app) findChromium() (string, error) {
	return pdf.FindChromium(a.getenv("PATH"))
}

// writePDF prints the report rep, written at htmlPath, with chromium to
// dst, through a temporary file like the report itself; its running header
// and page numbers in the language of l.
func writePDF(ctx context.Context, chromium string, l *lang.Printer, rep charts.Report, dst, htmlPath string) (string, error) {
	// A browser that hangs must not hang the yearly run.
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	// Every page says what is not final, as the cover does.
	page := pdf.Page{Header: rep.Campus + " · " + charts.Heading(l, rep), PageWord: l.T("pdf.page")}
	if rep.Cover != nil {
		page.Mark = charts.NotFinalText(l, *rep.Cover)
	}
	err := writeAtomically(dst, ".rapport-*.pdf", func(w io.Writer) error {
		return pdf.Print(ctx, chromium, htmlPath, page, w)
	})
	return dst, err
}
