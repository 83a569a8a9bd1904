package pipeline

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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
	// TmpDir is where the spreadsheet library may spill a large sheet while
	// reading it, in a folder of its own removed after each file; "" for
	// the system's temp directory.
	TmpDir string
	// RespondentKey gives the key that respondent codes are hashed with
	// before they are stored (HashRespondent). It is called only when a
	// questionnaire is written, so that a key file is created on first use.
	RespondentKey func() ([]byte, error)
	// SurveyFormats map the exports of Google Forms and LimeSurvey found
	// under questionnaires/ onto the questionnaire contract (parse_export.go).
	SurveyFormats []SurveyFormat
	// Progress, when not nil, is told as a file's sheets are read how many
	// bytes of their XML were (read) out of how many (total), for a
	// progress bar. It is not called for a workbook xlsxstream declines.
	// During an import it is told of the file being written only (the
	// files read ahead of it are not), from the goroutine that reads it:
	// never from two goroutines at once, nor after the file's outcome.
	Progress func(file string, read, total int64)
	// Version is the version of the greencity doing the import, logged
	// with each file (imports.greencity_version): the rules that turned a
	// file into rows are those of that version, and an unchanged file is
	// not read again by a later one. "" logs none.
	Version string

	hook func(stage string) // tests: called with "written" just before a file's commit
}

// Result says what the import (or check) of one file did. RowsRead is
// always RowsImported + RowsRejected: a refused file has every row rejected.
type Result struct {
	File         string // path as given
	SourceFile   string // key in the database: path relative to the data directory
	Kind         string
	Year         int
	Unchanged    bool      // same content as last imported: nothing was done
	RenamedFrom  string    // the file was imported before under this name, no longer on disk
	RowsRead     int       // data rows read (blank lines excluded)
	RowsImported int       // rows imported, or for a check, rows an import would bring
	RowsRejected int       // rows refused or skipped (total lines); all of them when the file is refused
	Notes        []Problem // what is worth saying but did not block the import
}

// parsed is what one file brings, validated, ready to be written.
type parsed struct {
	kind          string
	actions       []actionRow
	actionNames   []string   // every action name of a catalogue, even on rows with a problem
	keyed         keyedRows  // the attendance rows, by row key (the rows went to sink)
	formationKeys *keyedRows // the training programmes' rows, by row key (rowKeys)
	sink          rowSink
	names         *names
	survey        *surveyRow
	questions     []questionRow
	answers       []answerRow
	formations    []formationRow
	extras        []extraCell
	rowsRead      int
	rowsRejected  int
	problems      []Problem
	notes         noteList
	headerRows    map[string]int      // sheet -> header row, for the sheets scanTable read
	headers       map[string][]string // sheet -> headers as written
}

// ImportFile validates one workbook and, when it has no problem, replaces in
// the database whatever that file brought before, in one transaction. An
// unchanged file (same SHA-256 as last imported) is left alone. year 0 means
// "take it from the path" (data/2025/...). A file with problems returns a
// *FileError listing all of them, a file that is not a readable workbook an
// *UnreadableError, and either leaves the database as it was. It is
// ImportFiles on one file: the file is read while its rows are written.
func (im *Importer) ImportFile(ctx context.Context, path string, year int) (Result, error) {
	var res Result
	var err error
	im.ImportFiles(ctx, []string{path}, year, func(r Result, e error) { res, err = r, e })
	return res, err
}

// formerNames returns the files of the same year imported with the same
// content as res that are no longer on disk: res is one of them renamed (or
// moved), and replaces them. A file with that content still on disk makes
// res a copy, refused.
func (im *Importer) formerNames(ctx context.Context, res Result, hash string) ([]string, error) {
	var gone []string
	args := []any{sql.Named("campus", im.Campus), sql.Named("year", res.Year), sql.Named("sha256", hash), sql.Named("source_file", res.SourceFile)}
	var copyOf string
	err := scanRows(ctx, im.Store.DB, "sql/same_content.sql", args, func(rows *sql.Rows) error {
		var f string
		if err := rows.Scan(&f); err != nil {
			return err
		}
		switch {
		case !im.onDisk(f):
			gone = append(gone, f)
		case copyOf == "":
			copyOf = f
		}
		return nil
	})
	switch {
	case err != nil:
		return nil, fmt.Errorf("%s: %w", res.File, err)
	case copyOf != "":
		return nil, copyError(res, copyOf)
	}
	return gone, nil
}

// checkedAgainst is a digest of what the rows of the file at path are
// checked against besides its own content: the year's catalogue (action
// names), year_boundary, and the survey_formats entry that reads it. It is
// kept with the file's hash in the import log: when it changes (an action
// renamed in the catalogue, the year boundary moved), a file whose content
// did not change is checked and imported again, and refused if it no longer
// passes, so that the database never depends on the order things happened.
// The catalogue itself is checked against nothing.
func (im *Importer) checkedAgainst(ctx context.Context, path string, year int) (string, error) {
	if isCatalogueName(path) {
		return "", nil
	}
	h := sha256.New()
	fmt.Fprintf(h, "year_boundary school=%t\n", im.SchoolYear)
	cat, err := im.storeCatalogue(ctx, year)
	if err != nil {
		return "", err
	}
	for _, k := range slices.Sorted(maps.Keys(cat.names)) {
		fmt.Fprintf(h, "action %q %q\n", k, cat.names[k])
	}
	if f, wave, ok := exportFormat(im.SurveyFormats, path); ok {
		fmt.Fprintf(h, "survey_formats %#v %s\n", *f, wave)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// againstOfKind adds to against (checkedAgainst) what a file of kind is
// checked against besides: for a questionnaire, how its respondent codes
// are hashed (respondentHashScheme), so that one imported under an earlier
// scheme is imported again rather than left unpaired with the others.
func againstOfKind(against, kind string) string {
	if kind != KindQuestionnaire {
		return against
	}
	sum := sha256.Sum256([]byte(against + "\nrespondent_hash " + respondentHashScheme + "\n"))
	return hex.EncodeToString(sum[:])
}

// refuse makes res a refused file with problem pr, every row rejected.
func refuse(res *Result, pr Problem, check bool) error {
	res.RowsRejected, res.RowsImported = res.RowsRead, 0
	return &FileError{File: res.File, Problems: []Problem{pr}, RowsRead: res.RowsRead, Checked: check}
}

// CheckFile validates one workbook like ImportFile, against the catalogue
// in the database, but writes nothing.
func (im *Importer) CheckFile(ctx context.Context, path string, year int) (Result, error) {
	res, f, err := im.read(path, year)
	if err != nil {
		return res, err
	}
	defer f.Close()
	_, err = im.examine(ctx, &res, f.content(), im.storeCatalogue, true, dropRows{}, im.progressOf(path))
	return res, err
}

// Checked is the outcome of checking one file.
type Checked struct {
	Result
	// Err is nil when the file would be imported; otherwise a *FileError
	// listing its problems, an *UnreadableError, or another error about it.
	Err error
}

// Check validates files as importing them together would, writing nothing.
// Catalogues (actions.xlsx) are checked first, and the attendance workbooks
// and questionnaires of the same year are checked against them (in place of
// what the same file brought to the database), since an import would load
// the catalogue first. Every file is checked, whatever happens to the
// others; the results come catalogues first, then in the order given.
func (im *Importer) Check(ctx context.Context, paths []string, year int) []Checked {
	ordered := append([]string(nil), paths...)
	sort.SliceStable(ordered, func(i, j int) bool { return isCatalogueName(ordered[i]) && !isCatalogueName(ordered[j]) })
	type checkedCatalogue struct {
		source string
		names  []string
	}
	checked := map[int]checkedCatalogue{}
	cats := func(ctx context.Context, y int) (catalogue, error) {
		c, ok := checked[y]
		cat, err := im.loadCatalogue(ctx, y, c.source)
		if err != nil || !ok {
			return cat, err
		}
		// The checked catalogue's spelling wins over the database's; within
		// it, the first of duplicated names, as an import would keep.
		mine := map[string]bool{}
		for _, n := range c.names {
			if k := Key(n); !mine[k] {
				cat.names[k], mine[k] = n, true
			}
		}
		return cat, nil
	}
	var out []Checked
	seen := map[string]string{} // year and content hash -> first file with them
	// Rows are compared, as an import would, with those of the files of the
	// database, each replaced by its new version once checked.
	rowsOf := map[int]map[string][]rowKey{} // year -> file -> row keys
	for _, path := range ordered {
		res, f, err := im.read(path, year)
		var sum string
		if err == nil {
			if sum, err = f.sha256(); err != nil {
				err = fmt.Errorf("%s: %w", path, err)
			}
		}
		if err == nil {
			k := fmt.Sprintf("%d %s", res.Year, sum)
			if twin, ok := seen[k]; ok {
				f.Close()
				out = append(out, Checked{Result: res, Err: copyError(res, twin)})
				continue
			}
			seen[k] = res.SourceFile
			var p *parsed
			p, err = im.examine(ctx, &res, f.content(), cats, true, dropRows{}, im.progressOf(path))
			if p != nil && p.kind == KindActions {
				checked[res.Year] = checkedCatalogue{source: res.SourceFile, names: p.actionNames}
			}
			if err == nil {
				err = im.checkRepeats(ctx, &res, p.rowKeys(), rowsOf)
			}
		}
		f.Close()
		out = append(out, Checked{Result: res, Err: err})
	}
	return out
}

// checkRepeats refuses, in a check, a file whose rows repeat those of
// another file of its year (rowsOf, filled from the database on first use),
// and else puts its rows in rowsOf in place of its former version, for the
// files checked after it.
func (im *Importer) checkRepeats(ctx context.Context, res *Result, rows *keyedRows, rowsOf map[int]map[string][]rowKey) error {
	if rows.len() == 0 {
		return nil
	}
	if rowsOf[res.Year] == nil {
		stored, err := im.storedRowKeys(ctx, res.Year, "")
		if err != nil {
			return fmt.Errorf("%s: %w", res.File, err)
		}
		rowsOf[res.Year] = stored
	}
	others := maps.Clone(rowsOf[res.Year])
	delete(others, res.SourceFile)
	if pr := repeats(rows, others); pr != nil {
		return refuse(res, *pr, true)
	}
	keys := make([]rowKey, rows.len())
	for i := range keys {
		keys[i] = rows.at(i).key
	}
	rowsOf[res.Year][res.SourceFile] = keys
	return nil
}

// copyError refuses a file whose content is that of twin, another file of
// the same year: "Enregistrer une copie" leaves such copies in the folder,
// and importing one would count every row twice.
func copyError(res Result, twin string) error {
	return &FileError{File: res.File, Problems: []Problem{{
		Fault:    "copie exacte de " + twin + " (même contenu)",
		Expected: "un seul fichier par classeur : retirez la copie du dossier, sinon ses lignes compteraient deux fois",
	}}}
}

func isCatalogueName(path string) bool { return nameKey(path) == "actions" }

// nameKey is the Key of a file's name without its extension, which tells a
// catalogue ("Actions.xlsx") or a training-programme workbook.
func nameKey(path string) string {
	return Key(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
}

// read opens a file and tells its year; the caller closes the file.
func (im *Importer) read(path string, year int) (Result, workbookFile, error) {
	res := Result{File: path, SourceFile: im.sourceKey(path)}
	if year == 0 {
		y, ok := yearFromPath(path)
		if !ok {
			return res, workbookFile{}, fmt.Errorf("%s : %w : le chemin ne contient pas de dossier d'année (data/2025/...), précisez --year", path, ErrNoYear)
		}
		year = y
	}
	res.Year = year
	f, err := openWorkbookFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return res, f, fmt.Errorf("%s : fichier introuvable", path)
	case err != nil:
		return res, f, err
	}
	return res, f, nil
}

// workbookFile is a workbook file open for reading in place: its parse
// reads it through io.ReaderAt, never whole into memory (a million-row
// workbook is 40 MB).
type workbookFile struct {
	f    *os.File
	size int64
}

// openWorkbookFile opens the file at path; its errors are those of
// os.ReadFile.
func openWorkbookFile(path string) (workbookFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return workbookFile{}, err
	}
	st, err := f.Stat()
	if err == nil && st.IsDir() {
		err = &fs.PathError{Op: "read", Path: path, Err: errors.New("is a directory")}
	}
	if err != nil {
		f.Close()
		return workbookFile{}, err
	}
	return workbookFile{f: f, size: st.Size()}, nil
}

// content is the whole file, as it was opened.
func (w workbookFile) content() *io.SectionReader { return io.NewSectionReader(w.f, 0, w.size) }

// sha256 is the SHA-256 of the file's content, read now to its end, in
// hex. The length read becomes the file's size: the parse reads what was
// hashed, even when the file grew since it was opened.
func (w *workbookFile) sha256() (string, error) {
	h := sha256.New()
	n, err := io.Copy(h, io.NewSectionReader(w.f, 0, math.MaxInt64))
	if err != nil {
		return "", err
	}
	w.size = n
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Close closes the file.
func (w workbookFile) Close() error {
	if w.f == nil {
		return nil
	}
	return w.f.Close()
}

// examine parses and validates content, and fills res with what an import
// would do. The valid attendance rows go to sink as they are read; progress
// (nil for none) is told how far the reading of the sheets went.
func (im *Importer) examine(ctx context.Context, res *Result, content *io.SectionReader, cats catalogueFunc, check bool, sink rowSink, progress func(read, total int64)) (*parsed, error) {
	p, err := im.parse(ctx, res.File, content, res.Year, cats, sink, progress)
	if err != nil {
		return nil, err
	}
	repeatedRowNotes(p.rowKeys(), &p.notes)
	res.Kind, res.RowsRead, res.Notes = p.kind, p.rowsRead, p.notes.all()
	if len(p.problems) > 0 {
		res.RowsRejected = p.rowsRead
		return p, &FileError{File: res.File, Problems: p.problems, RowsRead: p.rowsRead, Checked: check}
	}
	res.RowsImported, res.RowsRejected = p.rowsRead-p.rowsRejected, p.rowsRejected
	return p, nil
}

// progressOf is Progress for the file at path, nil when there is none.
func (im *Importer) progressOf(path string) func(read, total int64) {
	if im.Progress == nil {
		return nil
	}
	return func(read, total int64) { im.Progress(path, read, total) }
}

// catalogueFunc gives the action catalogue of a year.
type catalogueFunc func(ctx context.Context, year int) (catalogue, error)

// storeCatalogue is the catalogue of the database.
func (im *Importer) storeCatalogue(ctx context.Context, year int) (catalogue, error) {
	return im.loadCatalogue(ctx, year, "")
}

// parse opens the workbook, tells its kind and validates it, including what
// its values do not show (inspect). A panic in the spreadsheet library on a
// malformed file becomes an error about that file.
//
// The cells are read with xlsxstream; when it declines the workbook or one
// of its sheets, the file is parsed again from the start with excelize, so
// that what was read before the decline is not kept.
func (im *Importer) parse(ctx context.Context, path string, content *io.SectionReader, year int, cats catalogueFunc, sink rowSink, progress func(read, total int64)) (p *parsed, err error) {
	var wb Workbook
	var pkg *xlsxPackage
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, &UnreadableError{Reason: fmt.Sprintf("classeur illisible : sa lecture a échoué (%v) ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau", r)}
			if pkg != nil {
				// A damaged part says so first, as it did when every
				// part was checked before reading.
				if verr := pkg.verifyAll(); verr != nil {
					err = verr
				}
			}
		}
		if wb != nil {
			wb.Close()
		}
		var ue *UnreadableError
		if errors.As(err, &ue) && ue.File == "" {
			ue.File = path
		}
	}()
	pkg, err = openPackage(content, content.Size())
	if err != nil {
		return nil, err
	}
	if wb, err = openStream(pkg, progress); err == nil {
		p, err = im.parseWorkbook(ctx, path, wb, year, cats, sink)
	}
	// The worksheets the rows were not read whole from are checked now: a
	// damaged part refuses the file whatever its rows said, as when every
	// part was checked before reading.
	if verr := pkg.verifyAll(); verr != nil {
		return nil, verr
	}
	if !declined(err) {
		return p, err
	}
	if err := sink.discard(); err != nil {
		return nil, err
	}
	if wb, err = openExcelize(pkg, io.NewSectionReader(content, 0, content.Size()), im.TmpDir); err != nil {
		wb = nil // a nil *excelWorkbook is not a nil Workbook: nothing to close
		return nil, err
	}
	return im.parseWorkbook(ctx, path, wb, year, cats, sink)
}

// parseWorkbook is parse on an opened workbook.
func (im *Importer) parseWorkbook(ctx context.Context, path string, wb Workbook, year int, cats catalogueFunc, sink rowSink) (p *parsed, err error) {
	if len(wb.SheetNames()) == 0 {
		return nil, &UnreadableError{Reason: "classeur sans aucune feuille"}
	}
	tw := track(wb)
	p = &parsed{kind: detectKind(path, tw), headerRows: map[string]int{}, headers: map[string][]string{}, sink: sink, names: newNames()}
	switch p.kind {
	case KindActions:
		err = parseActions(tw, p)
	case KindFormations:
		err = parseFormations(tw, p, year)
	case KindParticipations, KindQuestionnaire:
		cat, cerr := cats(ctx, year)
		if cerr != nil {
			return nil, cerr
		}
		if p.kind == KindParticipations {
			err = parseParticipations(tw, p, cat, newYearPeriod(year, im.SchoolYear))
		} else {
			if f, wave, ok := exportFormat(im.SurveyFormats, path); ok {
				err = parseExport(tw, p, cat, year, f, wave)
			} else {
				err = parseQuestionnaire(tw, p, cat, year)
			}
		}
	default:
		return nil, fmt.Errorf("%s : %w : rangez-le sous participations/ ou questionnaires/, ou nommez-le actions.xlsx ou formations.xlsx", path, ErrUnknownKind)
	}
	if err == nil {
		err = inspect(tw, p)
	}
	var ue *UnreadableError
	if err != nil && !errors.As(err, &ue) {
		err = &UnreadableError{Reason: "classeur abîmé : sa lecture s'est interrompue ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau", Err: err}
	}
	if err != nil {
		return nil, err
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
	switch nameKey(path) {
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

// write appends what a file brings, but for its attendance rows, appended
// as they were read (participationAppender).
func (im *Importer) write(conn *sql.Conn, source string, year int, p *parsed, key []byte) error {
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
		// A workbook of the template is a scope of its own: its codes are
		// nobody else's (stg_survey_responses.sql).
		scope := s.Scope
		if scope == "" {
			scope = source
		}
		if err := appendRows(conn, "surveys", [][]driver.Value{{c, y, source, s.Titre, s.Action, s.Key, int32(s.Population), scope}}); err != nil {
			return err
		}
		for _, w := range s.Waves {
			rows = append(rows, []driver.Value{c, y, source, w})
		}
		if err := appendRows(conn, "survey_waves", rows); err != nil {
			return err
		}
		rows = nil
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
			// Privacy: the code is stored as a keyed hash, so the database
			// alone does not lead back to a pupil; the same code hashes the
			// same in both waves, so pairs still pair.
			rows = append(rows, []driver.Value{c, y, source, a.Wave, HashRespondent(key, im.Campus, a.Respondent), a.QuestionID, v, a.Answer})
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
