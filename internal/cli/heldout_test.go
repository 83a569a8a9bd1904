package cli

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
)

// TestRun_HeldOutYear builds a year the pipeline has never seen, written the
// way other spreadsheet software writes (header variants, inline strings, text
// dates beside date cells, blank lines, extra columns, formula cells), runs
// the pipeline on it and compares its indicators with figures computed here,
// in Go, from the same records.
func TestRun_HeldOutYear(t *testing.T) {
	const year = 2031
	data := t.TempDir()
	dir := filepath.Join(data, fmt.Sprint(year))
	rng := rand.New(rand.NewPCG(7, 2031))

	actions := []struct{ name, axe, typ string }{
		{"Visite chantier bas carbone", "Territoires", "visite"},
		{"Stage découverte énergie", "COMPÉTENCES", "stage"},
		{"Forum des métiers verts", "attractivité", "Forum"},
		{"Escape game rénovation", "Attractivite", "escape game"},
		{"Atelier fresque", "compétences", "atelier"},
		{"Conférence réseaux de chaleur", "projets structurants", "conférence"},
	}
	cat := [][]any{{"ACTION", "Axe", "type", "Programme", "financeurs", "Contact interne"}}
	for _, a := range actions {
		cat = append(cat, []any{a.name, a.axe, a.typ, "JET Cities", "Région", "x"})
	}
	xlsxtest.Write(t, filepath.Join(dir, "actions.xlsx"), xlsxtest.Sheet{Name: "Actions", Rows: cat})

	publicsWritten := map[string]string{ // as written -> canonical
		"Collégiens": "collégiens", "LYCEENS": "lycéens", "étudiants": "étudiants",
		"Grand public": "grand public", "demandeurs d’emploi": "demandeurs d'emploi", "Parents": "parents",
	}
	var written []string
	for k := range publicsWritten {
		written = append(written, k)
	}
	schools := []string{"Collège Rameau", "collège  rameau", "Lycée Eiffel", "LYCÉE EIFFEL", "Lycée Hippolyte Fontaine", "IUT Dijon", ""}

	type rec struct {
		action, public, school string
		date                   time.Time
		n                      int
		girls                  *int
	}
	var recs []rec
	var sheetA, sheetB [][]any
	sheetA = append(sheetA, []any{" ACTION ", "Date", "ETABLISSEMENT", "type_établissement", "Commune", "PUBLIC", "niveau", "Participants", "Dont_Filles", "dont qpv zrr", "Commentaire"})
	sheetB = append(sheetB, []any{"action", "date", "etablissement", "public", "participants", "dont_filles"})
	for i := 0; i < 120; i++ {
		a := actions[rng.IntN(len(actions))]
		day := time.Date(year, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
		pub := written[rng.IntN(len(written))]
		school := schools[rng.IntN(len(schools))]
		n := rng.IntN(40)
		r := rec{action: a.name, public: publicsWritten[pub], school: school, date: day, n: n}
		var girls any
		if rng.IntN(3) > 0 {
			g := rng.IntN(n + 1)
			r.girls, girls = &g, g
		}
		recs = append(recs, r)
		name := a.name
		if i%5 == 0 {
			name = strings.ToUpper(name) + " " // the importer matches action names like closed lists
		}
		var date any
		switch i % 3 {
		case 0:
			date = xlsxtest.Serial(day.Year(), day.Month(), day.Day())
		case 1:
			date = day.Format("02/01/2006")
		default:
			date = day.Format("2006-01-02")
		}
		var count any = n
		if i%4 == 0 {
			count = xlsxtest.Formula{Expr: fmt.Sprintf("%d+0", n), Cached: n}
		}
		if i%2 == 0 {
			sheetA = append(sheetA, []any{name, date, school, nil, "Dijon", pub, nil, count, girls, nil, "RAS"})
			if i%7 == 0 {
				sheetA = append(sheetA, nil) // a blank line
			}
		} else {
			if _, isFormula := count.(xlsxtest.Formula); isFormula {
				count = n // excelize writes no cached values
			}
			sheetB = append(sheetB, []any{name, date, school, pub, count, girls})
		}
	}
	xlsxtest.WriteForeign(t, filepath.Join(dir, "participations", "partenaires.xlsx"), false, xlsxtest.Sheet{Name: "Feuille1", Rows: sheetA})
	xlsxtest.Write(t, filepath.Join(dir, "participations", "campus.xlsx"), xlsxtest.Sheet{Name: "Saisie", Rows: sheetB})

	// A questionnaire: 25 people before, 22 after, some in one wave only.
	pre := [][]any{{"Code", "Interet_Sciences_Energie"}}
	post := [][]any{{"code", "interet sciences energie", "RENFORCE_ORIENTATION"}}
	preVal, postVal := map[string]int{}, map[string]int{}
	confirmed, answered := 0, 0
	for i := 1; i <= 30; i++ {
		code := fmt.Sprintf("R%02d", i)
		if i <= 25 {
			v := 1 + rng.IntN(5)
			preVal[code] = v
			pre = append(pre, []any{code, v})
		}
		if i > 8 {
			v, o := 1+rng.IntN(5), 1+rng.IntN(5)
			postVal[code] = v
			if o >= 4 {
				confirmed++
			}
			answered++
			post = append(post, []any{code, xlsxtest.Formula{Expr: fmt.Sprint(v), Cached: v}, fmt.Sprint(o)})
		}
	}
	xlsxtest.WriteForeign(t, filepath.Join(dir, "questionnaires", "stage.xlsx"), false,
		xlsxtest.Sheet{Name: "Enquête", Rows: [][]any{{"Action", "stage découverte ÉNERGIE"}, {"Population", 30}, {"Titre", "Stage 2031"}}},
		xlsxtest.Sheet{Name: "Questions", Rows: [][]any{{"ID", "Libellé", "Type"},
			{"interet_sciences_energie", "Intérêt", "likert5"}, {"renforce_orientation", "Orientation", "likert5"}}},
		xlsxtest.Sheet{Name: "PRE", Rows: pre},
		xlsxtest.Sheet{Name: "Post", Rows: post},
	)

	// The figures, computed here from the records.
	animations := map[string]bool{}
	byPublic := map[string]float64{}
	schoolsSeen := map[string]bool{}
	total, girls, girlsBase, stage := 0.0, 0.0, 0.0, 0.0
	for _, r := range recs {
		animations[r.action+r.date.Format("2006-01-02")] = true
		byPublic[r.public] += float64(r.n)
		total += float64(r.n)
		if k := strings.Join(strings.Fields(strings.ToLower(pipeline.Key(r.school))), ""); k != "" {
			schoolsSeen[k] = true
		}
		if r.girls != nil {
			girls += float64(*r.girls)
			girlsBase += float64(r.n)
		}
		// immersion_periods counts the learners of a stage, not its tutors.
		learner := map[string]bool{"collégiens": true, "lycéens": true, "étudiants": true, "demandeurs d'emploi": true}
		if r.action == "Stage découverte énergie" && learner[r.public] {
			stage += float64(r.n)
		}
	}
	var sumPre, sumPost float64
	pairs := 0
	for code, v := range preVal {
		if w, ok := postVal[code]; ok {
			sumPre += float64(v)
			sumPost += float64(w)
			pairs++
		}
	}

	h := newHarness(t, data, fmt.Sprint(year))
	h.mustRun("run")
	doc := h.indicators(fmt.Sprint(year))
	check := func(id string, b map[string]string, want float64, wantN int64) {
		t.Helper()
		v, n, _, _ := doc.find(t, id, b)
		if math.Abs(v-want) > 1e-9 || (wantN >= 0 && n != wantN) {
			t.Errorf("%s %v = %v (n %d), want %v (n %d)", id, b, v, n, want, wantN)
		}
	}
	check("animations", map[string]string{}, float64(len(animations)), int64(len(animations)))
	check("participants", map[string]string{}, total, int64(total))
	for pub, want := range byPublic {
		check("participants", map[string]string{"public": pub}, want, int64(want))
	}
	check("establishments", map[string]string{}, float64(len(schoolsSeen)), -1)
	check("girls_share", map[string]string{}, girls/girlsBase, int64(girlsBase))
	check("immersion_periods", map[string]string{}, stage, -1)
	s := map[string]string{"survey": "Stage 2031"}
	check("orientation_confirmed_rate", s, float64(confirmed)/float64(answered), int64(answered))
	check("interest_uplift", s, (sumPost/float64(pairs)-sumPre/float64(pairs))/(sumPre/float64(pairs)), int64(pairs))
	check("response_rate", map[string]string{"survey": "Stage 2031", "vague": "pre"}, 25.0/30, 25)
	check("response_rate", map[string]string{"survey": "Stage 2031", "vague": "post"}, 22.0/30, 22)
}
