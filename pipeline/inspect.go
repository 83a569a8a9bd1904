package pipeline

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// What a spreadsheet hides from its raw values, checked on the sheets an
// import reads: a hidden sheet, row or column would be imported unseen by
// the evaluator; a merged range spanning data rows leaves all but its first
// row empty (so that an action cell merged over three rows would turn the two
// below into "total lines"); a formula never computed reads as an empty cell
// and one in error as its error text. Each is refused at its cell with what
// to do, rather than guessed at.

// Faults that Annotate acts upon (it shows what is hidden).
const (
	faultHiddenSheet = "feuille masquée"
	faultHiddenRow   = "ligne masquée"
	faultInvisible   = "valeur masquée par son format de nombre (« ;;; » : rien ne s'affiche ni ne s'imprime)"
)

// brokenStringFault describes a cell pointing to a missing shared string,
// given the size of the workbook's table of shared strings.
func brokenStringFault(index string, table int) string {
	if table == 0 {
		return fmt.Sprintf("texte partagé n° %s introuvable : le classeur n'a pas de table des textes partagés", index)
	}
	return fmt.Sprintf("texte partagé n° %s introuvable : la table des textes partagés du classeur n'en a que %d (n° 0 à %d)", index, table, table-1)
}

// trackedWorkbook notes which sheets the parsers read, the first non-blank
// row of each (its header, for the sheets scanTable does not read) and cells
// longer than a spreadsheet can hold.
type trackedWorkbook struct {
	Workbook
	read     map[string]*sheetRead
	problems []Problem
}

type sheetRead struct {
	firstRow   int      // first non-blank row: the header, or a title above it
	firstCells []string // its cells
}

func track(wb Workbook) *trackedWorkbook {
	return &trackedWorkbook{Workbook: wb, read: map[string]*sheetRead{}}
}

func (t *trackedWorkbook) EachRow(sheet string, fn func(int, []string) error) error {
	s := t.read[sheet]
	if s == nil {
		s = &sheetRead{}
		t.read[sheet] = s
	}
	return t.Workbook.EachRow(sheet, func(row int, cells []string) error {
		if s.firstRow == 0 && !blankRow(cells) {
			s.firstRow, s.firstCells = row, cells
		}
		for i, c := range cells {
			if len(c) <= maxCellChars { // fewer bytes than the limit: fewer characters too, not counted
				continue
			}
			if n := utf8.RuneCountInString(c); n > maxCellChars && !t.seen(sheet, row, i) {
				t.problems = append(t.problems, Problem{Sheet: sheet, Row: row, Column: columnName(i),
					Fault:    "texte de " + frenchInt(n) + " caractères",
					Expected: "au plus " + frenchInt(maxCellChars) + " caractères, la limite d'une cellule Excel : ce texte n'a pas été écrit dans un tableur ; raccourcissez-le"})
			}
		}
		return fn(row, cells)
	})
}

// seen tells whether a cell already has a problem (a sheet read twice).
func (t *trackedWorkbook) seen(sheet string, row, col int) bool {
	for _, p := range t.problems {
		if p.Sheet == sheet && p.Row == row && p.Column == columnName(col) {
			return true
		}
	}
	return false
}

// inspect adds to p the layout problems of the sheets that were read, and
// notes for the hidden sheets that were not; then it drops the parsers'
// problems at cells that a layout problem explains better (a formula in
// error is not "a number expected"), and the total-line notes of rows that
// a merged range emptied. Problems end up sorted by sheet and row.
func inspect(wb *trackedWorkbook, p *parsed) error {
	var layoutProblems []Problem
	covered := map[string]map[int]bool{} // sheet -> rows emptied by a merged range
	for _, sheet := range wb.SheetNames() {
		if _, read := wb.read[sheet]; !read && IsTemplateSheet(sheet) {
			continue
		}
		l, err := wb.Layout(sheet)
		if err != nil {
			return err
		}
		s, read := wb.read[sheet]
		if !read {
			if l.Hidden {
				p.notes.add(noteOnce, Problem{Sheet: sheet, Fault: "feuille masquée, non lue : elle n'entre pas dans l'import"})
			}
			continue
		}
		header := s.firstRow
		if h, ok := p.headerRows[sheet]; ok {
			header = h
		}
		if l.Hidden {
			layoutProblems = append(layoutProblems, Problem{Sheet: sheet, Fault: faultHiddenSheet,
				Expected: "une feuille visible : ses lignes seraient importées sans que vous les voyiez ; affichez-la (clic droit sur un onglet, « Afficher »)"})
		}
		for _, r := range l.HiddenRows {
			layoutProblems = append(layoutProblems, Problem{Sheet: sheet, Row: r, Fault: faultHiddenRow,
				Expected: "une ligne visible : elle serait importée sans que vous la voyiez ; affichez-la (ou retirez le filtre), puis supprimez-la si elle ne doit pas compter"})
		}
		for _, c := range l.HiddenCols {
			h := headerOf(wb, p, sheet, c, header+1)
			if isIdentity(h) {
				// Never imported anyway (parse_questionnaire.go): hiding
				// names is what a careful teacher does.
				continue
			}
			layoutProblems = append(layoutProblems, Problem{Sheet: sheet, Row: max(header, 1), Column: c, Fault: "colonne masquée",
				Expected: "une colonne visible : ses valeurs seraient importées sans que vous les voyiez ; affichez-la"})
		}
		for _, ref := range l.Invisible {
			col, row, err := excelize.SplitCellName(ref)
			if err != nil {
				continue
			}
			layoutProblems = append(layoutProblems, Problem{Sheet: sheet, Row: row, Column: col, Fault: faultInvisible,
				Expected: "une valeur visible : elle serait importée sans que vous la voyiez ; remettez le format « Standard » (Format de cellule > Nombre), puis supprimez-la si elle ne doit pas compter"})
		}
		for _, b := range l.BrokenStrings {
			col, row, err := excelize.SplitCellName(b.Cell)
			if err != nil {
				continue
			}
			layoutProblems = append(layoutProblems, Problem{Sheet: sheet, Row: row, Column: col,
				Fault:    brokenStringFault(b.Index, b.Table),
				Expected: "un texte lisible : le classeur est abîmé et cette cellule serait lue vide ; recopiez le fichier depuis l'original, ou ouvrez-le dans Excel ou LibreOffice, vérifiez la cellule et enregistrez-le à nouveau"})
		}
		for _, fc := range l.Formulas {
			col, row, err := excelize.SplitCellName(fc.Cell)
			if err != nil {
				continue
			}
			fault, expected := fc.fault()
			layoutProblems = append(layoutProblems, Problem{Sheet: sheet, Row: row, Column: col, Fault: fault, Expected: expected})
		}
		for _, m := range l.Merged {
			first, last, ok := mergeRows(m)
			if !ok {
				continue
			}
			col, _, _ := excelize.SplitCellName(firstCell(m))
			if last <= header {
				p.notes.add(noteOnce, Problem{Sheet: sheet, Row: first, Column: col,
					Fault: "cellules fusionnées " + m + " au-dessus des données, sans effet sur l'import"})
				continue
			}
			layoutProblems = append(layoutProblems, Problem{Sheet: sheet, Row: first, Column: col, Fault: "cellules fusionnées " + m,
				Expected: fmt.Sprintf("une valeur dans chaque cellule : seule %s porte la valeur, les autres cellules de la plage seraient lues vides ; défusionnez et recopiez la valeur dans chaque cellule", firstCell(m))})
			if covered[sheet] == nil {
				covered[sheet] = map[int]bool{}
			}
			for r := first + 1; r <= last; r++ {
				covered[sheet][r] = true
			}
		}
	}
	layoutProblems = append(layoutProblems, wb.problems...)
	if len(layoutProblems) == 0 {
		// Parsers read several sheets: problems in the order of the sheets.
		sortProblems(wb.SheetNames(), p.problems)
		return nil
	}
	// Name the column of each layout problem by its header, as the parsers do.
	for i, lp := range layoutProblems {
		if lp.Column == "" || lp.Header != "" {
			continue
		}
		layoutProblems[i].Header = headerOf(wb, p, lp.Sheet, lp.Column, lp.Row)
	}
	at := map[string]bool{}
	for _, lp := range layoutProblems {
		at[lp.Sheet+"!"+lp.Cell()] = true
	}
	kept := layoutProblems
	for _, pr := range p.problems {
		if pr.Column == "" || !at[pr.Sheet+"!"+pr.Cell()] {
			kept = append(kept, pr)
		}
	}
	p.problems = kept
	// A total-line note beyond the cap was only counted: it stays in the
	// count. The file is refused for its merged range anyway.
	p.notes.drop(func(n Problem) bool { return covered[n.Sheet][n.Row] })
	sortProblems(wb.SheetNames(), p.problems)
	return nil
}

// headerOf is the header written above a column, "" for a header row's own
// cells or when there is none.
func headerOf(wb *trackedWorkbook, p *parsed, sheet, col string, row int) string {
	i, err := excelize.ColumnNameToNumber(col)
	if err != nil {
		return ""
	}
	headers, headerRow := p.headers[sheet], p.headerRows[sheet]
	if s := wb.read[sheet]; headers == nil && s != nil {
		headers, headerRow = s.firstCells, s.firstRow
	}
	if row <= headerRow || i > len(headers) {
		return ""
	}
	return tidy(headers[i-1])
}

// mergeRows gives the first and last rows of a range "A3:B5".
func mergeRows(ref string) (int, int, bool) {
	from, to, ok := cutRange(ref)
	if !ok {
		return 0, 0, false
	}
	_, r1, err1 := excelize.SplitCellName(from)
	_, r2, err2 := excelize.SplitCellName(to)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return min(r1, r2), max(r1, r2), true
}

func firstCell(ref string) string {
	from, _, _ := cutRange(ref)
	return from
}

// cutRange splits a range "A3:B5" into its corners; a single cell "A3" is
// a range of one.
func cutRange(ref string) (string, string, bool) {
	if from, to, ok := strings.Cut(ref, ":"); ok {
		return from, to, true
	}
	return ref, ref, ref != ""
}

// sortProblems orders problems by sheet (in workbook order; problems about
// no sheet of the workbook first) then row, keeping the order found within
// a row.
func sortProblems(sheets []string, problems []Problem) {
	pos := map[string]int{}
	for i, s := range sheets {
		pos[s] = i + 1
	}
	sort.SliceStable(problems, func(i, j int) bool {
		a, b := problems[i], problems[j]
		if pos[a.Sheet] != pos[b.Sheet] {
			return pos[a.Sheet] < pos[b.Sheet]
		}
		return a.Row < b.Row
	})
}
