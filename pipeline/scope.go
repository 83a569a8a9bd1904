package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/cmq-greencity/greencity/queries"
)

// A report of one programme or one funder counts the actions whose
// catalogue row names it in its programme or financeurs column. This file
// reads those columns, splits them into names and matches a name asked for
// as the importer matches action names (Key).

// ScopeKind is the column of the catalogue a scope reads.
type ScopeKind string

// The two kinds of scope.
const (
	ScopeProgramme ScopeKind = "programme"
	ScopeFunder    ScopeKind = "financeurs"
)

// ErrUnknownScope means that no catalogue of the campus names the programme
// or funder asked for.
var ErrUnknownScope = errors.New("absent des catalogues d'actions")

// nameSeparators are what people write between two programmes or funders of
// one action: a comma, a semicolon, a slash or a plus between spaces (a
// slash or plus inside a name stays: "Bac+3"), or a new line, which the
// importer keeps as ", " (tidyList). Not " et ": the funder « Collectif
// d'entreprises pour une ville durable et bas carbone » holds one.
var nameSeparators = regexp.MustCompile(`\s*[,;\n]\s*|\s+[/+]\s+`)

// SplitNames returns the names of a programme or financeurs cell, tidied,
// in their order, without the empty ones: "JET Cities, RICET" gives JET
// Cities and RICET.
func SplitNames(cell string) []string {
	var out []string
	for _, n := range nameSeparators.Split(cell, -1) {
		if n = tidy(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// tidyList is tidy for a cell of several names that may be written one per
// line: each line tidied, the lines joined by ", ", so that the new lines
// that tidy would turn into spaces still separate names (SplitNames).
func tidyList(s string) string {
	var lines []string
	for l := range strings.Lines(s) {
		if l = tidy(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, ", ")
}

// ActionScope is the actions of one programme or funder in every catalogue
// of a campus.
type ActionScope struct {
	Campus string
	Kind   ScopeKind
	// Name is the programme or funder as the latest catalogue that names
	// it spells it.
	Name    string
	Actions []ScopedAction // by year, then name
}

// ScopedAction is one action of a scope in the catalogue of one year.
type ScopedAction struct {
	Year int
	Key  string // actions.action_key
	Name string // as the catalogue spells it
	// Others are the other programmes (or funders, for a funder's scope)
	// the catalogue gives the action: the reports that count it too.
	Others []string
}

// Queries is the scope as the staging views read it (queries.Scope).
func (s ActionScope) Queries() *queries.Scope {
	q := &queries.Scope{Actions: []queries.ScopeAction{}}
	for _, a := range s.Actions {
		q.Actions = append(q.Actions, queries.ScopeAction{Campus: s.Campus, Year: a.Year, ActionKey: a.Key})
	}
	return q
}

// InYear returns the actions of the scope in the catalogue of year.
func (s ActionScope) InYear(year int) []ScopedAction {
	var out []ScopedAction
	for _, a := range s.Actions {
		if a.Year == year {
			out = append(out, a)
		}
	}
	return out
}

// catalogueEntry is one action of a catalogue with its programmes and
// funders split into names.
type catalogueEntry struct {
	year              int
	key, name         string
	programmes, funds []string
}

// names returns the names of kind the entry lists.
func (e catalogueEntry) names(kind ScopeKind) []string {
	if kind == ScopeFunder {
		return e.funds
	}
	return e.programmes
}

// readScopeCatalogue reads every catalogue of campus.
func readScopeCatalogue(ctx context.Context, db *sql.DB, campus string) ([]catalogueEntry, error) {
	rows, err := db.QueryContext(ctx, query("sql/scope_actions.sql"), sql.Named("campus", campus))
	if err != nil {
		return nil, fmt.Errorf("read catalogue: %w", err)
	}
	defer rows.Close()
	var out []catalogueEntry
	for rows.Next() {
		var e catalogueEntry
		var programmes, funds string
		if err := rows.Scan(&e.year, &e.key, &e.name, &programmes, &funds); err != nil {
			return nil, fmt.Errorf("read catalogue: %w", err)
		}
		e.programmes, e.funds = SplitNames(programmes), SplitNames(funds)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read catalogue: %w", err)
	}
	return out, nil
}

// ScopeNames returns the programmes (or funders) that the catalogues of
// campus name, each once as its latest catalogue spells it, sorted.
func ScopeNames(ctx context.Context, db *sql.DB, campus string, kind ScopeKind) ([]string, error) {
	entries, err := readScopeCatalogue(ctx, db, campus)
	if err != nil {
		return nil, err
	}
	return sortedNames(spellings(entries, kind)), nil
}

// spellings maps the Key of every name of kind to its latest spelling
// (entries are in year order).
func spellings(entries []catalogueEntry, kind ScopeKind) map[string]string {
	out := map[string]string{}
	for _, e := range entries {
		for _, n := range e.names(kind) {
			out[Key(n)] = n
		}
	}
	return out
}

func sortedNames(byKey map[string]string) []string {
	var out []string
	for _, n := range byKey {
		out = append(out, n)
	}
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(Key(a), Key(b)) })
	return out
}

// ResolveScope returns the actions of every catalogue of campus that name
// the programme (or funder) name, matched as action names are (Key: case,
// accents, blanks ignored). A name no catalogue holds is ErrUnknownScope,
// with the closest name and the list of names the catalogues hold.
func ResolveScope(ctx context.Context, db *sql.DB, campus string, kind ScopeKind, name string) (ActionScope, error) {
	entries, err := readScopeCatalogue(ctx, db, campus)
	if err != nil {
		return ActionScope{}, err
	}
	byKey := spellings(entries, kind)
	want := Key(name)
	spelled, ok := byKey[want]
	if !ok {
		return ActionScope{}, unknownScope(kind, name, byKey)
	}
	s := ActionScope{Campus: campus, Kind: kind, Name: spelled}
	for _, e := range entries {
		names := e.names(kind)
		if !slices.ContainsFunc(names, func(n string) bool { return Key(n) == want }) {
			continue
		}
		a := ScopedAction{Year: e.year, Key: e.key, Name: e.name}
		for _, n := range names {
			if Key(n) != want {
				a.Others = append(a.Others, n)
			}
		}
		s.Actions = append(s.Actions, a)
	}
	return s, nil
}

// unknownScope is the error of a name no catalogue holds: the closest
// name, as for a misspelt action (catalogue.hint), and the names there are.
func unknownScope(kind ScopeKind, name string, byKey map[string]string) error {
	what, list := "programme", "programmes"
	if kind == ScopeFunder {
		what, list = "financeur", "financeurs"
	}
	var tail string
	if hint := (catalogue{names: byKey}).hint(name); hint != "" {
		tail += " ; " + hint
	}
	if names := sortedNames(byKey); len(names) > 0 {
		tail += fmt.Sprintf(" ; %s des catalogues : %s", list, strings.Join(quoted(names), ", "))
	} else {
		tail += fmt.Sprintf(" ; aucun %s n'est renseigné dans les catalogues importés (colonne %s de actions.xlsx)", what, kind)
	}
	return fmt.Errorf("%s « %s » : %w%s", what, name, ErrUnknownScope, tail)
}

// quoted puts each name between French quotes.
func quoted(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "« " + n + " »"
	}
	return out
}

// ComputeScoped is Compute restricted to the actions of scope: the
// indicators that follow it (queries.Indicator.FollowsScope) computed on
// them alone; the others, about the whole campus (the attractiveness of the
// training programmes), are left out and returned, so that the report says
// why they are absent rather than show them as the scope's.
func ComputeScoped(ctx context.Context, db *sql.DB, fsys fs.FS, year int, scope ActionScope) ([]Row, []queries.Indicator, error) {
	return compute(ctx, db, fsys, scope.Campus, year, scope.Queries())
}
