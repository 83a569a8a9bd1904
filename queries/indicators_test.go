package queries_test

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cmq-greencity/greencity/queries"
)

// The campus and year every test asks for. Rows of otherCampus or otherYear
// are fixtures that each query must ignore.
const (
	campus      = "CMQ Green City BFC"
	otherCampus = "CMQ Autre Campus"
	year        = 2025
	otherYear   = 2024
)

// result is one row of an indicator query. Nullable columns are pointers so
// that a null and an empty string or a zero stay distinct in the diffs.
type result struct {
	Survey    *string
	Dimension *string
	Category  *string
	Value     float64
	N         int64
	CILow     *float64
	CIHigh    *float64
	Unit      string
	// The optional columns of questionnaire indicators (queries.Extras):
	// nil when the query does not return them, or returns null.
	Question, QuestionLabel, Wave *string
	Pairs, PreOnly, PostOnly      *int64
	Coverage                      *float64
}

func ptr[T any](v T) *T { return &v }

// headline is the row of a figure with no breakdown.
func headline(value float64, n int64, unit string) result {
	return result{Value: value, N: n, Unit: unit}
}

// by is the row of a figure broken down by dimension = category.
func by(dimension, category string, value float64, n int64, unit string) result {
	return result{Dimension: ptr(dimension), Category: ptr(category), Value: value, N: n, Unit: unit}
}

// covering returns r as a share computed on part of the whole it describes:
// coverage is its n over that whole.
func covering(r result, coverage float64) result {
	r.Coverage = &coverage
	return r
}

// inSurvey returns r as a figure of the survey titled title.
func inSurvey(title string, r result) result {
	r.Survey = ptr(title)
	return r
}

// paired returns r as a paired figure: pairs people answered before and
// after, preOnly before only, postOnly after only.
func paired(r result, pairs, preOnly, postOnly int64) result {
	r.Pairs, r.PreOnly, r.PostOnly = &pairs, &preOnly, &postOnly
	return r
}

// floats compares floats to 1e-9: sums and divisions in DuckDB need not be
// bit-for-bit those of Go.
var floats = cmpopts.EquateApprox(0, 1e-9)

// ---------------------------------------------------------------- fixtures

// Rows of the raw tables. Campus and Year default to campus and year, File to
// a fixed name, so that a case writes only what it is about.
type action struct {
	Campus, Action, Axe, Type string
	Programme, Financeurs     string // "" leaves them null
	Year                      int
}

type participation struct {
	Campus, Action, Date, Public string
	Year                         int
	Etablissement                *string
	TypeEtablissement            *string
	Participants                 int
	Filles, QPV                  *int
}

type survey struct {
	Campus, File, Titre string
	Year, Population    int
	// Scope is the respondent scope; "" leaves it null, as in the rows
	// imported before it was recorded.
	Scope string
}

// wave is a row of survey_waves: a wave a file holds; File defaults like
// answer's.
type wave struct {
	Campus, File, Wave string
	Year               int
}

type answer struct {
	Campus, File, Wave, Respondent, Question string
	Year                                     int
	Value                                    *float64
}

// question is a row of survey_questions; File defaults like answer's.
type question struct {
	Campus, File, ID, Libelle, Type string
	Year                            int
}

type formation struct {
	Campus, Etablissement, Formation string
	Year, Annee                      int
	Places, Candidats                int
}

type fixture struct {
	actions        []action
	participations []participation
	surveys        []survey
	questions      []question
	answers        []answer
	waves          []wave
	formations     []formation
}

// actionKey mimics the importer's normalisation of action names (lower case,
// no accents, no blanks) for the letters the fixtures use.
func actionKey(name string) string {
	r := strings.NewReplacer("é", "e", "è", "e", "ê", "e", "à", "a", "ç", "c", "ô", "o", "î", "i", " ", "")
	return r.Replace(strings.ToLower(name))
}

func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// mustOpen returns an in-memory DuckDB holding the tables of
// ../pipeline/schema/tables.sql and the staging views, created as
// pipeline.Compute creates them, closed at the end of the test.
func mustOpen(tb testing.TB) *sql.DB {
	tb.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		tb.Fatalf("open duckdb: %v", err)
	}
	// The staging views are temporary: they exist on the connection that
	// created them only, so every query of the test goes through one.
	db.SetMaxOpenConns(1)
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close duckdb: %v", err)
		}
	})
	schema, err := os.ReadFile("../pipeline/schema/tables.sql")
	if err != nil {
		tb.Fatalf("read schema: %v", err)
	}
	for _, stmt := range splitStatements(string(schema)) {
		if _, err := db.Exec(stmt); err != nil {
			tb.Fatalf("create tables: %v\n%s", err, stmt)
		}
	}
	if err := queries.CreateStaging(context.Background(), db, queries.FS); err != nil {
		tb.Fatalf("CreateStaging(FS): %v", err)
	}
	return db
}

// splitStatements splits a schema file on the ";" that end a line, as the
// schema file's own header says its runner does.
func splitStatements(text string) []string {
	var out []string
	var cur strings.Builder
	for line := range strings.Lines(text) {
		cur.WriteString(line)
		if strings.HasSuffix(strings.TrimSpace(line), ";") {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" && !onlyComments(s) {
		out = append(out, s)
	}
	return out
}

func onlyComments(s string) bool {
	for line := range strings.Lines(s) {
		if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "--") {
			return false
		}
	}
	return true
}

// mustLoad opens a database and inserts the rows of fx.
func mustLoad(tb testing.TB, fx fixture) *sql.DB {
	tb.Helper()
	db := mustOpen(tb)
	exec := func(query string, args ...any) {
		tb.Helper()
		if _, err := db.Exec(query, args...); err != nil {
			tb.Fatalf("insert fixture: %v\n%s %v", err, query, args)
		}
	}
	for i, a := range fx.actions {
		exec(`insert into actions (campus, year, source_file, source_row, action, action_key, axe, type, programme, financeurs)
			values (?, ?, 'actions.xlsx', ?, ?, ?, ?, ?, nullif(?, ''), nullif(?, ''))`,
			orDefault(a.Campus, campus), orDefault(a.Year, year), i+2, a.Action, actionKey(a.Action), a.Axe, a.Type,
			a.Programme, a.Financeurs)
	}
	for i, p := range fx.participations {
		date, err := time.Parse(time.DateOnly, p.Date)
		if err != nil {
			tb.Fatalf("fixture participation %d: %v", i, err)
		}
		exec(`insert into participations (campus, year, source_file, source_row, action, action_key, date,
				etablissement, type_etablissement, public, participants, dont_filles, dont_qpv_zrr)
			values (?, ?, 'participations/suivi.xlsx', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			orDefault(p.Campus, campus), orDefault(p.Year, year), i+2, p.Action, actionKey(p.Action), date,
			p.Etablissement, p.TypeEtablissement, p.Public, p.Participants, p.Filles, p.QPV)
	}
	for _, s := range fx.surveys {
		var scope *string
		if s.Scope != "" {
			scope = &s.Scope
		}
		exec(`insert into surveys (campus, year, source_file, titre, action, action_key, population, respondent_scope)
			values (?, ?, ?, ?, 'Engagement Tour', 'engagementtour', ?, ?)`,
			orDefault(s.Campus, campus), orDefault(s.Year, year), orDefault(s.File, "questionnaires/q.xlsx"), s.Titre, s.Population, scope)
	}
	for _, w := range fx.waves {
		exec(`insert into survey_waves (campus, year, source_file, wave) values (?, ?, ?, ?)`,
			orDefault(w.Campus, campus), orDefault(w.Year, year), orDefault(w.File, "questionnaires/q.xlsx"), w.Wave)
	}
	for _, q := range fx.questions {
		exec(`insert into survey_questions (campus, year, source_file, question_id, libelle, type)
			values (?, ?, ?, ?, ?, ?)`,
			orDefault(q.Campus, campus), orDefault(q.Year, year), orDefault(q.File, "questionnaires/q.xlsx"),
			q.ID, orDefault(q.Libelle, q.ID), q.Type)
	}
	for _, a := range fx.answers {
		written := ""
		if a.Value != nil {
			written = fmt.Sprint(*a.Value)
		}
		exec(`insert into survey_answers (campus, year, source_file, wave, respondent, question_id, value, answer)
			values (?, ?, ?, ?, ?, ?, ?, ?)`,
			orDefault(a.Campus, campus), orDefault(a.Year, year), orDefault(a.File, "questionnaires/q.xlsx"),
			a.Wave, a.Respondent, a.Question, a.Value, written)
	}
	for i, f := range fx.formations {
		exec(`insert into formations (campus, year, source_file, source_row, annee, etablissement, formation,
				places, candidats, inscrits)
			values (?, ?, 'formations.xlsx', ?, ?, ?, ?, ?, ?, 0)`,
			orDefault(f.Campus, campus), orDefault(f.Year, year), i+2, orDefault(f.Annee, year),
			f.Etablissement, f.Formation, f.Places, f.Candidats)
	}
	return db
}

// ------------------------------------------------------------- running SQL

// indicator returns the embedded indicator id, failing the test if absent.
func indicator(tb testing.TB, id string) queries.Indicator {
	tb.Helper()
	all, err := queries.Load(queries.FS)
	if err != nil {
		tb.Fatalf("Load(FS): %v", err)
	}
	for _, ind := range all {
		if ind.ID == id {
			return ind
		}
	}
	tb.Fatalf("Load(FS) has no indicator %q", id)
	return queries.Indicator{}
}

// run runs the embedded indicator id for campus and year and returns its rows.
func run(tb testing.TB, db *sql.DB, id string) []result {
	tb.Helper()
	rows, err := db.Query(indicator(tb, id).SQL, sql.Named("campus", campus), sql.Named("year", year))
	if err != nil {
		tb.Fatalf("run %s: %v", id, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		tb.Fatalf("run %s: %v", id, err)
	}
	var out []result
	for rows.Next() {
		var r result
		dest := []any{&r.Survey, &r.Dimension, &r.Category, &r.Value, &r.N, &r.CILow, &r.CIHigh, &r.Unit}
		for _, c := range cols[len(dest):] {
			extra := map[string]any{"question": &r.Question, "question_label": &r.QuestionLabel, "wave": &r.Wave,
				"pairs": &r.Pairs, "pre_only": &r.PreOnly, "post_only": &r.PostOnly, "coverage": &r.Coverage}[c]
			if extra == nil {
				tb.Fatalf("run %s: unexpected column %q", id, c)
			}
			dest = append(dest, extra)
		}
		if err := rows.Scan(dest...); err != nil {
			tb.Fatalf("run %s: scan: %v", id, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		tb.Fatalf("run %s: %v", id, err)
	}
	return out
}

// indicatorCase is one case of a table-driven indicator test.
type indicatorCase struct {
	name string
	fx   fixture
	want []result
}

// check runs indicator id on every case and compares all its rows.
func check(t *testing.T, id string, cases []indicatorCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := run(t, mustLoad(t, tc.fx), id)
			if d := cmp.Diff(tc.want, got, floats); d != "" {
				t.Errorf("%s rows mismatch (-want +got):\n%s", id, d)
			}
		})
	}
}

// ------------------------------------------------------- shared fixtures

var catalogue = []action{
	{Action: "Engagement Tour", Axe: "attractivité", Type: "forum", Programme: "JET Cities, RICET", Financeurs: "Région BFC, Net Zero Cities (UE)"},
	{Action: "Stage de seconde", Axe: "compétences", Type: "stage"},
	{Action: "Visite chantier", Axe: "territoires", Type: "visite"},
	{Action: "Stage découverte", Axe: "compétences", Type: "stage"},
	// Same names elsewhere with other axes: must not leak into the joins.
	{Campus: otherCampus, Action: "Engagement Tour", Axe: "territoires", Type: "stage"},
	{Year: otherYear, Action: "Engagement Tour", Axe: "projets structurants", Type: "stage"},
}

// noise are rows of another campus or another year: the cases that include
// them check that no figure moves because of them.
var noise = []participation{
	{Campus: otherCampus, Action: "Engagement Tour", Date: "2025-03-10", Public: "lycéens", Participants: 1000,
		Etablissement: ptr("Lycée Ailleurs"), Filles: ptr(1000), QPV: ptr(1000)},
	{Year: otherYear, Action: "Engagement Tour", Date: "2024-03-10", Public: "lycéens", Participants: 2000,
		Etablissement: ptr("Lycée Autrefois"), Filles: ptr(2000), QPV: ptr(2000)},
}

func withNoise(ps ...participation) []participation { return append(slices.Clone(noise), ps...) }

// --------------------------------------------------------------- animations

func TestAnimations(t *testing.T) {
	const u = "animations"
	check(t, "animations", []indicatorCase{
		{
			name: "groups at the same session count once",
			fx: fixture{actions: catalogue, participations: withNoise(
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "lycéens", Participants: 30},
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "collégiens", Participants: 25},
				participation{Action: "Engagement Tour", Date: "2025-03-15", Public: "lycéens", Participants: 20},
				participation{Action: "Visite chantier", Date: "2025-03-14", Public: "collégiens", Participants: 12},
				participation{Action: "Stage de seconde", Date: "2025-06-20", Public: "lycéens", Participants: 8},
			)},
			want: []result{
				headline(4, 4, u),
				by("axe", "attractivité", 2, 2, u),
				by("axe", "compétences", 1, 1, u),
				by("axe", "territoires", 1, 1, u),
				by("mois", "2025-03", 3, 3, u),
				by("mois", "2025-06", 1, 1, u),
			},
		},
		{
			name: "months across the new year sort in time order",
			fx: fixture{actions: catalogue, participations: withNoise(
				participation{Action: "Visite chantier", Date: "2025-12-02", Public: "enseignants", Participants: 5},
				participation{Action: "Visite chantier", Date: "2025-01-09", Public: "enseignants", Participants: 6},
			)},
			want: []result{
				headline(2, 2, u),
				by("axe", "territoires", 2, 2, u),
				by("mois", "2025-01", 1, 1, u),
				by("mois", "2025-12", 1, 1, u),
			},
		},
		{
			name: "a session of zero participants is still a session",
			fx: fixture{actions: catalogue, participations: []participation{
				{Action: "Engagement Tour", Date: "2025-02-01", Public: "grand public", Participants: 0},
			}},
			want: []result{
				headline(1, 1, u),
				by("axe", "attractivité", 1, 1, u),
				by("mois", "2025-02", 1, 1, u),
			},
		},
		{
			name: "only other campuses and years give no rows",
			fx:   fixture{actions: catalogue, participations: noise},
			want: nil,
		},
	})
}

// ------------------------------------------------------------- participants

func TestParticipants(t *testing.T) {
	const u = "personnes"
	check(t, "participants", []indicatorCase{
		{
			name: "headline and every breakdown",
			fx: fixture{actions: catalogue, participations: withNoise(
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "lycéens", Participants: 30,
					Etablissement: ptr("Lycée Carnot"), TypeEtablissement: ptr("lycée")},
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "collégiens", Participants: 25,
					Etablissement: ptr("Collège Pasteur"), TypeEtablissement: ptr("collège")},
				participation{Action: "Visite chantier", Date: "2025-04-02", Public: "collégiens", Participants: 12,
					Etablissement: ptr("Collège Pasteur"), TypeEtablissement: ptr("collège")},
				participation{Action: "Stage de seconde", Date: "2025-06-20", Public: "lycéens", Participants: 8,
					Etablissement: ptr("Lycée Carnot"), TypeEtablissement: ptr("lycée")},
				participation{Action: "Visite chantier", Date: "2025-05-05", Public: "grand public", Participants: 40},
			)},
			want: []result{
				headline(115, 115, u),
				by("action", "Engagement Tour", 55, 55, u),
				by("action", "Stage de seconde", 8, 8, u),
				by("action", "Visite chantier", 52, 52, u),
				by("axe", "attractivité", 55, 55, u),
				by("axe", "compétences", 8, 8, u),
				by("axe", "territoires", 52, 52, u),
				by("public", "collégiens", 37, 37, u),
				by("public", "grand public", 40, 40, u),
				by("public", "lycéens", 38, 38, u),
				by("type_etablissement", "collège", 37, 37, u),
				by("type_etablissement", "lycée", 38, 38, u),
				by("type_etablissement", "non renseigné", 40, 40, u),
			},
		},
		{
			name: "groups of zero participants give zero, not no row",
			fx: fixture{actions: catalogue, participations: []participation{
				{Action: "Engagement Tour", Date: "2025-02-01", Public: "parents", Participants: 0},
			}},
			want: []result{
				headline(0, 0, u),
				by("action", "Engagement Tour", 0, 0, u),
				by("axe", "attractivité", 0, 0, u),
				by("public", "parents", 0, 0, u),
				by("type_etablissement", "non renseigné", 0, 0, u),
			},
		},
		{
			name: "only other campuses and years give no rows",
			fx:   fixture{actions: catalogue, participations: noise},
			want: nil,
		},
	})
}

// ----------------------------------------------------------- establishments

func TestEstablishments(t *testing.T) {
	const u = "établissements"
	check(t, "establishments", []indicatorCase{
		{
			name: "names compared without case, accents or extra blanks",
			fx: fixture{actions: catalogue, participations: withNoise(
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "lycéens", Participants: 30,
					Etablissement: ptr("Lycée  Sadi Carnot"), TypeEtablissement: ptr("lycée")},
				participation{Action: "Visite chantier", Date: "2025-03-20", Public: "lycéens", Participants: 10,
					Etablissement: ptr(" LYCEE SADI CARNOT "), TypeEtablissement: ptr("lycée")},
				participation{Action: "Visite chantier", Date: "2025-03-20", Public: "lycéens", Participants: 10,
					Etablissement: ptr("\tLycée\u00a0Sadi Carnot\u00a0"), TypeEtablissement: ptr("lycée")},
				participation{Action: "Visite chantier", Date: "2025-03-21", Public: "collégiens", Participants: 10,
					Etablissement: ptr("Collège Pasteur"), TypeEtablissement: ptr("collège")},
				participation{Action: "Visite chantier", Date: "2025-03-22", Public: "professionnels", Participants: 3,
					Etablissement: ptr("Énergies\tdu Doubs")},
			)},
			want: []result{
				headline(3, 3, u),
				by("type_etablissement", "collège", 1, 1, u),
				by("type_etablissement", "lycée", 1, 1, u),
				by("type_etablissement", "non renseigné", 1, 1, u),
			},
		},
		{
			name: "missing or blank names are not establishments",
			fx: fixture{actions: catalogue, participations: withNoise(
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "grand public", Participants: 50},
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "grand public", Participants: 5,
					Etablissement: ptr("   "), TypeEtablissement: ptr("autre")},
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "grand public", Participants: 5,
					Etablissement: ptr("\t\u00a0"), TypeEtablissement: ptr("autre")},
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "étudiants", Participants: 5,
					Etablissement: ptr("IUT Belfort"), TypeEtablissement: ptr("supérieur")},
			)},
			want: []result{
				headline(1, 1, u),
				by("type_etablissement", "supérieur", 1, 1, u),
			},
		},
		{
			name: "only unnamed groups give no rows",
			fx: fixture{actions: catalogue, participations: withNoise(
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "grand public", Participants: 50},
			)},
			want: nil,
		},
	})
}

// ------------------------------------------------- girls_share and qpv_share

func TestGirlsShare(t *testing.T) {
	const u = "part"
	check(t, "girls_share", []indicatorCase{
		{
			name: "groups without the count are left out of both sides, not of the coverage",
			fx: fixture{actions: catalogue, participations: withNoise(
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "lycéens", Participants: 30, Filles: ptr(12)},
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "lycéens", Participants: 10, Filles: ptr(3)},
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "collégiens", Participants: 20, Filles: ptr(10)},
				// No count of girls: neither 0 girls nor 25 participants enter the share.
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "collégiens", Participants: 25},
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "parents", Participants: 7},
			)},
			want: []result{
				covering(headline(25.0/60, 60, u), 60.0/92), // (12+3+10) / (30+10+20), on 60 of 92
				covering(by("action", "Engagement Tour", 25.0/60, 60, u), 60.0/92),
				covering(by("public", "collégiens", 0.5, 20, u), 20.0/45),
				covering(by("public", "lycéens", 15.0/40, 40, u), 1),
			},
		},
		{
			name: "a count of zero girls is a figure",
			fx: fixture{actions: catalogue, participations: []participation{
				{Action: "Visite chantier", Date: "2025-03-14", Public: "professionnels", Participants: 8, Filles: ptr(0)},
			}},
			want: []result{
				covering(headline(0, 8, u), 1),
				covering(by("action", "Visite chantier", 0, 8, u), 1),
				covering(by("public", "professionnels", 0, 8, u), 1),
			},
		},
		{
			name: "groups of nobody give no share",
			fx: fixture{actions: catalogue, participations: withNoise(
				participation{Action: "Visite chantier", Date: "2025-03-14", Public: "parents", Participants: 0, Filles: ptr(0)},
				participation{Action: "Visite chantier", Date: "2025-03-14", Public: "lycéens", Participants: 4, Filles: ptr(1)},
			)},
			want: []result{
				covering(headline(0.25, 4, u), 1),
				covering(by("action", "Visite chantier", 0.25, 4, u), 1),
				covering(by("public", "lycéens", 0.25, 4, u), 1),
			},
		},
		{
			// The action sheets of the report show each action's share.
			name: "by action, named as the catalogue spells it, each over its own participations",
			fx: fixture{actions: catalogue, participations: withNoise(
				participation{Action: "engagement tour", Date: "2025-03-14", Public: "lycéens", Participants: 20, Filles: ptr(5)},
				participation{Action: "Engagement Tour", Date: "2025-03-15", Public: "lycéens", Participants: 20},
				participation{Action: "Visite chantier", Date: "2025-04-02", Public: "lycéens", Participants: 10, Filles: ptr(5)},
			)},
			want: []result{
				covering(headline(10.0/30, 30, u), 30.0/50),
				covering(by("action", "Engagement Tour", 0.25, 20, u), 0.5),
				covering(by("action", "Visite chantier", 0.5, 10, u), 1),
				covering(by("public", "lycéens", 10.0/30, 30, u), 30.0/50),
			},
		},
		{
			name: "no count given anywhere gives no rows",
			fx: fixture{actions: catalogue, participations: withNoise(
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "lycéens", Participants: 30, QPV: ptr(3)},
			)},
			want: nil,
		},
	})
}

func TestQPVShare(t *testing.T) {
	const u = "part"
	check(t, "qpv_share", []indicatorCase{
		{
			name: "groups without the count are left out of both sides, not of the coverage",
			fx: fixture{actions: catalogue, participations: withNoise(
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "lycéens", Participants: 30, QPV: ptr(6), Filles: ptr(30)},
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "demandeurs d'emploi", Participants: 10, QPV: ptr(5)},
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "lycéens", Participants: 50, Filles: ptr(20)},
			)},
			want: []result{
				covering(headline(11.0/40, 40, u), 40.0/90), // on 40 of the 90 participations
				covering(by("action", "Engagement Tour", 11.0/40, 40, u), 40.0/90),
				covering(by("public", "demandeurs d'emploi", 0.5, 10, u), 1),
				covering(by("public", "lycéens", 0.2, 30, u), 30.0/80),
			},
		},
		{
			// The shipped 2025 case: the residence is known for a few
			// targeted groups only, and the share says on how few.
			name: "a count given for few groups rests on a small part of the whole",
			fx: fixture{actions: catalogue, participations: withNoise(
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "collégiens", Participants: 15, QPV: ptr(9)},
				participation{Action: "Engagement Tour", Date: "2025-03-15", Public: "collégiens", Participants: 120},
				participation{Action: "Visite chantier", Date: "2025-04-02", Public: "grand public", Participants: 65},
			)},
			want: []result{
				covering(headline(0.6, 15, u), 15.0/200),
				covering(by("action", "Engagement Tour", 0.6, 15, u), 15.0/135),
				covering(by("public", "collégiens", 0.6, 15, u), 15.0/135),
			},
		},
		{
			name: "no count given anywhere gives no rows",
			fx: fixture{actions: catalogue, participations: withNoise(
				participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "lycéens", Participants: 30, Filles: ptr(3)},
			)},
			want: nil,
		},
	})
}

// -------------------------------------------------------------- survey data

const (
	tour    = "Engagement Tour lycée"
	atelier = "Atelier collège"
)

// likert returns the answers to question in wave of the survey stored in file,
// one per respondent code (nil: the cell was left blank), sorted by code.
func likert(file, wave, question string, values map[string]*float64) []answer {
	var out []answer
	for _, resp := range slices.Sorted(maps.Keys(values)) {
		out = append(out, answer{File: file, Wave: wave, Respondent: resp, Question: question, Value: values[resp]})
	}
	return out
}

func f(v float64) *float64 { return &v }

// The 95 % Wilson interval of orientation_confirmed_rate is not computed in
// SQL: its header says "-- interval: wilson" and pipeline.Compute adds it
// (stats.Wilson, whose test checks the bounds of these same shares: 3/5,
// 10/10, 0/4, 1/2). Here the query's share and n are checked.

func TestOrientationConfirmedRate(t *testing.T) {
	const u = "part"
	const q = "renforce_orientation"
	tourFile, atelierFile := "questionnaires/tour.xlsx", "questionnaires/atelier.xlsx"
	surveys := []survey{
		{File: tourFile, Titre: tour, Population: 30},
		{File: atelierFile, Titre: atelier, Population: 12},
		// Same file name for another campus and another year: their answers
		// must not be mixed into ours.
		{Campus: otherCampus, File: tourFile, Titre: tour, Population: 30},
		{Year: otherYear, File: tourFile, Titre: tour, Population: 30},
	}
	noisyAnswers := []answer{
		{Campus: otherCampus, File: tourFile, Wave: "post", Respondent: "A1", Question: q, Value: f(1)},
		{Campus: otherCampus, File: tourFile, Wave: "post", Respondent: "X9", Question: q, Value: f(1)},
		{Year: otherYear, File: tourFile, Wave: "post", Respondent: "Y9", Question: q, Value: f(5)},
	}
	// Tour: 3 of the 5 who answered say 4 or 5: p = 0.6, n = 5.
	tourAnswers := slices.Concat(
		likert(tourFile, "post", q, map[string]*float64{
			"A1": f(5), "A2": f(4), "A3": f(3), "A4": f(5), "A5": nil, "A6": f(2),
		}),
		// Other questions do not count, in either wave. (The question
		// itself asked before too: see "asked before as well" below.)
		likert(tourFile, "pre", "satisfaction", map[string]*float64{"A3": f(5), "A6": f(5)}),
		likert(tourFile, "post", "satisfaction", map[string]*float64{"A3": f(5), "A6": f(5)}),
	)
	tourRow := inSurvey(tour, result{Value: 0.6, N: 5, Unit: u})
	// Atelier: all 10 say 4 or 5: p = 1, n = 10.
	atelierAnswers := likert(atelierFile, "post", q, map[string]*float64{
		"C01": f(4), "C02": f(5), "C03": f(4), "C04": f(5), "C05": f(4),
		"C06": f(5), "C07": f(4), "C08": f(5), "C09": f(4), "C10": f(5),
	})
	atelierRow := inSurvey(atelier, result{Value: 1, N: 10, Unit: u})
	// Nobody says 4 or 5 among 4: p = 0, n = 4.
	noneAnswers := likert(atelierFile, "post", q, map[string]*float64{"D1": f(1), "D2": f(2), "D3": f(3), "D4": f(1)})

	check(t, "orientation_confirmed_rate", []indicatorCase{
		{
			name: "share of 4 and 5 among post respondents",
			fx:   fixture{surveys: surveys, answers: slices.Concat(noisyAnswers, tourAnswers)},
			want: []result{tourRow},
		},
		{
			name: "one row per survey, by title",
			fx:   fixture{surveys: surveys, answers: slices.Concat(noisyAnswers, tourAnswers, atelierAnswers)},
			want: []result{atelierRow, tourRow},
		},
		{
			name: "nobody confirmed",
			fx:   fixture{surveys: surveys, answers: noneAnswers},
			want: []result{inSurvey(atelier, result{Value: 0, N: 4, Unit: u})},
		},
		{
			name: "a respondent code given twice counts once",
			fx: fixture{surveys: surveys, answers: []answer{
				{File: atelierFile, Wave: "post", Respondent: "E1", Question: q, Value: f(5)},
				{File: atelierFile, Wave: "post", Respondent: "E1", Question: q, Value: f(4)},
				{File: atelierFile, Wave: "post", Respondent: "E2", Question: q, Value: f(2)},
			}},
			// E1 answered 5 then 4, averaged to 4.5: confirmed once. p = 1/2, n = 2.
			want: []result{inSurvey(atelier, result{Value: 0.5, N: 2, Unit: u})},
		},
		{
			name: "asked before as well, only those who answered twice count",
			fx: fixture{surveys: surveys, answers: slices.Concat(
				// F1 and F2 answered both times; F3 after only: left out, or
				// 3/3 against 2/2 would give away F3's answer.
				likert(atelierFile, "pre", q, map[string]*float64{"F1": f(2), "F2": f(3)}),
				likert(atelierFile, "post", q, map[string]*float64{"F1": f(4), "F2": f(2), "F3": f(5)}),
			)},
			want: []result{inSurvey(atelier, result{Value: 0.5, N: 2, Unit: u})},
		},
		{
			name: "two files of one title are one survey",
			fx: fixture{surveys: []survey{
				{File: "questionnaires/forms-avant.xlsx", Titre: tour, Population: 30},
				{File: "questionnaires/forms-apres.xlsx", Titre: tour, Population: 30},
			}, answers: slices.Concat(
				likert("questionnaires/forms-apres.xlsx", "post", q, map[string]*float64{"G1": f(4), "G2": f(1)}),
				likert("questionnaires/forms-avant.xlsx", "pre", "satisfaction", map[string]*float64{"G1": f(4)}),
			)},
			want: []result{inSurvey(tour, result{Value: 0.5, N: 2, Unit: u})},
		},
		{
			name: "no post answer to the question gives no rows",
			fx: fixture{surveys: surveys, answers: slices.Concat(noisyAnswers,
				likert(tourFile, "pre", q, map[string]*float64{"A1": f(5)}),
				likert(tourFile, "post", q, map[string]*float64{"A2": nil}),
			)},
			want: nil,
		},
	})
}

func TestInterestUplift(t *testing.T) {
	const q = "interet_sciences_energie"
	tourFile, atelierFile := "questionnaires/tour.xlsx", "questionnaires/atelier.xlsx"
	surveys := []survey{
		{File: tourFile, Titre: tour, Population: 30},
		{File: atelierFile, Titre: atelier, Population: 12},
		{Campus: otherCampus, File: tourFile, Titre: tour, Population: 30},
	}
	tourAnswers := slices.Concat(
		// A and B answered both times: pairs. C answered before only, E after
		// only, D left the question blank before: none of them count.
		likert(tourFile, "pre", q, map[string]*float64{"A": f(2), "B": f(3), "C": f(4), "D": nil}),
		likert(tourFile, "post", q, map[string]*float64{"A": f(4), "B": f(4), "D": f(5), "E": f(5)}),
		// Another question and another campus with the same codes do not count.
		likert(tourFile, "post", "connait_metiers", map[string]*float64{"A": f(1), "B": f(1)}),
		[]answer{{Campus: otherCampus, File: tourFile, Wave: "post", Respondent: "A", Question: q, Value: f(1)}},
	)
	// Pairs A (2 → 4) and B (3 → 4): mean before 2.5, after 4, (4 - 2.5) / 2.5 = 0.6,
	// 1.5 points. C answered before only; D (blank before) and E after only.
	tourRows := []result{
		paired(inSurvey(tour, headline(0.6, 2, "évolution")), 2, 1, 2),
		inSurvey(tour, by("vague", "avant", 2.5, 2, "points sur 5")),
		inSurvey(tour, by("vague", "après", 4, 2, "points sur 5")),
		paired(inSurvey(tour, by("mesure", "écart en points", 1.5, 2, "points sur 5")), 2, 1, 2),
	}
	// One pair 4 → 3: (3 - 4) / 4 = -0.25.
	atelierAnswers := slices.Concat(
		likert(atelierFile, "pre", q, map[string]*float64{"K": f(4)}),
		likert(atelierFile, "post", q, map[string]*float64{"K": f(3)}),
	)
	atelierRows := []result{
		paired(inSurvey(atelier, headline(-0.25, 1, "évolution")), 1, 0, 0),
		inSurvey(atelier, by("vague", "avant", 4, 1, "points sur 5")),
		inSurvey(atelier, by("vague", "après", 3, 1, "points sur 5")),
		paired(inSurvey(atelier, by("mesure", "écart en points", -1, 1, "points sur 5")), 1, 0, 0),
	}

	check(t, "interest_uplift", []indicatorCase{
		{
			name: "paired respondents only",
			fx:   fixture{surveys: surveys, answers: tourAnswers},
			want: tourRows,
		},
		{
			name: "one block per survey, by title, a fall is negative",
			fx:   fixture{surveys: surveys, answers: slices.Concat(tourAnswers, atelierAnswers)},
			want: slices.Concat(atelierRows, tourRows),
		},
		{
			name: "codes pair regardless of case, accents and blanks",
			fx: fixture{surveys: surveys, answers: slices.Concat(
				likert(tourFile, "pre", q, map[string]*float64{"AB 12": f(2), "Élo_3": f(4)}),
				likert(tourFile, "post", q, map[string]*float64{"ab12": f(3), "ELO3": f(5)}),
			)},
			// Pairs 2 → 3 and 4 → 5: mean before 3, after 4, (4 - 3) / 3.
			want: []result{
				paired(inSurvey(tour, headline(1.0/3, 2, "évolution")), 2, 0, 0),
				inSurvey(tour, by("vague", "avant", 3, 2, "points sur 5")),
				inSurvey(tour, by("vague", "après", 4, 2, "points sur 5")),
				paired(inSurvey(tour, by("mesure", "écart en points", 1, 2, "points sur 5")), 2, 0, 0),
			},
		},
		{
			name: "nobody in both waves gives no rows",
			fx: fixture{surveys: surveys, answers: slices.Concat(
				likert(tourFile, "pre", q, map[string]*float64{"A": f(2), "B": nil}),
				likert(tourFile, "post", q, map[string]*float64{"B": f(4), "C": f(4)}),
			)},
			want: nil,
		},
	})
}

func TestResponseRate(t *testing.T) {
	const u = "part"
	tourFile, atelierFile, emptyFile := "questionnaires/tour.xlsx", "questionnaires/atelier.xlsx", "questionnaires/vide.xlsx"
	surveys := []survey{
		{File: tourFile, Titre: tour, Population: 40},
		{File: atelierFile, Titre: atelier, Population: 0},
		{File: emptyFile, Titre: "Sans réponse", Population: 25},
		{Year: otherYear, File: tourFile, Titre: tour, Population: 10},
	}
	var answers []answer
	// Before: 4 people, each answering two questions; after: A, B, E and F.
	for _, r := range []string{"A", "B", "C", "D"} {
		answers = append(answers,
			answer{File: tourFile, Wave: "pre", Respondent: r, Question: "interet_sciences_energie", Value: f(3)},
			answer{File: tourFile, Wave: "pre", Respondent: r, Question: "connait_metiers", Value: f(2)})
	}
	for _, r := range []string{"A", "B", "E"} {
		answers = append(answers,
			answer{File: tourFile, Wave: "post", Respondent: r, Question: "satisfaction", Value: f(5)})
	}
	// A respondent whose only answer is a blank or free-text cell still responded.
	answers = append(answers, answer{File: tourFile, Wave: "post", Respondent: "F", Question: "commentaire"})
	noisy := []answer{
		{Year: otherYear, File: tourFile, Wave: "pre", Respondent: "Z", Question: "satisfaction", Value: f(5)},
		{Campus: otherCampus, File: tourFile, Wave: "pre", Respondent: "Y", Question: "satisfaction", Value: f(5)},
		// A population of 0 has no rate.
		{File: atelierFile, Wave: "pre", Respondent: "A", Question: "satisfaction", Value: f(5)},
	}

	check(t, "response_rate", []indicatorCase{
		{
			name: "respondents over population for each wave, before first", // 4 / 40 both times
			fx:   fixture{surveys: surveys, answers: slices.Concat(noisy, answers)},
			want: []result{
				inSurvey(tour, by("vague", "pre", 0.1, 4, u)),
				inSurvey(tour, by("vague", "post", 0.1, 4, u)),
			},
		},
		{
			name: "a wave of no file and no answer gives no row",
			fx: fixture{surveys: surveys, answers: []answer{
				{File: tourFile, Wave: "post", Respondent: "A", Question: "satisfaction", Value: f(4)},
				{File: tourFile, Wave: "post", Respondent: "B", Question: "satisfaction", Value: f(4)},
			}},
			want: []result{inSurvey(tour, by("vague", "post", 0.05, 2, u))},
		},
		{
			name: "a wave a file holds and nobody answered shows 0",
			fx: fixture{surveys: surveys,
				waves: []wave{{File: tourFile, Wave: "pre"}, {File: tourFile, Wave: "post"}, {File: emptyFile, Wave: "post"},
					{Year: otherYear, File: tourFile, Wave: "pre"}, {File: atelierFile, Wave: "pre"}},
				answers: []answer{
					{File: tourFile, Wave: "post", Respondent: "A", Question: "satisfaction", Value: f(4)},
					{File: tourFile, Wave: "post", Respondent: "B", Question: "satisfaction", Value: f(4)},
				}},
			want: []result{
				inSurvey(tour, by("vague", "pre", 0, 0, u)),
				inSurvey(tour, by("vague", "post", 0.05, 2, u)),
				inSurvey("Sans réponse", by("vague", "post", 0, 0, u)),
			},
		},
		{
			// Two workbooks of one title are two sessions: E01 of one is not
			// E01 of the other, and the populations add up.
			name: "two sessions of a title count their people apart",
			fx: fixture{
				surveys: []survey{
					{File: "questionnaires/mardi.xlsx", Titre: tour, Population: 10, Scope: "questionnaires/mardi.xlsx"},
					{File: "questionnaires/jeudi.xlsx", Titre: tour, Population: 12, Scope: "questionnaires/jeudi.xlsx"},
				},
				answers: []answer{
					{File: "questionnaires/mardi.xlsx", Wave: "pre", Respondent: "E01", Question: "satisfaction", Value: f(4)},
					{File: "questionnaires/mardi.xlsx", Wave: "pre", Respondent: "E02", Question: "satisfaction", Value: f(4)},
					{File: "questionnaires/jeudi.xlsx", Wave: "pre", Respondent: "e01", Question: "satisfaction", Value: f(2)},
				}},
			want: []result{inSurvey(tour, by("vague", "pre", 3.0/22, 3, u))},
		},
		{
			// The exports of one survey_formats entry share a scope: one
			// group of people, its population counted once.
			name: "the files of one scope count their population once",
			fx: fixture{
				surveys: []survey{
					{File: "questionnaires/avant.xlsx", Titre: tour, Population: 10, Scope: "survey_formats/forum"},
					{File: "questionnaires/apres.xlsx", Titre: tour, Population: 10, Scope: "survey_formats/forum"},
				},
				answers: []answer{
					{File: "questionnaires/avant.xlsx", Wave: "pre", Respondent: "E01", Question: "satisfaction", Value: f(4)},
					{File: "questionnaires/apres.xlsx", Wave: "post", Respondent: "E01", Question: "satisfaction", Value: f(4)},
				}},
			want: []result{inSurvey(tour, by("vague", "pre", 0.1, 1, u)), inSurvey(tour, by("vague", "post", 0.1, 1, u))},
		},
		{
			name: "no answers gives no rows",
			fx:   fixture{surveys: surveys, answers: noisy},
			want: nil,
		},
	})
}

// -------------------------------------------------------- immersion_periods

func TestImmersionPeriods(t *testing.T) {
	const u = "personnes"
	check(t, "immersion_periods", []indicatorCase{
		{
			name: "learners of stage actions only, not their tutors",
			fx: fixture{actions: catalogue, participations: withNoise(
				participation{Action: "Stage de seconde", Date: "2025-06-16", Public: "lycéens", Participants: 12},
				participation{Action: "Stage de seconde", Date: "2025-06-17", Public: "lycéens", Participants: 9},
				participation{Action: "Stage de seconde", Date: "2025-06-16", Public: "professionnels", Participants: 3},
				participation{Action: "Stage de seconde", Date: "2025-06-17", Public: "enseignants", Participants: 2},
				participation{Action: "Stage découverte", Date: "2025-02-10", Public: "collégiens", Participants: 4},
				participation{Action: "Stage découverte", Date: "2025-02-11", Public: "étudiants", Participants: 1},
				participation{Action: "Stage découverte", Date: "2025-02-12", Public: "demandeurs d'emploi", Participants: 2},
				participation{Action: "Stage découverte", Date: "2025-02-10", Public: "professionnels", Participants: 1},
				participation{Action: "Visite chantier", Date: "2025-06-16", Public: "lycéens", Participants: 30},
				// Of type stage only in the other campus's and other year's catalogues.
				participation{Action: "Engagement Tour", Date: "2025-06-16", Public: "lycéens", Participants: 50},
			)},
			want: []result{
				headline(28, 28, u),
				by("action", "Stage de seconde", 21, 21, u),
				by("action", "Stage découverte", 7, 7, u),
			},
		},
		{
			name: "no stage attended gives no rows",
			fx: fixture{actions: catalogue, participations: withNoise(
				participation{Action: "Visite chantier", Date: "2025-06-16", Public: "lycéens", Participants: 30},
			)},
			want: nil,
		},
		{
			name: "a stage with tutors only gives no rows",
			fx: fixture{actions: catalogue, participations: withNoise(
				participation{Action: "Stage de seconde", Date: "2025-06-16", Public: "professionnels", Participants: 3},
			)},
			want: nil,
		},
	})
}

// ----------------------------------------------------------- attractiveness

func TestAttractiveness(t *testing.T) {
	const u = "candidats par place"
	programmes := []formation{
		{Etablissement: "Lycée Carnot", Formation: "BTS Électrotechnique", Places: 24, Candidats: 60},
		{Etablissement: "Lycée Carnot", Formation: "Bac pro MELEC", Places: 30, Candidats: 36},
		{Etablissement: "Lycée Niépce", Formation: "BTS Électrotechnique", Places: 16, Candidats: 24},
		// Earlier year repeated in this year's file, earlier import, other campus.
		{Annee: otherYear, Etablissement: "Lycée Carnot", Formation: "Bac pro MELEC", Places: 30, Candidats: 300},
		{Year: otherYear, Etablissement: "Lycée Carnot", Formation: "Bac pro MELEC", Places: 30, Candidats: 300},
		{Campus: otherCampus, Etablissement: "Lycée Carnot", Formation: "Bac pro MELEC", Places: 30, Candidats: 300},
	}
	check(t, "attractiveness", []indicatorCase{
		{
			name: "candidates per place overall, by establishment and by programme",
			fx:   fixture{formations: programmes},
			want: []result{
				headline(120.0/70, 3, u),
				by("etablissement", "Lycée Carnot", 96.0/54, 2, u),
				by("etablissement", "Lycée Niépce", 1.5, 1, u),
				by("formation", "BTS Électrotechnique", 84.0/40, 2, u),
				by("formation", "Bac pro MELEC", 1.2, 1, u),
			},
		},
		{
			name: "a programme with no places has no ratio of its own",
			fx: fixture{formations: []formation{
				{Etablissement: "Lycée Carnot", Formation: "CAP Électricien", Places: 0, Candidats: 5},
				{Etablissement: "Lycée Niépce", Formation: "BTS Électrotechnique", Places: 10, Candidats: 15},
			}},
			want: []result{
				headline(2, 2, u), // (5 + 15) / (0 + 10)
				by("etablissement", "Lycée Niépce", 1.5, 1, u),
				by("formation", "BTS Électrotechnique", 1.5, 1, u),
			},
		},
		{
			name: "only other years and campuses give no rows",
			fx:   fixture{formations: programmes[3:]},
			want: nil,
		},
	})
}

// ---------------------------------------------------- contract and invariants

var wantIDs = []string{
	"animations", "attractiveness", "establishments", "girls_share", "immersion_periods",
	"interest_uplift", "orientation_confirmed_rate", "participants", "qpv_share", "response_rate",
	"survey_change", "survey_likert", "survey_pairing",
}

func TestLoad_Embedded(t *testing.T) {
	all, err := queries.Load(queries.FS)
	if err != nil {
		t.Fatalf("Load(FS): %v", err)
	}
	var ids []string
	for _, ind := range all {
		ids = append(ids, ind.ID)
		if ind.Version < 1 || ind.Label == "" || ind.Definition == "" || ind.File != "indicators/"+ind.ID+".sql" {
			t.Errorf("Load(FS) %s = version %d, label %q, definition %q, file %q; want a version, a label, a definition, file indicators/%[1]s.sql",
				ind.ID, ind.Version, ind.Label, ind.Definition, ind.File)
		}
	}
	if d := cmp.Diff(wantIDs, ids); d != "" {
		t.Errorf("Load(FS) ids mismatch (-want +got):\n%s", d)
	}
}

// richFixture has something for every indicator.
func richFixture() fixture {
	return fixture{
		actions: catalogue,
		participations: withNoise(
			participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "lycéens", Participants: 30,
				Etablissement: ptr("Lycée Carnot"), TypeEtablissement: ptr("lycée"), Filles: ptr(12), QPV: ptr(3)},
			participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "collégiens", Participants: 25,
				Etablissement: ptr("Collège Pasteur"), TypeEtablissement: ptr("collège"), Filles: ptr(13)},
			participation{Action: "Visite chantier", Date: "2025-04-02", Public: "collégiens", Participants: 12,
				Etablissement: ptr("collège pasteur"), TypeEtablissement: ptr("collège")},
			participation{Action: "Stage de seconde", Date: "2025-06-20", Public: "lycéens", Participants: 8,
				Etablissement: ptr("Lycée Carnot"), TypeEtablissement: ptr("lycée"), QPV: ptr(1)},
			participation{Action: "Visite chantier", Date: "2025-05-05", Public: "grand public", Participants: 40},
			participation{Action: "Stage découverte", Date: "2025-02-10", Public: "étudiants", Participants: 6,
				Etablissement: ptr("IUT Belfort"), TypeEtablissement: ptr("supérieur"), Filles: ptr(2)},
		),
		surveys: []survey{{File: "questionnaires/tour.xlsx", Titre: tour, Population: 30}},
		questions: []question{
			{File: "questionnaires/tour.xlsx", ID: "interet_sciences_energie", Type: "likert5"},
			{File: "questionnaires/tour.xlsx", ID: "renforce_orientation", Type: "likert5"},
		},
		answers: slices.Concat(
			likert("questionnaires/tour.xlsx", "pre", "interet_sciences_energie", map[string]*float64{"A": f(3), "B": f(2), "C": f(4)}),
			likert("questionnaires/tour.xlsx", "post", "interet_sciences_energie", map[string]*float64{"A": f(4), "B": f(4), "D": f(5)}),
			likert("questionnaires/tour.xlsx", "post", "renforce_orientation", map[string]*float64{"A": f(4), "B": f(2), "D": f(5)}),
		),
		formations: []formation{
			{Etablissement: "Lycée Carnot", Formation: "BTS Électrotechnique", Places: 24, Candidats: 60},
			{Etablissement: "Lycée Niépce", Formation: "Bac pro MELEC", Places: 16, Candidats: 20},
		},
	}
}

// TestIndicators_Columns checks that every query returns exactly the columns
// of the contract, with their types, on an empty database and on data.
func TestIndicators_Columns(t *testing.T) {
	wantTypes := []string{"VARCHAR", "VARCHAR", "VARCHAR", "DOUBLE", "BIGINT", "DOUBLE", "DOUBLE", "VARCHAR"}
	all, err := queries.Load(queries.FS)
	if err != nil {
		t.Fatalf("Load(FS): %v", err)
	}
	dbs := []struct {
		name string
		db   *sql.DB
	}{{"empty", mustOpen(t)}, {"rich", mustLoad(t, richFixture())}}
	for _, d := range dbs {
		name, db := d.name, d.db
		for _, ind := range all {
			t.Run(name+"/"+ind.ID, func(t *testing.T) {
				rows, err := db.Query(ind.SQL, sql.Named("campus", campus), sql.Named("year", year))
				if err != nil {
					t.Fatalf("run %s: %v", ind.ID, err)
				}
				defer rows.Close()
				cols, err := rows.Columns()
				if err != nil {
					t.Fatalf("Columns(): %v", err)
				}
				n := min(len(cols), len(queries.Columns))
				if d := cmp.Diff(queries.Columns, cols[:n]); d != "" {
					t.Errorf("%s columns mismatch (-want +got):\n%s", ind.ID, d)
				}
				want := slices.Clone(wantTypes)
				for _, c := range cols[n:] {
					switch c {
					case "question", "question_label", "wave":
						want = append(want, "VARCHAR")
					case "pairs", "pre_only", "post_only":
						want = append(want, "BIGINT")
					case "coverage":
						want = append(want, "DOUBLE")
					default:
						t.Errorf("%s returns column %q, not one of queries.Extras", ind.ID, c)
					}
				}
				types, err := rows.ColumnTypes()
				if err != nil {
					t.Fatalf("ColumnTypes(): %v", err)
				}
				var got []string
				for _, ct := range types {
					got = append(got, ct.DatabaseTypeName())
				}
				if d := cmp.Diff(want, got); d != "" {
					t.Errorf("%s column types mismatch (-want +got):\n%s", ind.ID, d)
				}
				count := 0
				for rows.Next() {
					count++
				}
				if err := rows.Err(); err != nil {
					t.Fatalf("run %s: %v", ind.ID, err)
				}
				if name == "empty" && count != 0 {
					t.Errorf("%s on an empty database returned %d rows, want none", ind.ID, count)
				}
				if name == "rich" && count == 0 {
					t.Errorf("%s on the rich fixture returned no rows, want some", ind.ID)
				}
			})
		}
	}
}

// assertion is a dbt-style data test: a query over the rows of an indicator
// (available as the CTE "r") that returns the rows breaking a rule.
type assertion struct {
	name string
	ids  []string // indicators it applies to; nil: all
	sql  string
}

var assertions = []assertion{
	{
		// {key} is survey, dimension, category and the question and wave
		// of the indicators that return them.
		name: "keys are unique",
		sql: `select {key}, count(*) as copies from r
			group by {key} having count(*) > 1`,
	},
	{
		name: "dimension and category are null together",
		sql:  `select * from r where (dimension is null) <> (category is null)`,
	},
	{
		name: "value, n and unit are given, n is not negative",
		sql:  `select * from r where value is null or n is null or n < 0 or unit is null or unit = ''`,
	},
	{
		name: "an interval holds its value, within [0, 1]",
		sql: `select * from r where (ci_low is null) <> (ci_high is null)
			or ci_low > value or value > ci_high or ci_low < 0 or ci_high > 1`,
	},
	{
		name: "rates are fractions",
		ids:  []string{"girls_share", "qpv_share", "orientation_confirmed_rate"},
		sql:  `select * from r where value < 0 or value > 1`,
	},
	{
		name: "each breakdown adds up to the headline",
		ids:  []string{"participants", "animations", "immersion_periods"},
		sql: `select d.dimension, d.total, h.value as headline
			from (select dimension, sum(value) as total from r where dimension is not null group by dimension) as d
			cross join (select value from r where dimension is null) as h
			where d.total <> h.value`,
	},
	{
		name: "breakdowns are no larger than the headline",
		ids:  []string{"establishments"},
		sql: `select b.* from r as b, (select value from r where dimension is null) as h
			where b.dimension is not null and b.value > h.value`,
	},
}

// TestIndicators_Invariants runs the assertion queries on the rich fixture.
// The participants breakdowns by public and by axe summing to the headline is
// the check the activity report relies on.
func TestIndicators_Invariants(t *testing.T) {
	db := mustLoad(t, richFixture())
	for _, id := range wantIDs {
		ind := indicator(t, id)
		for _, a := range assertions {
			if a.ids != nil && !slices.Contains(a.ids, id) {
				continue
			}
			t.Run(id+"/"+a.name, func(t *testing.T) {
				query := "with r as (\n" + ind.SQL + "\n)\n" + strings.ReplaceAll(a.sql, "{key}", keyColumns(t, db, ind))
				if failing := dump(t, db, query, sql.Named("campus", campus), sql.Named("year", year)); len(failing) > 0 {
					t.Errorf("%s breaks %q on rows %s", id, a.name, strings.Join(failing, "; "))
				}
			})
		}
	}
	// The assertion must bite: the rich fixture has breakdowns to add up.
	got := run(t, db, "participants")
	var byPublic, byAxe, head float64
	for _, r := range got {
		switch {
		case r.Dimension == nil:
			head = r.Value
		case *r.Dimension == "public":
			byPublic += r.Value
		case *r.Dimension == "axe":
			byAxe += r.Value
		}
	}
	if head != 121 || byPublic != head || byAxe != head {
		t.Errorf("participants headline %v, by public %v, by axe %v; want 121 all three", head, byPublic, byAxe)
	}
}

// keyColumns returns the columns that identify a row of ind: survey,
// dimension, category, and question and wave when it returns them.
func keyColumns(tb testing.TB, db *sql.DB, ind queries.Indicator) string {
	tb.Helper()
	rows, err := db.Query("select * from (\n"+ind.SQL+"\n) limit 0", sql.Named("campus", campus), sql.Named("year", year))
	if err != nil {
		tb.Fatalf("run %s: %v", ind.ID, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		tb.Fatalf("run %s: %v", ind.ID, err)
	}
	key := []string{"survey", "dimension", "category"}
	for _, c := range []string{"question", "wave"} {
		if slices.Contains(cols, c) {
			key = append(key, c)
		}
	}
	return strings.Join(key, ", ")
}

// ---------------------------------------------------------------- Load

func TestLoad_MalformedHeaders(t *testing.T) {
	const body = "\nselect 1\n"
	good := "-- id: good\n-- label: Bon\n-- version: 2\n-- definition: Un indicateur bien formé.\n" + body
	tests := []struct {
		name    string
		fsys    fstest.MapFS
		want    []queries.Indicator
		wantErr string
	}{
		{
			name: "well-formed",
			fsys: fstest.MapFS{
				"indicators/good.sql": {Data: []byte(good)},
				"indicators/notes.md": {Data: []byte("not an indicator")},
				"other/ignored.sql":   {Data: []byte("-- nothing")},
			},
			want: []queries.Indicator{{ID: "good", Label: "Bon", Version: 2, Definition: "Un indicateur bien formé.",
				File: "indicators/good.sql", SQL: good}},
		},
		{
			name:    "missing id",
			fsys:    fstest.MapFS{"indicators/a.sql": {Data: []byte("-- label: A\n-- version: 1\n-- definition: d\n" + body)}},
			wantErr: `indicators/a.sql:1: header has no "-- id:" line`,
		},
		{
			name: "id after the header is not read",
			fsys: fstest.MapFS{"indicators/a.sql": {Data: []byte(
				"-- label: A\n-- version: 1\n-- definition: d\n\n-- id: a\n" + body)}},
			wantErr: `indicators/a.sql:1: header has no "-- id:" line`,
		},
		{
			name:    "id not matching the file name",
			fsys:    fstest.MapFS{"indicators/b.sql": {Data: []byte("-- id: c\n-- label: B\n-- version: 1\n-- definition: d\n" + body)}},
			wantErr: `indicators/b.sql:1: id "c" does not match the file name "b"`,
		},
		{
			name:    "version not a number",
			fsys:    fstest.MapFS{"indicators/d.sql": {Data: []byte("-- id: d\n-- label: D\n-- version: v1\n-- definition: d\n" + body)}},
			wantErr: `indicators/d.sql:3: version "v1" is not a whole number`,
		},
		{
			name:    "version zero",
			fsys:    fstest.MapFS{"indicators/d.sql": {Data: []byte("-- id: d\n-- label: D\n-- definition: d\n-- version: 0\n" + body)}},
			wantErr: `indicators/d.sql:4: version 0 is not 1 or more`,
		},
		{
			name:    "missing version",
			fsys:    fstest.MapFS{"indicators/d.sql": {Data: []byte("-- id: d\n-- label: D\n-- definition: d\n" + body)}},
			wantErr: `indicators/d.sql:1: header has no "-- version:" line`,
		},
		{
			name:    "missing label",
			fsys:    fstest.MapFS{"indicators/e.sql": {Data: []byte("-- id: e\n-- version: 1\n-- definition: d\n" + body)}},
			wantErr: `indicators/e.sql:1: header has no "-- label:" line`,
		},
		{
			name:    "missing definition",
			fsys:    fstest.MapFS{"indicators/e.sql": {Data: []byte("-- id: e\n-- label: E\n-- version: 1\n" + body)}},
			wantErr: `indicators/e.sql:1: header has no "-- definition:" line`,
		},
		{
			name: "every bad file is reported, in file order",
			fsys: fstest.MapFS{
				"indicators/good.sql": {Data: []byte(good)},
				"indicators/x.sql":    {Data: []byte("-- id: y\n" + body)},
				"indicators/w.sql":    {Data: []byte("-- id: w\n-- version: one\n" + body)},
			},
			wantErr: "indicators/w.sql:2: version \"one\" is not a whole number\n" +
				"indicators/x.sql:1: id \"y\" does not match the file name \"x\"",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := queries.Load(tc.fsys)
			if tc.wantErr != "" {
				if err == nil {
					t.Fatalf("Load() = %d indicators, nil error; want error %q", len(got), tc.wantErr)
				}
				if err.Error() != tc.wantErr {
					t.Errorf("Load() error = %q, want %q", err, tc.wantErr)
				}
				if got != nil {
					t.Errorf("Load() = %v with an error, want nil", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Load() error = %v, want none", err)
			}
			if d := cmp.Diff(tc.want, got, cmpopts.IgnoreFields(queries.Indicator{}, "SHA256")); d != "" {
				t.Errorf("Load() mismatch (-want +got):\n%s", d)
			}
		})
	}
}
