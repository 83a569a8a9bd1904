package pipeline

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Expected failures, for errors.Is.
var (
	// ErrInvalidInput means a file breaks the input contract. The file was not
	// imported; the *FileError wrapping it lists every problem found.
	ErrInvalidInput = errors.New("fichier refusé")
	// ErrUnknownKind means a workbook is neither a catalogue, an attendance
	// workbook, a questionnaire nor a training-programme workbook.
	ErrUnknownKind = errors.New("type de classeur inconnu")
	// ErrNoYear means the year of a file could not be told from its path and
	// none was given.
	ErrNoYear = errors.New("année inconnue")
	// ErrLinkLoop means a symbolic link of a data folder leads back to a
	// folder that holds it: following it would never end.
	ErrLinkLoop = errors.New("boucle de liens symboliques")
	// ErrBrokenLink means a symbolic link of a data folder leads nowhere.
	ErrBrokenLink = errors.New("lien symbolique cassé")
	// ErrUnreadable means a file is not a workbook greencity can read (a CSV
	// renamed .xlsx, an old .xls, a password-protected, truncated or
	// oversized file). The *UnreadableError wrapping it says which and what
	// to do, in one line.
	ErrUnreadable = errors.New("classeur illisible")
)

// Problem is one thing wrong (or worth saying) in an input file, located
// precisely enough that the evaluator can open the workbook and fix it.
type Problem struct {
	Sheet    string
	Row      int    // 1-based; 0 when the problem is about the whole sheet
	Column   string // spreadsheet letter ("H"), "" when about a whole row or sheet
	Header   string // the column's header as written in the file
	Value    string // the value found
	Expected string // what was expected, in French
	Hint     string // a suggestion, such as the closest action name
	// Fault describes what is wrong when it is not a value: "ligne masquée",
	// "cellules fusionnées A3:A5", "formule =A1/B1 en erreur #DIV/0!". It
	// replaces the value in the message.
	Fault string
}

// Cell is the problem's cell reference ("H14"), or its row or sheet.
func (p Problem) Cell() string {
	switch {
	case p.Row == 0:
		return ""
	case p.Column == "":
		return "ligne " + strconv.Itoa(p.Row)
	default:
		return p.Column + strconv.Itoa(p.Row)
	}
}

// String gives the problem in French without the file name, e.g.
// `feuille « Feuil1 », cellule H14 (participants) : « 12 élèves » trouvé, attendu un nombre entier ≥ 0`.
func (p Problem) String() string {
	var b strings.Builder
	if p.Sheet != "" {
		fmt.Fprintf(&b, "feuille « %s »", p.Sheet)
	} else {
		b.WriteString("classeur")
	}
	switch {
	case p.Row == 0:
	case p.Column == "":
		fmt.Fprintf(&b, ", ligne %d", p.Row)
	default:
		fmt.Fprintf(&b, ", cellule %s", p.Cell())
	}
	if p.Header != "" {
		fmt.Fprintf(&b, " (%s)", shorten(p.Header))
	}
	return b.String() + " : " + p.Message()
}

// Message is the problem without its location: what was found, what was
// expected and the suggestion, as an Excel comment on its cell says it.
func (p Problem) Message() string {
	var b strings.Builder
	switch {
	case p.Fault != "":
		b.WriteString(p.Fault)
	case p.Value != "":
		fmt.Fprintf(&b, "« %s » trouvé", shorten(p.Value))
	case p.Column != "":
		b.WriteString("cellule vide")
	}
	if p.Expected != "" {
		if p.Fault != "" || p.Value != "" || p.Column != "" {
			b.WriteString(", ")
		}
		b.WriteString("attendu " + p.Expected)
	}
	if p.Hint != "" {
		b.WriteString(" ; " + p.Hint)
	}
	return b.String()
}

// shownChars is how much of a long value a message quotes: a cell may hold
// thousands of characters, and a message is read on one line.
const shownChars = 80

// shorten cuts a long value for a message, saying how long it was.
func shorten(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= shownChars {
		return s
	}
	runes := []rune(s)
	return string(runes[:shownChars-20]) + "… (" + frenchInt(n) + " caractères)"
}

// frenchInt writes a whole number with its thousands grouped by a narrow
// no-break space, the French way ("40 000").
func frenchInt(n int) string {
	if n < 0 {
		return "-" + frenchInt(-n)
	}
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FileError lists every problem that keeps one file from being imported.
type FileError struct {
	File     string // path as the evaluator gave it
	Problems []Problem
	RowsRead int  // data rows read, blank lines excluded
	Checked  bool // from a check: nothing was to be imported anyway
}

// Error gives the file, the count of its problems and what became of it,
// then each problem on a line of its own.
func (e *FileError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s : %d problème", e.File, len(e.Problems))
	if len(e.Problems) > 1 {
		b.WriteString("s")
	}
	if e.Checked {
		b.WriteString(", ce fichier serait refusé à l'import")
	} else {
		b.WriteString(", rien n'a été importé de ce fichier")
	}
	fmt.Fprintf(&b, " (%s)", lines(e.RowsRead, "lue"))
	for _, p := range e.Problems {
		b.WriteString("\n  " + p.String())
	}
	return b.String()
}

// Unwrap makes errors.Is(err, ErrInvalidInput) true.
func (e *FileError) Unwrap() error { return ErrInvalidInput }

// lines writes a count of lines in French with its participle agreed:
// "1 ligne lue", "12 lignes lues", "0 ligne lue".
func lines(n int, participle string) string {
	if n > 1 {
		return frenchInt(n) + " lignes " + participle + "s"
	}
	return frenchInt(n) + " ligne " + participle
}

// UnreadableError says in one line why a file could not be read at all and
// what to do about it. Nothing of the file was imported.
type UnreadableError struct {
	File   string // path as the evaluator gave it; "" when not known yet
	Reason string // in French, without the file name
	Err    error  // the underlying error, if any, for errors.Is and logs
}

// Error is the reason, after the file when it is known.
func (e *UnreadableError) Error() string {
	if e.File == "" {
		return e.Reason
	}
	return e.File + " : " + e.Reason
}

// Unwrap makes errors.Is(err, ErrUnreadable) true and keeps the cause.
func (e *UnreadableError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrUnreadable}
	}
	return []error{ErrUnreadable, e.Err}
}
