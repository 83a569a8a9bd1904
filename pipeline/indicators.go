package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/cmq-greencity/greencity/queries"
)

// Row is one computed indicator row (see package queries for the meaning of
// the columns). Survey, Dimension and Category are empty for a headline.
type Row struct {
	ID         string
	Label      string
	Definition string
	Version    int
	Year       int
	Survey     string
	Dimension  string
	Category   string
	Value      float64
	N          int64
	CILow      *float64
	CIHigh     *float64
	Unit       string

	// Questionnaire figures (surveys.go). Question and Wave locate a figure
	// about one question, or one wave of it (avant | après).
	Question      string
	QuestionLabel string
	Wave          string
	// Pairs, PreOnly and PostOnly are set on a paired figure, one that
	// compares the same people before and after: how many answered in both
	// waves (the figure rests on them), before only and after only.
	Pairs, PreOnly, PostOnly *int64
	// Test names the paired test whose two-sided p-value is PValue:
	// "wilcoxon" (a 1-5 scale) or "mcnemar" (yes/no).
	Test   string
	PValue *float64
	// Coverage is set on a share computed on part of the whole it describes
	// (girls_share, qpv_share: the groups where the count was given): its n
	// over that whole, 0 to 1. Below one half the share does not describe
	// the whole (charts.LowCoverage).
	Coverage *float64
	// PAdjusted is PValue adjusted by Holm's method for the other tests of
	// the same survey, set when the survey tests more than one question:
	// the one to read a "significant" change by.
	PAdjusted *float64
	// Note says out loud what limits a figure: a small sample, a wide
	// interval, or why it is withheld.
	Note string
	// WithheldBelow is set by WithholdSmallCells when the figure rests on
	// fewer respondents than that: its value, n, interval and test are then
	// cleared, and it is shown as "< WithheldBelow". The group disclosure
	// rule (unanimous.go) sets it too, to the threshold in force, with
	// WithheldUnanimous: every check of "withheld" is WithheldBelow > 0.
	WithheldBelow int
	// WithheldUnanimous is set when the figure was withheld although it
	// rests on enough people, because all of them or all but one are in the
	// same category: it is shown as "non publié" (WithheldText), never as
	// "< WithheldBelow", which would be false.
	WithheldUnanimous bool
}

// Compute runs every indicator of fsys (normally queries.FS) for one campus
// and year and returns their rows, indicator by indicator in id order. Every
// failing query is reported, not just the first.
//
// The indicators read the staging views of fsys (queries.CreateStaging),
// which Compute creates first as temporary views, on one connection that it
// keeps for the whole computation: a temporary view exists on its connection
// only. Being temporary, they work as well on a database opened read-only
// (OpenStoreReadOnly) and write nothing to the file. sql/survey_pairs.sql
// reads them too: an fsys of indicators without staging/ can only compute
// figures that are not about questionnaires.
func Compute(ctx context.Context, db *sql.DB, fsys fs.FS, campus string, year int) ([]Row, error) {
	rows, _, err := compute(ctx, db, fsys, campus, year, nil)
	return rows, err
}

// compute is Compute with the staging views restricted to scope (nil: the
// whole campus); with a scope, the indicators that do not follow it are
// not run, and returned.
func compute(ctx context.Context, db *sql.DB, fsys fs.FS, campus string, year int, scope *queries.Scope) ([]Row, []queries.Indicator, error) {
	inds, err := queries.Load(fsys)
	if err != nil {
		return nil, nil, err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("compute: %w", err)
	}
	defer conn.Close()
	if err := queries.CreateScopedStaging(ctx, conn, fsys, scope); err != nil {
		return nil, nil, err
	}
	var out []Row
	var errs []error
	var left []queries.Indicator
	for _, ind := range inds {
		if scope != nil && !ind.FollowsScope {
			left = append(left, ind)
			continue
		}
		rows, err := runIndicator(ctx, conn, ind, campus, year)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", ind.File, err))
			continue
		}
		out = append(out, rows...)
	}
	if err := errors.Join(errs...); err != nil {
		return out, left, err
	}
	if err := inferSurveys(ctx, conn, campus, year, out); err != nil {
		return out, left, err
	}
	return out, left, nil
}

// querier is what both *sql.DB and *sql.Conn offer to read rows.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func runIndicator(ctx context.Context, db querier, ind queries.Indicator, campus string, year int) ([]Row, error) {
	rows, err := db.QueryContext(ctx, ind.SQL, sql.Named("campus", campus), sql.Named("year", year))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	extras, err := extraColumns(cols)
	if err != nil {
		return nil, err
	}
	var out []Row
	for rows.Next() {
		var survey, dim, cat, unit sql.NullString
		var value sql.NullFloat64
		var n sql.NullInt64
		var lo, hi sql.NullFloat64
		dest := []any{&survey, &dim, &cat, &value, &n, &lo, &hi, &unit}
		for _, e := range extras {
			dest = append(dest, e.dest)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		if !value.Valid {
			continue // no data: no figure, never a zero
		}
		r := Row{ID: ind.ID, Label: ind.Label, Definition: ind.Definition, Version: ind.Version, Year: year,
			Survey: survey.String, Dimension: dim.String, Category: cat.String, Value: value.Float64, N: n.Int64, Unit: unit.String,
			CILow: optFloat(lo), CIHigh: optFloat(hi)}
		for _, e := range extras {
			e.set(&r)
		}
		if ind.Interval == "wilson" {
			addWilson(&r)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// LogEntry is one line of the import log.
type LogEntry struct {
	SourceFile   string
	Kind         string
	Year         int
	SHA256       string
	RowsRead     int
	RowsImported int
	ImportedAt   time.Time
	// GreencityVersion is the version of the greencity that imported the
	// file; "" when none was recorded (an older import, or a lake).
	GreencityVersion string
}

// ImportLog returns the import log of a campus, newest first.
func ImportLog(ctx context.Context, db *sql.DB, campus string) ([]LogEntry, error) {
	rows, err := db.QueryContext(ctx, query("sql/import_log.sql"), sql.Named("campus", campus))
	if err != nil {
		return nil, fmt.Errorf("import log: %w", err)
	}
	defer rows.Close()
	var out []LogEntry
	for rows.Next() {
		var e LogEntry
		var version sql.NullString
		if err := rows.Scan(&e.SourceFile, &e.Kind, &e.Year, &e.SHA256, &e.RowsRead, &e.RowsImported, &e.ImportedAt, &version); err != nil {
			return nil, fmt.Errorf("import log: %w", err)
		}
		e.GreencityVersion = version.String
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("import log: %w", err)
	}
	return out, nil
}
