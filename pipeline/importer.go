package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Kinds of input workbooks (DESIGN.md, "Inputs").
const (
	KindActions        = "actions"
	KindParticipations = "participations"
	KindQuestionnaire  = "questionnaire"
	KindFormations     = "formations"
)

// Importer loads workbooks into the store, one transaction per file.
type Importer struct {
	Store      *Store
	Campus     string           // stamped on every row, so campuses' databases combine
	DataDir    string           // files under it are keyed by their path relative to it
	SchoolYear bool             // year Y runs from 1 Sept Y-1 to 31 Aug Y instead of the calendar year
	Now        func() time.Time // clock of the import log; time.Now when nil
}

// Result says what the import (or check) of one file did.
type Result struct {
	File         string // path as given
	SourceFile   string // key in the database: path relative to the data directory
	Kind         string
	Year         int
	Unchanged    bool // same content as last imported: nothing was done
	RowsRead     int  // data rows read (blank lines excluded)
	RowsImported int
	RowsRejected int       // rows refused or skipped (total lines)
	Notes        []Problem // what is worth saying but did not block the import
}

// parsed is what one file brings, validated, ready to be written.
type parsed struct {
	kind           string
	actions        []actionRow
	participations []participationRow
	survey         *surveyRow
	questions      []questionRow
	answers        []answerRow
	formations     []formationRow
	extras         []extraCell
	rowsRead       int
	rowsRejected   int
	problems       []Problem
	notes          []Problem
}

func (p *parsed) imported() int {
	switch p.kind {
	case KindActions:
		return len(p.actions)
	case KindParticipations:
		return len(p.participations)
	case KindFormations:
		return len(p.formations)
	}
	return p.rowsRead - p.rowsRejected
}

// ImportFile validates one workbook and, when it has no problem, replaces in
// the database whatever that file brought before, in one transaction. An
// unchanged file (same SHA-256 as last imported) is left alone. year 0 means
// "take it from the path" (data/2025/...). A file with problems returns a
// *FileError listing all of them and leaves the database as it was.
func (im *Importer) ImportFile(ctx context.Context, path string, year int) (Result, error) {
	return im.load(ctx, path, year, true)
}

// CheckFile validates one workbook like ImportFile but writes nothing.
func (im *Importer) CheckFile(ctx context.Context, path string, year int) (Result, error) {
	return im.load(ctx, path, year, false)
}

func (im *Importer) load(ctx context.Context, path string, year int, write bool) (Result, error) {
	res := Result{File: path, SourceFile: im.sourceKey(path)}
	if year == 0 {
		y, ok := yearFromPath(path)
		if !ok {
			return res, fmt.Errorf("%s : %w : le chemin ne contient pas de dossier d'année (data/2025/...), précisez --year", path, ErrNoYear)
		}
		year = y
	}
	res.Year = year
	content, err := os.ReadFile(path)
	if err != nil {
		return res, err
	}
	sum := sha256.Sum256(content)
	hash := hex.EncodeToString(sum[:])
	if write {
		var old string
		var oldYear int
		err := im.Store.DB.QueryRowContext(ctx, query("sql/file_hash.sql"),
			sql.Named("campus", im.Campus), sql.Named("source_file", res.SourceFile)).Scan(&old, &oldYear)
		switch {
		case err == nil && old == hash && oldYear == year:
			res.Unchanged = true
			return res, nil
		case err != nil && !errors.Is(err, sql.ErrNoRows):
			return res, fmt.Errorf("%s: %w", path, err)
		}
	}
	p, err := im.parse(ctx, path, content, year)
	if err != nil {
		return res, err
	}
	res.Kind, res.RowsRead, res.RowsRejected, res.Notes = p.kind, p.rowsRead, p.rowsRejected, p.notes
	if len(p.problems) > 0 {
		return res, &FileError{File: path, Problems: p.problems}
	}
	res.RowsImported = p.imported()
	if !write {
		return res, nil
	}
	now := time.Now
	if im.Now != nil {
		now = im.Now
	}
	err = im.Store.inTx(ctx, func(conn *sql.Conn) error {
		if err := im.Store.execFile(ctx, conn, "sql/forget_file.sql", sql.Named("campus", im.Campus), sql.Named("source_file", res.SourceFile)); err != nil {
			return err
		}
		if err := im.write(conn, res.SourceFile, year, p); err != nil {
			return err
		}
		return im.Store.execFile(ctx, conn, "sql/log_import.sql",
			sql.Named("campus", im.Campus), sql.Named("source_file", res.SourceFile), sql.Named("kind", p.kind),
			sql.Named("year", year), sql.Named("sha256", hash), sql.Named("rows_read", p.rowsRead),
			sql.Named("rows_imported", res.RowsImported), sql.Named("imported_at", now().UTC()))
	})
	if err != nil {
		return res, fmt.Errorf("import %s: %w", path, err)
	}
	return res, nil
}

// parse opens the workbook, tells its kind and validates it. A panic in the
// spreadsheet library on a malformed file becomes an error about that file.
func (im *Importer) parse(ctx context.Context, path string, content []byte, year int) (p *parsed, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s : classeur illisible (%v)", path, r)
		}
	}()
	wb, err := OpenWorkbook(bytes.NewReader(content))
	if err != nil {
		return nil, fmt.Errorf("%s : ce n'est pas un classeur Excel (.xlsx) lisible : %w", path, err)
	}
	defer wb.Close()
	if len(wb.SheetNames()) == 0 {
		return nil, fmt.Errorf("%s : le classeur n'a aucune feuille", path)
	}
	p = &parsed{kind: detectKind(path, wb)}
	switch p.kind {
	case KindActions:
		err = parseActions(wb, p)
	case KindFormations:
		err = parseFormations(wb, p)
	case KindParticipations, KindQuestionnaire:
		cat, cerr := loadCatalogue(ctx, im.Store.DB, im.Campus, year)
		if cerr != nil {
			return nil, cerr
		}
		if p.kind == KindParticipations {
			err = parseParticipations(wb, p, cat, newYearPeriod(year, im.SchoolYear))
		} else {
			err = parseQuestionnaire(wb, p, cat, year)
		}
	default:
		return nil, fmt.Errorf("%s : %w : rangez-le sous participations/ ou questionnaires/, ou nommez-le actions.xlsx ou formations.xlsx", path, ErrUnknownKind)
	}
	if err != nil {
		return nil, fmt.Errorf("%s : lecture interrompue : %w", path, err)
	}
	return p, nil
}

// detectKind tells a workbook's kind by where it lies and what it is named
// (data/2025/participations/..., actions.xlsx), then by its sheets.
func detectKind(path string, wb Workbook) string {
	dirs := strings.Split(filepath.ToSlash(filepath.Dir(path)), "/")
	for i := len(dirs) - 1; i >= 0; i-- {
		switch Key(dirs[i]) {
		case "participations":
			return KindParticipations
		case "questionnaires":
			return KindQuestionnaire
		}
	}
	switch Key(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))) {
	case "actions":
		return KindActions
	case "formations":
		return KindFormations
	}
	for _, s := range wb.SheetNames() {
		switch Key(s) {
		case "enquete":
			return KindQuestionnaire
		case "actions":
			return KindActions
		case "formations":
			return KindFormations
		}
	}
	return ""
}

var yearDir = regexp.MustCompile(`^(19|20)\d\d$`)

// yearFromPath finds the year folder of a path: data/2025/participations/x.xlsx is 2025.
func yearFromPath(path string) (int, bool) {
	parts := strings.Split(filepath.ToSlash(filepath.Dir(path)), "/")
	for i := len(parts) - 1; i >= 0; i-- {
		if yearDir.MatchString(parts[i]) {
			y, _ := strconv.Atoi(parts[i])
			return y, true
		}
	}
	return 0, false
}

// sourceKey is the path a file is known by in the database: relative to the
// data directory when it lies inside it, so that moving the whole folder does
// not make every file look new.
func (im *Importer) sourceKey(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	if im.DataDir != "" {
		if data, err := filepath.Abs(im.DataDir); err == nil {
			if rel, err := filepath.Rel(data, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return filepath.ToSlash(rel)
			}
		}
	}
	return filepath.ToSlash(abs)
}

func (im *Importer) write(conn *sql.Conn, source string, year int, p *parsed) error {
	c := im.Campus
	y := int32(year)
	var rows [][]driver.Value
	switch p.kind {
	case KindActions:
		for _, a := range p.actions {
			rows = append(rows, []driver.Value{c, y, source, int32(a.Row), a.Action, a.Key, a.Axe, a.Type, nullString(a.Programme), nullString(a.Financeurs)})
		}
		if err := appendRows(conn, "actions", rows); err != nil {
			return err
		}
	case KindParticipations:
		for _, r := range p.participations {
			rows = append(rows, []driver.Value{c, y, source, int32(r.Row), r.Action, r.Key, r.Date,
				nullString(r.Etablissement), nullString(r.TypeEtab), nullString(r.Commune), r.Public, nullString(r.Niveau),
				int32(r.Participants), nullInt(r.DontFilles), nullInt(r.DontQPV)})
		}
		if err := appendRows(conn, "participations", rows); err != nil {
			return err
		}
	case KindFormations:
		for _, f := range p.formations {
			rows = append(rows, []driver.Value{c, y, source, int32(f.Row), int32(f.Annee), f.Etablissement, f.Formation,
				int32(f.Places), int32(f.Candidats), int32(f.Inscrits), nullInt(f.DontFilles)})
		}
		if err := appendRows(conn, "formations", rows); err != nil {
			return err
		}
	case KindQuestionnaire:
		s := p.survey
		if err := appendRows(conn, "surveys", [][]driver.Value{{c, y, source, s.Titre, s.Action, s.Key, int32(s.Population)}}); err != nil {
			return err
		}
		sort.Slice(p.questions, func(i, j int) bool { return p.questions[i].ID < p.questions[j].ID })
		for _, q := range p.questions {
			rows = append(rows, []driver.Value{c, y, source, q.ID, q.Libelle, q.Type})
		}
		if err := appendRows(conn, "survey_questions", rows); err != nil {
			return err
		}
		rows = nil
		for _, a := range p.answers {
			var v driver.Value
			if a.Value != nil {
				v = *a.Value
			}
			rows = append(rows, []driver.Value{c, y, source, a.Wave, a.Respondent, a.QuestionID, v, a.Answer})
		}
		if err := appendRows(conn, "survey_answers", rows); err != nil {
			return err
		}
	}
	rows = nil
	for _, e := range p.extras {
		rows = append(rows, []driver.Value{c, y, source, e.Sheet, int32(e.Row), e.Header, e.Value})
	}
	return appendRows(conn, "extra_cells", rows)
}

func nullString(s string) driver.Value {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(n *int) driver.Value {
	if n == nil {
		return nil
	}
	return int32(*n)
}
