package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"time"
)

// Files read on every core, written by one writer.
//
// DuckDB takes one writer, and what a file may bring depends on the files
// written before it (a copy of one, rows another file already brought, the
// catalogue its actions are checked against). So the files are written one
// after the other, in the order given, each in its own transaction exactly
// as when they were imported one by one; what runs ahead, one goroutine per
// file on as many files as there are cores, is what depends on nothing
// written by the files before it: reading the file, unzipping and parsing
// its sheets and validating its rows. A reader hands its valid attendance
// rows to the writer through a bounded queue, so that a million-row
// workbook is never held in memory and its reading overlaps with their
// appending. A catalogue (actions.xlsx) is a barrier: the files after it
// are checked against it, so none is read before it is written.

// readAhead is how many files are read at once, ahead of the writer: the
// cores Go runs on.
func readAhead() int { return max(1, runtime.GOMAXPROCS(0)) }

const (
	// batchRows is how many attendance rows a reader hands the writer at
	// once: few enough to stay small (~200 KB), enough that the handing
	// over costs nothing next to the rows' validation and appending.
	batchRows = 1024
	// queuedBatches is how many batches a reader may get ahead of the
	// writer before it waits: bounded, so that a reader faster than the
	// writer does not pile the file's rows up in memory.
	queuedBatches = 8
)

// rowBatch is what a reader hands the writer: valid attendance rows, or
// the order to forget those handed so far (the workbook is read again
// from the start by the other reader, Importer.parse).
type rowBatch struct {
	rows    []participationRow
	discard bool
}

// rowQueue is the sink of a reader: it hands the rows to the writer in
// batches, and waits while queuedBatches of them are not yet taken. Once
// its context is done (the writer gave up on the file), rows are dropped.
type rowQueue struct {
	ctx   context.Context
	out   chan<- rowBatch
	free  <-chan []participationRow // batches the writer is done with, to fill again
	batch []participationRow
}

func (q *rowQueue) participation(r participationRow) {
	if q.batch == nil {
		select {
		case q.batch = <-q.free:
		default:
			q.batch = make([]participationRow, 0, batchRows)
		}
	}
	q.batch = append(q.batch, r)
	if len(q.batch) == batchRows {
		q.flush()
	}
}

func (q *rowQueue) discard() error {
	q.flush()
	q.send(rowBatch{discard: true})
	return q.ctx.Err()
}

// flush hands the rows not yet handed.
func (q *rowQueue) flush() {
	if len(q.batch) > 0 {
		q.send(rowBatch{rows: q.batch})
	}
	q.batch = nil
}

func (q *rowQueue) send(b rowBatch) {
	select {
	case q.out <- b:
	case <-q.ctx.Done():
	}
}

// fileAhead is one file read ahead of the writer. Its reader sets the
// fields above prepared before it closes prepared, and those above
// finished before it closes finished; the writer reads them after.
type fileAhead struct {
	path string
	// Known once prepared is closed.
	base      Result // the file as read, before its sheets are (what a refusal before them returns)
	err       error  // the file could not be read (it was not parsed)
	hash      string // SHA-256 of its content
	against   string // checkedAgainst
	unchanged bool   // same as last imported: not parsed
	prepared  chan struct{}
	// Known once finished is closed.
	res      Result // base, with what the parse found
	p        *parsed
	perr     error
	finished chan struct{}

	batches chan rowBatch           // the valid attendance rows, closed when the parse is over
	free    chan []participationRow // batches back from the writer
	head    atomic.Bool             // the writer is on this file: its progress is told
	cancel  context.CancelFunc
}

// ImportFiles imports files as ImportFile would one after the other, in
// that order, and tells done the outcome of each, in that order: the
// database, the results and the errors are those of the imports one by one.
// The files are read and validated on every core at once, ahead of the
// one writer (see above); Progress is told of the file being written only.
func (im *Importer) ImportFiles(ctx context.Context, paths []string, year int, done func(Result, error)) {
	ahead := make([]*fileAhead, len(paths))
	started := 0
	for i := range paths {
		// Start the readers of the next files, up to readAhead at once,
		// but none past a catalogue not yet written.
		for started < len(paths) && started < i+readAhead() && !catalogueBetween(paths, i, started) {
			ahead[started] = im.startReading(ctx, paths[started], year)
			started++
		}
		res, err := im.writeFile(ctx, ahead[i])
		ahead[i] = nil // its rows and content can go
		done(res, err)
	}
}

// catalogueBetween tells whether a catalogue is among paths[from:to].
func catalogueBetween(paths []string, from, to int) bool {
	for _, p := range paths[from:to] {
		if isCatalogueName(p) {
			return true
		}
	}
	return false
}

// startReading reads, hashes and parses the file at path in a goroutine
// of its own.
func (im *Importer) startReading(ctx context.Context, path string, year int) *fileAhead {
	a := &fileAhead{path: path, prepared: make(chan struct{}), finished: make(chan struct{}),
		batches: make(chan rowBatch, queuedBatches), free: make(chan []participationRow, queuedBatches+2)}
	ctx, a.cancel = context.WithCancel(ctx)
	go func() {
		defer close(a.finished)
		defer close(a.batches)
		f := im.prepare(ctx, a, year)
		defer f.Close()
		close(a.prepared)
		if a.err != nil || a.unchanged {
			return
		}
		q := &rowQueue{ctx: ctx, out: a.batches, free: a.free}
		a.res = a.base
		var progress func(read, total int64)
		if im.Progress != nil {
			progress = func(read, total int64) {
				if a.head.Load() {
					im.Progress(path, read, total)
				}
			}
		}
		a.p, a.perr = im.examine(ctx, &a.res, f.content(), im.storeCatalogue, false, q, progress)
		if a.perr == nil {
			a.perr = sameContent(a.path, f, a.hash)
		}
		q.flush()
	}()
	return a
}

// prepare opens and hashes the file of a, and tells whether it is
// unchanged since last imported; it returns the file, open.
func (im *Importer) prepare(ctx context.Context, a *fileAhead, year int) workbookFile {
	res, f, err := im.read(a.path, year)
	a.base = res
	if err != nil {
		a.err = err
		return f
	}
	if a.hash, err = f.sha256(); err != nil {
		a.err = fmt.Errorf("%s: %w", a.path, err)
		return f
	}
	if a.against, err = im.checkedAgainst(ctx, a.path, res.Year); err != nil {
		a.err = fmt.Errorf("%s: %w", a.path, err)
		return f
	}
	if a.unchanged, err = im.unchanged(ctx, res, a.hash, a.against); err != nil {
		a.err = fmt.Errorf("%s: %w", a.path, err)
	}
	return f
}

// sameContent refuses a file whose content is no longer the one hashed
// before its parse (hash), at path: the file is read in place, so a file written
// while it was read (a copy or a save in progress) gave rows of neither
// version. It is hashed again, whole: the parse reads only some of its
// bytes, and in no set order. A file replaced by another (saved under a
// temporary name, then renamed) is not this one: the one opened is read
// to the end.
func sameContent(path string, f workbookFile, hash string) error {
	now, err := f.sha256()
	switch {
	case err != nil:
		return fmt.Errorf("%s: %w", path, err)
	case now != hash:
		return &UnreadableError{File: path, Reason: "le fichier a changé pendant sa lecture (copie ou enregistrement en cours ?) ; relancez l'import une fois le fichier complet et fermé"}
	}
	return nil
}

// unchanged tells whether the file of res was last imported with that
// hash, for that year, checked against the same things.
func (im *Importer) unchanged(ctx context.Context, res Result, hash, against string) (bool, error) {
	var old, oldKind, oldAgainst string
	var oldYear int
	err := im.Store.DB.QueryRowContext(ctx, query("sql/file_hash.sql"),
		sql.Named("campus", im.Campus), sql.Named("source_file", res.SourceFile)).Scan(&old, &oldYear, &oldKind, &oldAgainst)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, err
	}
	return old == hash && oldYear == res.Year && oldAgainst == againstOfKind(against, oldKind), nil
}

// stop makes the reader of a give up (the rows it reads are dropped) and
// waits for it to end.
func (a *fileAhead) stop() {
	a.cancel()
	for range a.batches {
	}
	<-a.finished
}

// writeFile writes the file a reads, in its transaction, as ImportFile
// does; it is the only one to write to the database.
func (im *Importer) writeFile(ctx context.Context, a *fileAhead) (Result, error) {
	// However the file ends, its reader has ended before its outcome is
	// told: it tells no progress after it.
	defer a.stop()
	<-a.prepared
	res := a.base
	switch {
	case a.err != nil:
		return res, a.err
	case a.unchanged:
		res.Unchanged = true
		return res, nil
	}
	// Asked again now that the files before this one are written: the
	// same file may have been one of them.
	unchanged, err := im.unchanged(ctx, res, a.hash, a.against)
	if err != nil || unchanged {
		res.Unchanged = unchanged
		if err != nil {
			err = fmt.Errorf("%s: %w", res.File, err)
		}
		return res, err
	}
	renamed, err := im.formerNames(ctx, res, a.hash)
	if err != nil {
		return res, err
	}
	a.head.Store(true)
	now := time.Now
	if im.Now != nil {
		now = im.Now
	}
	// The attendance rows are appended as the reader passes them, inside the
	// file's transaction: a refused file (refusal) is rolled back like a
	// failed write, and leaves the database as it was.
	var refusal error
	err = im.Store.inTx(ctx, func(conn *sql.Conn) error {
		for _, f := range append(renamed, res.SourceFile) {
			if err := im.Store.execFile(ctx, conn, "sql/forget_file.sql", sql.Named("campus", im.Campus), sql.Named("source_file", f)); err != nil {
				return err
			}
		}
		rows := newParticipationAppender(ctx, im.Store, conn, im.Campus, res.Year, res.SourceFile)
		for b := range a.batches {
			if b.discard {
				rows.discard()
				continue
			}
			for _, r := range b.rows {
				rows.participation(r)
			}
			select {
			case a.free <- b.rows[:0]:
			default:
			}
		}
		<-a.finished
		res = a.res
		p, err := a.p, a.perr
		if werr := rows.close(); werr != nil {
			return werr
		}
		if err != nil {
			refusal = err
			return err
		}
		others, err := im.storedRowKeys(ctx, res.Year, res.SourceFile)
		if err != nil {
			refusal = fmt.Errorf("%s: %w", res.File, err)
			return refusal
		}
		if pr := repeats(p.rowKeys(), others); pr != nil {
			refusal = refuse(&res, *pr, false)
			return refusal
		}
		var key []byte
		if p.kind == KindQuestionnaire {
			if im.RespondentKey == nil {
				refusal = fmt.Errorf("%s : %w", res.File, ErrNoRespondentKey)
				return refusal
			}
			if key, err = im.RespondentKey(); err != nil {
				refusal = fmt.Errorf("%s : %w", res.File, err)
				return refusal
			}
		}
		if err := im.write(conn, res.SourceFile, res.Year, p, key); err != nil {
			return err
		}
		err = im.Store.execFile(ctx, conn, "sql/log_import.sql",
			sql.Named("campus", im.Campus), sql.Named("source_file", res.SourceFile), sql.Named("kind", p.kind),
			sql.Named("year", res.Year), sql.Named("sha256", a.hash), sql.Named("rows_read", res.RowsRead),
			sql.Named("rows_imported", res.RowsImported), sql.Named("imported_at", now().UTC()),
			sql.Named("checked_against", againstOfKind(a.against, p.kind)), sql.Named("greencity_version", im.Version))
		if err == nil && im.hook != nil {
			im.hook("written")
		}
		return err
	})
	switch {
	case refusal != nil && errors.Is(err, refusal):
		// Rolled back; a failed rollback is joined to the refusal.
		return res, err
	case err != nil:
		return res, im.Store.writeError(fmt.Sprintf("l'import de %s a été annulé", res.File), err)
	}
	if len(renamed) > 0 {
		res.RenamedFrom = renamed[0]
	}
	return res, nil
}
