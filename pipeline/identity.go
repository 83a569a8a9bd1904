package pipeline

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Identity data is never stored (README, "Inputs"): a column headed by
// what would identify a person is dropped from every sheet, whatever the
// questions sheet or survey_formats says of it, and e-mail addresses,
// phone numbers and INE found in free-text answers are masked before they
// are stored.

// identityWords name identity data wherever they stand in a header, in
// French and English school and survey vocabulary: "Ton adresse mail (pour
// recevoir l'attestation)", "mail_eleve", "num_tel" ... Headers are cut
// into words without case or accents (headerWords).
var identityWords = []string{
	"prenom", "prenoms", "firstname", "lastname", "surname", "fullname", "patronyme",
	"email", "mail", "courriel", "emails", "mails",
	"telephone", "phone", "telephoneportable",
	"adresse", "address", "ipaddr", "ipaddress",
	"naissance", "birth", "birthday", "birthdate", "dob",
	"ine",
}

// identityPhrases name identity data as runs of words: "né le", "identifiant
// ENT", "date of birth".
var identityPhrases = [][]string{
	{"identifiant", "ent"}, {"id", "ent"}, {"login", "ent"},
	{"first", "name"}, {"last", "name"}, {"full", "name"}, {"family", "name"}, {"given", "name"},
	{"nom", "de", "famille"}, {"numero", "de", "telephone"}, {"date", "of", "birth"}, {"e", "mail"},
}

// shortIdentityWords name identity data only in a short header (three
// words at most): "Nom", "nom_eleve", "Tel", "Portable", "Your name"; in a
// question ("Quel est le nom du métier ...", "un métier tel que ...") they
// mean something else.
var shortIdentityWords = []string{"nom", "name", "tel", "portable", "mobile", "gsm", "ip", "ent", "identite"}

// shortIdentityPhrases are phrases only a short header (four words at
// most) means as identity: "né le", "ne_le", "Né(e) le".
var shortIdentityPhrases = [][]string{{"ne", "le"}, {"nee", "le"}}

// isIdentity tells whether a column's header names data that would identify
// a person.
func isIdentity(header string) bool {
	words := headerWords(header)
	for i, w := range words {
		for _, id := range identityWords {
			if w == id {
				return true
			}
		}
		if len(words) <= 3 {
			for _, id := range shortIdentityWords {
				if w == id {
					return true
				}
			}
		}
		for _, phrase := range identityPhrases {
			if i+len(phrase) <= len(words) && slicesEqual(words[i:i+len(phrase)], phrase) {
				return true
			}
		}
		for _, phrase := range shortIdentityPhrases {
			if len(words) <= 4 && i+len(phrase) <= len(words) && slicesEqual(words[i:i+len(phrase)], phrase) {
				return true
			}
		}
	}
	return false
}

func slicesEqual(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

// headerWords cuts a header into lower-case words without accents, at
// anything that is not a letter or a digit ("mail_eleve" is "mail",
// "eleve"; "Né(e) le" is "ne", "e", "le" and "ne", "le" is found since "e"
// alone is dropped).
func headerWords(s string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToValidUTF8(s, " ")) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteByte(' ')
		}
	}
	var out []string
	for _, w := range strings.Fields(b.String()) {
		if w == "e" && len(out) > 0 && (out[len(out)-1] == "ne" || out[len(out)-1] == "nee") {
			continue // "Né(e) le"
		}
		out = append(out, w)
	}
	return out
}

// identityDropped is the note of an identity column left out of an import.
func identityDropped(sheet string, row, col int, header string) Problem {
	return Problem{Sheet: sheet, Row: row, Column: columnName(col), Value: header,
		Expected: "aucune donnée d'identité : cette colonne n'est pas importée"}
}

// Identity data typed in free text: an e-mail address, a French phone
// number (0X XX XX XX XX, +33 X XX XX XX XX, with dots, dashes or blanks),
// an INE (the national pupil number: ten digits and a letter, or nine
// digits and two letters).
var identityPatterns = []struct {
	re   *regexp.Regexp
	mask string
	what string
}{
	{regexp.MustCompile(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}`), "[e-mail masqué]", "une adresse e-mail"},
	{regexp.MustCompile(`(?:\+33\s?|0033\s?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b`), "[téléphone masqué]", "un numéro de téléphone"},
	{regexp.MustCompile(`\b(?:\d{10}[A-Za-z]|\d{9}[A-Za-z]{2})\b`), "[INE masqué]", "un numéro INE"},
}

// redactIdentity masks the identity data of a free-text answer, and says
// what it masked ("" when nothing).
func redactIdentity(s string) (string, string) {
	var found []string
	for _, p := range identityPatterns {
		if p.re.MatchString(s) {
			s = p.re.ReplaceAllString(s, p.mask)
			found = append(found, p.what)
		}
	}
	return s, strings.Join(found, ", ")
}
