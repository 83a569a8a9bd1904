package pipeline

import "testing"

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
