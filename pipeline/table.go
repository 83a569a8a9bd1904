package pipeline

import (
	"errors"
	"fmt"
)

// column is one column of the input contract.
type column struct {
	name     string // contract name, also the key used to read a value
	required bool
}

// record is one data row of a table, read through the contract's column names.
type record struct {
	sheet string
	row   int
	cells []string
	t     *table
}

// get returns the trimmed value of a contract column, "" when the column is
// absent from the file or the cell is empty.
func (r record) get(name string) string {
	i, ok := r.t.index[name]
	if !ok {
		return ""
	}
	return cell(r.cells, i)
}

// problem locates a problem at the cell of a contract column in this row.
func (r record) problem(name, value, expected string) Problem {
	p := Problem{Sheet: r.sheet, Row: r.row, Header: name, Value: value, Expected: expected}
	if i, ok := r.t.index[name]; ok {
		p.Column = columnName(i)
		p.Header = r.t.headers[i]
	}
	return p
}

// table is a sheet whose first non-blank row is a header.
type table struct {
	sheet   string
	index   map[string]int // contract column name -> 0-based index
	headers []string       // headers as written
	extra   []int          // columns the contract does not know
	noted   map[int]bool   // headerless columns already noted
}

// extraCells returns the non-empty cells of the unknown columns of a row,
// and of the columns with no header: a value typed where the header is
// empty (or beyond it) is kept aside too, under "(colonne K)", never lost.
func (t *table) extraCells(r record) []extraCell {
	var out []extraCell
	for _, i := range t.extra {
		if v := cell(r.cells, i); v != "" {
			out = append(out, extraCell{Sheet: t.sheet, Row: r.row, Header: t.headers[i], Value: v})
		}
	}
	for i := range r.cells {
		if t.headerless(i) {
			if v := cell(r.cells, i); v != "" {
				out = append(out, extraCell{Sheet: t.sheet, Row: r.row, Header: "(colonne " + columnName(i) + ")", Value: v})
			}
		}
	}
	return out
}

// headerless tells whether column i has no header.
func (t *table) headerless(i int) bool { return i >= len(t.headers) || t.headers[i] == "" }

// noteHeaderless notes, once per column, values found in a column that has
// no header.
func (t *table) noteHeaderless(r record, p *parsed) {
	for i := range r.cells {
		if !t.headerless(i) || cell(r.cells, i) == "" {
			continue
		}
		if t.noted == nil {
			t.noted = map[int]bool{}
		}
		if t.noted[i] {
			continue
		}
		t.noted[i] = true
		p.notes.add(noteOnce, Problem{Sheet: t.sheet, Row: r.row, Column: columnName(i), Value: cell(r.cells, i),
			Expected: "un en-tête au-dessus de cette colonne ; ses valeurs sont conservées à part sous « (colonne " + columnName(i) + ") » et n'entrent dans aucun indicateur"})
	}
}

// extraCell is a value of a column the contract does not know, kept aside.
type extraCell struct {
	Sheet  string
	Row    int
	Header string
	Value  string
}

// scanTable walks a sheet: it finds the header row, matches it against cols
// (ignoring case, accents, spaces and underscores), reports missing required
// columns and duplicated headers, then calls fn for every non-blank data row.
// Header problems are returned without reading the rows, since every row
// would fail the same way. Unknown columns are noted, never fatal.
func scanTable(wb Workbook, sheet string, cols []column, p *parsed, fn func(record)) error {
	var t *table
	err := walkSheet(wb, sheet, func(row int, cells []string) error {
		if blankRow(cells) {
			return nil
		}
		if t == nil {
			if isTitleRow(cells, cols) {
				p.notes.add(noteTitleRow, Problem{Sheet: sheet, Row: row, Value: firstValue(cells),
					Expected: "la ligne d'en-tête : ligne de titre ignorée"})
				return nil
			}
			var problems, notes []Problem
			t, problems, notes = readHeader(sheet, row, cells, cols)
			p.headerRows[sheet], p.headers[sheet] = row, t.headers
			p.problems = append(p.problems, problems...)
			for _, n := range notes {
				p.notes.add(noteOnce, n)
			}
			if len(problems) > 0 {
				return errStop
			}
			return nil
		}
		r := record{sheet: sheet, row: row, cells: cells, t: t}
		t.noteHeaderless(r, p)
		fn(r)
		return nil
	})
	if err == nil && t == nil {
		p.problems = append(p.problems, Problem{Sheet: sheet, Expected: "une ligne d'en-tête puis des lignes de données : la feuille est vide"})
	}
	return err
}

// isTitleRow tells a title line above the header ("Présences 2025") from
// the header itself: at most two cells, none of them a contract column.
func isTitleRow(cells []string, cols []column) bool {
	filled := 0
	for _, c := range cells {
		if tidy(c) == "" {
			continue
		}
		filled++
		for _, col := range cols {
			if Key(c) == Key(col.name) {
				return false
			}
		}
	}
	return filled <= 2
}

func firstValue(cells []string) string {
	for _, c := range cells {
		if v := tidy(c); v != "" {
			return v
		}
	}
	return ""
}

// errStop ends a sheet walk early without being an error.
var errStop = errors.New("stop")

// walkSheet is wb.EachRow for a parser: fn returns errStop when the rest of
// the sheet cannot be read (its header lacks what every row needs, the
// problem recorded), and the walk ends there without error, so that the
// parser goes on with the other sheets and reports their problems too.
func walkSheet(wb Workbook, sheet string, fn func(row int, cells []string) error) error {
	err := wb.EachRow(sheet, fn)
	if errors.Is(err, errStop) {
		return nil
	}
	return err
}

func readHeader(sheet string, row int, cells []string, cols []column) (*table, []Problem, []Problem) {
	t := &table{sheet: sheet, index: map[string]int{}, headers: make([]string, len(cells))}
	byKey := map[string]string{}
	for _, c := range cols {
		byKey[Key(c.name)] = c.name
	}
	var problems, notes []Problem
	seen := map[string]int{}
	for i, raw := range cells {
		h := tidy(raw)
		t.headers[i] = h
		if h == "" {
			continue
		}
		k := Key(h)
		if j, dup := seen[k]; dup {
			problems = append(problems, Problem{Sheet: sheet, Row: row, Column: columnName(i), Value: h,
				Expected: fmt.Sprintf("des en-têtes tous différents : la colonne %s s'appelle déjà « %s »", columnName(j), t.headers[j])})
			continue
		}
		seen[k] = i
		if name, ok := byKey[k]; ok {
			t.index[name] = i
			continue
		}
		if isIdentity(h) {
			// Names, e-mails, phone numbers of a list of pupils: never
			// stored, not even aside.
			notes = append(notes, identityDropped(sheet, row, i, h))
			continue
		}
		t.extra = append(t.extra, i)
		notes = append(notes, Problem{Sheet: sheet, Row: row, Column: columnName(i), Value: h,
			Expected: "une colonne connue ; celle-ci est conservée à part et n'entre dans aucun indicateur"})
	}
	for _, c := range cols {
		if _, ok := t.index[c.name]; c.required && !ok {
			problems = append(problems, Problem{Sheet: sheet, Row: row,
				Expected: fmt.Sprintf("une colonne « %s » (obligatoire) dans la ligne d'en-tête", c.name)})
		}
	}
	return t, problems, notes
}
