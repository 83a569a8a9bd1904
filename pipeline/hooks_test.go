package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// What the tests of package pipeline_test need from inside the package.

// UnzipSizeLimit is the most a workbook may inflate to.
const UnzipSizeLimit = unzipSizeLimit

// SetHook makes im call fn at the stages of an import ("written": every row
// of a file appended, just before its commit).
func SetHook(im *Importer, fn func(stage string)) { im.hook = fn }

// CheckedAgainst is what an import of the file at path is checked against
// besides its content, as greencity stored it before respondent hashes were
// keyed per campus.
func CheckedAgainst(ctx context.Context, im *Importer, path string, year int) (string, error) {
	return im.checkedAgainst(ctx, path, year)
}

// errAppendOnly rolls back the rows AppendOnly appended.
var errAppendOnly = errors.New("append only: rolled back")

// AppendOnly appends n attendance rows made in memory to participations as
// an import of year does (participationAppender, inside one transaction),
// then rolls them back: the writer's share of an import, without reading a
// workbook.
func AppendOnly(ctx context.Context, s *Store, campus string, year, n int, actions []string) error {
	err := s.inTx(ctx, func(conn *sql.Conn) error {
		w := newParticipationAppender(ctx, s, conn, campus, year, "append-only.xlsx")
		girls := 3
		schools := make([]string, 500) // made before: the rows cost the writer alone
		for i := range schools {
			schools[i] = fmt.Sprintf("Lycée %d", i)
		}
		for i := range n {
			action := actions[i%len(actions)]
			w.participation(participationRow{Sheet: "Feuil1", Row: i + 2, Action: action, Key: Key(action),
				Date:          time.Date(year, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC),
				Etablissement: schools[i%len(schools)], TypeEtab: "lycée", Commune: "Dijon",
				Public: "lycéens", Niveau: "seconde", Participants: 10 + i%20, DontFilles: &girls})
		}
		if err := w.close(); err != nil {
			return err
		}
		return errAppendOnly
	})
	if errors.Is(err, errAppendOnly) {
		return nil
	}
	return err
}
