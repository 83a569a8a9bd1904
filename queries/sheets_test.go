package queries_test

import (
	"database/sql"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/cmq-greencity/greencity/queries"
)

// Tests of the sheet queries (queries/sheets/), on their rows.

// sheetFixture has, for the campus and year asked, an action held twice
// with two spellings of its name and of an establishment, an action with
// no establishment, an action the catalogue does not list and two that
// held no session; noise of another campus and year.
func sheetFixture() fixture {
	return fixture{
		actions: catalogue,
		participations: withNoise(
			participation{Action: "Engagement Tour", Date: "2025-03-14", Public: "lycéens", Participants: 30,
				Etablissement: ptr("Lycée Carnot"), TypeEtablissement: ptr("lycée")},
			participation{Action: "engagement tour", Date: "2025-03-14", Public: "collégiens", Participants: 20,
				Etablissement: ptr("collège Pasteur"), TypeEtablissement: ptr("collège")},
			participation{Action: "Engagement Tour", Date: "2025-03-20", Public: "lycéens", Participants: 10,
				Etablissement: ptr("LYCEE  CARNOT"), TypeEtablissement: ptr("lycée")},
			participation{Action: "Visite chantier", Date: "2025-04-02", Public: "grand public", Participants: 40},
			participation{Action: "Atelier hors catalogue", Date: "2025-05-05", Public: "collégiens", Participants: 12,
				Etablissement: ptr("Collège Pasteur"), TypeEtablissement: ptr("collège")},
		),
		surveys: []survey{
			{File: "questionnaires/tour.xlsx", Titre: tour, Population: 30},
			{Campus: otherCampus, File: "questionnaires/tour.xlsx", Titre: "Ailleurs", Population: 30},
		},
	}
}

// sheetQuery returns the embedded sheet query id, failing the test if
// absent.
func sheetQuery(tb testing.TB, id string) queries.SheetQuery {
	tb.Helper()
	all, err := queries.LoadSheets(queries.FS)
	if err != nil {
		tb.Fatalf("LoadSheets(FS): %v", err)
	}
	for _, q := range all {
		if q.ID == id {
			return q
		}
	}
	tb.Fatalf("LoadSheets(FS) has no query %q", id)
	return queries.SheetQuery{}
}

func TestSheets(t *testing.T) {
	db := mustLoad(t, sheetFixture())
	const day = " 00:00:00 +0000 UTC"
	cases := []struct {
		id   string
		want []string
	}{
		{
			id: "action_catalogue",
			want: []string{
				// Not in the catalogue: its attendance still counts.
				"Atelier hors catalogue | non renseigné | NULL | NULL | NULL",
				"Engagement Tour | attractivité | forum | JET Cities, RICET | Région BFC, Net Zero Cities (UE)",
				// No session this year: a sheet all the same.
				"Stage de seconde | compétences | stage | NULL | NULL",
				"Stage découverte | compétences | stage | NULL | NULL",
				"Visite chantier | territoires | visite | NULL | NULL",
			},
		},
		{
			// Two groups on 14 March are one session; the name as the
			// catalogue spells it.
			id: "action_sessions",
			want: []string{
				"Atelier hors catalogue | 2025-05-05" + day + " | 1",
				"Engagement Tour | 2025-03-14" + day + " | 2",
				"Engagement Tour | 2025-03-20" + day + " | 2",
				"Visite chantier | 2025-04-02" + day + " | 1",
			},
		},
		{
			id: "action_publics",
			want: []string{
				"Atelier hors catalogue | NULL | 12",
				"Atelier hors catalogue | collégiens | 12",
				"Engagement Tour | NULL | 60",
				"Engagement Tour | collégiens | 20",
				"Engagement Tour | lycéens | 40",
				"Visite chantier | NULL | 40",
				"Visite chantier | grand public | 40",
			},
		},
		{
			// "Lycée Carnot" and "LYCEE  CARNOT" are one establishment; a
			// row without a name is none.
			id: "action_establishments",
			want: []string{
				"Atelier hors catalogue | collège | Collège Pasteur | 1",
				"Engagement Tour | collège | collège Pasteur | 2",
				"Engagement Tour | lycée | LYCEE  CARNOT | 2",
			},
		},
		{
			id:   "action_surveys",
			want: []string{"Engagement Tour | " + tour},
		},
	}
	for _, tc := range cases {
		t.Run(tc.id, func(t *testing.T) {
			got := dump(t, db, sheetQuery(t, tc.id).SQL, sql.Named("campus", campus), sql.Named("year", year))
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("%s rows mismatch (-want +got):\n%s", tc.id, d)
			}
		})
	}
}

// TestSheets_ParticipantsAddUp checks that the sheets' participations add
// up to the indicator's, action by action and in all.
func TestSheets_ParticipantsAddUp(t *testing.T) {
	db := mustLoad(t, sheetFixture())
	args := []any{sql.Named("campus", campus), sql.Named("year", year)}
	sheets := dump(t, db, "select action, participants from ("+sheetQuery(t, "action_publics").SQL+") where public is null order by action", args...)
	ind := dump(t, db, "select category, cast(value as bigint) from ("+indicator(t, "participants").SQL+") where dimension = 'action' order by category", args...)
	if len(sheets) == 0 {
		t.Fatal("action_publics gives no total")
	}
	if d := cmp.Diff(ind, sheets); d != "" {
		t.Errorf("participations by action: sheets and indicator differ (-indicator +sheets):\n%s", d)
	}
}

func TestLoadSheets_Embedded(t *testing.T) {
	all, err := queries.LoadSheets(queries.FS)
	if err != nil {
		t.Fatalf("LoadSheets(FS): %v", err)
	}
	var ids []string
	for _, q := range all {
		ids = append(ids, q.ID)
	}
	want := []string{"action_catalogue", "action_establishments", "action_publics", "action_sessions", "action_surveys"}
	if d := cmp.Diff(want, ids); d != "" {
		t.Errorf("LoadSheets(FS) ids mismatch (-want +got):\n%s", d)
	}
}

func TestLoadSheets_Malformed(t *testing.T) {
	fsys := fstest.MapFS{
		"sheets/a.sql": {Data: []byte("-- id: b\n-- definition: d\nselect 1\n")},
		"sheets/c.sql": {Data: []byte("-- id: c\nselect 1\n")},
	}
	_, err := queries.LoadSheets(fsys)
	const want = "sheets/a.sql:1: id \"b\" does not match the file name \"a\"\n" +
		"sheets/c.sql:1: header has no \"-- definition:\" line"
	if err == nil || err.Error() != want {
		t.Errorf("LoadSheets() error = %v, want\n%s", err, want)
	}
}
