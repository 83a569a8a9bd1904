package pipeline

import (
	"strings"
	"unicode"

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
	if !strings.ContainsFunc(s, isFormatChar) {
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
