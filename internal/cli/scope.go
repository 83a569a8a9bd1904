package cli

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/cmq-greencity/greencity/lang"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/cmq-greencity/greencity/queries"
	"github.com/spf13/cobra"
)

// Reports of one programme or one funder: report --programme/--funder, and
// the entries of the reports key that run writes. The figures come from the
// same SQL restricted to the actions of the programme or funder
// (pipeline.ComputeScoped); this file finds those actions, reads the logo
// and says what the report leaves out.

// scopeRequest is a report asked for one programme or funder.
type scopeRequest struct {
	Kind      pipeline.ScopeKind
	Name      string // as asked: matched against the catalogues
	Title     string // "" : charts.ScopeTitle's
	Statement string
	Logo      string // path of the logo file, "" for none
	Lang      string // fr or en; "": the campus report's (Config.Lang)
}

// folder is where a scoped report goes under report_dir/<year>:
// programme-ricet, financeur-region-bfc.
func (r scopeRequest) folder() string {
	return campusFolder(kindWord(r.Kind) + " " + r.Name)
}

// kindWord is the French word of a kind of scope (charts.ScopeProgramme,
// charts.ScopeFunder).
func kindWord(k pipeline.ScopeKind) string {
	if k == pipeline.ScopeFunder {
		return charts.ScopeFunder
	}
	return charts.ScopeProgramme
}

// reportScope is a scope request resolved against the catalogues: its
// actions, every year, and its logo read.
type reportScope struct {
	req     scopeRequest
	actions pipeline.ActionScope
	logo    string // data: URI
}

// resolveScope finds the actions of req in the catalogues of cfg.Campus
// and reads its logo.
func resolveScope(ctx context.Context, store *pipeline.Store, cfg Config, req scopeRequest) (*reportScope, error) {
	as, err := pipeline.ResolveScope(ctx, store.DB, cfg.Campus, req.Kind, req.Name)
	if err != nil {
		return nil, err
	}
	sc := &reportScope{req: req, actions: as}
	if req.Logo != "" {
		if sc.logo, err = logoURI(req.Logo); err != nil {
			return nil, err
		}
	}
	return sc, nil
}

// errNotImage means that a logo file is no image a report can show.
var errNotImage = errors.New("ce n'est pas une image PNG, JPEG, GIF, WebP ou SVG")

// logoURI reads the image at path as a data: URI, so that the report
// carries its logo and stays one file that opens offline.
func logoURI(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("logo : %w", err)
	}
	mime := http.DetectContentType(b)
	// SVG is text to the sniffer: its extension and its root element say it.
	if strings.EqualFold(filepath.Ext(path), ".svg") && strings.Contains(string(b), "<svg") {
		mime = "image/svg+xml"
	}
	if !slices.Contains([]string{"image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"}, mime) {
		return "", fmt.Errorf("logo %s : %w (contenu lu : %s)", path, errNotImage, mime)
	}
	return "data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(b), nil
}

// computeScopedRows computes a year's figures restricted to sc, in the
// order of the report, with the small-cell rule applied, and the
// indicators left out because they are about the whole campus.
func computeScopedRows(ctx context.Context, store *pipeline.Store, cfg Config, year int, sc *reportScope) ([]pipeline.Row, []queries.Indicator, error) {
	rows, left, err := pipeline.ComputeScoped(ctx, store.DB, queries.FS, year, sc.actions)
	if err != nil {
		return nil, nil, err
	}
	sortForDisplay(rows)
	return pipeline.WithholdSmallCells(rows, cfg.MinCellSize), left, nil
}

// chartsScope is what the report says of sc in year: its actions, those it
// shares and with whom, and the figures and targets (targetsLeft) it leaves
// out.
func (sc *reportScope) chartsScope(l *lang.Printer, year int, targetsLeft []charts.LeftTarget) (*charts.Scope, error) {
	inds, err := queries.Load(queries.FS)
	if err != nil {
		return nil, err
	}
	s := &charts.Scope{Kind: kindWord(sc.req.Kind), Name: sc.actions.Name, Title: sc.req.Title,
		Statement: sc.req.Statement, Logo: sc.logo, TargetsLeftOut: targetsLeft}
	shared := map[string][]string{}
	for _, a := range sc.actions.InYear(year) {
		s.Actions = append(s.Actions, a.Name)
		for _, o := range a.Others {
			shared[o] = append(shared[o], a.Name)
		}
	}
	for _, with := range slices.Sorted(maps.Keys(shared)) {
		s.Shared = append(s.Shared, charts.Shared{With: with, Actions: shared[with]})
	}
	for _, ind := range inds {
		if !ind.FollowsScope {
			s.LeftOut = append(s.LeftOut, charts.Localize(l, charts.Figure{ID: ind.ID, Label: ind.Label}).Label)
		}
	}
	return s, nil
}

// scopedTargets judges the targets of cfg on the years v of a scoped
// report, and returns those it leaves out: a target on a figure about the
// whole campus (attractiveness) or whose baseline value is written in
// config.yaml (a figure of the campus), and one whose baseline, read in the
// scope's data, is already at the target (a configuration error for the
// campus, but a fact about one programme).
func scopedTargets(cfg Config, l *lang.Printer, v yearsView, asOf int) ([]targetResult, []charts.LeftTarget, error) {
	inds, err := queries.Load(queries.FS)
	if err != nil {
		return nil, nil, err
	}
	var kept []targetResult
	var left []charts.LeftTarget
	for _, t := range cfg.Targets {
		name := t.labelIn(l)
		if name == "" {
			name = charts.IndicatorLabel(l, t.Indicator)
		}
		i := slices.IndexFunc(inds, func(ind queries.Indicator) bool { return ind.ID == t.Indicator })
		if i < 0 || !inds[i].FollowsScope || t.Baseline.Value != nil {
			left = append(left, charts.LeftTarget{Label: name, Why: charts.TargetCampusWide})
			continue
		}
		one := cfg
		one.Targets = []TargetConfig{t}
		rs, err := evaluateTargets(one, l, v, asOf)
		var ce *ConfigError
		switch {
		case errors.As(err, &ce):
			left = append(left, charts.LeftTarget{Label: name, Why: charts.TargetBaselineReached})
		case err != nil:
			return nil, nil, err
		default:
			kept = append(kept, rs...)
		}
	}
	return kept, left, nil
}

// addScopedYears is addYears for a scoped report: every year up to the
// report's computed afresh on the scope's actions (the figures recorded by
// run are the campus's), the trajectory of the targets that apply, and the
// labels of the others.
func addScopedYears(ctx context.Context, store *pipeline.Store, cfg Config, l *lang.Printer, sc *reportScope, rep *charts.Report) ([]charts.LeftTarget, error) {
	years, err := store.DataYears(ctx, cfg.Campus)
	if err != nil {
		return nil, err
	}
	var rows []pipeline.Row
	for _, y := range years {
		if y > rep.Year {
			continue
		}
		r, _, err := computeScopedRows(ctx, store, cfg, y, sc)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r...)
	}
	v := newYearsView(rows, rep.Year)
	rs, left, err := scopedTargets(cfg, l, v, rep.Year)
	if err != nil {
		return nil, err
	}
	rep.Trajectories = trajectories(l, rs)
	rep.Comparison = v.comparison(l)
	return left, nil
}

// writeScopedReport computes a year's figures restricted to sc and writes
// its page, workbook and, when chromium is not "", PDF into dir. Nothing is
// recorded: the figures recorded for the comparison of years are the
// campus's.
func writeScopedReport(ctx context.Context, store *pipeline.Store, cfg Config, year int, sc *reportScope, dir, chromium string) (reportFiles, []pipeline.Row, error) {
	rows, _, err := computeScopedRows(ctx, store, cfg, year, sc)
	if err != nil {
		return reportFiles{}, nil, err
	}
	files, err := writeReportOf(ctx, store, cfg, year, rows, time.Now(), true, dir, chromium, sc)
	return files, rows, err
}

// scopedPDFName is the PDF of a scoped report: rapport-2025-programme-ricet.pdf,
// so that a PDF sent on its own still says whose it is.
func scopedPDFName(year int, sc *reportScope) string {
	return "rapport-" + strconv.Itoa(year) + "-" + sc.req.folder() + ".pdf"
}

// scopeFlagsOf adds --programme and --funder to cmd.
func scopeFlagsOf(cmd *cobra.Command, programme, funder *string) {
	cmd.Flags().StringVar(programme, "programme", "", "restreint aux actions d'un `programme` du catalogue (colonne programme de actions.xlsx)")
	cmd.Flags().StringVar(funder, "funder", "", "restreint aux actions d'un `financeur` du catalogue (colonne financeurs de actions.xlsx)")
}

// scopeFlags is the scope that --programme or --funder asks for, nil when
// neither is given.
func scopeFlags(programme, funder, lake string) (*scopeRequest, error) {
	var req *scopeRequest
	switch {
	case programme != "" && funder != "":
		return nil, usageError{errors.New("--programme et --funder ne s'emploient pas ensemble : un rapport suit un programme ou un financeur")}
	case programme != "":
		req = &scopeRequest{Kind: pipeline.ScopeProgramme, Name: programme}
	case funder != "":
		req = &scopeRequest{Kind: pipeline.ScopeFunder, Name: funder}
	}
	if req != nil && lake != "" {
		return nil, usageError{errors.New("--programme et --funder ne s'emploient pas avec --lake : le rapport d'un programme ou d'un financeur se fait depuis la base du campus")}
	}
	return req, nil
}

// checkLogos checks that the logo of every entry of reports is an image,
// naming the entry at fault.
func checkLogos(cfg Config) error {
	for i, r := range cfg.Reports {
		if r.Logo == "" {
			continue
		}
		if _, err := logoURI(r.Logo); err != nil {
			return &ConfigError{Key: fmt.Sprintf("reports[%d].logo", i), Value: r.Logo, Err: err}
		}
	}
	return nil
}

// configuredScopes resolves every entry of reports against the catalogues,
// naming the entry at fault.
func configuredScopes(ctx context.Context, store *pipeline.Store, cfg Config) ([]*reportScope, error) {
	var out []*reportScope
	for i, r := range cfg.Reports {
		sc, err := resolveScope(ctx, store, cfg, r.request())
		if err != nil {
			return nil, fmt.Errorf("configuration reports[%d] : %w", i, err)
		}
		out = append(out, sc)
	}
	return out, nil
}

// title is the report's title without its year (charts.ScopeTitle), as
// the terminal says it: in French.
func (sc *reportScope) title() string {
	return charts.ScopeTitle(lang.MustNew(lang.French), charts.Scope{Kind: kindWord(sc.req.Kind), Name: sc.actions.Name, Title: sc.req.Title})
}

// printScoped names the folder of a scoped report, on one line.
func (f reportFiles) printScoped(out io.Writer, year int, sc *reportScope) {
	what := "page et classeur"
	if f.PDF != "" {
		what = "page, classeur et PDF"
	}
	fmt.Fprintf(out, "%s %d : %s (%s)\n", sc.title(), year, filepath.Dir(f.HTML), what)
}
