package pipeline

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"regexp"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

//go:embed schema/*.sql sql/*.sql
var sqlFS embed.FS

// ErrInUse means another greencity process holds the database file: DuckDB
// allows one writer process per file.
var ErrInUse = errors.New("base de données utilisée par un autre processus")

// Store is the DuckDB file that keeps every imported year.
type Store struct {
	DB   *sql.DB
	path string
}

var lockPID = regexp.MustCompile(`PID (\d+)`)

// OpenStore opens (creating it if needed) the DuckDB file at path and makes
// sure the raw tables exist.
func OpenStore(ctx context.Context, path string) (*Store, error) {
	db, err := sql.Open("duckdb", path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		if strings.Contains(err.Error(), "Could not set lock") {
			pid := "?"
			if m := lockPID.FindStringSubmatch(err.Error()); m != nil {
				pid = m[1]
			}
			return nil, fmt.Errorf("%s : %w (PID %s) ; attendez qu'il se termine", path, ErrInUse, pid)
		}
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	s := &Store{DB: db, path: path}
	if err := s.execFile(ctx, db, "schema/tables.sql"); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.DB.Close() }

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
