package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/cmq-greencity/greencity/export"
	"github.com/cmq-greencity/greencity/lang"
	"github.com/cmq-greencity/greencity/pdf"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/cmq-greencity/greencity/queries"
	"github.com/spf13/cobra"
)

func (a *app) newReportCmd() *cobra.Command {
	var year int
	var outDir string
	var withPDF bool
	var lake string
	var programme, funder string
	cmd := &cobra.Command{
		Use:     "report --year ANNÉE [--out DOSSIER] [--pdf] [--programme NOM | --funder NOM] [--lake DOSSIER [--campus NOM|all]]",
		Aliases: []string{"rapport"},
		Short:   "Écrit le rapport HTML autonome d'une année et son classeur (report/<année>/index.html, indicateurs.xlsx)",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) (err error) {
			if year == 0 {
				return usageError{fmt.Errorf("précisez --year (par exemple --year 2025)")}
			}
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			if err := checkLakeCampus(cfg, lake); err != nil {
				return err
			}
			req, err := scopeFlags(programme, funder, lake)
			if err != nil {
				return err
			}
			if lake != "" {
				if withPDF {
					return usageError{fmt.Errorf("--pdf ne s'emploie pas avec --lake : imprimez le rapport d'un campus depuis sa base")}
				}
				if outDir == "" {
					outDir = defaultLakeDir(cfg, year)
				}
				return writeLakeReports(cmd.Context(), cfg, lake, year, outDir, cmd.OutOrStdout())
			}
			if outDir == "" {
				outDir = filepath.Join(cfg.ReportDir, strconv.Itoa(year))
				if req != nil {
					outDir = filepath.Join(outDir, req.folder())
				}
			}
			// Without a browser to print with, nothing is written.
			var chromium string
			if withPDF {
				if chromium, err = a.findChromium(); err != nil {
					return err
				}
			}
			// A report records its figures for the comparison of years; on
			// a database it cannot write, it is written all the same, from
			// the database opened read-only, and records nothing.
			store, err := pipeline.OpenStore(cmd.Context(), cfg.Database)
			if errors.Is(err, pipeline.ErrReadOnly) {
				store, err = openReading(cmd.Context(), cfg)
			}
			if err != nil {
				return err
			}
			if store.ReadOnly() {
				defer store.Close()
			} else {
				defer closeWritten(cmd.Context(), store, &err)
			}
			if err := checkLastRun(cmd.Context(), store, cfg, year); err != nil {
				return err
			}
			if req != nil {
				sc, err := resolveScope(cmd.Context(), store, cfg, *req)
				if err != nil {
					return err
				}
				files, _, err := writeScopedReport(cmd.Context(), store, cfg, year, sc, outDir, chromium)
				if err != nil {
					return err
				}
				files.print(cmd.OutOrStdout(), year)
				return nil
			}
			files, _, err := writeReport(cmd.Context(), store, cfg, year, outDir, chromium, cmd.OutOrStdout())
			if err != nil {
				return err
			}
			files.print(cmd.OutOrStdout(), year)
			return nil
		},
	}
	cmd.Flags().IntVar(&year, "year", 0, "`année` du rapport")
	cmd.Flags().StringVar(&outDir, "out", "", "`dossier` de sortie (défaut : report_dir/<année>)")
	cmd.Flags().StringVar(&lake, "lake", "", "`dossier` d'un lac Parquet (greencity export --parquet) à lire au lieu de la base ; avec --campus all, un rapport par campus, celui de leur ensemble et leur tableau côte à côte")
	scopeFlagsOf(cmd, &programme, &funder)
	cmd.Flags().BoolVar(&withPDF, "pdf", false, "écrit aussi le rapport en PDF (A4, rapport-<année>.pdf), imprimé par Chromium")
	cmd.Flags().String("lang", "", "`langue` du rapport, de son classeur et de son PDF : fr (défaut) ou en ; le terminal reste en français (clé lang de config.yaml)")
	return cmd
}

// reportFiles are the files writeReport wrote for one year.
type reportFiles struct {
	HTML, Workbook string
	PDF            string // "" when no PDF was printed
}

// print names the files written, one line each.
func (f reportFiles) print(out io.Writer, year int) {
	fmt.Fprintf(out, "Rapport %d : %s\n", year, f.HTML)
	fmt.Fprintf(out, "Classeur %d : %s\n", year, f.Workbook)
	if f.PDF != "" {
		fmt.Fprintf(out, "PDF %d : %s\n", year, f.PDF)
	}
}

// writeReport computes a year's indicators, records them for the comparison
// of years, and writes dir/index.html and its workbook, each through a
// temporary file renamed at the end (writeAtomically), then, when chromium
// is not "", the PDF printed from the page. On a database that cannot be
// written it records nothing and says so on out: the comparison of years
// then computes the year afresh, as for a year never reported.
func writeReport(ctx context.Context, store *pipeline.Store, cfg Config, year int, dir, chromium string, out io.Writer) (reportFiles, []pipeline.Row, error) {
	rows, err := computeRows(ctx, store, cfg, year)
	if err != nil {
		return reportFiles{}, nil, err
	}
	// What this report shows is what the comparison of years will show for
	// this year, with the version of each definition (years.go). The page
	// says when, to the minute, as recorded.
	now := time.Now()
	err = store.RecordFigures(ctx, cfg.Campus, year, rows, now)
	switch {
	case errors.Is(err, pipeline.ErrReadOnly):
		fmt.Fprintf(out, "  note : la base %s est en lecture seule : le rapport est écrit, mais ses chiffres ne sont pas enregistrés pour la comparaison des années\n", cfg.Database)
	case err != nil:
		return reportFiles{}, nil, err
	}
	files, err := writeReportOf(ctx, store, cfg, year, rows, now, true, dir, chromium, nil)
	if err != nil {
		return files, nil, err
	}
	return files, rows, nil
}

// writeReportOf writes dir/index.html and its workbook for rows, the
// figures of cfg.Campus's year computed at now, then the PDF when chromium
// is not ""; withYears adds the trajectory toward the targets and the
// comparison of years (addYears). A scope other than nil makes it the
// report of one programme or funder (scope.go), whose rows are the scope's.
func writeReportOf(ctx context.Context, store *pipeline.Store, cfg Config, year int, rows []pipeline.Row, now time.Time, withYears bool, dir, chromium string, scope *reportScope) (reportFiles, error) {
	var files reportFiles
	log, err := pipeline.ImportLog(ctx, store.DB, cfg.Campus)
	if err != nil {
		return files, err
	}
	// A programme's or funder's report may have its own language
	// (reports[].lang); else the campus report's (lang).
	language := cfg.Lang
	if scope != nil && scope.req.Lang != "" {
		language = scope.req.Lang
	}
	l, err := lang.New(language)
	if err != nil {
		return files, err
	}
	rep := charts.Report{Lang: l.Code(), Campus: cfg.Campus, Year: year, Generated: l.DateTime(now), Version: versionIn(l),
		MinCellSize: cfg.MinCellSize}
	for _, e := range log {
		if e.Year == year {
			rep.Sources = append(rep.Sources, e.SourceFile)
		}
	}
	rep.Figures = figuresOf(rows)
	if rep.Annex, err = annexOf(cfg, year, log); err != nil {
		return files, err
	}
	var sheetScope *queries.Scope
	if scope != nil {
		sheetScope = scope.actions.Queries()
	}
	sheets, err := pipeline.ActionSheets(ctx, store.DB, queries.FS, cfg.Campus, year, sheetScope)
	if err != nil {
		return files, err
	}
	rep.Actions = actionSheetsOf(sheets)
	var targetsLeft []charts.LeftTarget
	switch {
	case withYears && scope != nil:
		if targetsLeft, err = addScopedYears(ctx, store, cfg, l, scope, &rep); err != nil {
			return files, err
		}
	case withYears:
		if err := addYears(ctx, store, cfg, l, &rep); err != nil {
			return files, err
		}
	}
	if scope != nil {
		if rep.Scope, err = scope.chartsScope(l, year, targetsLeft); err != nil {
			return files, err
		}
	}
	// The page is printed to the PDF, so it names the PDF before it
	// exists; if the printing fails, it is written again without it.
	rep.Cover = cover(cfg, l, year, log, chromium != "")
	pdfName := pdf.FileName(year)
	if scope != nil {
		pdfName = scopedPDFName(year, scope)
	}
	if rep.Cover.PDF != "" {
		rep.Cover.PDF = pdfName
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return files, err
	}
	files.HTML = filepath.Join(dir, "index.html")
	if err := writePage(files.HTML, rep); err != nil {
		return files, err
	}
	if err := writeWorkbook(rep, log, dir); err != nil {
		return files, err
	}
	files.Workbook = filepath.Join(dir, export.FileName)
	if chromium == "" {
		return files, nil
	}
	pdfPath, err := writePDF(ctx, chromium, l, rep, filepath.Join(dir, pdfName), files.HTML)
	if err != nil {
		rep.Cover.PDF = ""
		return files, errors.Join(err, writePage(files.HTML, rep))
	}
	files.PDF = pdfPath
	return files, nil
}

// writePage writes the HTML report rep to path.
func writePage(path string, rep charts.Report) error {
	return writeAtomically(path, ".index-*.html", func(w io.Writer) error {
		if err := charts.Render(w, rep); err != nil {
			return fmt.Errorf("report %d: %w", rep.Year, err)
		}
		return nil
	})
}

// writeAtomically writes dst through a temporary file of its folder, named
// after pattern (os.CreateTemp), renamed at the end: an interrupted run
// never leaves half a report or half a workbook at dst.
func writeAtomically(dst, pattern string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(dst), pattern)
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// CreateTemp makes the file readable by its owner only; a report is
	// meant to be shared.
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}

// actionSheetsOf gives the action sheets of a year to the report.
func actionSheetsOf(sheets []pipeline.ActionSheet) []charts.ActionSheet {
	var out []charts.ActionSheet
	for _, s := range sheets {
		a := charts.ActionSheet{Action: s.Action, Axe: s.Axe, Type: s.Type, Programme: s.Programme, Funders: s.Funders,
			Sessions: s.Sessions, Dates: s.Dates, Participants: s.Participants,
			EstablishmentCount: s.EstablishmentCount, Surveys: s.Surveys}
		for _, p := range s.Publics {
			a.Publics = append(a.Publics, charts.PublicCount{Public: p.Public, Participants: p.Participants})
		}
		for _, e := range s.Establishments {
			a.Establishments = append(a.Establishments, charts.Establishment{Name: e.Name, Type: e.Type})
		}
		out = append(out, a)
	}
	return out
}

// figuresOf gives the figures of a year to the report.
func figuresOf(rows []pipeline.Row) []charts.Figure {
	var out []charts.Figure
	for _, r := range rows {
		out = append(out, charts.Figure{ID: r.ID, Label: r.Label, Definition: r.Definition,
			Survey: r.Survey, Dimension: r.Dimension, Category: r.Category, Value: r.Value, N: r.N,
			CILow: r.CILow, CIHigh: r.CIHigh, Unit: r.Unit,
			Question: r.Question, QuestionLabel: r.QuestionLabel, Wave: r.Wave, Pairs: r.Pairs, PreOnly: r.PreOnly,
			PostOnly: r.PostOnly, Test: r.Test, PValue: r.PValue, PAdjusted: r.PAdjusted, Note: r.Note, WithheldBelow: r.WithheldBelow,
			WithheldUnanimous: r.WithheldUnanimous, Coverage: r.Coverage})
	}
	return out
}
