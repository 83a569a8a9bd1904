package pipeline

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// rowSink takes the attendance rows that pass validation as they are read,
// so that a million-row workbook is never held in memory: an import hands
// them to the writer (rowQueue), which appends them to the database inside
// the file's transaction, rolled back when the file turns out to be
// refused; a check drops them.
type rowSink interface {
	participation(r participationRow)
	// discard forgets the rows taken so far: the workbook is read again
	// from the start by the other reader (Importer.parse).
	discard() error
}

// dropRows is the sink of a check: nothing is written.
type dropRows struct{}

func (dropRows) participation(participationRow) {}
func (dropRows) discard() error                 { return nil }

// participationAppender appends attendance rows to the participations
// table with DuckDB's Appender, on the connection of an import's open
// transaction (the writer of ImportFiles). Its first error is kept and
// stops the appends; the import asks for it (close) before it looks at
// anything else.
type participationAppender struct {
	ctx    context.Context
	store  *Store
	conn   *sql.Conn
	campus string
	source string
	a      *duckdb.Appender
	values []driver.Value // one row, reused: the appender copies it
	// campus, year and source as driver values, boxed once rather than for
	// each of a million rows.
	file  [3]driver.Value
	count int // rows appended
	err   error
}

func newParticipationAppender(ctx context.Context, store *Store, conn *sql.Conn, campus string, year int, source string) *participationAppender {
	return &participationAppender{ctx: ctx, store: store, conn: conn, campus: campus, source: source,
		file: [3]driver.Value{campus, int32(year), source}}
}

func (w *participationAppender) participation(r participationRow) {
	if w.err != nil {
		return
	}
	if w.a == nil {
		// The appender outlives Raw's callback: the connection belongs to
		// this import alone, and no statement runs on it while the
		// appender is open (close comes first).
		w.err = w.conn.Raw(func(dc any) error {
			a, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "participations")
			w.a = a
			return err
		})
		if w.err != nil {
			w.err = fmt.Errorf("append to participations: %w", w.err)
			return
		}
	}
	w.values = append(append(w.values[:0], w.file[:]...), int32(r.Row), r.Action, r.Key, r.Date,
		nullString(r.Etablissement), nullString(r.TypeEtab), nullString(r.Commune), r.Public, nullString(r.Niveau),
		int32(r.Participants), nullInt(r.DontFilles), nullInt(r.DontQPV), r.Sheet)
	if err := w.a.AppendRow(w.values...); err != nil {
		w.err = fmt.Errorf("append to participations, sheet %q row %d: %w", r.Sheet, r.Row, err)
		return
	}
	// Handed to the transaction as they come rather than held by the
	// appender until close: measured on 200 000 rows, the peak memory of an
	// import drops by a sixth. The transaction still commits or rolls back
	// them all.
	if w.count++; w.count%flushRows == 0 {
		if err := w.a.Flush(); err != nil {
			w.err = fmt.Errorf("append to participations: %w", err)
		}
	}
}

// flushRows is how many rows the appender holds before it hands them to
// the transaction: DuckDB's appender keeps them in memory of its own until
// then, outside its memory_limit. Measured on a million rows, 8192 rather
// than 50 000 lowers the peak memory of the import by ~20 MiB, in the same
// time.
const flushRows = 8192

// close flushes the rows appended and returns the first error met.
// Close flushes and returns the real error (FACTS.md): never deferred
// blindly.
func (w *participationAppender) close() error {
	if w.a != nil {
		if err := w.a.Close(); err != nil && w.err == nil {
			w.err = fmt.Errorf("append to participations: %w", err)
		}
		w.a = nil
	}
	return w.err
}

// discard removes, inside the transaction, the rows appended so far: the
// file's former rows were removed at its start, so whatever the file has
// in the database now is what was appended. Its error is kept, like an
// append's, for close.
func (w *participationAppender) discard() {
	if w.close() != nil {
		return
	}
	w.err = w.store.execFile(w.ctx, w.conn, "sql/forget_file.sql", sql.Named("campus", w.campus), sql.Named("source_file", w.source))
}
