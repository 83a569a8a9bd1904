package pipeline

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Key normalises a header, a closed-list value or an action name for
// matching: case, accents, spaces, underscores and surrounding blanks are
// ignored, so "Dont filles", "dont_filles" and " DONT FILLES " are one key.
// Typographic apostrophes become straight ones because spreadsheet software
// replaces them as the evaluator types ("demandeurs d’emploi").
func Key(s string) string {
	var b strings.Builder
	// Invalid UTF-8 (never in xlsx XML, but possible in a file name) would
	// stop the normaliser short; replacing it keeps Key consistent.
	for _, r := range norm.NFD.String(strings.ToValidUTF8(s, "\uFFFD")) {
		switch {
		case unicode.Is(unicode.Mn, r): // combining accent left by NFD
		case unicode.IsSpace(r), r == '_', r == '\u200b', r == '\ufeff':
		case r == '’' || r == '‘' || r == 'ʼ':
			b.WriteByte('\'')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// tidy trims a free-text cell and collapses inner runs of blanks, so that
// "Lycée  Eiffel " and "Lycée Eiffel" are stored alike.
func tidy(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
