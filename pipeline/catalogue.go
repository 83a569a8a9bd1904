package pipeline

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/agnivade/levenshtein"
)

// catalogue is the action catalogue of one campus and year, for matching the
// action names written in attendance workbooks and questionnaires.
type catalogue struct {
	names map[string]string // Key(name) -> catalogue spelling
}

// loadCatalogue reads the catalogue of a year from the database, leaving
// out what the file exclude brought ("" for none): a check puts the
// catalogue being checked in its place. Without a database (a check before
// any import) the catalogue is empty.
func (im *Importer) loadCatalogue(ctx context.Context, year int, exclude string) (catalogue, error) {
	c := catalogue{names: map[string]string{}}
	if im.Store == nil {
		return c, nil
	}
	rows, err := im.Store.DB.QueryContext(ctx, query("sql/catalogue.sql"), sql.Named("campus", im.Campus), sql.Named("year", year))
	if err != nil {
		return c, fmt.Errorf("read catalogue %d: %w", year, err)
	}
	defer rows.Close()
	for rows.Next() {
		var key, name, source string
		if err := rows.Scan(&key, &name, &source); err != nil {
			return c, fmt.Errorf("read catalogue %d: %w", year, err)
		}
		if source != exclude {
			c.names[key] = name
		}
	}
	if err := rows.Err(); err != nil {
		return c, fmt.Errorf("read catalogue %d: %w", year, err)
	}
	return c, nil
}

// lookup returns the catalogue spelling of an action name.
func (c catalogue) lookup(name string) (string, bool) {
	n, ok := c.names[Key(name)]
	return n, ok
}

// suggest returns the catalogue name closest to name, "" when none is close
// enough to be a plausible typo (more than a third of the letters differ).
func (c catalogue) suggest(name string) string {
	k := Key(name)
	best, bestDist := "", len(k)/3+2
	for key, n := range c.names {
		if d := levenshtein.ComputeDistance(k, key); d < bestDist || (d == bestDist && n < best) {
			best, bestDist = n, d
		}
	}
	return best
}

// unknownAction is the problem of an action name missing from the catalogue.
func (c catalogue) unknownAction(r record, name string, year int) Problem {
	p := r.problem("action", name, c.expectedAction(year))
	p.Hint = c.hint(name)
	return p
}

// expectedAction says what an action cell should hold, and why nothing can
// match when no catalogue was imported for the year.
func (c catalogue) expectedAction(year int) string {
	if len(c.names) == 0 {
		return fmt.Sprintf("une action du catalogue %d, mais aucun catalogue n'est importé pour %d : importez d'abord actions.xlsx", year, year)
	}
	return fmt.Sprintf("une action du catalogue %d", year)
}

// hint offers the catalogue name closest to name as a correction, "" when
// none is close enough (suggest).
func (c catalogue) hint(name string) string {
	if s := c.suggest(name); s != "" {
		return fmt.Sprintf("vouliez-vous dire « %s » ?", s)
	}
	return ""
}
