package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Runs of `greencity run`, year by year.
//
// Each file is imported in one transaction, but a year is many files: a run
// killed part way leaves a year with some files of the new version and some
// of the old, or none. The table runs says whether the last run of a year
// ended (one row per year, replaced by each run), so that what reads the
// year (report, indicators) can refuse instead of showing partial figures.

// RunRecord is the last run of a year.
type RunRecord struct {
	Started  time.Time
	Finished bool
	Refused  int // files the run refused
}

// StartRun records that a run starts importing a year, and returns the
// stamp FinishRun needs. It is committed before the first import, so that
// a run killed afterwards is seen as unfinished.
func (s *Store) StartRun(ctx context.Context, campus string, year int, now time.Time) (time.Time, error) {
	started := now.UTC().Truncate(time.Microsecond) // DuckDB's timestamp precision
	err := s.inTx(ctx, func(conn *sql.Conn) error {
		return s.execFile(ctx, conn, "sql/start_run.sql", sql.Named("campus", campus), sql.Named("year", year), sql.Named("started_at", started))
	})
	if err != nil {
		return started, s.writeError(fmt.Sprintf("le début de l'import de %d n'a pas été enregistré", year), err)
	}
	return started, nil
}

// FinishRun records that the run of a year started at started ended its
// imports, refusing refused files.
func (s *Store) FinishRun(ctx context.Context, campus string, year int, started time.Time, refused int, now time.Time) error {
	err := s.execFile(ctx, s.DB, "sql/finish_run.sql", sql.Named("campus", campus), sql.Named("year", year),
		sql.Named("started_at", started), sql.Named("finished_at", now.UTC()), sql.Named("refused", refused))
	if err != nil {
		return s.writeError(fmt.Sprintf("la fin de l'import de %d n'a pas été enregistrée", year), err)
	}
	return nil
}

// LastRun returns the last run of a year, nil when the year was never
// imported by `greencity run` (only by `greencity import`).
func (s *Store) LastRun(ctx context.Context, campus string, year int) (*RunRecord, error) {
	var n int
	if err := s.DB.QueryRowContext(ctx, query("sql/has_runs.sql")).Scan(&n); err != nil || n == 0 {
		return nil, err
	}
	var r RunRecord
	var finished sql.NullTime
	err := s.DB.QueryRowContext(ctx, query("sql/last_run.sql"), sql.Named("campus", campus), sql.Named("year", year)).
		Scan(&r.Started, &finished, &r.Refused)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("last run of %d: %w", year, err)
	}
	r.Finished = finished.Valid
	return &r, nil
}
