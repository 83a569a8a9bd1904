package demodata

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// shipped is the data folder committed with the repository. This test reads
// data/ on purpose (STYLE.md keeps tests on testdata/): its job is to prove
// that the shipped files are exactly what the generator writes.
var shipped = filepath.Join("..", "..", "data")

// TestWrite_MatchesShippedData regenerates the workbooks and compares them,
// cell by cell, with the ones under data/2025 and the illustrative years
// (data/2023, data/2024). On failure, regenerate with
// `go run ./internal/demodata/gen data` and commit the result.
func TestWrite_MatchesShippedData(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir); err != nil {
		t.Fatalf("Write(%s): %v", dir, err)
	}
	for _, year := range append(EarlierYears(), Year) {
		y := fmt.Sprint(year)
		fresh, ship := filepath.Join(dir, y), filepath.Join(shipped, y)
		want, got := listWorkbooks(t, fresh), listWorkbooks(t, ship)
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("workbooks under data/%s differ from the generator's (-generated +shipped):\n%s", y, d)
		}
		for _, name := range want {
			t.Run(y+"/"+name, func(t *testing.T) {
				w, g := readCells(t, filepath.Join(fresh, name)), readCells(t, filepath.Join(ship, name))
				if d := cmp.Diff(w, g); d != "" {
					t.Errorf("data/%s/%s differs from the generator's (-generated +shipped):\n%s", y, name, d)
				}
			})
		}
	}
}

// listWorkbooks lists the xlsx files under dir, '/'-separated and sorted.
func listWorkbooks(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() && strings.HasSuffix(path, ".xlsx") {
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				return err
			}
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("list %s: %v", dir, err)
	}
	slices.Sort(names)
	return names
}

// sheetCells is one sheet's raw cell values, row by row.
type sheetCells struct {
	Name string
	Rows [][]string
}

// readCells reads every sheet of a workbook as raw values (date cells as
// their serial number), the way the importer reads them.
func readCells(t *testing.T, path string) []sheetCells {
	t.Helper()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer func() {
		if err := f.Close(); err != nil {
			t.Errorf("close %s: %v", path, err)
		}
	}()
	var out []sheetCells
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("read %s sheet %q: %v", path, name, err)
		}
		out = append(out, sheetCells{Name: name, Rows: rows})
	}
	return out
}

// TestWrite_CellTypes checks that counts are written as numbers and dates as
// date cells (or dd/mm/yyyy text in the workbook meant to show it).
func TestWrite_CellTypes(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir); err != nil {
		t.Fatalf("Write(%s): %v", dir, err)
	}
	for _, b := range AttendanceBooks() {
		path := filepath.Join(dir, "2025", filepath.FromSlash(b.Path))
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatalf("open %s: %v", b.Path, err)
		}
		sheet := f.GetSheetName(0)
		for _, c := range []struct{ cell, want string }{{"B2", "date"}, {"H2", "number"}} {
			typ, err := f.GetCellType(sheet, c.cell)
			if err != nil {
				t.Fatalf("%s %s: %v", b.Path, c.cell, err)
			}
			got := "number"
			if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber && typ != excelize.CellTypeDate {
				got = "text"
			}
			want := "number"
			if c.want == "date" && b.TextDates {
				want = "text"
			}
			if got != want {
				t.Errorf("%s cell %s is %s, want %s", b.Path, c.cell, got, want)
			}
		}
		date, err := f.GetCellValue(sheet, "B2")
		if err != nil {
			t.Fatalf("%s B2: %v", b.Path, err)
		}
		if want := b.Rows[0].Date.Format("02/01/2006"); date != want {
			t.Errorf("%s B2 shows %q, want %q", b.Path, date, want)
		}
		if err := f.Close(); err != nil {
			t.Errorf("close %s: %v", b.Path, err)
		}
	}
}

// TestAttendanceBooks_RowsFollowTheContract checks every attendance row of
// every year against that year's catalogue and the closed lists of the input
// contract.
func TestAttendanceBooks_RowsFollowTheContract(t *testing.T) {
	years := map[int]YearData{Year: {Actions: Actions(), Attendance: AttendanceBooks()}}
	for _, y := range EarlierYears() {
		years[y] = Earlier(y)
	}
	for year, data := range years {
		checkAttendance(t, year, data)
	}
}

func checkAttendance(t *testing.T, year int, data YearData) {
	catalogue := map[string]bool{}
	for _, a := range data.Actions {
		catalogue[strings.ToLower(a.Name)] = true
	}
	publics := []string{collegiens, lyceens, etudiants, demandeurs, grandPublic, enseignants, professionnel, "parents"}
	kinds := []string{college, lycee, superieur, entreprise, "association", autre}
	groups := map[string]bool{}
	for _, b := range data.Attendance {
		for i, r := range b.Rows {
			at := func(format string, args ...any) {
				t.Helper()
				t.Errorf("%d/%s row %d (%s, %s): "+format, append([]any{year, b.Path, i + 2, r.Action, r.Date.Format(time.DateOnly)}, args...)...)
			}
			// The importer matches names case-insensitively; the rows only
			// vary the case, never the spelling.
			if !catalogue[strings.ToLower(r.Action)] {
				at("action %q is not in the catalogue", r.Action)
			}
			if r.Date.Year() != year {
				at("date not in %d", year)
			}
			if !slices.Contains(publics, r.Public) {
				at("public %q not in the contract's list", r.Public)
			}
			if r.Public == grandPublic {
				if r.TypeEtablissement != "" && !slices.Contains(kinds, r.TypeEtablissement) {
					at("type_etablissement %q not in the contract's list", r.TypeEtablissement)
				}
			} else if !slices.Contains(kinds, r.TypeEtablissement) || r.Etablissement == "" {
				at("establishment %q of type %q: want a named establishment of a listed type", r.Etablissement, r.TypeEtablissement)
			}
			if r.Participants < 0 {
				at("participants = %d, want >= 0", r.Participants)
			}
			if r.DontFilles != nil && (*r.DontFilles < 0 || *r.DontFilles > r.Participants) {
				at("dont_filles = %d, want between 0 and participants = %d", *r.DontFilles, r.Participants)
			}
			if r.DontQPVZRR != nil && (*r.DontQPVZRR < 0 || *r.DontQPVZRR > r.Participants) {
				at("dont_qpv_zrr = %d, want between 0 and participants = %d", *r.DontQPVZRR, r.Participants)
			}
			// One row is one group: the same group twice would be counted twice.
			key := strings.ToLower(r.Action) + "|" + r.Date.Format(time.DateOnly) + "|" + r.Etablissement + "|" + r.Public
			if groups[key] {
				at("same establishment and public twice in one session")
			}
			groups[key] = true
		}
	}
}

// TestEngagementTourSurvey_CodesArePseudonymous checks the respondent codes
// and that every answer belongs to a question asked in that wave.
func TestEngagementTourSurvey_CodesArePseudonymous(t *testing.T) {
	s := EngagementTourSurvey()
	asked := map[string]map[string]bool{"pre": {}, "post": {}}
	for _, q := range s.Questions {
		asked["pre"][q.ID], asked["post"][q.ID] = q.Pre, q.Post
	}
	for wave, responses := range map[string][]Response{"pre": s.Pre, "post": s.Post} {
		seen := map[string]bool{}
		for _, r := range responses {
			if len(r.Code) != len("ETL-00") || !strings.HasPrefix(r.Code, "ETL-") {
				t.Errorf("%s: code %q, want ETL-nn", wave, r.Code)
			}
			if seen[r.Code] {
				t.Errorf("%s: code %s appears twice", wave, r.Code)
			}
			seen[r.Code] = true
			for id := range r.Answers {
				if !asked[wave][id] {
					t.Errorf("%s %s answers %q, not asked in that wave", wave, r.Code, id)
				}
			}
		}
	}
}
