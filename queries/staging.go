package queries

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Execer is what *sql.DB, *sql.Conn and *sql.Tx offer to run a statement.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// staging is one staging view: staging/<name>.sql.
type staging struct {
	name string // the view's name: the file name without .sql
	file string // path inside the fs.FS, for errors
	sql  string // the file's text: one select
	// refs are the names its select reads (refsOf); after loadStaging,
	// tables are the imported tables it reads, through other views too.
	refs, tables []string
	// scoped: it reads the scope of the report (scope.go), directly or
	// through another view.
	scoped bool
}

// stagingName is what a staging file may be called: its name becomes an SQL
// identifier, written into the statement that creates the view.
var stagingName = regexp.MustCompile(`^stg_[a-z0-9_]+$`)

// Patterns of refsOf: a line comment, a name after from or join (with the
// parenthesis of a table function such as unnest), a CTE's definition.
var (
	lineComment = regexp.MustCompile(`--[^\n]*`)
	readName    = regexp.MustCompile(`(?i)\b(?:from|join)\s+([a-z_][a-z0-9_]*)\s*(\()?`)
	cteName     = regexp.MustCompile(`(?i)\b([a-z_][a-z0-9_]*)\s+as\s*\(`)
)

// refsOf returns the names a query reads, each once, sorted and lower-case
// (SQL names are not case-sensitive): those after from or join, less the
// CTEs the query defines and table functions, and less its comments. It
// reads the text, it does not parse SQL: enough for the queries of this
// package, whose comments and strings it is tested on.
func refsOf(text string) []string {
	text = lineComment.ReplaceAllString(text, "")
	ctes := map[string]bool{}
	for _, m := range cteName.FindAllStringSubmatch(text, -1) {
		ctes[strings.ToLower(m[1])] = true
	}
	var out []string
	for _, m := range readName.FindAllStringSubmatch(text, -1) {
		name := strings.ToLower(m[1])
		if m[2] == "" && !ctes[name] && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// tablesOf returns what refs read once every staging view among them is
// replaced by the tables it reads, sorted, each once.
func tablesOf(refs []string, views []staging) []string {
	var out []string
	for _, r := range refs {
		read := []string{r}
		if i := slices.IndexFunc(views, func(v staging) bool { return v.name == r }); i >= 0 {
			read = views[i].tables
		}
		for _, t := range read {
			if !slices.Contains(out, t) && !slices.Contains(scopeTables, t) {
				out = append(out, t)
			}
		}
	}
	slices.Sort(out)
	return out
}

// CreateStaging creates, on e, every staging view of fsys (the files
// staging/stg_<name>.sql, normally of FS) as a temporary view named after its
// file, replacing any view of that name: see "Staging views" in the package
// documentation for why temporary, and what that asks of the caller. A view
// is created after the views it reads. Every malformed file is reported, and
// nothing is created then; an fsys without staging/ creates nothing. The
// views read every action: the whole campus (CreateScopedStaging).
func CreateStaging(ctx context.Context, e Execer, fsys fs.FS) error {
	return CreateScopedStaging(ctx, e, fsys, nil)
}

// CreateScopedStaging is CreateStaging with the views restricted to the
// actions of scope (nil: every action, the whole campus), whose tables it
// creates first on e (Scope).
func CreateScopedStaging(ctx context.Context, e Execer, fsys fs.FS, scope *Scope) error {
	views, err := loadStaging(fsys)
	if err != nil {
		return err
	}
	if err := createScope(ctx, e, scope); err != nil {
		return err
	}
	for _, v := range views {
		// The name was checked against stagingName: it is an identifier, not
		// text from a spreadsheet.
		stmt := "create or replace temp view " + v.name + " as\n" + v.sql
		if _, err := e.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%s: create view %s: %w", v.file, v.name, err)
		}
	}
	return nil
}

// loadStaging reads the staging files of fsys, checks their headers and
// returns them in the order they must be created.
func loadStaging(fsys fs.FS) ([]staging, error) {
	views, err := parseFiles(fsys, "staging/*.sql", parseStaging)
	if err != nil {
		return nil, err
	}
	for i := range views {
		views[i].refs = refsOf(views[i].sql)
	}
	views, err = creationOrder(views)
	if err != nil {
		return nil, err
	}
	// In creation order, the views a view reads have their tables already.
	for i := range views {
		views[i].tables = tablesOf(views[i].refs, views)
		views[i].scoped = followsScope(views[i].refs, views)
	}
	return views, nil
}

// parseStaging checks the header of one staging file: an id equal to its
// file name, which must be a valid view name, and a definition.
func parseStaging(name, text string) (staging, error) {
	v := staging{name: strings.TrimSuffix(path.Base(name), ".sql"), file: name, sql: text}
	if !stagingName.MatchString(v.name) {
		return v, fmt.Errorf("%s: the name of a staging file is stg_ then lower-case letters, digits or _, then .sql", name)
	}
	return v, checkHeader(name, text, v.name)
}

// checkHeader checks the header of a file that is not an indicator (a
// staging view, a sheet query): an "-- id:" equal to want, the file's name,
// and a "-- definition:", for developers.
func checkHeader(name, text, want string) error {
	header, err := readHeader(name, text)
	if err != nil {
		return err
	}
	var id, definition string
	for _, h := range header {
		switch h.key {
		case "id":
			id = h.val
		case "definition":
			definition = h.val
		}
	}
	switch {
	case id == "":
		return fmt.Errorf("%s:1: header has no \"-- id:\" line", name)
	case id != want:
		return fmt.Errorf("%s:1: id %q does not match the file name %q", name, id, want)
	case definition == "":
		return fmt.Errorf("%s:1: header has no \"-- definition:\" line", name)
	}
	return nil
}

// creationOrder sorts views so that each comes after those it reads, and
// otherwise by name, so that the order never depends on the file system.
func creationOrder(views []staging) ([]staging, error) {
	slices.SortFunc(views, func(a, b staging) int { return strings.Compare(a.name, b.name) })
	isView := func(name string) bool {
		return slices.ContainsFunc(views, func(v staging) bool { return v.name == name })
	}
	var out []staging
	done := map[string]bool{}
	for len(out) < len(views) {
		progress := false
		for _, v := range views {
			if done[v.name] || slices.ContainsFunc(v.refs, func(r string) bool { return isView(r) && !done[r] }) {
				continue
			}
			out = append(out, v)
			done[v.name] = true
			progress = true
		}
		if !progress {
			var stuck []string
			for _, v := range views {
				if !done[v.name] {
					stuck = append(stuck, v.file)
				}
			}
			return nil, fmt.Errorf("%s: these staging views read each other in a circle", strings.Join(stuck, ", "))
		}
	}
	return out, nil
}
