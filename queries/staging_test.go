package queries_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/cmq-greencity/greencity/queries"
)

// Tests of the staging views (queries/staging/), on their rows: every view
// keeps the rows of every campus and year, with their campus and year, for
// the indicators to filter.

// dump runs query on db with args and returns its rows, each as its values
// joined by " | ", NULL for a null.
func dump(tb testing.TB, db *sql.DB, query string, args ...any) []string {
	tb.Helper()
	rows, err := db.Query(query, args...)
	if err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			tb.Fatalf("%s: scan: %v", query, err)
		}
		cells := make([]string, len(vals))
		for i, v := range vals {
			cells[i] = "NULL"
			if v != nil {
				cells[i] = fmt.Sprint(v)
			}
		}
		out = append(out, strings.Join(cells, " | "))
	}
	if err := rows.Err(); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return out
}

func TestStgParticipations(t *testing.T) {
	db := mustLoad(t, fixture{
		// The catalogue lists "Visite chantier" twice, spelled two ways.
		actions: append(catalogue[:len(catalogue):len(catalogue)], action{Action: "Visite Chantier", Axe: "territoires", Type: "visite"}),
		participations: withNoise(
			participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "lycéens", Participants: 30,
				Etablissement: ptr("Lycée Carnot"), TypeEtablissement: ptr("lycée"), Filles: ptr(12), QPV: ptr(3)},
			participation{Action: "Visite chantier", Date: "2025-04-02", Public: "collégiens", Participants: 12},
			// Another spelling of the same establishment, and a name of blanks only.
			participation{Action: "Visite chantier", Date: "2025-04-03", Public: "lycéens", Participants: 5,
				Etablissement: ptr(" LYCÉE\u00a0 carnot ")},
			participation{Action: "Visite chantier", Date: "2025-04-04", Public: "lycéens", Participants: 6,
				Etablissement: ptr("\u00a0 ")},
			participation{Action: "Atelier hors catalogue", Date: "2025-05-05", Public: "grand public", Participants: 40},
		),
	})
	cases := []struct {
		view, query string
		args        []any
		want        []string
	}{
		{
			view: "stg_participations",
			query: `select campus, year, action_key, action, date, etablissement, type_etablissement,
					public, participants, dont_filles, dont_qpv_zrr
				from stg_participations order by campus, year, action_key, date`,
			want: []string{
				otherCampus + " | 2025 | engagementtour | Engagement Tour | 2025-03-10 00:00:00 +0000 UTC | Lycée Ailleurs | non renseigné | lycéens | 1000 | 1000 | 1000",
				campus + " | 2024 | engagementtour | Engagement Tour | 2024-03-10 00:00:00 +0000 UTC | Lycée Autrefois | non renseigné | lycéens | 2000 | 2000 | 2000",
				campus + " | 2025 | atelierhorscatalogue | Atelier hors catalogue | 2025-05-05 00:00:00 +0000 UTC | NULL | non renseigné | grand public | 40 | NULL | NULL",
				campus + " | 2025 | engagementtour | Engagement Tour | 2025-03-14 00:00:00 +0000 UTC | Lycée Carnot | lycée | lycéens | 30 | 12 | 3",
				campus + " | 2025 | visitechantier | Visite chantier | 2025-04-02 00:00:00 +0000 UTC | NULL | non renseigné | collégiens | 12 | NULL | NULL",
				campus + " | 2025 | visitechantier | Visite chantier | 2025-04-03 00:00:00 +0000 UTC |  LYCÉE\u00a0 carnot  | non renseigné | lycéens | 5 | NULL | NULL",
				campus + " | 2025 | visitechantier | Visite chantier | 2025-04-04 00:00:00 +0000 UTC | \u00a0  | non renseigné | lycéens | 6 | NULL | NULL",
			},
		},
		{
			// Names are compared without case, accents or extra blanks,
			// no-break spaces included; a name of blanks is no name.
			view: "stg_participations establishment_key",
			query: `select date, establishment_key from stg_participations
				where campus = $1 and year = 2025 order by date`,
			args: []any{campus},
			want: []string{
				"2025-03-14 00:00:00 +0000 UTC | lycee carnot",
				"2025-04-02 00:00:00 +0000 UTC | NULL",
				"2025-04-03 00:00:00 +0000 UTC | lycee carnot",
				"2025-04-04 00:00:00 +0000 UTC | NULL",
				"2025-05-05 00:00:00 +0000 UTC | NULL",
			},
		},
		{
			view: "stg_actions",
			query: `select campus, year, action_key, action, axe, type, programme, financeurs
				from stg_actions order by campus, year, action_key`,
			want: []string{
				otherCampus + " | 2025 | engagementtour | Engagement Tour | territoires | stage | NULL | NULL",
				campus + " | 2024 | engagementtour | Engagement Tour | projets structurants | stage | NULL | NULL",
				campus + " | 2025 | engagementtour | Engagement Tour | attractivité | forum | JET Cities, RICET | Région BFC, Net Zero Cities (UE)",
				campus + " | 2025 | stagedecouverte | Stage découverte | compétences | stage | NULL | NULL",
				campus + " | 2025 | stagedeseconde | Stage de seconde | compétences | stage | NULL | NULL",
				// Listed twice: one row, spelled by min().
				campus + " | 2025 | visitechantier | Visite Chantier | territoires | visite | NULL | NULL",
			},
		},
		{
			view: "stg_participations_catalogued",
			query: `select campus, year, action_key, action, axe, type, type_etablissement, participants
				from stg_participations_catalogued order by campus, year, action_key`,
			want: []string{
				// Other campus and year: each with its own catalogue's axe and type.
				otherCampus + " | 2025 | engagementtour | Engagement Tour | territoires | stage | non renseigné | 1000",
				campus + " | 2024 | engagementtour | Engagement Tour | projets structurants | stage | non renseigné | 2000",
				// An action the catalogue does not list: as written, no axe, no type.
				campus + " | 2025 | atelierhorscatalogue | Atelier hors catalogue | non renseigné | NULL | non renseigné | 40",
				campus + " | 2025 | engagementtour | Engagement Tour | attractivité | forum | lycée | 30",
				// Listed twice: one row still, spelled by min().
				campus + " | 2025 | visitechantier | Visite Chantier | territoires | visite | non renseigné | 12",
				campus + " | 2025 | visitechantier | Visite Chantier | territoires | visite | non renseigné | 5",
				campus + " | 2025 | visitechantier | Visite Chantier | territoires | visite | non renseigné | 6",
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.view, func(t *testing.T) {
			if d := cmp.Diff(tc.want, dump(t, db, tc.query, tc.args...)); d != "" {
				t.Errorf("%s rows mismatch (-want +got):\n%s", tc.view, d)
			}
		})
	}
}

// stagingSurveyFixture is a survey exported as two files of one title (one
// per wave), whose codes are typed differently in each wave.
func stagingSurveyFixture() fixture {
	const before, after = "questionnaires/avant.xlsx", "questionnaires/apres.xlsx"
	return fixture{
		surveys: []survey{
			{File: before, Titre: tour, Population: 30},
			{File: after, Titre: tour, Population: 30},
			{Campus: otherCampus, File: before, Titre: tour, Population: 30},
		},
		questions: []question{
			{File: before, ID: qInterest, Libelle: "Intérêt ?", Type: "likert5"},
			{File: after, ID: qInterest, Libelle: "Intérêt (après) ?", Type: "likert5"},
			// Text in one file, yes/no in the other: a scale.
			{File: before, ID: qRecommend, Libelle: "Recommandes-tu ?", Type: "texte"},
			{File: after, ID: qRecommend, Libelle: "Recommandes-tu ?", Type: "oui_non"},
			{File: after, ID: "commentaire", Type: "texte"},
			{Campus: otherCampus, File: before, ID: qInterest, Libelle: "Ailleurs ?", Type: "likert5"},
		},
		answers: []answer{
			// "AB 12" twice before (averaged), "ab12" after: one person.
			{File: before, Wave: "pre", Respondent: "AB 12", Question: qInterest, Value: f(3)},
			{File: before, Wave: "pre", Respondent: "ab_12", Question: qInterest, Value: f(4)},
			{File: after, Wave: "post", Respondent: "ab12", Question: qInterest, Value: f(5)},
			{File: before, Wave: "pre", Respondent: "Cé", Question: qInterest, Value: f(2)},
			{File: after, Wave: "post", Respondent: "ce", Question: qInterest, Value: f(4)},
			{File: after, Wave: "post", Respondent: "D", Question: qInterest, Value: f(1)},
			// No value: a respondent, but no answer to pair.
			{File: after, Wave: "post", Respondent: "D", Question: "commentaire"},
			{Campus: otherCampus, File: before, Wave: "pre", Respondent: "AB 12", Question: qInterest, Value: f(1)},
		},
	}
}

func TestStgSurveys(t *testing.T) {
	db := mustLoad(t, stagingSurveyFixture())
	cases := []struct {
		view, query string
		args        []any
		want        []string
	}{
		{
			view: "stg_survey_responses",
			query: `select campus, year, titre, wave, respondent_key, question_id, value from stg_survey_responses
				order by campus, wave, respondent_key, question_id, value`,
			want: []string{
				otherCampus + " | 2025 | " + tour + " | pre | " + tour + " | ab12 | " + qInterest + " | 1",
				campus + " | 2025 | " + tour + " | post | " + tour + " | ab12 | " + qInterest + " | 5",
				campus + " | 2025 | " + tour + " | post | " + tour + " | ce | " + qInterest + " | 4",
				campus + " | 2025 | " + tour + " | post | " + tour + " | d | commentaire | NULL",
				campus + " | 2025 | " + tour + " | post | " + tour + " | d | " + qInterest + " | 1",
				campus + " | 2025 | " + tour + " | pre | " + tour + " | ab12 | " + qInterest + " | 3",
				campus + " | 2025 | " + tour + " | pre | " + tour + " | ab12 | " + qInterest + " | 4",
				campus + " | 2025 | " + tour + " | pre | " + tour + " | ce | " + qInterest + " | 2",
			},
		},
		{
			view: "stg_survey_answers",
			query: `select campus, year, titre, question_id, wave, respondent_key, value from stg_survey_answers
				order by campus, wave, respondent_key`,
			want: []string{
				otherCampus + " | 2025 | " + tour + " | " + qInterest + " | pre | " + tour + " | ab12 | 1",
				campus + " | 2025 | " + tour + " | " + qInterest + " | post | " + tour + " | ab12 | 5",
				campus + " | 2025 | " + tour + " | " + qInterest + " | post | " + tour + " | ce | 4",
				campus + " | 2025 | " + tour + " | " + qInterest + " | post | " + tour + " | d | 1",
				campus + " | 2025 | " + tour + " | " + qInterest + " | pre | " + tour + " | ab12 | 3.5",
				campus + " | 2025 | " + tour + " | " + qInterest + " | pre | " + tour + " | ce | 2",
			},
		},
		{
			view: "stg_survey_pairs",
			query: `select campus, year, titre, question_id, respondent_key, pre_value, post_value from stg_survey_pairs
				order by campus, respondent_key`,
			want: []string{
				otherCampus + " | 2025 | " + tour + " | " + qInterest + " | " + tour + " | ab12 | 1 | NULL",
				campus + " | 2025 | " + tour + " | " + qInterest + " | " + tour + " | ab12 | 3.5 | 5",
				campus + " | 2025 | " + tour + " | " + qInterest + " | " + tour + " | ce | 2 | 4",
				campus + " | 2025 | " + tour + " | " + qInterest + " | " + tour + " | d | NULL | 1",
			},
		},
		{
			view: "stg_scale_questions",
			query: `select campus, year, titre, question_id, type, libelle from stg_scale_questions
				order by campus, question_id`,
			want: []string{
				otherCampus + " | 2025 | " + tour + " | " + qInterest + " | likert5 | Ailleurs ?",
				campus + " | 2025 | " + tour + " | " + qInterest + " | likert5 | Intérêt (après) ?",
				campus + " | 2025 | " + tour + " | " + qRecommend + " | oui_non | Recommandes-tu ?",
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.view, func(t *testing.T) {
			if d := cmp.Diff(tc.want, dump(t, db, tc.query, tc.args...)); d != "" {
				t.Errorf("%s rows mismatch (-want +got):\n%s", tc.view, d)
			}
		})
	}
}

// TestCreateStaging_Embedded checks that the embedded views are all created,
// as temporary views: nothing is stored in the database.
func TestCreateStaging_Embedded(t *testing.T) {
	db := mustOpen(t)
	got := dump(t, db, `select view_name, temporary from duckdb_views() where view_name like 'stg%' order by view_name`)
	want := []string{
		"stg_actions | true", "stg_participations | true", "stg_participations_catalogued | true", "stg_scale_questions | true",
		"stg_survey_answers | true", "stg_survey_pairs | true", "stg_survey_responses | true", "stg_surveys | true",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("views after CreateStaging(FS) (-want +got):\n%s", d)
	}
	// Again on the same connection: the views are replaced, not refused.
	if err := queries.CreateStaging(context.Background(), db, queries.FS); err != nil {
		t.Errorf("CreateStaging(FS) a second time: %v", err)
	}
}

// TestCreateStaging_Order checks that a view is created after the views it
// reads, whatever their names: DuckDB refuses a view of a missing view.
func TestCreateStaging_Order(t *testing.T) {
	db := mustOpen(t)
	view := func(name, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("-- id: " + name + "\n-- definition: test\n\n" + body + "\n")}
	}
	fsys := fstest.MapFS{
		"staging/stg_a.sql": view("stg_a", "select n + 1 as n from stg_b"),
		"staging/stg_b.sql": view("stg_b", "select n * 10 as n from stg_c"),
		"staging/stg_c.sql": view("stg_c", "-- stg_unknown is no view: a mention of it is no dependency.\nselect 4 as n"),
	}
	if err := queries.CreateStaging(context.Background(), db, fsys); err != nil {
		t.Fatalf("CreateStaging: %v", err)
	}
	if got := dump(t, db, "select n from stg_a"); !cmp.Equal(got, []string{"41"}) {
		t.Errorf("stg_a = %v, want [41]", got)
	}
}

func TestCreateStaging_Malformed(t *testing.T) {
	const body = "\nselect 1 as n\n"
	cases := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{
			name: "name not an identifier",
			fsys: fstest.MapFS{"staging/stg-x.sql": {Data: []byte("-- id: stg-x\n-- definition: d\n" + body)}},
			want: "staging/stg-x.sql: the name of a staging file is stg_ then lower-case letters, digits or _, then .sql",
		},
		{
			name: "no stg_ prefix",
			fsys: fstest.MapFS{"staging/orders.sql": {Data: []byte("-- id: orders\n-- definition: d\n" + body)}},
			want: "staging/orders.sql: the name of a staging file is stg_ then lower-case letters, digits or _, then .sql",
		},
		{
			name: "no id",
			fsys: fstest.MapFS{"staging/stg_x.sql": {Data: []byte("-- definition: d\n" + body)}},
			want: `staging/stg_x.sql:1: header has no "-- id:" line`,
		},
		{
			name: "id of another file",
			fsys: fstest.MapFS{"staging/stg_x.sql": {Data: []byte("-- id: stg_y\n-- definition: d\n" + body)}},
			want: `staging/stg_x.sql:1: id "stg_y" does not match the file name "stg_x"`,
		},
		{
			name: "no definition",
			fsys: fstest.MapFS{"staging/stg_x.sql": {Data: []byte("-- id: stg_x\n" + body)}},
			want: `staging/stg_x.sql:1: header has no "-- definition:" line`,
		},
		{
			name: "every bad file",
			fsys: fstest.MapFS{
				"staging/stg_x.sql": {Data: []byte("-- id: stg_x\n" + body)},
				"staging/stg_y.sql": {Data: []byte("-- definition: d\n" + body)},
			},
			want: "staging/stg_x.sql:1: header has no \"-- definition:\" line\nstaging/stg_y.sql:1: header has no \"-- id:\" line",
		},
		{
			name: "circle",
			fsys: fstest.MapFS{
				"staging/stg_x.sql": {Data: []byte("-- id: stg_x\n-- definition: d\nselect * from stg_y\n")},
				"staging/stg_y.sql": {Data: []byte("-- id: stg_y\n-- definition: d\nselect * from stg_x\n")},
				"staging/stg_z.sql": {Data: []byte("-- id: stg_z\n-- definition: d\n" + body)},
			},
			want: "staging/stg_x.sql, staging/stg_y.sql: these staging views read each other in a circle",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := mustOpen(t)
			err := queries.CreateStaging(context.Background(), db, tc.fsys)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("CreateStaging = %v, want %s", err, tc.want)
			}
			// Nothing is created when a file is malformed.
			if got := dump(t, db, "select view_name from duckdb_views() where view_name in ('stg_x', 'stg_y', 'stg_z')"); len(got) != 0 {
				t.Errorf("views created despite the error: %v", got)
			}
		})
	}
}

// TestCreateStaging_SQLError checks that a view DuckDB refuses is reported
// with its file.
func TestCreateStaging_SQLError(t *testing.T) {
	db := mustOpen(t)
	fsys := fstest.MapFS{"staging/stg_x.sql": {Data: []byte("-- id: stg_x\n-- definition: d\nselect * from no_such_table\n")}}
	err := queries.CreateStaging(context.Background(), db, fsys)
	const prefix = "staging/stg_x.sql: create view stg_x: Catalog Error: Table with name no_such_table does not exist"
	if err == nil || !strings.HasPrefix(err.Error(), prefix) {
		t.Fatalf("CreateStaging = %v, want an error starting %q", err, prefix)
	}
}

// TestLoad_Reads checks the tables each embedded indicator reads, through
// the staging views: the definitions sheet of the workbook lists the files
// of these tables as the sources of each figure.
func TestLoad_Reads(t *testing.T) {
	all, err := queries.Load(queries.FS)
	if err != nil {
		t.Fatalf("Load(FS): %v", err)
	}
	got := map[string][]string{}
	for _, ind := range all {
		got[ind.ID] = ind.Reads
	}
	attendance := []string{"participations"}
	catalogued := []string{"actions", "participations"}
	answers := []string{"survey_answers", "surveys"}
	scales := []string{"survey_answers", "survey_questions", "surveys"}
	want := map[string][]string{
		"animations": catalogued, "attractiveness": {"formations"}, "establishments": attendance,
		"girls_share": catalogued, "immersion_periods": catalogued, "interest_uplift": answers,
		"orientation_confirmed_rate": answers, "participants": catalogued, "qpv_share": catalogued,
		"response_rate": {"survey_answers", "survey_waves", "surveys"}, "survey_change": scales, "survey_likert": scales, "survey_pairing": answers,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Load(FS) reads mismatch (-want +got):\n%s", d)
	}
}

// TestLoad_ReadsText checks what counts as a table read: names after from
// and join, not those in comments, not the CTEs of the query, not a table
// function; a staging view stands for what it reads.
func TestLoad_ReadsText(t *testing.T) {
	fsys := fstest.MapFS{
		"indicators/x.sql": {Data: []byte(`-- id: x
-- label: X
-- version: 1
-- definition: d
-- Read from the comments: not a table.
with levels as (
    select x from unnest([1, 2]) as t(x)
),
mine as (select * from Formations)
select * from mine
join stg_v as v using (x)
left join levels using (x)
`)},
		"staging/stg_v.sql": {Data: []byte("-- id: stg_v\n-- definition: d\nselect * from stg_w join actions using (x)\n")},
		"staging/stg_w.sql": {Data: []byte("-- id: stg_w\n-- definition: d\nselect * from participations -- from surveys: no\n")},
	}
	all, err := queries.Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if want := []string{"actions", "formations", "participations"}; len(all) != 1 || !cmp.Equal(want, all[0].Reads) {
		t.Errorf("Load() = %+v, want one indicator reading %v", all, want)
	}
}

// TestLoad_MalformedStaging checks that Load reports a malformed staging
// file with the indicators': the tables an indicator reads go through it.
func TestLoad_MalformedStaging(t *testing.T) {
	fsys := fstest.MapFS{
		"indicators/x.sql":  {Data: []byte("-- id: x\n-- label: X\n-- definition: d\n\nselect 1\n")},
		"staging/stg_v.sql": {Data: []byte("-- id: stg_w\n-- definition: d\n\nselect 1\n")},
	}
	got, err := queries.Load(fsys)
	const want = "indicators/x.sql:1: header has no \"-- version:\" line\n" +
		"staging/stg_v.sql:1: id \"stg_w\" does not match the file name \"stg_v\""
	if err == nil || err.Error() != want || got != nil {
		t.Errorf("Load() = %v, %v; want nil, %s", got, err, want)
	}
}
