package cli

import (
	"cmp"
	"slices"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/cmq-greencity/greencity/queries"
)

// annexOf is the methods annex of cfg's report of year (charts.Annex): the
// definition file of every indicator and the staging views with their
// SHA-256, the files of the year from the import log, and the digest of the
// settings that change figures.
func annexOf(cfg Config, year int, log []pipeline.LogEntry) (*charts.Annex, error) {
	inds, err := queries.Load(queries.FS)
	if err != nil {
		return nil, err
	}
	views, err := queries.StagingDigests(queries.FS)
	if err != nil {
		return nil, err
	}
	canonical, digest, err := configDigest(cfg)
	if err != nil {
		return nil, err
	}
	a := &charts.Annex{Config: charts.ConfigDigest{SHA256: digest, Canonical: canonical,
		Covered: digestKeys, LeftOut: digestLeftOut}}
	// Paths as in the sources of greencity, where sha256sum checks them.
	for _, ind := range inds {
		a.Indicators = append(a.Indicators, charts.IndicatorSource{ID: ind.ID, Version: ind.Version,
			File: "queries/" + ind.File, SHA256: ind.SHA256, Numerator: ind.Numerator, Denominator: ind.Denominator})
	}
	for _, v := range views {
		a.Views = append(a.Views, charts.SQLFile{Path: "queries/" + v.Path, SHA256: v.SHA256})
	}
	for _, e := range log {
		if e.Year != year {
			continue
		}
		// In UTC, as stored: the same instant reads the same for an
		// auditor in any time zone.
		a.Sources = append(a.Sources, charts.SourceFile{Path: e.SourceFile, Kind: e.Kind, SHA256: e.SHA256,
			RowsRead: e.RowsRead, Rows: e.RowsImported, ImportedAt: e.ImportedAt.UTC().Format("2006-01-02 15:04:05 UTC"),
			ImportedBy: e.GreencityVersion})
	}
	slices.SortFunc(a.Sources, func(x, y charts.SourceFile) int { return cmp.Compare(x.Path, y.Path) })
	return a, nil
}
