package queries

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"slices"
	"strings"
)

// Scope restricts the staging views to the actions of one programme or one
// funder: their attendance, and their surveys. The indicators read the
// staging views and never the scope, so that a programme's report runs the
// same SQL as the campus's. The scope is held in two temporary tables on the
// connection (scope/tables.sql) that the views read: report_scope says
// whether the report is restricted, report_scope_actions lists the actions
// kept, per campus and year.
//
// A nil *Scope is the whole campus. A Scope with no action keeps nothing:
// a programme absent from a year's catalogue has no figure that year.
type Scope struct {
	Actions []ScopeAction
}

// ScopeAction is one action kept by a Scope, as the catalogue of its campus
// and year keys it (actions.action_key).
type ScopeAction struct {
	Campus    string
	Year      int
	ActionKey string
}

// scopeTables are the temporary tables of the scope: read by the staging
// views, but no imported table (Indicator.Reads leaves them out).
var scopeTables = []string{"report_scope", "report_scope_actions"}

//go:embed scope/*.sql
var scopeFS embed.FS

// scopeSQL returns the text of scope/<name>.sql.
func scopeSQL(name string) string {
	b, err := scopeFS.ReadFile("scope/" + name + ".sql")
	if err != nil {
		panic(err) // embedded: cannot be missing
	}
	return string(b)
}

// createScope (re)creates the scope tables on e and fills them with s.
func createScope(ctx context.Context, e Execer, s *Scope) error {
	// One statement per Exec: tables.sql holds two, one per line ending ";".
	for stmt := range strings.SplitSeq(scopeSQL("tables"), ";\n") {
		if strings.TrimSpace(stmtBody(stmt)) == "" {
			continue
		}
		if _, err := e.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("scope/tables.sql: %w", err)
		}
	}
	if _, err := e.ExecContext(ctx, scopeSQL("set"), sql.Named("scoped", s != nil)); err != nil {
		return fmt.Errorf("scope/set.sql: %w", err)
	}
	if s == nil {
		return nil
	}
	for _, a := range s.Actions {
		if _, err := e.ExecContext(ctx, scopeSQL("add_action"), sql.Named("campus", a.Campus),
			sql.Named("year", a.Year), sql.Named("action_key", a.ActionKey)); err != nil {
			return fmt.Errorf("scope/add_action.sql: %w", err)
		}
	}
	return nil
}

// stmtBody is a statement without its comment lines, to skip what is only
// comments.
func stmtBody(stmt string) string {
	return lineComment.ReplaceAllString(stmt, "")
}

// followsScope tells whether refs, through the staging views, read the
// scope: an indicator that does not (attractiveness, from formations.xlsx)
// is about the whole campus whatever the scope.
func followsScope(refs []string, views []staging) bool {
	for _, r := range refs {
		if slices.Contains(scopeTables, r) {
			return true
		}
		if i := slices.IndexFunc(views, func(v staging) bool { return v.name == r }); i >= 0 && views[i].scoped {
			return true
		}
	}
	return false
}
