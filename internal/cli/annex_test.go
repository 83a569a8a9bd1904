package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cmq-greencity/greencity/export"
	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/queries"
)

// testRespondentKey is the respondent key of the annex tests: a secret that
// no report may show.
const testRespondentKey = "clé-secrète-des-répondants-4f9a2c"

// writeAnnexData writes a year of data: a catalogue, an attendance workbook
// and the small survey of writeSmallSurvey.
func writeAnnexData(t *testing.T) string {
	data := writeSmallSurvey(t)
	xlsxtest.Write(t, filepath.Join(data, "2025", "participations", "ateliers.xlsx"), xlsxtest.Sheet{Name: "Feuil1", Rows: [][]any{
		{"action", "date", "etablissement", "type_etablissement", "commune", "public", "niveau", "participants", "dont_filles", "dont_qpv_zrr"},
		{"Atelier énergie", "12/03/2025", "Lycée Eiffel", "lycée", "Dijon", "lycéens", "seconde", 24, 11, 4},
		{"Atelier énergie", "13/03/2025", "Collège Bachelard", "collège", "Dijon", "collégiens", "troisième", 28, 15, 6},
	}})
	return data
}

// annexDigest reads the configuration digest that a report's annex shows.
func annexDigest(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`<dt>Empreinte de la configuration</dt><dd><code class="hash">([0-9a-f]{64})</code>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the report's annex shows no configuration digest")
	}
	return m[1]
}

// TestReport_annex: the report and its workbook end on the methods annex:
// every indicator shown with its numerator, denominator, n and version, every
// source file with the SHA-256 of the file the test wrote and the greencity
// that imported it, the configuration digest, which changes with
// min_cell_size and not with the producer, and never the respondent key.
func TestReport_annex(t *testing.T) {
	data := writeAnnexData(t)
	h := newHarness(t, data, "2025")
	h.env["GREENCITY_RESPONDENT_KEY"] = testRespondentKey
	h.env["GREENCITY_PRODUCER"] = "Équipe évaluation"
	h.mustRun("run")
	dir := filepath.Join(h.env["GREENCITY_REPORT_DIR"], "2025")
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	x, err := excelize.OpenFile(filepath.Join(dir, export.FileName), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheet := func(name string) [][]string {
		rows, err := x.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}

	// Every indicator shown: its numerator, denominator, n and version, as
	// its SQL file says them.
	inds, err := queries.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	doc := h.indicators("2025")
	defs := sheet(export.SheetDefinitions)
	col := func(name string) int { return slices.Index(defs[0], name) }
	shown := map[string][]int64{} // id -> n of its figures without a breakdown
	for _, r := range doc.Indicators {
		shown[r.ID] = shown[r.ID]
		if len(r.Breakdown) == 0 {
			shown[r.ID] = append(shown[r.ID], r.N)
		}
	}
	for _, ind := range inds {
		ns, ok := shown[ind.ID]
		if !ok {
			continue // not computed on these data: not shown
		}
		row := "<small>" + ind.ID + "</small></td><td>" + template.HTMLEscapeString(ind.Numerator) + "</td><td>" +
			template.HTMLEscapeString(ind.Denominator) + "</td><td class=\"num\">"
		i := strings.Index(page, row)
		if i < 0 {
			t.Errorf("the annex has no row of %s with its numerator and denominator (%s)", ind.ID, row)
			continue
		}
		line := page[i : i+strings.Index(page[i:], "</tr>")]
		if !strings.Contains(line, `<td class="num">`+strconv.Itoa(ind.Version)+`</td>`) || !strings.Contains(line, ind.SHA256) {
			t.Errorf("the annex row of %s lacks its version %d or its SQL digest %s: %s", ind.ID, ind.Version, ind.SHA256, line)
		}
		if len(ns) == 1 && !strings.Contains(line, `<td class="num">`+strconv.FormatInt(ns[0], 10)+`</td>`) {
			t.Errorf("the annex row of %s lacks its n %d: %s", ind.ID, ns[0], line)
		}
		k := slices.IndexFunc(defs, func(r []string) bool { return r[0] == ind.ID })
		if k < 0 || defs[k][col("Numérateur")] != ind.Numerator || defs[k][col("Dénominateur")] != ind.Denominator ||
			defs[k][col("Empreinte SHA-256 du fichier SQL")] != ind.SHA256 || defs[k][col("Version")] != strconv.Itoa(ind.Version) {
			t.Errorf("sheet %s has no row of %s with its numerator, denominator, version and SQL digest", export.SheetDefinitions, ind.ID)
		}
	}
	// The orientation of the 9 respondents is withheld: its n is not told.
	if i := strings.Index(page, "<small>orientation_confirmed_rate</small>"); i < 0 || strings.Contains(page[i:i+strings.Index(page[i:], "</tr>")], `"num">9<`) {
		t.Errorf("the annex tells the n of a withheld figure, or has no row for it")
	}

	// Every file the test wrote: the SHA-256 of its bytes, in the page and
	// the workbook, imported by this greencity.
	methods := sheet(export.SheetMethods)
	files := 0
	err = filepath.WalkDir(data, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		want := hex.EncodeToString(sum[:])
		rel, _ := filepath.Rel(data, path)
		rel = filepath.ToSlash(rel)
		i := strings.Index(page, "<tr><td>"+rel+"</td>")
		if i < 0 {
			t.Errorf("the annex lists no source %s", rel)
			return nil
		}
		line := page[i : i+strings.Index(page[i:], "</tr>")]
		if !strings.Contains(line, `<code class="hash">`+want+`</code>`) || !strings.Contains(line, "<td>"+template.HTMLEscapeString(Version())+"</td>") {
			t.Errorf("the annex row of %s = %s; want the SHA-256 %s of the file and the greencity that imported it (%s)", rel, line, want, Version())
		}
		if !slices.ContainsFunc(methods, func(r []string) bool { return len(r) > 2 && r[0] == "Fichier source" && r[1] == rel && r[2] == want }) {
			t.Errorf("sheet %s has no row Fichier source %s %s", export.SheetMethods, rel, want)
		}
		return nil
	})
	if err != nil || files != 3 {
		t.Fatalf("walk %s: %d files, %v", data, files, err)
	}

	// The digest is the SHA-256 of the canonical form the workbook gives.
	digest := annexDigest(t, page)
	i := slices.IndexFunc(methods, func(r []string) bool { return len(r) > 2 && r[0] == "Configuration" && r[1] == "Forme canonique" })
	if i < 0 {
		t.Fatalf("sheet %s has no canonical form of the configuration", export.SheetMethods)
	}
	if sum := sha256.Sum256([]byte(methods[i][2])); hex.EncodeToString(sum[:]) != digest {
		t.Errorf("SHA-256 of the canonical form %q = %x, want the digest shown %s", methods[i][2], sum, digest)
	}

	// The respondent key is nowhere: not in the page, not in any cell.
	if strings.Contains(page, testRespondentKey) || strings.Contains(page, template.HTMLEscapeString(testRespondentKey)) {
		t.Error("the report shows the respondent key")
	}
	for _, name := range x.GetSheetList() {
		for _, r := range sheet(name) {
			if slices.ContainsFunc(r, func(c string) bool { return strings.Contains(c, testRespondentKey) }) {
				t.Errorf("sheet %s shows the respondent key", name)
			}
		}
	}

	// Another producer: the same digest; another min_cell_size: another.
	again := func(key, value string) string {
		h.env[key] = value
		out := filepath.Join(t.TempDir(), "rapport")
		h.mustRun("report", "--year", "2025", "--out", out)
		b, err := os.ReadFile(filepath.Join(out, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return annexDigest(t, string(b))
	}
	if got := again("GREENCITY_PRODUCER", "Une autre équipe"); got != digest {
		t.Errorf("digest with another producer = %s, want the same %s", got, digest)
	}
	if got := again("GREENCITY_MIN_CELL_SIZE", "9"); got == digest {
		t.Errorf("digest with min_cell_size 9 = %s, the same as with 10", got)
	}
}

// TestConfigDigest_everyKeyClassified: every key of config.yaml is either
// in the digest or said to be left out of it, never both, so that a key
// added later is classified by whoever adds it.
func TestConfigDigest_everyKeyClassified(t *testing.T) {
	for _, k := range configKeys() {
		in, out := slices.Contains(digestKeys, k), slices.Contains(digestLeftOut, k)
		if in == out {
			t.Errorf("config key %s: in the digest %t, left out %t; want exactly one (config_digest.go)", k, in, out)
		}
	}
	for _, k := range append(slices.Clone(digestKeys), digestLeftOut...) {
		if !slices.Contains(configKeys(), k) {
			t.Errorf("config_digest.go names %s, which is no config key", k)
		}
	}
}

// TestConfigDigest_respondentKey: the canonical form holds no respondent
// key, and the digest does not depend on it.
func TestConfigDigest_respondentKey(t *testing.T) {
	c := Config{Campus: "C", YearBoundary: "calendar", MinCellSize: 10, RespondentKey: testRespondentKey}
	canonical, digest, err := configDigest(c)
	if err != nil {
		t.Fatal(err)
	}
	c.RespondentKey = "une tout autre clé de répondants"
	_, other, err := configDigest(c)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(canonical, testRespondentKey) || strings.Contains(canonical, "respondent") || other != digest {
		t.Errorf("canonical form %s (digest %s, %s with another key): want no respondent key in it, and the same digest", canonical, digest, other)
	}
}
