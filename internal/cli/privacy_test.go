package cli

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
)

// TestRun_RespondentKeyFromEnvironment hashes respondent codes with the key
// of GREENCITY_RESPONDENT_KEY, creates no key file, and never stores the
// key nor the codes.
func TestRun_RespondentKeyFromEnvironment(t *testing.T) {
	data := t.TempDir()
	smallYear(t, data)
	h := newHarness(t, data, "2025")
	key := "une clé de campus, longue et secrète"
	h.env["GREENCITY_RESPONDENT_KEY"] = key
	h.mustRun("run")
	db := h.env["GREENCITY_DATABASE"]
	if _, err := os.Stat(filepath.Join(filepath.Dir(db), "greencity.key")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a key file was created although respondent_key is set: %v", err)
	}
	store, err := pipeline.OpenStore(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	rows, err := store.DB.Query("select distinct respondent from survey_answers order by 1")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	// The HMAC of the campus (its length, a colon, its name) and the code:
	// keyed per campus (pipeline.HashRespondent).
	campus := defaults["campus"].(string)
	var want []string
	for _, code := range []string{"a1", "a2", "a3"} {
		m := hmac.New(sha256.New, []byte(key))
		m.Write([]byte(fmt.Sprintf("%d:%s%s", len(campus), campus, code)))
		want = append(want, hex.EncodeToString(m.Sum(nil)))
	}
	sort.Strings(want)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("respondents (-want +got):\n%s", d)
	}
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(key)) {
		t.Error("the key is in the database file")
	}
}

// TestLoadConfig_RespondentKeyTooShort refuses a weak key without printing it.
func TestLoadConfig_RespondentKeyTooShort(t *testing.T) {
	_, err := loadConfig(filepath.Join(t.TempDir(), "absent.yaml"), false, flagSet(),
		func(k string) string { return map[string]string{"GREENCITY_RESPONDENT_KEY": "court"}[k] })
	if want := "configuration respondent_key = (masquée) : clé trop courte : au moins 16 caractères"; err == nil || err.Error() != want {
		t.Errorf("loadConfig = %v, want %q", err, want)
	}
}

// TestWriteCSV_EveryFormulaLead neutralises every character that makes a
// spreadsheet read a cell as a formula, in every text column taken from a
// spreadsheet, and leaves other text alone.
func TestWriteCSV_EveryFormulaLead(t *testing.T) {
	var rows []pipeline.Row
	leads := []string{"=", "+", "-", "@", "\t", "\r", "\n"}
	for _, lead := range leads {
		rows = append(rows, pipeline.Row{Year: 2025, ID: "participants", Survey: lead + "cmd|' /C calc'!A0",
			Dimension: "action", Category: lead + "HYPERLINK(\"http://x\")", Value: 1, N: 1, Unit: "personnes"})
	}
	rows = append(rows, pipeline.Row{Year: 2025, ID: "participants", Dimension: "action", Category: "Fresque = climat", Value: 1, N: 1, Unit: "personnes"})
	var b bytes.Buffer
	if err := writeCSV(&b, rows, false); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := records[0]
	col := func(name string) int {
		for i, h := range head {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s in %v", name, head)
		return -1
	}
	for i, lead := range leads {
		r := records[i+1]
		if want := "'" + lead + "HYPERLINK(\"http://x\")"; r[col("category")] != want {
			t.Errorf("category with lead %q = %q, want %q", lead, r[col("category")], want)
		}
		if want := "'" + lead + "cmd|' /C calc'!A0"; r[col("survey")] != want {
			t.Errorf("survey with lead %q = %q, want %q", lead, r[col("survey")], want)
		}
	}
	if got := records[len(records)-1][col("category")]; got != "Fresque = climat" {
		t.Errorf("plain text became %q", got)
	}
}
