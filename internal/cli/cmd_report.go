package cli

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/cmq-greencity/greencity/export"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/spf13/cobra"
)

func (a *app) newReportCmd() *cobra.Command {
	var year int
	var outDir string
	cmd := &cobra.Command{
		Use:   "report --year ANNÉE [--out DOSSIER]",
		Short: "Écrit le rapport HTML autonome d'une année et son classeur (report/<année>/index.html, indicateurs.xlsx)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if year == 0 {
				return usageError{fmt.Errorf("précisez --year (par exemple --year 2025)")}
			}
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			if outDir == "" {
				outDir = filepath.Join(cfg.ReportDir, strconv.Itoa(year))
			}
			store, err := pipeline.OpenStore(cmd.Context(), cfg.Database)
			if err != nil {
				return err
			}
			defer store.Close()
			path, _, err := writeReport(cmd.Context(), store, cfg, year, outDir)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Rapport %d : %s\n", year, path)
			fmt.Fprintf(cmd.OutOrStdout(), "Classeur %d : %s\n", year, filepath.Join(filepath.Dir(path), export.FileName))
			return nil
		},
	}
	cmd.Flags().IntVar(&year, "year", 0, "année")
	cmd.Flags().StringVar(&outDir, "out", "", "dossier de sortie (défaut : report_dir/<année>)")
	return cmd
}

// writeReport computes a year's indicators and writes dir/index.html. The
// page is written to a temporary file first and renamed, so a funder never
// receives half a report.
func writeReport(ctx context.Context, store *pipeline.Store, cfg Config, year int, dir string) (string, []pipeline.Row, error) {
	rows, err := computeRows(ctx, store, cfg, year)
	if err != nil {
		return "", nil, err
	}
	// What this report shows is what the comparison of years will show for
	// this year, with the version of each definition (years.go).
	if err := store.RecordFigures(ctx, cfg.Campus, year, rows, time.Now()); err != nil {
		return "", nil, err
	}
	log, err := pipeline.ImportLog(ctx, store.DB, cfg.Campus)
	if err != nil {
		return "", nil, err
	}
	rep := charts.Report{Campus: cfg.Campus, Year: year, Generated: time.Now().Format("02/01/2006 à 15:04")}
	for _, e := range log {
		if e.Year == year {
			rep.Sources = append(rep.Sources, e.SourceFile)
		}
	}
	for _, r := range rows {
		rep.Figures = append(rep.Figures, charts.Figure{ID: r.ID, Label: r.Label, Definition: r.Definition,
			Survey: r.Survey, Dimension: r.Dimension, Category: r.Category, Value: r.Value, N: r.N,
			CILow: r.CILow, CIHigh: r.CIHigh, Unit: r.Unit,
			Question: r.Question, QuestionLabel: r.QuestionLabel, Wave: r.Wave, Pairs: r.Pairs, PreOnly: r.PreOnly,
			PostOnly: r.PostOnly, Test: r.Test, PValue: r.PValue, Note: r.Note, WithheldBelow: r.WithheldBelow})
	}
	if err := addYears(ctx, store, cfg, &rep); err != nil {
		return "", nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", nil, err
	}
	path := filepath.Join(dir, "index.html")
	tmp, err := os.CreateTemp(dir, ".index-*.html")
	if err != nil {
		return "", nil, err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	if err := charts.Render(bw, rep); err != nil {
		tmp.Close()
		return "", nil, fmt.Errorf("report %d: %w", year, err)
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return "", nil, err
	}
	if err := tmp.Close(); err != nil {
		return "", nil, err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return "", nil, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", nil, err
	}
	if err := writeWorkbook(rep, log, dir); err != nil {
		return "", nil, err
	}
	return path, rows, nil
}
