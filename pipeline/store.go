package pipeline

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

//go:embed schema/*.sql sql/*.sql sql/lake/*.sql sql/lake_union/*.sql
var sqlFS embed.FS

// Expected failures of the store, for errors.Is.
var (
	// ErrInUse means another greencity process holds the database file: DuckDB
	// allows one writer process per file.
	ErrInUse = errors.New("base de données utilisée par un autre processus")
	// ErrReadOnly means the database file, or the folder that holds it (where
	// DuckDB writes its journal), cannot be written.
	ErrReadOnly = errors.New("base de données en lecture seule")
	// ErrDiskFull means the disk of the database is full.
	ErrDiskFull = errors.New("disque plein")
	// ErrNotDuckDB means the database file is some other kind of file (a
	// SQLite database, a workbook...), which greencity does not open.
	ErrNotDuckDB = errors.New("n'est pas une base greencity (DuckDB)")
)

// offline turns off DuckDB's loading and installing of extensions on every
// connection: greencity works with no network, and a file DuckDB would read
// through an extension (a SQLite database given as --database) must be
// refused, not sent for from the Internet.
const offline = "autoinstall_known_extensions=false&autoload_known_extensions=false"

// Store is the DuckDB file that keeps every imported year.
type Store struct {
	DB       *sql.DB
	path     string
	readOnly bool // opened by OpenStoreReadOnly: nothing is ever written
}

var lockPID = regexp.MustCompile(`PID (\d+)`)

// OpenStore opens (creating it if needed) the DuckDB file at path and makes
// sure the raw tables exist.
func OpenStore(ctx context.Context, path string) (*Store, error) {
	s, err := openDB(ctx, path, path+"?"+offline)
	if err != nil {
		return nil, err
	}
	if err := s.execFile(ctx, s.DB, "schema/tables.sql"); err != nil {
		s.DB.Close()
		return nil, s.writeError("la base n'a pas été préparée", err)
	}
	return s, nil
}

// OpenStoreReadOnly opens the DuckDB file at path without writing to it (a
// check): nothing is created, the file is left byte for byte as it was. It
// returns nil, and no error, when there is no such file or it holds no
// greencity tables yet.
func OpenStoreReadOnly(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	s, err := openDB(ctx, path, path+"?access_mode=read_only&"+offline)
	if err != nil {
		return nil, err
	}
	s.readOnly = true
	var n int
	if err := s.DB.QueryRowContext(ctx, query("sql/has_tables.sql")).Scan(&n); err != nil {
		s.DB.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if n == 0 {
		s.DB.Close()
		return nil, nil
	}
	return s, nil
}

// openDB opens the DuckDB file at path through dsn (path and its options)
// and pings it. duckdb-go opens the file in sql.Open already: its errors
// (lock, permissions) come from there as well as from Ping, and both are
// told in French by openError.
func openDB(ctx context.Context, path, dsn string) (*Store, error) {
	s := &Store{path: path}
	if err := s.sniff(); err != nil {
		return nil, err
	}
	db, err := sql.Open("duckdb", dsn)
	if err != nil {
		return nil, s.openError(err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, s.openError(err)
	}
	s.DB = db
	return s, nil
}

// sniff refuses a file that is there but is not a DuckDB database, saying
// what it is: DuckDB would take a SQLite file for a database to attach
// through an extension, and fail on anything else with a message about its
// own file format.
func (s *Store) sniff() error {
	f, err := os.Open(s.path)
	if err != nil {
		return nil // no file yet (created), or DuckDB tells why it cannot open it
	}
	defer f.Close()
	head := make([]byte, 16)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if n == 0 || (n >= 12 && string(head[8:12]) == "DUCK") {
		return nil
	}
	what := "un fichier d'un autre type"
	switch {
	case bytes.HasPrefix(head, []byte("SQLite format 3\x00")):
		what = "un fichier SQLite"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		what = "une archive zip (un classeur xlsx ?)"
	case bytes.HasPrefix(head, []byte("PAR1")):
		what = "un fichier Parquet"
	}
	return fmt.Errorf("%s %w : c'est %s ; indiquez le fichier .duckdb de greencity (clé database), ou un nom de fichier nouveau pour en créer un", s.path, ErrNotDuckDB, what)
}

// openError turns DuckDB's failure to open the file into a French message
// naming what to do.
func (s *Store) openError(err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "Could not set lock"):
		pid := "?"
		if m := lockPID.FindStringSubmatch(msg); m != nil {
			pid = m[1]
		}
		return fmt.Errorf("%s : %w (PID %s, sans doute un autre greencity en cours) ; attendez qu'il se termine ou arrêtez-le, puis relancez", s.path, ErrInUse, pid)
	case isReadOnly(msg):
		return fmt.Errorf("%s : %w : le fichier ou son dossier ne peut pas être écrit ; vérifiez les droits, ou choisissez un autre emplacement (clé database)", s.path, ErrReadOnly)
	}
	return fmt.Errorf("open database %s: %w", s.path, err)
}

// writeError turns a failed write into a French message: what was undone
// (done), why, and what to do, when the cause is one the evaluator can
// fix; otherwise the error as DuckDB gives it, after done.
func (s *Store) writeError(done string, err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "No space left on device"), strings.Contains(msg, "Disk quota exceeded"):
		return fmt.Errorf("%s : %w, %s et la base est restée telle qu'elle était ; libérez de la place puis relancez", s.path, ErrDiskFull, done)
	case isReadOnly(msg):
		return fmt.Errorf("%s : %w, %s et la base est restée telle qu'elle était ; vérifiez les droits du fichier et de son dossier, ou choisissez un autre emplacement (clé database)", s.path, ErrReadOnly, done)
	}
	return fmt.Errorf("%s : %s : %w", s.path, done, err)
}

func isReadOnly(msg string) bool {
	return strings.Contains(msg, "Permission denied") || strings.Contains(msg, "Read-only file system") ||
		strings.Contains(msg, "read-only mode")
}

// Close closes the database.
func (s *Store) Close() error { return s.DB.Close() }

// ReadOnly tells whether the store was opened read-only (OpenStoreReadOnly).
func (s *Store) ReadOnly() bool { return s.readOnly }

// Checkpoint writes what DuckDB's journal (the .wal file beside the
// database) holds into the database file itself, so that the file alone
// holds the data: it is what gets copied, sent or backed up. Every command
// that writes calls it at its end; its failure (a full disk) is an error of
// the command, not a success with the data left in the journal.
func (s *Store) Checkpoint(ctx context.Context) error {
	_, err := s.DB.ExecContext(ctx, "checkpoint")
	if err == nil {
		return nil
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "No space left on device"), strings.Contains(msg, "Disk quota exceeded"):
		err = ErrDiskFull
	case isReadOnly(msg):
		err = ErrReadOnly
	}
	return fmt.Errorf("%s : %w : les données ne sont pas encore écrites dans le fichier de la base, seulement dans son journal %s.wal (relu à la prochaine ouverture, ne le supprimez pas) ; libérez de la place ou vérifiez les droits, puis relancez la commande", s.path, err, filepath.Base(s.path))
}

// execer is what both *sql.DB and *sql.Conn offer.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// execFile runs the statements of an embedded SQL file one Exec each: a
// multi-statement Exec that fails part-way leaves the earlier statements
// committed (FACTS.md).
func (s *Store) execFile(ctx context.Context, e execer, name string, args ...any) error {
	for _, stmt := range statements(name) {
		if _, err := e.ExecContext(ctx, stmt, argsFor(stmt, args)...); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// LimitImportMemory bounds the memory DuckDB holds for an import
// (sql/import_memory.sql): a million-row workbook's uncommitted rows go to
// disk past it. A setting of this database only, for the command that
// imports; the queries of the indicators keep DuckDB's default.
func (s *Store) LimitImportMemory(ctx context.Context) error {
	if err := s.execFile(ctx, s.DB, "sql/import_memory.sql"); err != nil {
		return fmt.Errorf("limit the memory of the import: %w", err)
	}
	return nil
}

// EndImportMemory puts back, once an import's files are written, what
// LimitImportMemory lowered (sql/import_memory_end.sql): the checkpoint that
// ends the command needs more memory than the appending of rows.
func (s *Store) EndImportMemory(ctx context.Context) error {
	if err := s.execFile(ctx, s.DB, "sql/import_memory_end.sql"); err != nil {
		return fmt.Errorf("end the memory limit of the import: %w", err)
	}
	return nil
}

// statements splits an embedded SQL file at each ";" that ends a line.
func statements(name string) []string {
	b, err := sqlFS.ReadFile(name)
	if err != nil {
		panic(err) // embedded at build time: a missing file is a programming error
	}
	var out []string
	for _, part := range strings.SplitAfter(string(b), ";\n") {
		if body := stripComments(part); strings.TrimSpace(body) != "" {
			out = append(out, strings.TrimSpace(part))
		}
	}
	return out
}

func stripComments(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "--") {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// query returns the text of a one-statement embedded SQL file.
func query(name string) string { return statements(name)[0] }

// argsFor keeps only the named arguments a statement uses: DuckDB refuses
// named parameters that the statement does not declare.
func argsFor(stmt string, args []any) []any {
	var out []any
	for _, a := range args {
		if n, ok := a.(sql.NamedArg); ok && !strings.Contains(stmt, "$"+n.Name) {
			continue
		}
		out = append(out, a)
	}
	return out
}

// appendRows appends rows to a table with DuckDB's Appender on conn, inside
// the transaction open on it. Close flushes and returns the real error, so it
// is never deferred blindly.
func appendRows(conn *sql.Conn, table string, rows [][]driver.Value) error {
	if len(rows) == 0 {
		return nil
	}
	return conn.Raw(func(dc any) error {
		a, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", table)
		if err != nil {
			return fmt.Errorf("append to %s: %w", table, err)
		}
		for i, r := range rows {
			if err := a.AppendRow(r...); err != nil {
				a.Close()
				return fmt.Errorf("append to %s, row %d: %w", table, i+1, err)
			}
		}
		if err := a.Close(); err != nil {
			return fmt.Errorf("append to %s: %w", table, err)
		}
		return nil
	})
}

// inTx runs fn on one connection inside an explicit transaction, rolled back
// on any error, so that a file is imported whole or not at all.
func (s *Store) inTx(ctx context.Context, fn func(conn *sql.Conn) error) (err error) {
	conn, err := s.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "begin transaction"); err != nil {
		return err
	}
	if err := fn(conn); err != nil {
		if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), "rollback"); rerr != nil {
			return errors.Join(err, fmt.Errorf("rollback: %w", rerr))
		}
		return err
	}
	if _, err := conn.ExecContext(ctx, "commit"); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
