package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/cmq-greencity/greencity/export"
	"github.com/cmq-greencity/greencity/internal/xlsxtest"
)

// coverageYears writes two years whose residence (dont_qpv_zrr) is known
// for part of the participations: all 60 in 2024, 28 of 100 in 2025; the
// count of girls is known for 52 of the 100 participations of 2025 only.
func coverageYears(t *testing.T) string {
	t.Helper()
	data := t.TempDir()
	header := []any{"action", "date", "etablissement", "type_etablissement", "public", "participants", "dont_filles", "dont_qpv_zrr"}
	for year, rows := range map[int][][]any{
		2024: {
			{"Fresque du climat", xlsxtest.Serial(2024, 11, 5), "Lycée Eiffel", "lycée", "lycéens", 30, nil, 6},
			{"Visite du projet RESPONSE", xlsxtest.Serial(2024, 3, 12), "Collège Bachelard", "collège", "collégiens", 30, nil, 3},
		},
		2025: {
			{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycée", "lycéens", 28, 12, 9},
			{"Visite du projet RESPONSE", xlsxtest.Serial(2025, 3, 12), "Collège Bachelard", "collège", "collégiens", 24, 10, nil},
			{"Visite du projet RESPONSE", xlsxtest.Serial(2025, 3, 13), "", "autre", "grand public", 48, nil, nil},
		},
	} {
		dir := filepath.Join(data, strconv.Itoa(year))
		xlsxtest.Write(t, filepath.Join(dir, "actions.xlsx"), xlsxtest.Sheet{Name: "actions", Rows: [][]any{
			{"action", "axe", "type", "programme", "financeurs"},
			{"Fresque du climat", "attractivité", "atelier", "", ""},
			{"Visite du projet RESPONSE", "territoires", "visite", "", ""},
		}})
		xlsxtest.Write(t, filepath.Join(dir, "participations", "suivi.xlsx"), xlsxtest.Sheet{Name: "Feuil1", Rows: append([][]any{header}, rows...)})
	}
	return data
}

// TestRun_ShareCoverage checks that a share computed on part of the whole
// carries its coverage in every output, says it in words in the report,
// is marked when under half, and that its change between years is flagged.
func TestRun_ShareCoverage(t *testing.T) {
	h := newHarness(t, coverageYears(t), "2024,2025")
	h.mustRun("run")

	doc := h.indicators("2025")
	type cov struct {
		ID, Public, Action string
		N                  int64
		Coverage           float64
	}
	var got []cov
	for _, r := range doc.Indicators {
		if r.Coverage != nil {
			got = append(got, cov{r.ID, r.Breakdown["public"], r.Breakdown["action"], r.N, *r.Coverage})
		} else if strings.HasSuffix(r.ID, "_share") {
			t.Errorf("%s %v has no coverage", r.ID, r.Breakdown)
		}
	}
	want := []cov{
		{"girls_share", "", "", 52, 0.52},
		// By action, over the participations of the action (the action sheets).
		{"girls_share", "", "Fresque du climat", 28, 1},
		{"girls_share", "", "Visite du projet RESPONSE", 24, 24.0 / 72},
		{"girls_share", "collégiens", "", 24, 1},
		{"girls_share", "lycéens", "", 28, 1},
		{"qpv_share", "", "", 28, 0.28},
		{"qpv_share", "", "Fresque du climat", 28, 1},
		{"qpv_share", "lycéens", "", 28, 1},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("coverage in --format json (-want +got):\n%s", d)
	}

	csv := h.mustRun("indicators", "--year", "2025", "--format", "csv")
	if !strings.Contains(csv, ",note,coverage,") || !strings.Contains(csv, "2025,qpv_share,,,,0.32142857142857145,28,,,part,,,,,,,,,,0.28,,,\n") {
		t.Errorf("csv lacks the coverage of qpv_share:\n%s", csv)
	}
	table := h.mustRun("indicators", "--year", "2025")
	if !strings.Contains(table, "28,0\u202f% de 100, moins de la moitié") || !strings.Contains(table, "52,0\u202f% de 100 ") {
		t.Errorf("table lacks the coverage of the shares:\n%s", table)
	}

	all := h.mustRun("indicators", "--year", "all")
	var qpv string
	for line := range strings.Lines(all) {
		if strings.HasPrefix(line, "qpv_share ") && !strings.Contains(line, "public") && !strings.Contains(line, "action") {
			qpv = line
		}
	}
	if !strings.Contains(qpv, "15,0\u202f% (couv. 100,0\u202f%)") || !strings.Contains(qpv, "32,1\u202f% (couv. 28,0\u202f%) ◐") ||
		!strings.Contains(qpv, "+17,1 pts ◐") {
		t.Errorf("--year all shows qpv_share as %q, want each year's coverage, the mark of 2025 and its change flagged:\n%s", qpv, all)
	}
	if !strings.Contains(all, "◐ : part calculée sur moins de la moitié des participations de l'année") {
		t.Errorf("--year all does not explain ◐:\n%s", all)
	}

	html, err := os.ReadFile(filepath.Join(h.env["GREENCITY_REPORT_DIR"], "2025", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Calculé sur les 28 participations dont le lieu de résidence est connu, soit 28\u202f% des 100",
		`<div class="card partial"`,
		"Calculé sur moins de la moitié des participations : ce chiffre décrit les groupes renseignés, pas l&#39;ensemble.",
		"Calculé sur les 52 participations dont le nombre de filles est connu, soit 52\u202f% des 100",
		"couverture 28\u202f%",
	} {
		if !strings.Contains(string(html), want) {
			t.Errorf("report 2025 lacks %q", want)
		}
	}
	figures, sheets, ok := strings.Cut(string(html), `<section id="fiches-action">`)
	if !ok {
		t.Fatal("report 2025 has no action sheets")
	}
	if n := strings.Count(figures, `class="card partial"`); n != 1 {
		t.Errorf("report 2025 marks %d key figures as partial, want 1 (qpv_share; girls_share rests on 52 %%)", n)
	}
	// On the sheets, the share of girls of Visite du projet RESPONSE rests
	// on 24 of its 72 participations.
	if n := strings.Count(sheets, `class="card partial"`); n != 1 {
		t.Errorf("report 2025's action sheets mark %d shares as partial, want 1 (girls_share of Visite du projet RESPONSE, 33 %%)", n)
	}

	x, err := excelize.OpenFile(filepath.Join(h.env["GREENCITY_REPORT_DIR"], "2025", export.FileName), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(export.SheetPeople, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	col := len(export.FigureHeader) - 1
	found := false
	for _, r := range rows {
		if len(r) > col && r[0] == "qpv_share" && r[5] == "" {
			found = true
			if r[col] != "0.28" {
				t.Errorf("workbook: coverage of qpv_share = %q, want 0.28", r[col])
			}
		}
	}
	if !found {
		t.Errorf("workbook: no coverage for qpv_share in %s: %v", export.SheetPeople, rows)
	}
}
