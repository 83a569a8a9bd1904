package pipeline

import "fmt"

// Notes of one file, bounded.
//
// Some notes are about a row: a row repeated inside the file, a total line,
// a title line, a code that answered twice, identity masked in an answer.
// A million-row export can hold a million of them: a million Problems in
// memory (160 MB) and a console no evaluator reads. So each sheet gets the
// first noteCap notes of each such kind in full, naming their rows so that
// they can be found, and then one note counting the others and giving the
// span of their rows. Beyond the cap a note is only counted, not kept.
// Problems (refusals) are not notes: they are never capped.
const noteCap = 20

// noteKind tells which notes are capped together, and how their count is
// said.
type noteKind int

const (
	// noteOnce: a note about a sheet, a header or a column, bounded by the
	// shape of the sheet: never capped.
	noteOnce noteKind = iota
	noteRepeatedRow
	noteTitleRow
	noteTotalLine
	noteIdentityMasked
	noteAnsweredTwice
)

// noteGroup is the notes of one kind on one sheet.
type noteGroup struct {
	sheet string
	kind  noteKind
}

// noteCount is what is known of a group: how many notes were kept, and of
// those only counted, how many and over which rows.
type noteCount struct {
	kept, over  int
	first, last int // lowest and highest row of the notes only counted
}

// noteList is the notes of one file, in the order they were made.
type noteList struct {
	kept   []Problem
	kinds  []noteKind // kinds[i] is the kind of kept[i]
	groups map[noteGroup]*noteCount
	order  []noteGroup // groups in the order they first overflowed
}

// add keeps note n of kind k, or only counts it once its sheet has noteCap
// notes of that kind.
func (l *noteList) add(k noteKind, n Problem) {
	if l.room(k, n.Sheet, n.Row) {
		l.put(k, n)
	}
}

// room tells whether a note of kind k at row of sheet is to be written in
// full (then the caller puts it); when it is not, it has been counted. It
// lets a caller skip building a note that would only be counted.
func (l *noteList) room(k noteKind, sheet string, row int) bool {
	if k == noteOnce {
		return true
	}
	if l.groups == nil {
		l.groups = map[noteGroup]*noteCount{}
	}
	g := noteGroup{sheet, k}
	c := l.groups[g]
	if c == nil {
		c = &noteCount{}
		l.groups[g] = c
	}
	if c.kept < noteCap {
		c.kept++
		return true
	}
	if c.over == 0 {
		c.first, c.last = row, row
		l.order = append(l.order, g)
	}
	c.over++
	c.first, c.last = min(c.first, row), max(c.last, row)
	return false
}

// put keeps note n of kind k, which room has let in.
func (l *noteList) put(k noteKind, n Problem) {
	l.kept = append(l.kept, n)
	l.kinds = append(l.kinds, k)
}

// drop removes the kept notes for which gone is true. The notes only
// counted cannot be told apart any more: their count stays.
func (l *noteList) drop(gone func(Problem) bool) {
	kept, kinds := l.kept[:0], l.kinds[:0]
	for i, n := range l.kept {
		if !gone(n) {
			kept, kinds = append(kept, n), append(kinds, l.kinds[i])
		}
	}
	l.kept, l.kinds = kept, kinds
}

// all returns the notes: those kept, each group's count of the others just
// after its last kept note.
func (l *noteList) all() []Problem {
	last := map[noteGroup]int{} // group with notes only counted -> index of its last kept note
	for i, n := range l.kept {
		g := noteGroup{n.Sheet, l.kinds[i]}
		if c := l.groups[g]; c != nil && c.over > 0 {
			last[g] = i
		}
	}
	out := make([]Problem, 0, len(l.kept)+len(l.order))
	for i, n := range l.kept {
		out = append(out, n)
		g := noteGroup{n.Sheet, l.kinds[i]}
		if j, ok := last[g]; ok && j == i {
			out = append(out, l.groups[g].summary(g))
		}
	}
	for _, g := range l.order {
		if _, said := last[g]; !said { // every kept note of the group dropped
			out = append(out, l.groups[g].summary(g))
		}
	}
	return out
}

// summary is the note that counts the notes of g not written.
func (c *noteCount) summary(g noteGroup) Problem {
	many, one := g.kind.counted()
	s := fmt.Sprintf(many, frenchInt(c.over), c.first, c.last)
	if c.over == 1 {
		s = fmt.Sprintf(one, c.first)
	}
	return Problem{Sheet: g.sheet, Fault: s}
}

// counted is the note that counts the notes of kind k not written, as a
// format: for many, of their count and the first and last of their rows;
// for one, of its row.
func (k noteKind) counted() (many, one string) {
	switch k {
	case noteRepeatedRow:
		return "%s autres lignes ont les mêmes valeurs qu'une ligne précédente (lignes %d à %d) ; elles sont importées et comptées",
			"1 autre ligne a les mêmes valeurs qu'une ligne précédente (ligne %d) ; elle est importée et comptée"
	case noteTitleRow:
		return "%s autres lignes prises pour des lignes de titre, ignorées (lignes %d à %d)",
			"1 autre ligne prise pour une ligne de titre, ignorée (ligne %d)"
	case noteTotalLine:
		return "%s autres lignes prises pour des lignes de total ou de sous-total, ignorées (lignes %d à %d)",
			"1 autre ligne prise pour une ligne de total ou de sous-total, ignorée (ligne %d)"
	case noteIdentityMasked:
		return "%s autres cellules où une donnée d'identité a été masquée avant l'import (lignes %d à %d)",
			"1 autre cellule où une donnée d'identité a été masquée avant l'import (ligne %d)"
	case noteAnsweredTwice:
		return "%s autres codes ayant répondu deux fois : seule la réponse la plus récente de chacun est importée (lignes %d à %d)",
			"1 autre code ayant répondu deux fois : seule sa réponse la plus récente est importée (ligne %d)"
	}
	return "%s autres notes du même genre (lignes %d à %d)", "1 autre note du même genre (ligne %d)"
}
