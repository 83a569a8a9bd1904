package pipeline

// What a workbook holds besides the sheets a parser reads. An evaluator
// splits a year over several sheets, renames a wave "Après", keeps a
// summary beside the data: a sheet that holds data and is not read would
// leave its rows out of the figures without a word, so each parser reads
// every sheet it recognises and refuses the visible ones it does not.

// untracked is the workbook under a tracked one: a glance at a sheet
// (peekRows) must not count as reading it, or inspect would refuse a hidden
// sheet that no parser imports.
func untracked(wb Workbook) Workbook {
	if t, ok := wb.(*trackedWorkbook); ok {
		return t.Workbook
	}
	return wb
}

// sheetHidden tells whether a sheet is hidden. A layout that cannot be read
// counts as visible: inspect reports it.
func sheetHidden(wb Workbook, sheet string) bool {
	l, err := untracked(wb).Layout(sheet)
	return err == nil && l.Hidden
}

// firstRows returns up to n non-blank rows of a sheet, with their row
// numbers, without marking the sheet as read.
func firstRows(wb Workbook, sheet string, n int) ([]int, [][]string, error) {
	var rows []int
	var cells [][]string
	err := walkSheet(untracked(wb), sheet, func(row int, c []string) error {
		if blankRow(c) {
			return nil
		}
		rows, cells = append(rows, row), append(cells, c)
		if len(rows) >= n {
			return errStop
		}
		return nil
	})
	return rows, cells, err
}

// holdsData tells whether a sheet has a non-blank cell.
func holdsData(wb Workbook, sheet string) (bool, error) {
	rows, _, err := firstRows(wb, sheet, 1)
	return len(rows) > 0, err
}

// unreadSheet is the refusal of a visible sheet that holds data no parser
// reads: what it should have been (expected), and how to keep it out.
func unreadSheet(sheet, expected string) Problem {
	return Problem{Sheet: sheet, Fault: "feuille non lue qui contient des données",
		Expected: expected + " ; ses lignes n'entreraient dans aucun chiffre : renommez-la ou corrigez son en-tête, ou masquez-la (clic droit sur l'onglet, « Masquer ») si elle ne doit pas compter"}
}
