package pipeline

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Key normalises a header, a closed-list value or an action name for
// matching: case, accents, spaces, underscores and surrounding blanks are
// ignored, so "Dont filles", "dont_filles" and " DONT FILLES " are one key.
// Invisible format characters are ignored too (see visible).
// Typographic apostrophes become straight ones because spreadsheet software
// replaces them as the evaluator types ("demandeurs d’emploi").
func Key(s string) string {
	var b strings.Builder
	// Invalid UTF-8 (never in xlsx XML, but possible in a file name) would
	// stop the normaliser short; replacing it keeps Key consistent.
	for _, r := range norm.NFD.String(strings.ToValidUTF8(s, "\uFFFD")) {
		switch {
		case unicode.Is(unicode.Mn, r): // combining accent left by NFD
		case unicode.IsSpace(r), r == '_', isFormatChar(r):
		case r == '’' || r == '‘' || r == 'ʼ':
			b.WriteByte('\'')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// tidy trims a free-text cell, drops its invisible characters (visible) and
// collapses inner runs of blanks, non-breaking ones included, so that
// "Lycée  Eiffel ", "Lycée\u00a0Eiffel" and "Lycée Eiffel" are stored alike.
func tidy(s string) string {
	return strings.Join(strings.Fields(visible(s)), " ")
}

// visible removes the invisible format characters (Unicode category Cf:
// zero-width space, soft hyphen, word joiner, byte order mark, direction
// marks...) that text pasted from a web page, a PDF or a word processor
// carries. They show nothing on screen or on paper, yet "Lycée\u200b Eiffel"
// would be a second establishment beside "Lycée Eiffel", and "28\u200b" no
// number. Nothing is lost by removing them, so it is done silently.
func visible(s string) string {
	if ascii(s) || !strings.ContainsFunc(s, isFormatChar) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isFormatChar(r) {
			return -1
		}
		return r
	}, s)
}

func isFormatChar(r rune) bool { return unicode.Is(unicode.Cf, r) }

// ascii tells whether s is plain ASCII, which holds no format character:
// most cells, spared the decoding of their runes.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// names remembers the Key and the tidy form of the texts of one file. A
// column of school names, towns or publics holds a few distinct values over
// thousands of rows, and normalising every cell again (NFD, accents, blanks)
// was most of the time of a large import's validation. Each map stops
// growing at namesLimit entries, so that a file of all-different texts
// costs no more memory than that; past it, texts are normalised as before.
// The tidy form kept is also shared by every row that has it, rather than
// copied into each.
type names struct {
	keys, tidied map[string]string
}

const namesLimit = 1 << 14

func newNames() *names {
	return &names{keys: map[string]string{}, tidied: map[string]string{}}
}

// key is Key(s), remembered.
func (n *names) key(s string) string { return n.remember(n.keys, s, Key) }

// tidy is tidy(s), remembered.
func (n *names) tidy(s string) string { return n.remember(n.tidied, s, tidy) }

func (n *names) remember(m map[string]string, s string, fn func(string) string) string {
	if v, ok := m[s]; ok {
		return v
	}
	v := fn(s)
	if len(m) < namesLimit {
		m[s] = v
	}
	return v
}
