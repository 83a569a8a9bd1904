package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/cmq-greencity/greencity/export"
	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/cmq-greencity/greencity/stats"
)

// shippedConfig runs greencity with a copy of the repository's config.yaml
// (its years and its targets) on a copy of the shipped data, with a
// temporary database and report folder.
type shippedConfig struct {
	t      *testing.T
	config string
	env    map[string]string
}

func newShippedConfig(t *testing.T) *shippedConfig {
	t.Helper()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if err := os.CopyFS(data, os.DirFS("../../data")); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(config, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return &shippedConfig{t: t, config: config, env: map[string]string{
		"GREENCITY_DATA_DIR":   data,
		"GREENCITY_DATABASE":   filepath.Join(dir, "test.duckdb"),
		"GREENCITY_REPORT_DIR": filepath.Join(dir, "report"),
	}}
}

func (s *shippedConfig) mustRun(args ...string) string {
	s.t.Helper()
	var out, errb bytes.Buffer
	args = append(args, "--config", s.config)
	if code := RunEnv(context.Background(), args, &out, &errb, func(k string) string { return s.env[k] }); code != 0 {
		s.t.Fatalf("greencity %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out.String(), errb.String())
	}
	return out.String()
}

func (s *shippedConfig) json(v any, args ...string) {
	s.t.Helper()
	out := s.mustRun(args...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		s.t.Fatalf("greencity %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func (s *shippedConfig) report(year int, name string) string {
	return filepath.Join(s.env["GREENCITY_REPORT_DIR"], strconv.Itoa(year), name)
}

// allYearsDoc is indicators --year all --format json.
type allYearsDoc struct {
	Years      []int `json:"years"`
	Missing    []int `json:"missing_years"`
	Indicators []struct {
		Year              int               `json:"year"`
		ID                string            `json:"id"`
		Breakdown         map[string]string `json:"breakdown"`
		Value             float64           `json:"value"`
		Version           int               `json:"version"`
		Change            *float64          `json:"change"`
		ChangePct         *float64          `json:"change_pct"`
		DefinitionChanged bool              `json:"definition_changed"`
		N                 *int64            `json:"n"`
		ChangeLow         *float64          `json:"change_low"`
		ChangeHigh        *float64          `json:"change_high"`
		ChangeWithinNoise *bool             `json:"change_within_noise"`
	} `json:"indicators"`
}

type yearFigure struct {
	Year              int
	Value             float64
	Change, ChangePct *float64
}

// headline returns an indicator's headline figure of each year.
func (d allYearsDoc) headline(id string) []yearFigure {
	var out []yearFigure
	for _, r := range d.Indicators {
		if r.ID == id && len(r.Breakdown) == 0 {
			out = append(out, yearFigure{r.Year, r.Value, r.Change, r.ChangePct})
		}
	}
	return out
}

func fl(v float64) *float64 { return &v }

var approx = cmpopts.EquateApprox(0, 1e-12)

// TestRun_YearsAndTargets runs the shipped configuration: three years, the
// four targets of config.yaml with their statuses and exact figures, every
// year side by side, the workbook with the figures of the report. Then the
// folder of 2024 is removed: 2024 shows as missing, never as zero.
func TestRun_YearsAndTargets(t *testing.T) {
	s := newShippedConfig(t)
	out := s.mustRun("run")
	for _, want := range []string{"Rapport 2023 : ", "Rapport 2024 : ", "Rapport 2025 : ", "Classeur 2025 : "} {
		if !strings.Contains(out, want) {
			t.Errorf("run output lacks %q:\n%s", want, out)
		}
	}

	// The targets, judged as of 2025 against the straight path.
	var tg []map[string]any
	s.json(&tg, "targets", "--format", "json")
	girls2023, girls2025 := 506.0/1529, 1550.0/4241 // the girls of the rows where they were counted
	want := []map[string]any{
		{"indicator": "attractiveness", "baseline_year": 2023.0, "baseline": 1.4, "target_year": 2030.0, "target": 2.8,
			"current_year": 2025.0, "current": 1.63, "progress": 0.23 / 1.4, "required_yearly_rate": 1.17 / 5, "status": "behind"},
		{"indicator": "immersion_periods", "baseline_year": 2023.0, "baseline": 20.0, "target_year": 2030.0, "target": 50.0,
			"current_year": 2025.0, "current": 35.0, "progress": 0.5, "required_yearly_rate": 3.0, "status": "on_track"},
		{"indicator": "girls_share", "baseline_year": 2023.0, "baseline": girls2023, "target_year": 2030.0, "target": 0.35,
			"current_year": 2025.0, "current": girls2025, "progress": (girls2025 - girls2023) / (0.35 - girls2023),
			"required_yearly_rate": 0.0, "status": "achieved"},
		{"indicator": "orientation_confirmed_rate", "baseline_year": 2024.0, "baseline": 0.7, "target_year": 2030.0, "target": 0.9,
			"current_year": 2025.0, "current": 15.0 / 18, "progress": (15.0/18 - 0.7) / 0.2, "required_yearly_rate": (0.9 - 15.0/18) / 5,
			"status": "uncertain"},
	}
	if d := cmp.Diff(want, tg, approx); d != "" {
		t.Errorf("targets --format json (-want +got):\n%s", d)
	}
	table := s.mustRun("targets")
	for _, w := range []string{"en retard sur la trajectoire", "cible atteinte", "Doubler l'attractivité des formations",
		"+1,3 point par an", "+0,23 par an",
		"trop incertain pour conclure",
		// The uncertain target, in the report's words, not a statistician's.
		"Confirmer l'orientation des élèves de l'Engagement tour — 2025 : probablement entre 61\u202f% et 94\u202f%, ce qui comprend les 73\u202f% attendus sur la trajectoire : trop incertain pour conclure."} {
		if !strings.Contains(table, w) {
			t.Errorf("targets table lacks %q:\n%s", w, table)
		}
	}
	for _, word := range []string{"intervalle de confiance", "significatif", "IC 95"} {
		if strings.Contains(table, word) {
			t.Errorf("targets table says %q, a word for the methods:\n%s", word, table)
		}
	}

	// Every year side by side; the shape of a single year is unchanged.
	var all allYearsDoc
	s.json(&all, "indicators", "--year", "all", "--format", "json")
	if d := cmp.Diff([]int{2023, 2024, 2025}, all.Years); d != "" || len(all.Missing) != 0 {
		t.Errorf("--year all: years %v, missing %v; want 2023-2025, none missing", all.Years, all.Missing)
	}
	wantPart := []yearFigure{{2023, 1681, nil, nil}, {2024, 3073, fl(1392), fl(1392.0 / 1681)}, {2025, 4604, fl(1531), fl(1531.0 / 3073)}}
	if d := cmp.Diff(wantPart, all.headline("participants"), approx); d != "" {
		t.Errorf("--year all participants (-want +got):\n%s", d)
	}
	for _, r := range all.Indicators {
		if r.Version < 1 || r.DefinitionChanged {
			t.Errorf("--year all row %d %s: version %d, definition_changed %v; want the current definitions", r.Year, r.ID, r.Version, r.DefinitionChanged)
			break
		}
	}
	checkShippedChange(t, s, all)

	var single map[string]json.RawMessage
	s.json(&single, "indicators", "--year", "2025", "--format", "json")
	var keys []string
	for k := range single {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if d := cmp.Diff([]string{"indicators", "year"}, keys); d != "" || string(single["year"]) != "2025" {
		t.Errorf("indicators --year 2025 --format json: keys %v, year %s; want exactly year and indicators", keys, single["year"])
	}

	// The report of 2025 opens on the trajectory, with the statuses the
	// config gives.
	page, err := os.ReadFile(s.report(2025, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	for class, n := range map[string]int{"behind": 1, "on_track": 1, "achieved": 1, "uncertain": 1} {
		if got := strings.Count(html, `<p class="status `+class+`">`); got != n {
			t.Errorf("report 2025: %d targets %s, want %d", got, class, n)
		}
	}
	if i, j := strings.Index(html, `<section id="trajectoire">`), strings.Index(html, `<section id="chiffres-cles">`); i < 0 || i > j {
		t.Errorf("report 2025: the trajectory is at %d, the key figures at %d; want the trajectory first", i, j)
	}
	if !strings.Contains(html, `<th class="num">2023</th><th class="num">2024</th><th class="num">2025</th>`) {
		t.Error("report 2025 lacks the table of the three years")
	}

	// The workbook beside it holds the figures of the report.
	checkWorkbook(t, s, html)

	// The folder of 2024 is removed, and 2024 with it from the years.
	if err := os.RemoveAll(filepath.Join(s.env["GREENCITY_DATA_DIR"], "2024")); err != nil {
		t.Fatal(err)
	}
	s.env["GREENCITY_YEARS"] = "2023,2025"
	out = s.mustRun("run")
	if !strings.Contains(out, "oublié     2024 : le dossier ") {
		t.Errorf("run after removing data/2024 does not say that 2024 is forgotten:\n%s", out)
	}
	all = allYearsDoc{}
	s.json(&all, "indicators", "--year", "all", "--format", "json")
	if d := cmp.Diff([]int{2023, 2024, 2025}, all.Years); d != "" || !slices.Equal(all.Missing, []int{2024}) {
		t.Errorf("--year all after removing 2024: years %v, missing %v; want 2023-2025 with 2024 missing", all.Years, all.Missing)
	}
	wantPart = []yearFigure{{2023, 1681, nil, nil}, {2025, 4604, nil, nil}} // no change across the gap
	if d := cmp.Diff(wantPart, all.headline("participants"), approx); d != "" {
		t.Errorf("--year all participants after removing 2024 (-want +got):\n%s", d)
	}
	page, err = os.ReadFile(s.report(2025, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`<td class="num missing" data-year="2024" title="aucune donnée en 2024">—</td>`, "Aucune donnée pour 2024 : dossier de l&#39;année absent ou non importé."} {
		if !strings.Contains(string(page), w) {
			t.Errorf("report 2025 after removing 2024 lacks %q", w)
		}
	}
	x, err := excelize.OpenFile(s.report(2025, export.FileName), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	years, err := x.GetRows(export.SheetYears, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(years[0], "2024")
	if col < 0 {
		t.Fatalf("workbook: no column 2024 in %s, header %v", export.SheetYears, years[0])
	}
	for _, r := range years[1:] {
		if r[0] == "participants" && r[5] == "" && col < len(r) && r[col] != "" {
			t.Errorf("workbook: participants in 2024 = %q after removing 2024, want an empty cell", r[col])
		}
	}
}

// checkShippedChange checks the change of the shipped survey's orientation
// share, 70 % of 20 pupils in 2024 to 83 % of 18 in 2025: +13 points, and
// its Newcombe interval, -14,0 to +37,8 points, holds 0. It is so in
// indicators --year all, in the report of 2025 (its table of the years and
// the sentence of its target) and in the workbook's sheet of the years.
func checkShippedChange(t *testing.T, s *shippedConfig, all allYearsDoc) {
	t.Helper()
	var k, n [2]int
	found := 0
	for _, r := range all.Indicators {
		if r.ID != "orientation_confirmed_rate" || r.N == nil || (r.Year != 2024 && r.Year != 2025) {
			continue
		}
		i := r.Year - 2024
		n[i] = int(*r.N)
		k[i] = int(math.Round(r.Value * float64(n[i])))
		found++
		if r.Year != 2025 {
			continue
		}
		if k != [2]int{14, 15} || n != [2]int{20, 18} {
			t.Fatalf("orientation_confirmed_rate: %d of %d in 2024, %d of %d in 2025; want the shipped 14 of 20, 15 of 18", k[0], n[0], k[1], n[1])
		}
		lo, hi, _ := stats.NewcombeDiff(k[0], n[0], k[1], n[1])
		if !near(r.ChangeLow, lo) || !near(r.ChangeHigh, hi) || r.ChangeWithinNoise == nil || !*r.ChangeWithinNoise {
			t.Errorf("orientation_confirmed_rate 2025: change_low %v, change_high %v, change_within_noise %v; want %v, %v, true",
				orNil(r.ChangeLow), orNil(r.ChangeHigh), orNil(r.ChangeWithinNoise), lo, hi)
		}
		// The interval the issue quotes: about -14,0 to +37,8 points.
		if math.Round(lo*1000) != -140 || math.Round(hi*1000) != 378 {
			t.Errorf("orientation_confirmed_rate 2024-2025: interval %.4f to %.4f, want -0.140 to 0.378", lo, hi)
		}
	}
	if found != 2 {
		t.Fatalf("--year all: %d orientation_confirmed_rate figures for 2024 and 2025, want 2", found)
	}
	page, err := os.ReadFile(s.report(2025, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<span class="change">&#43;13,3 pts</span><br><span class="change">entre -14,0 et &#43;37,8 pts</span><br><span class="change">indiscernable du hasard</span>`,
		"De 70\u202f% (2024, 20 répondants) à 83\u202f% (2025, 18 répondants) : &#43;13 points, entre -14 et &#43;38 points : " +
			"un écart que la taille des enquêtes ne permet pas de distinguer du hasard.",
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report 2025 lacks %q", want)
		}
	}
	x, err := excelize.OpenFile(s.report(2025, export.FileName), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(export.SheetYears, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	low, high, noise := slices.Index(rows[0], "Évolution 2025 IC 95 % bas"), slices.Index(rows[0], "Évolution 2025 IC 95 % haut"),
		slices.Index(rows[0], "Évolution 2025 indiscernable du hasard")
	if low < 0 || high < 0 || noise < 0 {
		t.Fatalf("workbook %s: no interval of the change of 2025 in the header %q", export.SheetYears, rows[0])
	}
	for _, r := range rows[1:] {
		if r[0] != "orientation_confirmed_rate" || r[5] != "" || len(r) <= noise {
			continue
		}
		lo, _ := strconv.ParseFloat(r[low], 64)
		hi, _ := strconv.ParseFloat(r[high], 64)
		if math.Round(lo*1000) != -140 || math.Round(hi*1000) != 378 || r[noise] != "oui" {
			t.Errorf("workbook %s: orientation_confirmed_rate change 2025 between %q and %q, noise %q; want -0.140, 0.378, oui", export.SheetYears, r[low], r[high], r[noise])
		}
		return
	}
	t.Errorf("workbook %s: no orientation_confirmed_rate line with its change interval", export.SheetYears)
}

// checkWorkbook reads report/2025/indicateurs.xlsx back and compares its
// campus-wide figures with indicators --year 2025 and the HTML report, then
// its targets with the report's, and opens it in LibreOffice.
func checkWorkbook(t *testing.T, s *shippedConfig, html string) {
	t.Helper()
	path := s.report(2025, export.FileName)
	x, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer x.Close()
	type fig struct {
		id, dim, cat string
		value        float64
		withheld     string // what stands for a withheld figure: "non publié", "< 10"
	}
	var inBook []fig
	for _, sheet := range []string{export.SheetPeople, export.SheetAnimations, export.SheetEstablishment, export.SheetProgrammes} {
		rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("read %s: %v", sheet, err)
		}
		if d := cmp.Diff(export.FigureHeader, rows[0]); d != "" {
			t.Errorf("%s header (-want +got):\n%s", sheet, d)
		}
		for _, r := range rows[1:] {
			if r[7] == pipeline.UnanimousText || strings.HasPrefix(r[7], "< ") {
				inBook = append(inBook, fig{r[0], r[5], r[6], 0, r[7]})
				continue
			}
			v, err := strconv.ParseFloat(r[7], 64)
			if err != nil {
				t.Errorf("%s: value %q of %v is neither a number nor withheld", sheet, r[7], r)
			}
			inBook = append(inBook, fig{r[0], r[5], r[6], v, ""})
		}
	}
	doc := newIndicatorsDoc(t, s)
	var inJSON []fig
	for _, r := range doc.Indicators {
		if _, survey := r.Breakdown["survey"]; survey {
			continue
		}
		f := fig{id: r.ID, value: r.Value, withheld: r.Withheld}
		// The workbook names a breakdown and its values as the report does.
		for k, v := range r.Breakdown {
			f.dim, f.cat = charts.DimensionLabel(french, k), charts.CategoryLabel(french, k, v)
		}
		inJSON = append(inJSON, f)
	}
	less := func(a, b fig) int {
		return strings.Compare(a.id+"\x00"+a.dim+"\x00"+a.cat, b.id+"\x00"+b.dim+"\x00"+b.cat)
	}
	slices.SortFunc(inBook, less)
	slices.SortFunc(inJSON, less)
	// 15 significant digits, as spreadsheets keep them.
	if d := cmp.Diff(inJSON, inBook, cmp.AllowUnexported(fig{}), cmpopts.EquateApprox(1e-14, 0)); d != "" {
		t.Errorf("workbook figures differ from indicators --year 2025 (-json +workbook):\n%s", d)
	}
	for _, f := range inBook {
		if f.id == "participants" && f.dim == "" && (f.value != 4604 || !strings.Contains(html, `<p class="value">4`+"\u202f"+`604</p>`)) {
			t.Errorf("participants: %v in the workbook; want 4604, as the HTML shows it", f.value)
		}
	}
	tg, err := x.GetRows(export.SheetTargets, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var statuses []string
	code, reason := slices.Index(tg[0], "Statut (code)"), slices.Index(tg[0], "Raison du statut")
	for _, r := range tg[1:] {
		statuses = append(statuses, r[code])
		// The uncertain target says why, in words.
		if r[code] == "uncertain" && (reason < 0 || len(r) <= reason || !strings.Contains(r[reason], "probablement entre") || strings.Contains(r[reason], "significatif")) {
			t.Errorf("workbook targets: the uncertain target gives no reason in column %d: %q", reason, r)
		}
	}
	if d := cmp.Diff([]string{"behind", "on_track", "achieved", "uncertain"}, statuses); d != "" {
		t.Errorf("workbook targets (-want +got):\n%s", d)
	}

	lo := xlsxtest.ReadWithLibreOffice(t, path)
	for _, r := range lo[export.SheetPeople] {
		if r[0] == "participants" && r[5] == "" && r[6] == "" && r[7] != "4604" {
			t.Errorf("LibreOffice reads participants as %q, want 4604", r[7])
		}
	}
	if got := len(lo[export.SheetTargets]); got != 5 {
		t.Errorf("LibreOffice reads %d lines of targets, want the header and 4", got)
	}
}

// newIndicatorsDoc is indicators --year 2025 --format json.
func newIndicatorsDoc(t *testing.T, s *shippedConfig) indicatorsDoc {
	t.Helper()
	var doc indicatorsDoc
	s.json(&doc, "indicators", "--year", "2025", "--format", "json")
	return doc
}

// TestYearsView_outputs checks --year all on rows of three years, 2024
// missing, with a definition changed in 2025 and a month followed across
// years: table, JSON and CSV.
func TestYearsView_outputs(t *testing.T) {
	row := func(year int, id, dim, cat string, v float64, version int, unit string) pipeline.Row {
		return pipeline.Row{ID: id, Year: year, Dimension: dim, Category: cat, Value: v, N: int64(v), Version: version, Unit: unit}
	}
	v := newYearsView([]pipeline.Row{
		row(2023, "participants", "", "", 1681, 1, "personnes"),
		row(2023, "animations", "mois", "2023-01", 3, 1, "animations"),
		row(2023, "attractiveness", "", "", 1.4, 1, "candidats par place"),
		row(2025, "participants", "", "", 4604, 1, "personnes"),
		row(2025, "animations", "mois", "2025-01", 4, 1, "animations"),
		row(2025, "attractiveness", "", "", 1.63, 2, "candidats par place"),
		row(2026, "participants", "", "", 5000, 1, "personnes"),
		row(2026, "animations", "mois", "2026-01", 6, 1, "animations"),
		row(2026, "attractiveness", "", "", 1.6, 2, "candidats par place"),
		row(2027, "participants", "", "", 6000, 1, "personnes"), // after the year asked
	}, 2026)
	var b bytes.Buffer
	if err := v.writeTable(&b); err != nil {
		t.Fatal(err)
	}
	want := "indicateur      enquête  ventilation  2023   2024  2025    2026   évolution 2026  \n" +
		"animations               mois = 01    3      —     4       6      +2 (+50,0\u202f%)    \n" +
		"participants                          1\u202f681  —     4\u202f604   5\u202f000  +396 (+8,6\u202f%)   \n" +
		"attractiveness                        1,40   —     1,63 †  1,60   -0,03 (-1,8\u202f%)  \n" +
		"— : aucune donnée pour 2024 (dossier absent ou non importé)\n" +
		"† : définition de l'indicateur modifiée depuis l'année précédente (champ version de --format json)\n"
	if d := cmp.Diff(want, b.String()); d != "" {
		t.Errorf("--year all table (-want +got):\n%s", d)
	}

	b.Reset()
	if err := v.writeCSV(&b, false); err != nil {
		t.Fatal(err)
	}
	wantCSV := `year,id,survey,dimension,category,value,n,ci_low,ci_high,unit,question,vague,version,change,change_pct,definition_changed,coverage,change_low,change_high,change_within_noise,withheld,withheld_rule,withheld_below
2023,animations,,mois,2023-01,3,3,,,animations,,,1,,,false,,,,,,,
2023,participants,,,,1681,1681,,,personnes,,,1,,,false,,,,,,,
2023,attractiveness,,,,1.4,1,,,candidats par place,,,1,,,false,,,,,,,
2025,animations,,mois,2025-01,4,4,,,animations,,,1,,,false,,,,,,,
2025,participants,,,,4604,4604,,,personnes,,,1,,,false,,,,,,,
2025,attractiveness,,,,1.63,1,,,candidats par place,,,2,,,true,,,,,,,
2026,animations,,mois,2026-01,6,6,,,animations,,,1,2,0.5,false,,,,,,,
2026,participants,,,,5000,5000,,,personnes,,,1,396,0.08601216333622937,false,,,,,,,
2026,attractiveness,,,,1.6,1,,,candidats par place,,,2,-0.029999999999999805,-0.018404907975460003,false,,,,,,,
`
	if d := cmp.Diff(wantCSV, b.String()); d != "" {
		t.Errorf("--year all csv (-want +got):\n%s", d)
	}

	// The same rows for a French Excel (csv.go).
	b.Reset()
	if err := v.writeCSV(&b, true); err != nil {
		t.Fatal(err)
	}
	// For people: each indicator's label beside its id, breakdowns and
	// their values in French.
	wantExcel := "\ufeffAnnée;Indicateur;Libellé;Enquête;Ventilation;Catégorie;Valeur;n;IC 95 % bas;IC 95 % haut;Unité;Question;Vague;Version de la définition;Évolution;Évolution relative;Définition modifiée;Couverture;Évolution IC 95 % bas;Évolution IC 95 % haut;Évolution indiscernable du hasard;Non publié;Règle;Seuil de publication\r\n" +
		"2023;animations;Animations;;Mois;janv. 2023;3;3;;;animations;;;1;;;non;;;;;;;\r\n" +
		"2023;participants;Participations;;;;1681;1681;;;personnes;;;1;;;non;;;;;;;\r\n" +
		"2023;attractiveness;Attractivité des formations;;;;1,4;1;;;candidats par place;;;1;;;non;;;;;;;\r\n" +
		"2025;animations;Animations;;Mois;janv. 2025;4;4;;;animations;;;1;;;non;;;;;;;\r\n" +
		"2025;participants;Participations;;;;4604;4604;;;personnes;;;1;;;non;;;;;;;\r\n" +
		"2025;attractiveness;Attractivité des formations;;;;1,63;1;;;candidats par place;;;2;;;oui;;;;;;;\r\n" +
		"2026;animations;Animations;;Mois;janv. 2026;6;6;;;animations;;;1;2;0,5;non;;;;;;;\r\n" +
		"2026;participants;Participations;;;;5000;5000;;;personnes;;;1;396;0,08601216333622937;non;;;;;;;\r\n" +
		"2026;attractiveness;Attractivité des formations;;;;1,6;1;;;candidats par place;;;2;-0,029999999999999805;-0,018404907975460003;non;;;;;;;\r\n"
	if d := cmp.Diff(wantExcel, b.String()); d != "" {
		t.Errorf("--year all csv-excel (-want +got):\n%s", d)
	}

	b.Reset()
	if err := v.writeJSON(&b); err != nil {
		t.Fatal(err)
	}
	var doc allYearsDoc
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]int{2023, 2024, 2025, 2026}, doc.Years); d != "" || !slices.Equal(doc.Missing, []int{2024}) {
		t.Errorf("--year all json: years %v, missing %v; want 2023-2026 with 2024 missing", doc.Years, doc.Missing)
	}
	r := doc.Indicators[5]
	if r.Year != 2025 || r.ID != "attractiveness" || r.Version != 2 || !r.DefinitionChanged || r.Change != nil {
		t.Errorf("--year all json row 6 = %+v, want attractiveness 2025, version 2, definition changed, no change from the missing 2024", r)
	}
	if !strings.HasPrefix(b.String(), "{\n  \"years\": [\n    2023,") || !strings.Contains(b.String(), "{\n      \"year\": 2023,\n      \"id\": \"animations\",") {
		t.Errorf("--year all json: want years first, and each row starting with its year:\n%s", b.String())
	}
}

// TestYearsView_StricterThresholdWithholds checks that figures recorded by a
// run are withheld again by a stricter min_cell_size in --year all, as they
// are by --year 2025.
func TestYearsView_StricterThresholdWithholds(t *testing.T) {
	s := newShippedConfig(t)
	s.mustRun("run")
	s.env["GREENCITY_MIN_CELL_SIZE"] = "20"
	var doc struct {
		Indicators []struct {
			Year      int               `json:"year"`
			ID        string            `json:"id"`
			Breakdown map[string]string `json:"breakdown"`
			Value     *float64          `json:"value"`
		} `json:"indicators"`
	}
	s.json(&doc, "indicators", "--year", "all", "--format", "json")
	for _, r := range doc.Indicators {
		if r.ID == "orientation_confirmed_rate" && r.Year == 2025 && r.Value != nil {
			t.Errorf("--year all with min_cell_size 20: %d orientation_confirmed_rate %v = %v, want it withheld (18 respondents)", r.Year, r.Breakdown, *r.Value)
		}
	}
	if out := s.mustRun("indicators", "--year", "all", "--format", "csv"); strings.Contains(out, "orientation_confirmed_rate,Engagement tour lycée 2025,,,0.83") {
		t.Errorf("--year all --format csv with min_cell_size 20 shows the 2025 orientation share:\n%s", out)
	}
}

// TestRun_UnlistedYearFolder checks that a year folder left out of the years
// key is named, not silently ignored.
func TestRun_UnlistedYearFolder(t *testing.T) {
	s := newShippedConfig(t)
	if err := os.MkdirAll(filepath.Join(s.env["GREENCITY_DATA_DIR"], "2026"), 0o755); err != nil {
		t.Fatal(err)
	}
	out := s.mustRun("run")
	want := "  note : le dossier " + filepath.Join(s.env["GREENCITY_DATA_DIR"], "2026") + " n'est pas dans la liste years de la configuration : il n'est pas importé\n"
	if !strings.Contains(out, want) {
		t.Errorf("run output lacks %q:\n%s", want, out)
	}
}

// A target value on the wrong side of a baseline read in the data (20
// learners in 2023, direction up) cannot be reached: run, report and
// targets refuse it, naming the target's key, as they refuse it when the
// baseline is written in config.yaml.
func TestTargets_WrongSideOfDataBaseline(t *testing.T) {
	s := newShippedConfig(t)
	b, err := os.ReadFile(s.config)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(b), "target: {year: 2030, multiplier: 2.5}", "target: {year: 2030, value: 15}", 1)
	if bad == string(b) {
		t.Fatal("the shipped immersion target was not found in config.yaml")
	}
	if err := os.WriteFile(s.config, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	const want = "configuration targets[1].target.value = 15 : attendu une cible au-dessus de la référence 20 (lue dans les données de 2023) avec direction up"
	for _, cmd := range [][]string{{"run"}, {"report", "--year", "2025"}, {"targets"}} {
		var out, errb bytes.Buffer
		args := append(cmd, "--config", s.config)
		code := RunEnv(context.Background(), args, &out, &errb, func(k string) string { return s.env[k] })
		if code == 0 || !strings.Contains(errb.String(), want) {
			t.Errorf("greencity %s: exit %d, stderr:\n%s\nwant an error with %q", strings.Join(cmd, " "), code, errb.String(), want)
		}
	}
}

// Judged in 2023, the baseline year, no target has a figure of its own to be
// judged on: each is no_data, saying why, in the json and the table.
func TestTargets_NoDataSaysWhy(t *testing.T) {
	s := newShippedConfig(t)
	s.mustRun("run")
	var tg []map[string]any
	s.json(&tg, "targets", "--year", "2023", "--format", "json")
	var got [][2]any
	for _, r := range tg {
		got = append(got, [2]any{r["status"], r["reason"]})
	}
	base := "seule la valeur de l'année de référence 2023 est connue : aucune année après elle pour juger"
	want := [][2]any{{"no_data", base}, {"no_data", base}, {"no_data", base}, {"no_data", "aucune valeur en 2024, l'année de référence"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("targets --year 2023 (-want +got):\n%s", d)
	}
	table := s.mustRun("targets", "--year", "2023")
	if w := "Plus de périodes d'immersion en entreprise : pas de données pour juger : " + base; !strings.Contains(table, w) {
		t.Errorf("targets table lacks %q:\n%s", w, table)
	}
}
