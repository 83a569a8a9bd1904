package cli

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/demodata"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
)

// lakeCampus is one campus of TestLake_ThreeCampuses: its name and the
// demonstration workbooks of 2025 it lacks, so that the campuses' counts
// differ.
type lakeCampus struct {
	name    string
	without []string
}

// lakeHarnesses builds one database per campus from the demonstration data
// of 2025, all hashing respondent codes under the same key, and exports
// each into the lake folder returned.
func lakeHarnesses(t *testing.T, campuses []lakeCampus) (string, []*harness) {
	t.Helper()
	lake := filepath.Join(t.TempDir(), "lac")
	var hs []*harness
	for _, c := range campuses {
		data := t.TempDir()
		if err := demodata.Write(data); err != nil {
			t.Fatal(err)
		}
		for _, f := range c.without {
			if err := os.Remove(filepath.Join(data, "2025", filepath.FromSlash(f))); err != nil {
				t.Fatal(err)
			}
		}
		h := newHarness(t, data, "2025")
		h.env["GREENCITY_CAMPUS"] = c.name
		h.env["GREENCITY_RESPONDENT_KEY"] = "one key for the whole region, 32+"
		h.mustRun("import", filepath.Join(data, "2025"))
		h.mustRun("export", "--parquet", lake)
		hs = append(hs, h)
	}
	return lake, hs
}

// figureKey locates a figure in --format json: its indicator and breakdown.
func figureKey(id string, breakdown map[string]string) string {
	b, _ := json.Marshal(breakdown) // sorted keys
	return id + " " + string(b)
}

// TestLake_ThreeCampuses builds three campuses from the demonstration data
// (each lacking other workbooks), imports each into its own database and
// exports each into one lake. From the lake, each campus's figures are
// those of its own database, to the byte; the union's counts are the sums
// of the campuses' and its shares are computed on all their rows (the
// share of the pooled counts, not the mean of the shares); no respondent
// hash is shared between campuses though they share a key; and a partition
// without its manifest, or whose rows are not those it counts, is refused
// by name.
func TestLake_ThreeCampuses(t *testing.T) {
	campuses := []lakeCampus{
		{name: "CMQ Green City BFC"},
		{name: "CMQ Énergies Nord", without: []string{"participations/territoires.xlsx"}},
		{name: "CMQ Bâtiment Sud", without: []string{"participations/festival-transition.xlsx", "questionnaires/engagement-tour-lycee.xlsx"}},
	}
	lake, hs := lakeHarnesses(t, campuses)

	var docs []indicatorsDoc
	for i, c := range campuses {
		fromDB := hs[i].mustRun("indicators", "--year", "2025", "--format", "json")
		fromLake := hs[i].mustRun("indicators", "--year", "2025", "--format", "json", "--lake", lake, "--campus", c.name)
		if d := cmp.Diff(fromDB, fromLake); d != "" {
			t.Errorf("%s: indicators from the lake differ from its database's (-database +lake):\n%s", c.name, d)
		}
		var doc indicatorsDoc
		if err := json.Unmarshal([]byte(fromLake), &doc); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
	var union indicatorsDoc
	out := hs[0].mustRun("indicators", "--year", "2025", "--format", "json", "--lake", lake, "--campus", "all")
	if err := json.Unmarshal([]byte(out), &union); err != nil {
		t.Fatal(err)
	}

	// Sum and pool the campuses' figures: a count adds up, a share is
	// the pooled k over the pooled n.
	type pooled struct {
		value, k float64
		n        int64
		unit     string
		withheld bool // in some campus: its value is not there to pool
	}
	sums := map[string]*pooled{}
	for _, doc := range docs {
		for _, f := range doc.Indicators {
			key := figureKey(f.ID, f.Breakdown)
			p := sums[key]
			if p == nil {
				p = &pooled{unit: f.Unit}
				sums[key] = p
			}
			p.withheld = p.withheld || f.Withheld != ""
			p.value += f.Value
			p.k += f.Value * float64(f.N)
			p.n += f.N
		}
	}
	checked := map[string]bool{}
	for _, f := range union.Indicators {
		key := figureKey(f.ID, f.Breakdown)
		p := sums[key]
		if p == nil {
			t.Errorf("union figure %s: no campus has it", key)
			continue
		}
		if p.withheld || f.Withheld != "" {
			continue // withheld figures are the rules' (pipeline/regional_test.go), not a pooling
		}
		var want float64
		switch f.ID {
		case "animations", "participants", "establishments", "immersion_periods":
			want = p.value
		case "girls_share", "qpv_share", "orientation_confirmed_rate":
			want = p.k / float64(p.n)
		default:
			continue // means, ratios and changes are checked by the campus-to-database comparison
		}
		checked[f.ID] = true
		if f.N != p.n || fmt.Sprintf("%.9f", f.Value) != fmt.Sprintf("%.9f", want) {
			t.Errorf("union %s = %v (n = %d), want %v (n = %d) from the campuses", key, f.Value, f.N, want, p.n)
		}
	}
	for _, id := range []string{"animations", "participants", "establishments", "immersion_periods", "girls_share", "orientation_confirmed_rate"} {
		if !checked[id] {
			t.Errorf("the union has no %s figure", id)
		}
	}
	// The union differs from every campus (the campuses are not alike).
	for i, doc := range docs {
		if cmp.Equal(doc, union) {
			t.Errorf("union figures equal those of %s alone", campuses[i].name)
		}
	}

	// One key for the region, yet no hash in two campuses.
	reader, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	var shared, surveyed int
	q := "select count(*) filter (where campuses > 1), count(distinct campus_count) from (select respondent, count(distinct campus) as campuses, count(distinct campus) as campus_count from read_parquet('" +
		lakeGlob(lake, "survey_answers") + "', hive_partitioning = true) group by respondent)"
	if err := reader.QueryRow(q).Scan(&shared, &surveyed); err != nil {
		t.Fatal(err)
	}
	var campusesSurveyed int
	if err := reader.QueryRow("select count(distinct campus) from read_parquet('" + lakeGlob(lake, "survey_answers") + "', hive_partitioning = true)").Scan(&campusesSurveyed); err != nil {
		t.Fatal(err)
	}
	if campusesSurveyed != 2 || shared != 0 {
		t.Errorf("%d campuses with answers and %d respondent hashes in more than one, want 2 and 0", campusesSurveyed, shared)
	}

	// The regional report: one per campus, the union's, the page side by side.
	rep := filepath.Join(t.TempDir(), "regional")
	hs[0].mustRun("report", "--year", "2025", "--lake", lake, "--campus", "all", "--out", rep)
	index, err := os.ReadFile(filepath.Join(rep, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range campuses {
		if _, err := os.Stat(filepath.Join(rep, campusFolder(c.name), "index.html")); err != nil {
			t.Errorf("report of %s: %v", c.name, err)
		}
		if !strings.Contains(string(index), "<th>"+c.name+"</th>") {
			t.Errorf("the side-by-side page has no column for %s", c.name)
		}
	}
	if _, err := os.Stat(filepath.Join(rep, "ensemble", "index.html")); err != nil {
		t.Errorf("report of the union: %v", err)
	}

	// The action sheets run on the lake as on the database: a campus's
	// are its database's; the union's add the campuses' up, two campuses'
	// sessions of an action on one day being two, and keep the survey of
	// the action its questionnaires are about.
	sheetsPart := func(file string) string {
		t.Helper()
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		i := strings.Index(page, `<section id="fiches-action">`)
		if i < 0 {
			t.Fatalf("%s has no action sheets", file)
		}
		return page[i : i+strings.Index(page[i:], "</section>")]
	}
	dbRep := filepath.Join(t.TempDir(), "base")
	hs[0].mustRun("report", "--year", "2025", "--out", dbRep)
	if d := cmp.Diff(sheetsPart(filepath.Join(dbRep, "index.html")), sheetsPart(filepath.Join(rep, campusFolder(campuses[0].name), "index.html"))); d != "" {
		t.Errorf("%s: action sheets from the lake differ from its database's (-database +lake):\n%s", campuses[0].name, d)
	}
	_, bodies := sheetsOf(t, sheetsPart(filepath.Join(rep, "ensemble", "index.html")))
	response := plain(bodies["Visite du projet RESPONSE"])
	// Two campuses of three have its attendance (territoires.xlsx).
	if !strings.Contains(response, "682 Participations 10 Séances 10 Établissements touchés") {
		t.Errorf("the union's sheet of Visite du projet RESPONSE does not add up the two campuses' (341 participations, 5 sessions, 5 establishments each):\n%s", response)
	}
	if tour := plain(bodies["Engagement tour - Lycée"]); !strings.Contains(tour, "Enquête : Engagement tour lycée 2025") {
		t.Errorf("the union's sheet of Engagement tour - Lycée lacks its survey:\n%s", tour)
	}

	// A partition without its manifest, then one whose rows are not those
	// of its manifest, is refused by its folder.
	parts, err := filepath.Glob(filepath.Join(lake, "participations", "campus=*Nord", "year=2025"))
	if err != nil || len(parts) != 1 {
		t.Fatalf("partition folders of CMQ Énergies Nord: %v %v", parts, err)
	}
	part := parts[0]
	manifest, err := os.ReadFile(filepath.Join(part, pipeline.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(part, pipeline.ManifestName)); err != nil {
		t.Fatal(err)
	}
	_, errs, code := hs[0].run("indicators", "--year", "2025", "--lake", lake, "--campus", "all")
	if want := part + " : partition du lac refusée : pas de " + pipeline.ManifestName; code != 1 || !strings.Contains(errs, want) {
		t.Errorf("lake with a partition without manifest: exit %d, stderr %q; want 1 and %q", code, errs, want)
	}
	var m pipeline.Manifest
	if err := json.Unmarshal(manifest, &m); err != nil {
		t.Fatal(err)
	}
	m.Rows++
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(part, pipeline.ManifestName), b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code = hs[0].run("indicators", "--year", "2025", "--lake", lake, "--campus", "CMQ Green City BFC")
	if want := fmt.Sprintf("%s : partition du lac refusée : ses fichiers Parquet ont %d lignes, son manifest en compte %d", part, m.Rows-1, m.Rows); code != 1 || !strings.Contains(errs, want) {
		t.Errorf("lake with a partition short of its manifest: exit %d, stderr %q; want 1 and %q", code, errs, want)
	}
}
