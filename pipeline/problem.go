package pipeline

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
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
		fmt.Fprintf(&b, " (%s)", p.Header)
	}
	b.WriteString(" : ")
	switch {
	case p.Value != "":
		fmt.Fprintf(&b, "« %s » trouvé, ", p.Value)
	case p.Column != "":
		b.WriteString("cellule vide, ")
	}
	b.WriteString("attendu " + p.Expected)
	if p.Hint != "" {
		b.WriteString(" ; " + p.Hint)
	}
	return b.String()
}

// FileError lists every problem that keeps one file from being imported.
type FileError struct {
	File     string // path as the evaluator gave it
	Problems []Problem
}

func (e *FileError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s : %d problème", e.File, len(e.Problems))
	if len(e.Problems) > 1 {
		b.WriteString("s")
	}
	b.WriteString(", rien n'a été importé de ce fichier")
	for _, p := range e.Problems {
		b.WriteString("\n  " + p.String())
	}
	return b.String()
}

// Unwrap makes errors.Is(err, ErrInvalidInput) true.
func (e *FileError) Unwrap() error { return ErrInvalidInput }
