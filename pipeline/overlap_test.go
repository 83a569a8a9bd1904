package pipeline

import (
	"bytes"
	"strconv"
	"testing"
	"time"
)

// TestRepeats checks the threshold of rows counted twice: at least 3 rows
// in common, making at least 80 % of the rows of either file.
func TestRepeats(t *testing.T) {
	rows := func(keys ...string) *keyedRows {
		out := &keyedRows{}
		for i, k := range keys {
			out.add("Feuil1", i+2, keyOf(k))
		}
		return out
	}
	for _, tt := range []struct {
		name  string
		file  *keyedRows
		other []string
		want  string
	}{
		{"a copy", rows("a", "b", "c"), []string{"c", "b", "a"}, "3 de ses 3 lignes se retrouvent à l'identique dans autre.xlsx (3 lignes)"},
		{"an older version, part of this one", rows("a", "b", "c", "d", "e"), []string{"a", "b", "c", "d"}, "4 de ses 5 lignes se retrouvent à l'identique dans autre.xlsx (4 lignes)"},
		{"this one part of the other", rows("a", "b", "c"), []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}, "3 de ses 3 lignes se retrouvent à l'identique dans autre.xlsx (10 lignes)"},
		{"two rows only", rows("a", "b"), []string{"a", "b"}, ""},
		{"three rows of five on either side", rows("a", "b", "c", "d", "e"), []string{"a", "b", "c", "x", "y"}, ""},
		{"a row twice here, once there", rows("a", "a", "a", "b"), []string{"a", "b", "c", "d", "e"}, ""},
	} {
		got := ""
		var other []rowKey
		for _, k := range tt.other {
			other = append(other, keyOf(k))
		}
		if p := repeats(tt.file, map[string][]rowKey{"autre.xlsx": other}); p != nil {
			got = p.Fault
		}
		if got != tt.want {
			t.Errorf("%s: repeats = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestParticipationKey: the row key of an attendance row is keyOf of its
// fields, as the other kinds' are, whether its counts are given or not.
func TestParticipationKey(t *testing.T) {
	girls := 12
	for _, r := range []participationRow{
		{Key: "fresque-du-climat", Date: time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC), Etablissement: "Lycée Eiffel",
			TypeEtab: "lycée", Commune: "Dijon", Public: "lycéens", Niveau: "Seconde", Participants: 28, DontFilles: &girls},
		{Key: "visite", Date: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), Public: "grand public", Participants: 0, DontQPV: &girls},
	} {
		want := keyOf(r.Key, r.Date.Format("2006-01-02"), Key(r.Etablissement), r.TypeEtab, Key(r.Commune),
			r.Public, Key(r.Niveau), strconv.Itoa(r.Participants), optCount(r.DontFilles), optCount(r.DontQPV))
		if got := participationKey(r, nil); got != want {
			t.Errorf("participationKey(%+v) = %x, want %x", r, got, want)
		}
	}
}

// TestCompareKeys: row keys are ordered as their bytes are.
func TestCompareKeys(t *testing.T) {
	keys := []rowKey{{}, {11: 1}, {0: 1}, {7: 1}, {8: 1}, {0: 0xff, 11: 0xff}, keyOf("a"), keyOf("b")}
	for _, a := range keys {
		for _, b := range keys {
			if got, want := compareKeys(&a, &b), bytes.Compare(a[:], b[:]); got != want {
				t.Errorf("compareKeys(%x, %x) = %d, want %d", a, b, got, want)
			}
		}
	}
}
