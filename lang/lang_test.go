package lang

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"

	"github.com/cmq-greencity/greencity/queries"
)

// messageIDs reads the ids of a catalogue as go-i18n does: nested tables
// joined with ".", a table of plural forms being one message.
func messageIDs(t *testing.T, code string) map[string]map[string]string {
	t.Helper()
	buf, err := catalogues.ReadFile(code + ".toml")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := toml.Unmarshal(buf, &raw); err != nil {
		t.Fatalf("%s.toml: %v", code, err)
	}
	out := map[string]map[string]string{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch v := v.(type) {
		case string:
			out[prefix] = map[string]string{"other": v}
		case map[string]any:
			if _, plural := v["other"]; plural {
				forms := map[string]string{}
				for k, f := range v {
					forms[k], _ = f.(string)
				}
				out[prefix] = forms
				return
			}
			for k, sub := range v {
				id := k
				if prefix != "" {
					id = prefix + "." + k
				}
				walk(id, sub)
			}
		default:
			t.Errorf("%s.toml: %s is a %T, not a message", code, prefix, v)
		}
	}
	walk("", raw)
	return out
}

// TestCatalogues_sameKeys: every message of one language is in the other,
// with the same placeholders and, if it has plural forms, with them too.
func TestCatalogues_sameKeys(t *testing.T) {
	fr, en := messageIDs(t, French), messageIDs(t, English)
	for id, forms := range fr {
		enForms, ok := en[id]
		if !ok {
			t.Errorf("en.toml has no %s (fr.toml: %q)", id, forms["other"])
			continue
		}
		// A message with plural forms has them in both languages, and the
		// same placeholders in each form.
		if (len(forms) > 1) != (len(enForms) > 1) {
			t.Errorf("%s: plural forms in one catalogue only: fr %v, en %v", id, forms, enForms)
		}
		if p, q := placeholders(forms["other"]), placeholders(enForms["other"]); !slices.Equal(p, q) {
			t.Errorf("%s: placeholders fr %v, en %v", id, p, q)
		}
	}
	for id := range en {
		if _, ok := fr[id]; !ok {
			t.Errorf("fr.toml has no %s (en.toml: %q)", id, en[id]["other"])
		}
	}
}

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return out
}

func TestPrinter_numbers(t *testing.T) {
	fr, en := MustNew(French), MustNew(English)
	for _, c := range []struct{ got, want string }{
		{fr.Int(4604), "4\u202f604"}, {en.Int(4604), "4,604"},
		{fr.Decimal(1234.56, 1), "1\u202f234,6"}, {en.Decimal(1234.56, 1), "1,234.6"},
		{fr.Decimal(-0.04, 1), "0,0"}, {en.Decimal(-0.8, 1), "-0.8"},
		{fr.Percent(0.8333), "83\u202f%"}, {en.Percent(0.8333), "83%"},
		{fr.Change(0.33), "+33\u202f%"}, {en.Change(-0.05), "-5%"}, {en.Change(0), "0%"},
		{fr.Month(2025, 1), "janv. 2025"}, {en.Month(2025, 9), "Sep 2025"},
		{fr.Date(time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)), "1er novembre 2025"},
		{en.Date(time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)), "1 November 2025"},
		{fr.DateTime(time.Date(2025, 2, 3, 9, 5, 0, 0, time.UTC)), "03/02/2025 à 09:05"},
		{en.DateTime(time.Date(2025, 2, 3, 9, 5, 0, 0, time.UTC)), "3 February 2025, 09:05"},
		{fr.List([]string{"2023", "2024", "2025"}), "2023, 2024 et 2025"},
		{en.List([]string{"2023", "2024"}), "2023 and 2024"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestNew_unknown(t *testing.T) {
	if _, err := New("de"); err == nil || !strings.Contains(err.Error(), `"de"`) {
		t.Errorf(`New("de") = %v, want an error naming "de"`, err)
	}
	if p, err := New(""); err != nil || p.Code() != French {
		t.Errorf(`New("") = %v, %v, want French`, p, err)
	}
}

// TestReword reads back what pipeline and targets write in French, nested
// ones included, and leaves alone what no note made.
func TestReword(t *testing.T) {
	fr, en := MustNew(French), MustNew(English)
	note := fr.Note("small_sample_pairs", "N", 17, "Min", 30) + " ; " + fr.Note("wide_interval", "Width", 38) + " ; texte libre"
	want := "small sample (17 pairs, fewer than 30): read with caution; wide confidence interval (38 points): imprecise estimate; texte libre"
	if got := en.Reword(note); got != want {
		t.Errorf("Reword(%q) = %q, want %q", note, got, want)
	}
	reason := fr.Note("year_withheld", "Year", 2025, "Why", fr.Note("why_small", "Min", 12))
	if got, want := en.Reword(reason), "value 2025 not published (fewer than 12 respondents)"; got != want {
		t.Errorf("Reword(%q) = %q, want %q", reason, got, want)
	}
	if got := fr.Reword(note); got != note {
		t.Errorf("a French printer rewords %q as %q", note, got)
	}
}

// dynamicFamilies are the sections whose messages the code names by a key
// it builds (an indicator id, a breakdown, a value of the data, a sheet):
// their messages are not looked for one by one in the code.
var dynamicFamilies = []string{"indicators.", "dims.", "values.", "tests.", "status.", "months.", "subjects.",
	"annex.refs.", "annex.kinds.", "annex.rows_sheet.", "scope.", "actions.axes.", "actions.establishment_types.",
	"notes.", "workbook.sheets.", "workbook.columns.", "workbook.cover.", "coverage.on_", "methods.",
	"survey.none_", "survey.some_", "basis.", "axis."}

// usedKey finds a message id named in code: l.T(id), l.N(id, ...),
// l.Note(id) (section notes), {{t id}} in a template, id quoted.
var usedKey = regexp.MustCompile(`\.(T|N|Note|Has)\("([a-z0-9_.]+)"|\{\{t "([a-z0-9_.]+)"`)

// TestCatalogues_keysUsed: every message the code names exists, and every
// message of the catalogues is named somewhere in the code (or belongs to
// a family the code names by a key it builds).
func TestCatalogues_keysUsed(t *testing.T) {
	ids := messageIDs(t, French)
	used := map[string]bool{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata" || d.Name() == "data") {
			return filepath.SkipDir
		}
		if d.IsDir() || !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".tmpl")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		// A message is used where its id is written as a Go string (in a
		// call, or in a variable given to one).
		for id := range ids {
			if strings.Contains(string(b), `"`+id+`"`) {
				used[id] = true
			}
		}
		for _, m := range usedKey.FindAllStringSubmatch(string(b), -1) {
			id := m[2] + m[3]
			if m[1] == "Note" {
				id = notesSection + "." + id
			}
			used[id] = true
			// A literal that ends with "." or "_" is the start of a key
			// the code completes; an id without a section is a comment.
			if strings.HasSuffix(id, ".") || strings.HasSuffix(id, "_") || !strings.Contains(id, ".") {
				continue
			}
			if _, ok := ids[id]; !ok {
				t.Errorf("%s names the message %s, which fr.toml does not have", path, id)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for id := range ids {
		if !used[id] && !slices.ContainsFunc(dynamicFamilies, func(p string) bool { return strings.HasPrefix(id, p) }) {
			t.Errorf("the message %s is used nowhere", id)
		}
	}
}

// TestCatalogues_indicatorsAsQueries: the label, definition, numerator
// and denominator of each indicator in fr.toml are those of the header of
// its query, which the
// French report shows; when a header changes, this fails until both
// catalogues follow it.
func TestCatalogues_indicatorsAsQueries(t *testing.T) {
	inds, err := queries.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	fr := messageIDs(t, French)
	for _, ind := range inds {
		for key, want := range map[string]string{"label": ind.Label, "definition": ind.Definition,
			"numerator": ind.Numerator, "denominator": ind.Denominator} {
			id := "indicators." + ind.ID + "." + key
			if got := fr[id]["other"]; got != want {
				t.Errorf("fr.toml %s = %q, the query's header says %q: update fr.toml, and en.toml with it", id, got, want)
			}
		}
	}
}

// TestPrinter_plural: each language picks its own plural form. French
// counts 0 and 1 as one, English only 1; a decimal count is read too.
func TestPrinter_plural(t *testing.T) {
	fr, en := MustNew(French), MustNew(English)
	for _, c := range []struct {
		p     *Printer
		count any
		want  string
	}{
		{fr, int64(0), "calculé sur 0 répondant"}, {fr, int64(1), "calculé sur 1 répondant"}, {fr, int64(2), "calculé sur 2 répondants"},
		{en, int64(0), "calculated on 0 respondents"}, {en, int64(1), "calculated on 1 respondent"}, {en, int64(2), "calculated on 2 respondents"},
	} {
		if got := c.p.N("basis.survey_likert", c.count, "N", c.count); got != c.want {
			t.Errorf("%s: N(%v) = %q, want %q", c.p.Code(), c.count, got, c.want)
		}
	}
	if got := fr.N("change.points_scale", "1.5", "N", "1,5"); got != "1,5 point sur 5" {
		t.Errorf("French 1.5 = %q, want the singular", got)
	}
	if got := en.N("change.points_scale", "1.5", "N", "1.5"); got != "1.5 points out of 5" {
		t.Errorf("English 1.5 = %q, want the plural", got)
	}
}
