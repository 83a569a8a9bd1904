package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
)

func TestHashRespondent(t *testing.T) {
	want := hmacHex("etl-01")
	for _, code := range []string{"ETL-01", "etl-01", " Etl-01 ", "ETL - 01", "ÉTL_-01"} {
		if got := pipeline.HashRespondent(testKey, campus, code); got != want {
			t.Errorf("HashRespondent(%q) = %s, want %s (the HMAC of etl-01)", code, got, want)
		}
	}
	if pipeline.HashRespondent([]byte("another key, as long as the other"), campus, "ETL-01") == want {
		t.Error("HashRespondent: the same hash under another key")
	}
	// Keyed per campus: the same key and code in another campus is another
	// hash, and the campus's name cannot run into the code.
	if pipeline.HashRespondent(testKey, campus+" bis", "ETL-01") == want {
		t.Error("HashRespondent: the same hash in another campus")
	}
	if pipeline.HashRespondent(testKey, "A", "b1") == pipeline.HashRespondent(testKey, "Ab", "1") {
		t.Error(`HashRespondent: campus "A" code "b1" and campus "Ab" code "1" hash alike`)
	}
}

// TestRespondentKeyFile creates the key on first use, readable by its
// owner only, and gives the same key afterwards.
func TestRespondentKeyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "greencity.key")
	key, err := pipeline.RespondentKeyFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(key) != 32 || st.Mode().Perm() != 0o600 || st.Size() != 65 {
		t.Errorf("key of %d bytes in a file of mode %v and %d bytes, want 32 bytes, 0600, 64 hex digits and a newline", len(key), st.Mode().Perm(), st.Size())
	}
	again, err := pipeline.RespondentKeyFile(path)
	if err != nil || string(again) != string(key) {
		t.Errorf("second RespondentKeyFile = %x, %v; want the same key", again, err)
	}
	if err := os.WriteFile(path, []byte("not hex\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = pipeline.RespondentKeyFile(path)
	if want := "clé des répondants " + path + " illisible : attendu au moins 32 caractères hexadécimaux ; supprimez le fichier pour en créer une nouvelle"; err == nil || err.Error() != want {
		t.Errorf("RespondentKeyFile of a damaged file: %v, want %q", err, want)
	}
}

// TestImportFile_QuestionnairePrivacy imports a questionnaire whose waves
// carry identity columns: each is dropped with a note, no identity value
// and no respondent code as written reaches the database, and the hashed
// codes still pair the two waves.
func TestImportFile_QuestionnairePrivacy(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "questionnaires", "et.xlsx")
	xlsxtest.Write(t, path, survey(
		[][]any{
			{"code", "Nom", "Prénom", "E-mail", "Téléphone", "Date de naissance", "Adresse", "interet_sciences_energie"},
			{"ZM0412", "Martin", "Zoé", "zoe.martin@example.fr", "06 12 34 56 78", "04/12/2009", "3 rue des Lilas, Dijon", 2},
			{"LB2203", "Bernard", "Léo", "leo.b@example.fr", "07 98 76 54 32", "22/03/2009", "1 place Darcy, Dijon", 3},
		},
		[][]any{
			{"code", "interet_sciences_energie", "renforce_orientation", "Mail"},
			{"zm0412", 4, 5, "zoe.martin@example.fr"},
			{"LB 2203", 4, 4, "leo.b@example.fr"},
		},
	)...)
	r := mustImport(t, im, path)
	notes := texts(r.Notes)
	dropped := func(sheet, cell, header string) string {
		return "feuille « " + sheet + " », cellule " + cell + " : « " + header + " » trouvé, attendu aucune donnée d'identité : cette colonne n'est pas importée"
	}
	want := []string{
		dropped("pre", "B1", "Nom"), dropped("pre", "C1", "Prénom"), dropped("pre", "D1", "E-mail"),
		dropped("pre", "E1", "Téléphone"), dropped("pre", "F1", "Date de naissance"), dropped("pre", "G1", "Adresse"),
		dropped("post", "D1", "Mail"),
	}
	if d := cmp.Diff(want, notes); d != "" {
		t.Errorf("notes (-want +got):\n%s", d)
	}
	// Nothing identifying anywhere in the database, in any text column (the
	// search does find what is there).
	if n := dump(t, im.Store.DB, "select count(*) from survey_answers t where position('interet_sciences' in cast(t as varchar)) > 0"); n[0][0] != "4" {
		t.Fatalf("control search found %s rows, want 4", n[0][0])
	}
	for _, needle := range []string{"Martin", "Zoé", "example.fr", "06 12", "2009", "Lilas", "Darcy", "ZM0412", "zm0412", "LB2203", "LB 2203"} {
		for _, table := range []string{"survey_answers", "survey_questions", "surveys", "extra_cells", "imports"} {
			if n := dump(t, im.Store.DB, "select count(*) from (select * from "+table+") t where position('"+needle+"' in cast(t as varchar)) > 0"); n[0][0] != "0" {
				t.Errorf("%q found in %s (%s rows)", needle, table, n[0][0])
			}
		}
	}
	pairs := dump(t, im.Store.DB, `select count(*) from (select respondent from survey_answers where wave = 'pre'
		intersect select respondent from survey_answers where wave = 'post')`)
	if pairs[0][0] != "2" {
		t.Errorf("%s respondents in both waves, want 2: hashing must keep pairs", pairs[0][0])
	}
	want = []string{hmacHex("lb2203"), hmacHex("zm0412")}
	slices.Sort(want)
	var got []string
	for _, r := range dump(t, im.Store.DB, "select distinct respondent from survey_answers order by 1") {
		got = append(got, r[0])
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("respondents, want the HMAC of the normalised codes (-want +got):\n%s", d)
	}
}

// TestImportFile_RehashedUnderCampusKey: a questionnaire imported before
// respondent hashes were keyed per campus (its import checked against
// something else, its answers under other hashes) is imported again, though
// its content has not changed, and its answers come out under the campus's
// hashes; imported again after that, it is left alone.
func TestImportFile_RehashedUnderCampusKey(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "questionnaires", "et.xlsx")
	xlsxtest.Write(t, path, survey(
		[][]any{{"code", "interet_sciences_energie"}, {"ZM0412", 2}, {"LB2203", 3}},
		[][]any{{"code", "interet_sciences_energie"}, {"zm0412", 4}, {"LB 2203", 4}},
	)...)
	mustImport(t, im, path)
	// What an older greencity left: hashes without the campus, and the
	// import checked against what it knew.
	before, err := pipeline.CheckedAgainst(context.Background(), im, path, 2025)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"update survey_answers set respondent = 'ancien-' || respondent",
		"update imports set checked_against = '" + before + "' where kind = 'questionnaire'",
	} {
		if _, err := im.Store.DB.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if r := mustImport(t, im, path); r.Unchanged {
		t.Fatal("a questionnaire imported under the former hashes was left unchanged, want it imported again")
	}
	want := []string{hmacHex("lb2203"), hmacHex("zm0412")}
	slices.Sort(want)
	var got []string
	for _, r := range dump(t, im.Store.DB, "select distinct respondent from survey_answers order by 1") {
		got = append(got, r[0])
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("respondents after the new import, want the campus's hashes (-want +got):\n%s", d)
	}
	if r := mustImport(t, im, path); !r.Unchanged {
		t.Error("imported a third time, the questionnaire was imported again, want it unchanged")
	}
}
