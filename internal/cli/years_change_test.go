package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/stats"
)

// changeSurvey is what changeYears writes for one year of the survey
// "Atelier": 30 pupils, before and after.
type changeSurvey struct {
	agreeOrientation, agreeSatisfaction int       // of 30, answering 4 after (the others 2)
	interestPre, interestPost           []float64 // interet_sciences_energie, pupil by pupil
	knowsPre, knowsPost                 []float64 // connait_metiers
}

// changeYears writes the survey "Atelier" of 2024 and 2025. Between the two
// years, the share confirmed in their orientation goes from 9 to 27 pupils
// of 30 (a change no sampling explains) and the share satisfied from 20 to
// 22 of 30 (one it does); the change in points of interest goes from about
// 0 to about +2 (told from noise), that of knowing the trades stays at +1
// (not told).
func changeYears(t *testing.T) (string, map[int]changeSurvey) {
	t.Helper()
	cycle := func(i int, vs ...float64) float64 { return vs[i%len(vs)] }
	surveys := map[int]changeSurvey{2024: {agreeOrientation: 9, agreeSatisfaction: 20}, 2025: {agreeOrientation: 27, agreeSatisfaction: 22}}
	for i := range 30 {
		s24, s25 := surveys[2024], surveys[2025]
		s24.interestPre = append(s24.interestPre, cycle(i, 2, 3))
		s24.interestPost = append(s24.interestPost, cycle(i, 2, 3)+cycle(i, -1, 0, 1))
		s25.interestPre = append(s25.interestPre, cycle(i, 1, 2))
		s25.interestPost = append(s25.interestPost, cycle(i, 1, 2)+cycle(i, 1, 2, 3))
		for _, s := range []*changeSurvey{&s24, &s25} {
			s.knowsPre = append(s.knowsPre, cycle(i, 2, 3))
			s.knowsPost = append(s.knowsPost, cycle(i, 2, 3)+cycle(i, 0, 1, 2))
		}
		surveys[2024], surveys[2025] = s24, s25
	}
	data := t.TempDir()
	for year, s := range surveys {
		dir := filepath.Join(data, strconv.Itoa(year))
		xlsxtest.Write(t, filepath.Join(dir, "actions.xlsx"), xlsxtest.Sheet{Name: "actions", Rows: [][]any{
			{"action", "axe", "type"}, {"Atelier énergie", "compétences", "atelier"}}})
		agree := func(i, k int) int {
			if i < k {
				return 4
			}
			return 2
		}
		pre := [][]any{{"code", "interet_sciences_energie", "connait_metiers"}}
		post := [][]any{{"code", "renforce_orientation", "satisfaction", "interet_sciences_energie", "connait_metiers"}}
		for i := range 30 {
			code := fmt.Sprintf("P%02d", i+1)
			pre = append(pre, []any{code, s.interestPre[i], s.knowsPre[i]})
			post = append(post, []any{code, agree(i, s.agreeOrientation), agree(i, s.agreeSatisfaction), s.interestPost[i], s.knowsPost[i]})
		}
		xlsxtest.Write(t, filepath.Join(dir, "questionnaires", "atelier.xlsx"),
			xlsxtest.Sheet{Name: "enquete", Rows: [][]any{{"action", "Atelier énergie"}, {"population", 30}, {"titre", "Atelier " + strconv.Itoa(year)}}},
			xlsxtest.Sheet{Name: "questions", Rows: [][]any{{"id", "libelle", "type"},
				{"renforce_orientation", "L'atelier a conforté mon choix", "likert5"},
				{"satisfaction", "Je suis satisfait", "likert5"},
				{"interet_sciences_energie", "Les sciences et l'énergie m'intéressent", "likert5"},
				{"connait_metiers", "Je connais les métiers", "likert5"}}},
			xlsxtest.Sheet{Name: "pre", Rows: pre},
			xlsxtest.Sheet{Name: "post", Rows: post},
		)
	}
	return data, surveys
}

// TestIndicators_ChangeInterval checks that a change between two years of a
// survey carries its 95 % interval, Newcombe's for a share and Welch's for a
// change in points, and says whether it can be told from noise, in the json,
// csv-excel and table formats of indicators --year all and in the report.
func TestIndicators_ChangeInterval(t *testing.T) {
	data, surveys := changeYears(t)
	h := newHarness(t, data, "2024,2025")
	h.mustRun("import", filepath.Join(data, "2024"))
	h.mustRun("import", filepath.Join(data, "2025"))

	var doc struct {
		Indicators []struct {
			Year        int               `json:"year"`
			ID          string            `json:"id"`
			Breakdown   map[string]string `json:"breakdown"`
			Change      *float64          `json:"change"`
			ChangeLow   *float64          `json:"change_low"`
			ChangeHigh  *float64          `json:"change_high"`
			WithinNoise *bool             `json:"change_within_noise"`
		} `json:"indicators"`
	}
	out := h.mustRun("indicators", "--year", "all", "--format", "json")
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("indicators --year all --format json: %v\n%s", err, out)
	}
	find := func(id string, breakdown map[string]string) (lo, hi *float64, noise *bool) {
		t.Helper()
		breakdown["survey"] = "Atelier 2025"
		for _, r := range doc.Indicators {
			if r.Year == 2025 && r.ID == id && fmt.Sprint(r.Breakdown) == fmt.Sprint(breakdown) {
				if r.Change == nil {
					t.Fatalf("%s %v: no change from 2024", id, breakdown)
				}
				return r.ChangeLow, r.ChangeHigh, r.WithinNoise
			}
		}
		t.Fatalf("indicators --year all: no row 2025 %s %v", id, breakdown)
		return nil, nil, nil
	}
	welch := func(pre, post [2][]float64) (lo, hi float64) {
		var m [2]stats.MeanChange
		var se [2]float64
		for i := range 2 {
			var err error
			if m[i], err = stats.PairedMeanChange(pre[i], post[i]); err != nil {
				t.Fatal(err)
			}
			se[i], _ = stats.StudentSE(m[i].Low, m[i].High, m[i].N)
		}
		lo, hi, _ = stats.WelchDiff(m[0].Mean, se[0], m[0].N, m[1].Mean, se[1], m[1].N)
		return lo, hi
	}
	s24, s25 := surveys[2024], surveys[2025]
	newcombe := func(k24, k25 int) (lo, hi float64) {
		lo, hi, _ = stats.NewcombeDiff(k24, 30, k25, 30)
		return lo, hi
	}
	type want struct {
		name      string
		id        string
		breakdown map[string]string
		noise     bool
		lo, hi    float64
	}
	var wants []want
	add := func(name, id string, b map[string]string, noise bool, lo, hi float64) {
		wants = append(wants, want{name, id, b, noise, lo, hi})
	}
	lo, hi := newcombe(s24.agreeOrientation, s25.agreeOrientation)
	add("orientation 9 → 27 of 30", "orientation_confirmed_rate", map[string]string{}, false, lo, hi)
	lo, hi = newcombe(s24.agreeSatisfaction, s25.agreeSatisfaction)
	add("satisfaction 20 → 22 of 30", "survey_likert", map[string]string{"question": "satisfaction", "vague": "après"}, true, lo, hi)
	lo, hi = welch([2][]float64{s24.interestPre, s25.interestPre}, [2][]float64{s24.interestPost, s25.interestPost})
	add("interest 0 → +2 points", "survey_change", map[string]string{"question": "interet_sciences_energie"}, false, lo, hi)
	lo, hi = welch([2][]float64{s24.knowsPre, s25.knowsPre}, [2][]float64{s24.knowsPost, s25.knowsPost})
	add("knowing the trades +1 → +1 point", "survey_change", map[string]string{"question": "connait_metiers"}, true, lo, hi)
	for _, w := range wants {
		lo, hi, noise := find(w.id, w.breakdown)
		if !near(lo, w.lo) || !near(hi, w.hi) || noise == nil || *noise != w.noise {
			t.Errorf("%s: change_low %v, change_high %v, change_within_noise %v; want %.6f, %.6f, %v",
				w.name, orNil(lo), orNil(hi), orNil(noise), w.lo, w.hi, w.noise)
		}
	}

	// csv-excel: the same interval, in French, after the other columns and
	// before the three saying whether a figure is withheld.
	csv := h.mustRun("indicators", "--year", "all", "--format", "csv-excel")
	header := strings.Split(strings.SplitN(strings.TrimPrefix(csv, "\ufeff"), "\r\n", 2)[0], ";")
	if got := strings.Join(header[len(header)-6:len(header)-3], ";"); got != "Évolution IC 95 % bas;Évolution IC 95 % haut;Évolution indiscernable du hasard" {
		t.Errorf("csv-excel: last columns %q, want the change's interval and whether it is noise", got)
	}
	orientation := wants[0]
	wantCells := strings.ReplaceAll(fmt.Sprintf("%s;%s;non;;;", strconv.FormatFloat(orientation.lo, 'f', -1, 64), strconv.FormatFloat(orientation.hi, 'f', -1, 64)), ".", ",")
	if !strings.Contains(csv, "2025;orientation_confirmed_rate;Part des répondants dont l'orientation est confortée;Atelier 2025;") || !strings.Contains(csv, wantCells+"\r\n") {
		t.Errorf("csv-excel: no orientation_confirmed_rate 2025 ending in %q:\n%s", wantCells, csv)
	}

	// The table: the interval in brackets, "≈" on the change within noise.
	table := h.mustRun("indicators", "--year", "all")
	seen := 0
	for _, line := range strings.Split(table, "\n") {
		switch {
		case strings.HasPrefix(line, "orientation_confirmed_rate"):
			seen++
			if !strings.Contains(line, "[+") || strings.Contains(line, "≈") {
				t.Errorf("table: %q; want the interval of a change told from noise, above 0, unmarked", line)
			}
		case strings.HasPrefix(line, "survey_change") && strings.Contains(line, "connait_metiers") && !strings.Contains(line, "mesure"):
			seen++
			if !strings.Contains(line, "[-") || !strings.HasSuffix(strings.TrimSpace(line), "≈") {
				t.Errorf("table: %q; want the interval of a change within noise, marked ≈", line)
			}
		}
	}
	if seen != 2 {
		t.Errorf("table: %d of the lines orientation_confirmed_rate and survey_change connait_metiers, want 2:\n%s", seen, table)
	}
	if !strings.Contains(table, "≈ : évolution que la taille des enquêtes ne permet pas de distinguer du hasard") {
		t.Errorf("table: no legend of ≈:\n%s", table)
	}
}

// orNil is a pointer's value, or nil, for a test's message.
func orNil[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
