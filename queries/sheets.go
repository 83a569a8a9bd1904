package queries

import (
	"io/fs"
	"path"
	"strings"
)

// Sheet queries. The report's action sheets ("fiches action": one per action
// of the year, by axe, as the campus's own activity report has a page per
// action) show what the indicators do not break down that far: an action's
// catalogue entry, its sessions and their dates, its participations by
// public, the establishments it reached, its questionnaires. Each concern is
// one file sheets/<id>.sql holding one select over the staging views that
// takes $campus and $year, like an indicator, so that it runs on the database
// and on a Parquet lake alike, and follows whatever the staging views keep.
//
// Their rows are counts and names, not figures: the group disclosure rule
// does not apply to counts (pipeline/unanimous.go), and they are not written
// to the workbook. An action's shares of girls and of QPV are figures
// (girls_share and qpv_share by action), which the rules of withholding see
// like every other; the sheets take them from there, and a survey's results
// from its figures.
//
// A file starts with a header "-- id: <its file name>" and "-- definition:"
// (for developers), as a staging file does.

// SheetQuery is one file sheets/<ID>.sql.
type SheetQuery struct {
	ID   string
	File string // path inside the fs.FS, for error messages
	SQL  string
}

// LoadSheets reads every sheets/*.sql file of fsys and checks its header;
// every malformed file is reported, not just the first. The queries come
// sorted by id.
func LoadSheets(fsys fs.FS) ([]SheetQuery, error) {
	return parseFiles(fsys, "sheets/*.sql", func(name, text string) (SheetQuery, error) {
		q := SheetQuery{ID: strings.TrimSuffix(path.Base(name), ".sql"), File: name, SQL: text}
		return q, checkHeader(name, text, q.ID)
	})
}
