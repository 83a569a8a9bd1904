package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/cmq-greencity/greencity/export"
	"github.com/cmq-greencity/greencity/lang"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/cmq-greencity/greencity/queries"
)

// addYears gives a year's report its first page, the trajectory toward the
// 2030 targets as of that year, and the table of every year up to it.
func addYears(ctx context.Context, store *pipeline.Store, cfg Config, l *lang.Printer, rep *charts.Report) error {
	v, err := loadYears(ctx, store, cfg, rep.Year)
	if err != nil {
		return err
	}
	rs, err := evaluateTargets(cfg, l, v, rep.Year)
	if err != nil {
		return err
	}
	rep.Trajectories = trajectories(l, rs)
	rep.Comparison = v.comparison(l)
	return nil
}

// writeWorkbook writes dir/indicateurs.xlsx beside the HTML report, with the
// same figures, through a temporary file renamed at the end.
func writeWorkbook(rep charts.Report, log []pipeline.LogEntry, dir string) error {
	inds, err := queries.Load(queries.FS)
	if err != nil {
		return err
	}
	kinds := kindsOf(inds)
	var defs []export.Definition
	for _, ind := range inds {
		d := export.Definition{ID: ind.ID, Label: ind.Label, Definition: ind.Definition, Version: ind.Version}
		for _, e := range log {
			if e.Year == rep.Year && slices.Contains(kinds[ind.ID], e.Kind) {
				d.Sources = append(d.Sources, e.SourceFile)
			}
		}
		slices.Sort(d.Sources)
		defs = append(defs, d)
	}
	slices.SortStableFunc(defs, func(a, b export.Definition) int { return displayRank(a.ID) - displayRank(b.ID) })
	return writeAtomically(filepath.Join(dir, export.FileName), ".indicateurs-*.xlsx", func(w io.Writer) error {
		if err := export.Write(w, rep, defs); err != nil {
			return fmt.Errorf("report %d: %w", rep.Year, err)
		}
		return nil
	})
}
