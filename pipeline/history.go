package pipeline

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"path/filepath"
	"time"
)

// Every year side by side.
//
// The comparison of years shows each year as its report showed it: `run`
// (and `report`) record the figures they compute in the table figures, with
// the version of the definition that computed each row. A year that `run` no
// longer recomputes (left out of the years key) keeps the figures of its last
// report, and a definition that changed since is visible as a change of
// version between two years. A year whose data were imported after its
// figures were recorded, or never recorded, is left to the caller to compute
// afresh (RecordedFigures does not return it), with the same rules as the
// report of a single year (the small-cell rule included).

// RecordFigures replaces the recorded figures of one year of a campus with
// rows (as the report shows them, in their order), stamped now, in one
// transaction. On a database that cannot be written (opened read-only, or
// a read-only file or folder) it records nothing and returns an error
// wrapping ErrReadOnly: a report can still be written from it.
func (s *Store) RecordFigures(ctx context.Context, campus string, year int, rows []Row, now time.Time) error {
	if s.readOnly {
		return fmt.Errorf("%s : %w", s.path, ErrReadOnly)
	}
	err := s.inTx(ctx, func(conn *sql.Conn) error {
		if err := s.execFile(ctx, conn, "sql/forget_figures.sql", sql.Named("campus", campus), sql.Named("year", year)); err != nil {
			return err
		}
		var vals [][]driver.Value
		for i, r := range rows {
			vals = append(vals, []driver.Value{campus, int32(year), int32(i), r.ID, int32(r.Version), r.Label, r.Definition,
				nullString(r.Survey), nullString(r.Dimension), nullString(r.Category), r.Value, r.N,
				nullFloat(r.CILow), nullFloat(r.CIHigh), r.Unit,
				nullString(r.Question), nullString(r.QuestionLabel), nullString(r.Wave),
				nullInt64(r.Pairs), nullInt64(r.PreOnly), nullInt64(r.PostOnly), nullString(r.Test), nullFloat(r.PValue),
				nullString(r.Note), int32(r.WithheldBelow), now.UTC(), nullFloat(r.Coverage), nullFloat(r.PAdjusted), r.WithheldUnanimous})
		}
		return appendRows(conn, "figures", vals)
	})
	if err != nil {
		return s.writeError(fmt.Sprintf("l'enregistrement des chiffres de %d a été annulé", year), err)
	}
	return nil
}

// RecordedFigures returns the recorded figures of a campus that are up to
// date, oldest year first, each year's rows in their recorded order. A year
// imported into after its figures were recorded is left out: compute it.
func (s *Store) RecordedFigures(ctx context.Context, campus string) ([]Row, error) {
	rows, err := s.DB.QueryContext(ctx, query("sql/recorded_figures.sql"), sql.Named("campus", campus))
	if err != nil {
		return nil, fmt.Errorf("recorded figures: %w", err)
	}
	defer rows.Close()
	var out []Row
	for rows.Next() {
		var r Row
		var survey, dim, cat, question, qlabel, wave, test, note sql.NullString
		var lo, hi, p, coverage, padj sql.NullFloat64
		var pairs, pre, post sql.NullInt64
		if err := rows.Scan(&r.ID, &r.Label, &r.Definition, &r.Version, &r.Year, &survey, &dim, &cat,
			&r.Value, &r.N, &lo, &hi, &r.Unit, &question, &qlabel, &wave,
			&pairs, &pre, &post, &test, &p, &note, &r.WithheldBelow, &coverage, &padj, &r.WithheldUnanimous); err != nil {
			return nil, fmt.Errorf("recorded figures: %w", err)
		}
		r.Survey, r.Dimension, r.Category = survey.String, dim.String, cat.String
		r.Question, r.QuestionLabel, r.Wave, r.Test, r.Note = question.String, qlabel.String, wave.String, test.String, note.String
		r.CILow, r.CIHigh, r.PValue, r.Coverage = optFloat(lo), optFloat(hi), optFloat(p), optFloat(coverage)
		r.PAdjusted = optFloat(padj)
		r.Pairs, r.PreOnly, r.PostOnly = optInt64(pairs), optInt64(pre), optInt64(post)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("recorded figures: %w", err)
	}
	return out, nil
}

// DataYears returns the years a campus has imported files or recorded
// figures for, in order.
func (s *Store) DataYears(ctx context.Context, campus string) ([]int, error) {
	rows, err := s.DB.QueryContext(ctx, query("sql/data_years.sql"), sql.Named("campus", campus))
	if err != nil {
		return nil, fmt.Errorf("years in the database: %w", err)
	}
	defer rows.Close()
	var years []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, fmt.Errorf("years in the database: %w", err)
		}
		years = append(years, y)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("years in the database: %w", err)
	}
	return years, nil
}

// ForgetYear forgets a year whose folder dir (data/2024) is gone: what every
// file imported from that folder brought, and the year's recorded figures,
// so that the year shows as missing rather than with figures of files that
// no longer exist. Files of that year imported from elsewhere are kept. It
// returns the files forgotten.
func (im *Importer) ForgetYear(ctx context.Context, dir string, year int) ([]string, error) {
	gone, err := im.forgetMissing(ctx, filepath.Clean(dir), year, map[string]bool{})
	if err != nil {
		return gone, err
	}
	err = im.Store.inTx(ctx, func(conn *sql.Conn) error {
		return im.Store.execFile(ctx, conn, "sql/forget_figures.sql", sql.Named("campus", im.Campus), sql.Named("year", year))
	})
	if err != nil {
		return gone, fmt.Errorf("forget figures of %d: %w", year, err)
	}
	return gone, nil
}

func nullFloat(f *float64) driver.Value {
	if f == nil {
		return nil
	}
	return *f
}

func nullInt64(n *int64) driver.Value {
	if n == nil {
		return nil
	}
	return *n
}

func optFloat(f sql.NullFloat64) *float64 {
	if !f.Valid {
		return nil
	}
	return &f.Float64
}

func optInt64(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	return &n.Int64
}
