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
}

// Compute runs every indicator of fsys (normally queries.FS) for one campus
// and year and returns their rows, indicator by indicator in id order. Every
// failing query is reported, not just the first.
func Compute(ctx context.Context, db *sql.DB, fsys fs.FS, campus string, year int) ([]Row, error) {
	inds, err := queries.Load(fsys)
	if err != nil {
		return nil, err
	}
	var out []Row
	var errs []error
	for _, ind := range inds {
		rows, err := runIndicator(ctx, db, ind, campus, year)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", ind.File, err))
			continue
		}
		out = append(out, rows...)
	}
	return out, errors.Join(errs...)
}

func runIndicator(ctx context.Context, db *sql.DB, ind queries.Indicator, campus string, year int) ([]Row, error) {
	rows, err := db.QueryContext(ctx, ind.SQL, sql.Named("campus", campus), sql.Named("year", year))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	if fmt.Sprint(cols) != fmt.Sprint(queries.Columns) {
		return nil, fmt.Errorf("returns columns %v, want %v", cols, queries.Columns)
	}
	var out []Row
	for rows.Next() {
		var survey, dim, cat, unit sql.NullString
		var value sql.NullFloat64
		var n sql.NullInt64
		var lo, hi sql.NullFloat64
		if err := rows.Scan(&survey, &dim, &cat, &value, &n, &lo, &hi, &unit); err != nil {
			return nil, err
		}
		if !value.Valid {
			continue // no data: no figure, never a zero
		}
		r := Row{ID: ind.ID, Label: ind.Label, Definition: ind.Definition, Version: ind.Version, Year: year,
			Survey: survey.String, Dimension: dim.String, Category: cat.String, Value: value.Float64, N: n.Int64, Unit: unit.String}
		if lo.Valid {
			r.CILow = &lo.Float64
		}
		if hi.Valid {
			r.CIHigh = &hi.Float64
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
}

// ImportLog returns the import log of a campus, newest first.
func ImportLog(ctx context.Context, db *sql.DB, campus string) ([]LogEntry, error) {
	rows, err := db.QueryContext(ctx, query("sql/import_log.sql"), sql.Named("campus", campus))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LogEntry
	for rows.Next() {
		var e LogEntry
		if err := rows.Scan(&e.SourceFile, &e.Kind, &e.Year, &e.SHA256, &e.RowsRead, &e.RowsImported, &e.ImportedAt); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
