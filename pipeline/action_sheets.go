package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"time"

	"github.com/cmq-greencity/greencity/queries"
)

// ActionSheet is what the report's sheet of one action shows of the rows
// of queries/sheets: the facts of one action of a campus's year. Its shares
// of girls and QPV and its survey results are figures (Compute), not here.
type ActionSheet struct {
	Action    string
	Axe       string // as the catalogue writes it; "non renseigné" for an action it does not list
	Type      string
	Programme string // as the catalogue writes it: "JET Cities, RICET"
	Funders   string // the catalogue's financeurs, as written
	// Sessions is the number of sessions (an action on a date), Dates the
	// days they were held, in order.
	Sessions int64
	Dates    []time.Time
	// Participants is the action's participations in all; Publics splits
	// them by public.
	Participants   int64
	Publics        []PublicCount
	Establishments []Establishment
	// EstablishmentCount is the number of establishments reached.
	EstablishmentCount int64
	// Surveys are the titles of the action's questionnaires.
	Surveys []string
}

// PublicCount is the participations of one public at one action.
type PublicCount struct {
	Public       string
	Participants int64
}

// Establishment is one establishment an action reached.
type Establishment struct {
	Name, Type string
}

// ActionSheets runs the sheet queries of fsys (queries.LoadSheets, normally
// of queries.FS) for one campus and year and returns one sheet per action,
// in the order of action_catalogue. Like Compute, it creates the staging
// views of fsys first, on one connection kept for all the queries,
// restricted to the actions of scope (nil: the whole campus), so that a
// programme's report has the sheets of its actions only.
func ActionSheets(ctx context.Context, db *sql.DB, fsys fs.FS, campus string, year int, scope *queries.Scope) ([]ActionSheet, error) {
	qs, err := queries.LoadSheets(fsys)
	if err != nil {
		return nil, err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("action sheets: %w", err)
	}
	defer conn.Close()
	if err := queries.CreateScopedStaging(ctx, conn, fsys, scope); err != nil {
		return nil, err
	}
	var sheets []ActionSheet
	index := map[string]int{}
	// sheet returns the sheet of an action that action_catalogue listed.
	sheet := func(action string) (*ActionSheet, error) {
		i, ok := index[action]
		if !ok {
			return nil, fmt.Errorf("action %q is not in action_catalogue", action)
		}
		return &sheets[i], nil
	}
	// Each query fills the sheets with its rows; action_catalogue, which
	// makes them, runs first.
	scans := []struct {
		id   string
		scan func(*sql.Rows) error
	}{
		{"action_catalogue", func(rows *sql.Rows) error {
			var s ActionSheet
			var typ, programme, funders sql.NullString
			if err := rows.Scan(&s.Action, &s.Axe, &typ, &programme, &funders); err != nil {
				return err
			}
			s.Type, s.Programme, s.Funders = typ.String, programme.String, funders.String
			index[s.Action] = len(sheets)
			sheets = append(sheets, s)
			return nil
		}},
		{"action_sessions", func(rows *sql.Rows) error {
			var action string
			var date time.Time
			var n int64
			if err := rows.Scan(&action, &date, &n); err != nil {
				return err
			}
			s, err := sheet(action)
			if err != nil {
				return err
			}
			s.Sessions = n
			s.Dates = append(s.Dates, date)
			return nil
		}},
		{"action_publics", func(rows *sql.Rows) error {
			var action string
			var public sql.NullString
			var n int64
			if err := rows.Scan(&action, &public, &n); err != nil {
				return err
			}
			s, err := sheet(action)
			if err != nil {
				return err
			}
			if public.Valid {
				s.Publics = append(s.Publics, PublicCount{Public: public.String, Participants: n})
			} else {
				s.Participants = n
			}
			return nil
		}},
		{"action_establishments", func(rows *sql.Rows) error {
			var action string
			var e Establishment
			var n int64
			if err := rows.Scan(&action, &e.Type, &e.Name, &n); err != nil {
				return err
			}
			s, err := sheet(action)
			if err != nil {
				return err
			}
			s.Establishments = append(s.Establishments, e)
			s.EstablishmentCount = n
			return nil
		}},
		{"action_surveys", func(rows *sql.Rows) error {
			var action, survey string
			if err := rows.Scan(&action, &survey); err != nil {
				return err
			}
			s, err := sheet(action)
			if err != nil {
				return err
			}
			s.Surveys = append(s.Surveys, survey)
			return nil
		}},
	}
	for _, sc := range scans {
		q, ok := findSheetQuery(qs, sc.id)
		if !ok {
			return nil, fmt.Errorf("action sheets: no file sheets/%s.sql", sc.id)
		}
		if err := runSheetQuery(ctx, conn, q, campus, year, sc.scan); err != nil {
			return nil, err
		}
	}
	return sheets, nil
}

// findSheetQuery returns the query id of qs.
func findSheetQuery(qs []queries.SheetQuery, id string) (queries.SheetQuery, bool) {
	for _, q := range qs {
		if q.ID == id {
			return q, true
		}
	}
	return queries.SheetQuery{}, false
}

// runSheetQuery runs q for campus and year and hands each row to scan.
func runSheetQuery(ctx context.Context, db querier, q queries.SheetQuery, campus string, year int, scan func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, q.SQL, sql.Named("campus", campus), sql.Named("year", year))
	if err != nil {
		return fmt.Errorf("%s: %w", q.File, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("%s: %w", q.File, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", q.File, err)
	}
	return nil
}
