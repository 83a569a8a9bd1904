package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/cmq-greencity/greencity/pdf"
)

// findChromium looks for the browser that prints the PDF on the PATH of
// the command's environment.
func (a *app) findChromium() (string, error) {
	return pdf.FindChromium(a.getenv("PATH"))
}

// writePDF prints the report at htmlPath with chromium to its PDF beside
// it (pdf.FileName), through a temporary file like the report itself.
func writePDF(ctx context.Context, chromium string, cfg Config, year int, htmlPath string) (string, error) {
	dst := filepath.Join(filepath.Dir(htmlPath), pdf.FileName(year))
	// A browser that hangs must not hang the yearly run.
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	// Every page says what is not final, as the cover does.
	page := pdf.Page{Header: fmt.Sprintf("%s · Chiffres clés %d", cfg.Campus, year), Mark: charts.NotFinalText(statusCover(cfg))}
	err := writeAtomically(dst, ".rapport-*.pdf", func(w io.Writer) error {
		return pdf.Print(ctx, chromium, htmlPath, page, w)
	})
	return dst, err
}
