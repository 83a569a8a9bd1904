package pipeline_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
)

const campus = "CMQ Test"

// mustOpenImporter opens a real DuckDB file in a temporary directory and an
// importer whose data directory is dataDir.
func mustOpenImporter(tb testing.TB, dataDir string) *pipeline.Importer {
	tb.Helper()
	store, err := pipeline.OpenStore(context.Background(), filepath.Join(tb.TempDir(), "test.duckdb"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := store.Close(); err != nil {
			tb.Error(err)
		}
	})
	clock := time.Date(2026, 1, 15, 10, 0, 0, 0, time.UTC)
	return &pipeline.Importer{Store: store, Campus: campus, DataDir: dataDir, Now: func() time.Time { return clock },
		RespondentKey: func() ([]byte, error) { return testKey, nil }}
}

// testKey is the key respondent codes are hashed with in tests.
var testKey = []byte("greencity test key, 32 bytes....")

// hmacHex is HMAC-SHA256 computed here, independently of the importer, over
// a code already normalised by hand, of the tests' campus: its length, a
// colon, its name, then the code.
func hmacHex(normalised string) string {
	m := hmac.New(sha256.New, testKey)
	m.Write([]byte(strconv.Itoa(len(campus)) + ":" + campus + normalised))
	return hex.EncodeToString(m.Sum(nil))
}

// dump returns the rows of a query as strings, for exact comparisons.
func dump(tb testing.TB, db *sql.DB, q string) [][]string {
	tb.Helper()
	rows, err := db.Query(q)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			tb.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			switch v := v.(type) {
			case nil:
				row[i] = "NULL"
			case time.Time:
				row[i] = v.Format("2006-01-02")
			default:
				row[i] = fmt.Sprint(v)
			}
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// texts returns problems or notes as the evaluator reads them, for exact
// comparisons.
func texts(problems []pipeline.Problem) []string {
	var out []string
	for _, p := range problems {
		out = append(out, p.String())
	}
	return out
}

func catalogue(rows ...[]any) xlsxtest.Sheet {
	return xlsxtest.Sheet{Name: "actions", Rows: append([][]any{{"Action", "AXE", "Type ", "Programme", "Financeurs"}}, rows...)}
}

// writeCatalogue writes data/2025/actions.xlsx with three actions.
func writeCatalogue(tb testing.TB, data string) string {
	path := filepath.Join(data, "2025", "actions.xlsx")
	xlsxtest.Write(tb, path, catalogue(
		[]any{"Fresque du climat", "Attractivité", "atelier", "JET Cities", "Région BFC"},
		[]any{"Engagement tour - Lycée", "compétences", "Stage", "RICET", ""},
		[]any{"Visite du projet RESPONSE", "TERRITOIRES", "visite", "", "Net Zero Cities"},
	))
	return path
}

func mustImport(tb testing.TB, im *pipeline.Importer, path string) pipeline.Result {
	tb.Helper()
	r, err := im.ImportFile(context.Background(), path, 0)
	if err != nil {
		tb.Fatalf("ImportFile(%s): %v", path, err)
	}
	return r
}

func TestImportFile_Catalogue(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	r := mustImport(t, im, writeCatalogue(t, data))
	if r.Kind != pipeline.KindActions || r.Year != 2025 || r.RowsRead != 3 || r.RowsImported != 3 || r.SourceFile != "2025/actions.xlsx" {
		t.Errorf("ImportFile = %+v, want 3 actions of 2025 from 2025/actions.xlsx", r)
	}
	got := dump(t, im.Store.DB, "select campus, year, source_file, source_row, action, action_key, axe, type, programme, financeurs from actions order by source_row")
	want := [][]string{
		{campus, "2025", "2025/actions.xlsx", "2", "Fresque du climat", "fresqueduclimat", "attractivité", "atelier", "JET Cities", "Région BFC"},
		{campus, "2025", "2025/actions.xlsx", "3", "Engagement tour - Lycée", "engagementtour-lycee", "compétences", "stage", "RICET", "NULL"},
		{campus, "2025", "2025/actions.xlsx", "4", "Visite du projet RESPONSE", "visiteduprojetresponse", "territoires", "visite", "NULL", "Net Zero Cities"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("actions (-want +got):\n%s", d)
	}
}

// TestImportFile_ForeignWorkbook imports an attendance workbook written the
// way other spreadsheet software writes them: header variants, inline
// strings, text dates beside date cells, a blank line, an extra column,
// formula cells with cached values and a total line.
func TestImportFile_ForeignWorkbook(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "lycees.xlsx")
	xlsxtest.WriteForeign(t, path, false, xlsxtest.Sheet{Name: "Feuil1", Rows: [][]any{
		{"Présences lycées 2025"},
		nil,
		{" Action", "DATE", "Établissement", "Type établissement", "commune", "Public", "Niveau", "Participants", "Dont filles", "dont_QPV_ZRR", "Remarque"},
		{"fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "Lycée", "Dijon", "Lycéens", "seconde", 28, 12, nil, "salle B"},
		nil,
		{"FRESQUE DU CLIMAT ", "06/11/2025", "Lycée  Eiffel", "lycee", "Dijon", "lycéens", "", xlsxtest.Formula{Expr: "10+15", Cached: 25}, "10"},
		{"Visite du projet RESPONSE", "2025-03-12", "Collège Bachelard", "collège", "Dijon", "Collégiens", "troisième", 24.0, nil, 6},
		{nil, nil, nil, nil, nil, "Total", nil, xlsxtest.Formula{Expr: "SUM(H2:H5)", Cached: 77}},
	}})
	r := mustImport(t, im, path)
	if r.Kind != pipeline.KindParticipations || r.RowsRead != 4 || r.RowsImported != 3 || r.RowsRejected != 1 {
		t.Errorf("ImportFile = %+v, want 4 rows read, 3 imported, 1 rejected (the total line)", r)
	}
	notes := texts(r.Notes)
	wantNotes := []string{
		"feuille « Feuil1 », ligne 1 : « Présences lycées 2025 » trouvé, attendu la ligne d'en-tête : ligne de titre ignorée",
		"feuille « Feuil1 », cellule K3 : « Remarque » trouvé, attendu une colonne connue ; celle-ci est conservée à part et n'entre dans aucun indicateur",
		"feuille « Feuil1 », ligne 8 : « 77 » trouvé, attendu une ligne par groupe : ligne sans action mais avec un nombre, prise pour une ligne de total et ignorée",
	}
	if d := cmp.Diff(wantNotes, notes); d != "" {
		t.Errorf("notes (-want +got):\n%s", d)
	}
	got := dump(t, im.Store.DB, `select source_row, action, action_key, date, etablissement, type_etablissement, commune, public, niveau,
		participants, dont_filles, dont_qpv_zrr from participations order by source_row`)
	want := [][]string{
		{"4", "Fresque du climat", "fresqueduclimat", "2025-11-05", "Lycée Eiffel", "lycée", "Dijon", "lycéens", "seconde", "28", "12", "NULL"},
		{"6", "Fresque du climat", "fresqueduclimat", "2025-11-06", "Lycée Eiffel", "lycée", "Dijon", "lycéens", "NULL", "25", "10", "NULL"},
		{"7", "Visite du projet RESPONSE", "visiteduprojetresponse", "2025-03-12", "Collège Bachelard", "collège", "Dijon", "collégiens", "troisième", "24", "NULL", "6"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("participations (-want +got):\n%s", d)
	}
	extras := dump(t, im.Store.DB, "select sheet, source_row, header, value from extra_cells")
	if d := cmp.Diff([][]string{{"Feuil1", "4", "Remarque", "salle B"}}, extras); d != "" {
		t.Errorf("extra_cells (-want +got):\n%s", d)
	}
	log := dump(t, im.Store.DB, "select source_file, kind, year, rows_read, rows_imported, imported_at from imports order by source_file")
	wantLog := [][]string{
		{"2025/actions.xlsx", "actions", "2025", "3", "3", "2026-01-15"},
		{"2025/participations/lycees.xlsx", "participations", "2025", "4", "3", "2026-01-15"},
	}
	if d := cmp.Diff(wantLog, log); d != "" {
		t.Errorf("imports (-want +got):\n%s", d)
	}
}

func TestImportFile_Date1904(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "mac.xlsx")
	xlsxtest.WriteForeign(t, path, true, xlsxtest.Sheet{Name: "Feuil1", Rows: [][]any{
		{"action", "date", "public", "participants"},
		{"Fresque du climat", xlsxtest.Serial1904(2025, 11, 5), "lycéens", 20},
	}})
	mustImport(t, im, path)
	got := dump(t, im.Store.DB, "select date from participations")
	if d := cmp.Diff([][]string{{"2025-11-05"}}, got); d != "" {
		t.Errorf("date of a 1904 workbook (-want +got):\n%s", d)
	}
}

func attendance(rows ...[]any) xlsxtest.Sheet {
	return xlsxtest.Sheet{Name: "Feuil1", Rows: append([][]any{{"action", "date", "etablissement", "public", "participants", "dont_filles"}}, rows...)}
}

func TestImportFile_UnchangedAndChanged(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	xlsxtest.Write(t, path, attendance(
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycéens", 28, 12},
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 6), "Lycée Mathias", "lycéens", 30, 14},
	))
	mustImport(t, im, path)
	r := mustImport(t, im, path)
	if !r.Unchanged {
		t.Errorf("second ImportFile of the same file: Unchanged = false, want true")
	}
	count := "select count(*), sum(participants) from participations"
	if d := cmp.Diff([][]string{{"2", "58"}}, dump(t, im.Store.DB, count)); d != "" {
		t.Errorf("after re-import of an unchanged file (-want +got):\n%s", d)
	}
	// The evaluator corrects the file: its rows replace the old ones.
	xlsxtest.Write(t, path, attendance(
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycéens", 27, 12},
	))
	if r := mustImport(t, im, path); r.Unchanged || r.RowsImported != 1 {
		t.Errorf("ImportFile of the corrected file = %+v, want 1 row imported", r)
	}
	if d := cmp.Diff([][]string{{"1", "27"}}, dump(t, im.Store.DB, count)); d != "" {
		t.Errorf("after re-import of a changed file (-want +got):\n%s", d)
	}
	if d := cmp.Diff([][]string{{"2"}}, dump(t, im.Store.DB, "select count(*) from imports")); d != "" {
		t.Errorf("import log keeps one line per file (-want +got):\n%s", d)
	}
}

// TestImportFile_BadInput checks that every problem of a file is reported
// with its cell, value and what was expected, and that the database keeps
// what the previous version of the file brought.
func TestImportFile_BadInput(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	xlsxtest.Write(t, path, attendance([]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycéens", 28, 12}))
	mustImport(t, im, path)
	before := dump(t, im.Store.DB, "select * from participations")
	beforeLog := dump(t, im.Store.DB, "select * from imports")

	xlsxtest.Write(t, path, attendance(
		[]any{"Fresque du climatt", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycéens", 28, 12},
		[]any{"Fresque du climat", "31/02/2025", "Lycée Eiffel", "lycéens", "12 élèves", nil},
		[]any{"Fresque du climat", xlsxtest.Serial(2024, 12, 31), "Lycée Eiffel", "élèves", 20, 21},
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycéens", 12.5, "N/A"},
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycéens", -3, nil},
	))
	_, err := im.ImportFile(context.Background(), path, 0)
	var fe *pipeline.FileError
	if !errors.As(err, &fe) || !errors.Is(err, pipeline.ErrInvalidInput) {
		t.Fatalf("ImportFile of a bad file: err = %v, want a *FileError", err)
	}
	want := []string{
		"feuille « Feuil1 », cellule A2 (action) : « Fresque du climatt » trouvé, attendu une action du catalogue 2025 ; vouliez-vous dire « Fresque du climat » ?",
		"feuille « Feuil1 », cellule B3 (date) : « 31/02/2025 » trouvé, attendu une date (cellule date, jj/mm/aaaa ou aaaa-mm-jj)",
		"feuille « Feuil1 », cellule E3 (participants) : « 12 élèves » trouvé, attendu un nombre entier ≥ 0",
		"feuille « Feuil1 », cellule B4 (date) : « 31/12/2024 » trouvé, attendu une date de l'année 2025",
		"feuille « Feuil1 », cellule D4 (public) : « élèves » trouvé, attendu un public parmi : collégiens, lycéens, étudiants, demandeurs d'emploi, grand public, enseignants, professionnels, parents",
		"feuille « Feuil1 », cellule F4 (dont_filles) : « 21 » trouvé, attendu au plus le nombre de participants (20)",
		"feuille « Feuil1 », cellule E5 (participants) : « 12.5 » trouvé, attendu un nombre entier ≥ 0",
		"feuille « Feuil1 », cellule F5 (dont_filles) : « N/A » trouvé, attendu un nombre entier ≥ 0, ou rien",
		"feuille « Feuil1 », cellule E6 (participants) : « -3 » trouvé, attendu un nombre entier ≥ 0",
	}
	got := texts(fe.Problems)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
	if !strings.HasPrefix(err.Error(), path+" : 9 problèmes, rien n'a été importé de ce fichier (5 lignes lues)\n") {
		t.Errorf("error = %q, want it to start with the file and the count of problems", err)
	}
	if d := cmp.Diff(before, dump(t, im.Store.DB, "select * from participations")); d != "" {
		t.Errorf("participations changed by a refused file (-before +after):\n%s", d)
	}
	if d := cmp.Diff(beforeLog, dump(t, im.Store.DB, "select * from imports")); d != "" {
		t.Errorf("import log changed by a refused file (-before +after):\n%s", d)
	}
}

func TestImportFile_HeaderProblems(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	xlsxtest.Write(t, path, xlsxtest.Sheet{Name: "Feuil1", Rows: [][]any{
		{"Action", "Date", "Public", "Dont filles", "dont_filles"},
		{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "lycéens", 3, 3},
	}})
	got, _ := refused(t, im, path)
	want := []string{
		"feuille « Feuil1 », cellule E1 : « dont_filles » trouvé, attendu des en-têtes tous différents : la colonne D s'appelle déjà « Dont filles »",
		"feuille « Feuil1 », ligne 1 : attendu une colonne « participants » (obligatoire) dans la ligne d'en-tête",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
}

func TestImportFile_CatalogueProblems(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	path := filepath.Join(data, "2025", "actions.xlsx")
	xlsxtest.Write(t, path, catalogue(
		[]any{"Fresque du climat", "attractivité", "atelier"},
		[]any{"FRESQUE  du Climat", "attractivité", "atelier"},
		[]any{"Forum", "orientation", "salon des métiers"},
	))
	got, _ := refused(t, im, path)
	want := []string{
		"feuille « actions », cellule A3 (Action) : « FRESQUE du Climat » trouvé, attendu un nom d'action unique : déjà présent ligne 2",
		"feuille « actions », cellule B4 (AXE) : « orientation » trouvé, attendu un axe parmi : projets structurants, compétences, attractivité, territoires",
		"feuille « actions », cellule C4 (Type) : « salon des métiers » trouvé, attendu un type parmi : visite, stage, forum, escape game, atelier, concours, idéathon, hackathon, exposition, jeu, conférence, réunion, salon, webinaire, autre",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
}

func TestImportFile_NoYear(t *testing.T) {
	im := mustOpenImporter(t, t.TempDir())
	path := filepath.Join(t.TempDir(), "actions.xlsx")
	xlsxtest.Write(t, path, catalogue([]any{"Fresque du climat", "attractivité", "atelier"}))
	if _, err := im.ImportFile(context.Background(), path, 0); !errors.Is(err, pipeline.ErrNoYear) {
		t.Errorf("ImportFile outside a year folder: err = %v, want ErrNoYear", err)
	}
	if r, err := im.ImportFile(context.Background(), path, 2025); err != nil || r.Year != 2025 || r.RowsImported != 1 {
		t.Errorf("ImportFile with year 2025 = %+v, %v; want 1 action of 2025", r, err)
	}
}

func TestImportFile_TotalLabelledRows(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	xlsxtest.Write(t, path, attendance(
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycéens", 28, 12},
		[]any{"Sous-total lycées", nil, nil, nil, 28, nil},
		[]any{"TOTAL GÉNÉRAL", nil, nil, nil, 28, nil},
	))
	r := mustImport(t, im, path)
	if r.RowsRead != 3 || r.RowsImported != 1 || r.RowsRejected != 2 {
		t.Errorf("ImportFile = %+v, want 3 rows read, 1 imported, 2 rejected", r)
	}
	notes := texts(r.Notes)
	want := []string{
		"feuille « Feuil1 », ligne 3 : « Sous-total lycées » trouvé, attendu une action du catalogue : ligne de total ou de sous-total, ignorée",
		"feuille « Feuil1 », ligne 4 : « TOTAL GÉNÉRAL » trouvé, attendu une action du catalogue : ligne de total ou de sous-total, ignorée",
	}
	if d := cmp.Diff(want, notes); d != "" {
		t.Errorf("notes (-want +got):\n%s", d)
	}
}

// TestImportFile_FormationsProblems checks the training programmes: a
// count of girls is compared with the row's enrolments, and only when those
// are a number (an unreadable count is one problem, not two); a row of
// another year than the folder's is refused (it would be imported and
// counted nowhere), and so are candidates for no place (the attractiveness
// divides by the places) and more enrolled than candidates.
func TestImportFile_FormationsProblems(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	path := filepath.Join(data, "2025", "formations.xlsx")
	xlsxtest.Write(t, path, xlsxtest.Sheet{Name: "formations", Rows: [][]any{
		{"annee", "etablissement", "formation", "places", "candidats", "inscrits", "dont_filles"},
		{2025, "Lycée Eiffel", "BTS Électrotechnique", 24, 60, 22, 3},
		{2025, "Lycée Eiffel", "BTS Fluides", 24, 40, "N/A", 5},
		{2025, "Lycée Eiffel", "Bac pro MELEC", 30, 45, 10, 12},
		{2024, "Lycée Eiffel", "BTS Électrotechnique", 24, 55, 20, 2},
		{"2025", "Lycée Eiffel", "CAP Froid", 0, 12, 0, nil},
		{2025, "Lycée Eiffel", "CAP Froid et climatisation", 0, 0, 0, nil}, // closed this year: nothing to divide
		{2025, "Lycée Mathias", "BTS Bâtiment", 24, 18, 20, 2},
		{"2O25", "Lycée Mathias", "BTS Bâtiment", 24, 30, 20, 2},
	}})
	got, rowsRead := refused(t, im, path)
	want := []string{
		"feuille « formations », cellule F3 (inscrits) : « N/A » trouvé, attendu un nombre entier ≥ 0",
		"feuille « formations », cellule G4 (dont_filles) : « 12 » trouvé, attendu au plus le nombre d'inscrits (10)",
		"feuille « formations », cellule A5 (annee) : « 2024 » trouvé, attendu l'année du dossier, 2025 : les formations d'une autre année vont dans le formations.xlsx de son dossier",
		"feuille « formations », cellule D6 (places) : « 0 » trouvé, attendu un nombre de places > 0 pour 12 candidats : sans places, la formation ne peut pas entrer dans l'attractivité (candidats par place)",
		"feuille « formations », cellule F8 (inscrits) : « 20 » trouvé, attendu au plus le nombre de candidats (18) : un inscrit a d'abord été candidat",
		"feuille « formations », cellule A9 (annee) : « 2O25 » trouvé, attendu un nombre entier ≥ 0",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
	if rowsRead != 8 {
		t.Errorf("rows read = %d, want 8", rowsRead)
	}
}

// TestImportYear_OtherSpreadsheetFormats checks that a sheet saved in another
// format beside the workbooks is refused with its reason, not skipped.
func TestImportYear_OtherSpreadsheetFormats(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	writeCatalogue(t, data)
	csv := filepath.Join(data, "2025", "participations", "lycees.csv")
	if err := os.MkdirAll(filepath.Dir(csv), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(csv, []byte("action;date;public;participants\nFresque du climat;05/11/2025;lycéens;28\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	results, _, err := im.ImportYear(context.Background(), filepath.Join(data, "2025"), 2025)
	if len(results) != 1 || results[0].SourceFile != "2025/actions.xlsx" {
		t.Errorf("ImportYear results = %+v, want the catalogue imported", results)
	}
	want := csv + " : ce n'est pas un classeur Excel (.xlsx) mais un fichier texte (CSV ?) ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format « Classeur Excel (.xlsx) »"
	if err == nil || err.Error() != want {
		t.Errorf("ImportYear error = %v, want %q", err, want)
	}
}

// TestImportFile_CopyOfAnotherFile checks that a copy of a workbook left in
// the year folder is refused, in an import and in a check, instead of
// counting its rows twice.
func TestImportFile_CopyOfAnotherFile(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "lycees.xlsx")
	xlsxtest.Write(t, path, attendance([]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycéens", 28, 12}))
	mustImport(t, im, path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(data, "2025", "participations", "lycees - Copie.xlsx")
	if err := os.WriteFile(cp, b, 0o644); err != nil {
		t.Fatal(err)
	}
	want := cp + " : 1 problème, rien n'a été importé de ce fichier (0 ligne lue)\n" +
		"  classeur : copie exacte de 2025/participations/lycees.xlsx (même contenu), attendu un seul fichier par classeur : retirez la copie du dossier, sinon ses lignes compteraient deux fois"
	if _, err := im.ImportFile(context.Background(), cp, 0); err == nil || err.Error() != want {
		t.Errorf("ImportFile of a copy: err = %v, want %q", err, want)
	}
	if d := cmp.Diff([][]string{{"1", "28"}}, dump(t, im.Store.DB, "select count(*), sum(participants) from participations")); d != "" {
		t.Errorf("participations after refusing a copy (-want +got):\n%s", d)
	}
	checked := im.Check(context.Background(), []string{path, cp}, 0)
	if len(checked) != 2 || checked[0].Err != nil || checked[1].Err == nil || !strings.Contains(checked[1].Err.Error(), "copie exacte de 2025/participations/lycees.xlsx") {
		t.Errorf("Check of a file and its copy = %+v, want the copy refused", checked)
	}
}

// TestImportLog_provenance: the log gives, for each file, the SHA-256 of its
// bytes (what sha256sum prints for it), when it was imported and by which
// greencity; a file imported by a build that has no version logs none.
func TestImportLog_provenance(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	im.Version = "v1.4.0"
	path := writeCatalogue(t, data)
	mustImport(t, im, path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	log, err := pipeline.ImportLog(context.Background(), im.Store.DB, campus)
	if err != nil {
		t.Fatalf("ImportLog: %v", err)
	}
	want := []pipeline.LogEntry{{SourceFile: "2025/actions.xlsx", Kind: pipeline.KindActions, Year: 2025, SHA256: hex.EncodeToString(sum[:]),
		RowsRead: 3, RowsImported: 3, ImportedAt: time.Date(2026, 1, 15, 10, 0, 0, 0, time.UTC), GreencityVersion: "v1.4.0"}}
	if d := cmp.Diff(want, log); d != "" {
		t.Errorf("ImportLog (-want +got):\n%s", d)
	}
	if got := dump(t, im.Store.DB, "select count(*) from imports where greencity_version is null"); got[0][0] != "0" {
		t.Errorf("imports without a version = %s, want 0", got[0][0])
	}
	im.Version = ""
	// Another content (a byte after the zip's end, which readers ignore):
	// imported again, by a build without a version.
	if err := os.WriteFile(path, append(b, 0), 0o644); err != nil {
		t.Fatal(err)
	}
	mustImport(t, im, path)
	if got := dump(t, im.Store.DB, "select coalesce(greencity_version, 'NULL') from imports"); got[0][0] != "NULL" {
		t.Errorf("greencity_version of an import by a build without a version = %s, want NULL", got[0][0])
	}
}
