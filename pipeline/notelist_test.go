package pipeline

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestNoteList_Summary checks where the count of a group goes: right after
// its last note kept, even when other notes come between or some kept
// notes were dropped; and that a count of one is said in the singular.
func TestNoteList_Summary(t *testing.T) {
	var l noteList
	l.add(noteOnce, Problem{Sheet: "A", Fault: "feuille masquée"})
	for row := 2; row <= noteCap+2; row++ { // noteCap+1 total lines
		l.add(noteTotalLine, Problem{Sheet: "A", Row: row, Fault: "total"})
		if row == 3 {
			l.add(noteTitleRow, Problem{Sheet: "A", Row: 3, Fault: "titre"})
		}
	}
	for row := 2; row <= noteCap+4; row++ { // another sheet: its own cap
		l.add(noteTotalLine, Problem{Sheet: "B", Row: row, Fault: "total"})
	}
	l.drop(func(n Problem) bool { return n.Sheet == "B" && n.Row == noteCap+1 })
	got := texts(l.all())
	if len(got) != 1+noteCap+1+1+(noteCap-1)+1 {
		t.Fatalf("%d notes, want %d:\n%q", len(got), 1+noteCap+1+1+(noteCap-1)+1, got)
	}
	want := map[int]string{
		0:            "feuille « A » : feuille masquée",
		3:            "feuille « A », ligne 3 : titre",
		noteCap + 1:  "feuille « A », ligne 21 : total",
		noteCap + 2:  "feuille « A » : 1 autre ligne prise pour une ligne de total ou de sous-total, ignorée (ligne 22)",
		noteCap + 3:  "feuille « B », ligne 2 : total",
		len(got) - 2: "feuille « B », ligne 20 : total",
		len(got) - 1: "feuille « B » : 3 autres lignes prises pour des lignes de total ou de sous-total, ignorées (lignes 22 à 24)",
	}
	for i, w := range want {
		if d := cmp.Diff(w, got[i]); d != "" {
			t.Errorf("note %d (-want +got):\n%s", i, d)
		}
	}
}

func texts(problems []Problem) []string {
	var out []string
	for _, p := range problems {
		out = append(out, p.String())
	}
	return out
}
