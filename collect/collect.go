// Package collect writes the collection templates of a year: the blank
// workbooks the evaluator sends to the campus's partners (greencity
// template). Each one heads its sheets with the columns the importer reads,
// and lets a spreadsheet refuse, as the value is typed, what the importer
// would refuse later: a value outside a closed list or the catalogue, text
// in a count, a date outside the year. Lists, columns and bounds come from
// package pipeline, the importer itself, so that a template cannot accept
// what an import refuses.
package collect

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/xuri/excelize/v2"
)

// Options say which year the templates are for.
type Options struct {
	Year   int
	School bool // year_boundary school: Year runs from 1 Sept Year-1 to 31 Aug Year
	// Actions is the year's catalogue, the values of the action drop-down
	// list; empty when no catalogue of the year was imported, and the
	// action cells then only say what goes there.
	Actions []string
}

// DataRows is how many rows below the header the tables and their rules
// cover at first; a row added under a table extends it, rules included.
const DataRows = 500

// Files are the names of the templates, in the order Write writes them.
func Files() []string {
	return []string{"actions.xlsx", "participations.xlsx", "questionnaire.xlsx", "formations.xlsx"}
}

// Write writes the templates of a year into dir, which it creates, and
// returns their paths. It refuses to overwrite a file: a template already
// sent may have come back filled in under the same name.
func Write(dir string, o Options) ([]string, error) {
	ts, err := templates(o)
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		path := filepath.Join(dir, t.file)
		if _, err := os.Stat(path); err == nil {
			return nil, fmt.Errorf("%s existe déjà : choisissez un autre dossier, ou retirez-le d'abord (un modèle déjà envoyé a pu revenir rempli sous ce nom)", path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, t := range ts {
		path := filepath.Join(dir, t.file)
		if err := writeTemplate(path, t, o); err != nil {
			return paths, fmt.Errorf("write %s: %w", path, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// writeTemplate writes one workbook: its data sheets, the help sheet, then
// the hidden list sheet.
func writeTemplate(path string, t template, o Options) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	ls := lists(o)
	refs := listRefs(ls)
	for i, s := range t.sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.name)
		} else {
			_, err = f.NewSheet(s.name)
		}
		if err != nil {
			return err
		}
		if s.keyValue {
			err = writeKeyValue(f, s, st, refs)
		} else {
			err = writeTable(f, s, st, refs, o)
		}
		if err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	if _, err := f.NewSheet(pipeline.HelpSheet); err != nil {
		return err
	}
	if err := writeHelp(f, t, st, o); err != nil {
		return fmt.Errorf("sheet %s: %w", pipeline.HelpSheet, err)
	}
	if err := writeLists(f, ls); err != nil {
		return fmt.Errorf("sheet %s: %w", pipeline.ListSheet, err)
	}
	f.SetActiveSheet(0)
	return f.SaveAs(path)
}

// styles are the cell styles of a template.
type styles struct {
	header, date, title, bold, wrap int
}

func newStyles(f *excelize.File) (styles, error) {
	var st styles
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	st.header = mk(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"2E7D32"}},
		Alignment: &excelize.Alignment{Vertical: "center"},
		Border:    []excelize.Border{{Type: "bottom", Color: "1B5E20", Style: 2}},
	})
	dateFmt := "dd/mm/yyyy"
	st.date = mk(&excelize.Style{CustomNumFmt: &dateFmt})
	st.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "1B5E20"}})
	st.bold = mk(&excelize.Style{Font: &excelize.Font{Bold: true}})
	st.wrap = mk(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	return st, err
}

// writeTable writes a sheet of one row per record: the styled, frozen
// header with an input message on each cell, the rows given in advance, an
// Excel table over the header and DataRows rows, and a rule per column.
func writeTable(f *excelize.File, s sheetSpec, st styles, refs map[string]string, o Options) error {
	header := make([]any, len(s.fields))
	for i, fl := range s.fields {
		header[i] = fl.name
	}
	if err := f.SetSheetRow(s.name, "A1", &header); err != nil {
		return err
	}
	for r, row := range s.rows {
		if err := f.SetSheetRow(s.name, cellName(1, r+2), &row); err != nil {
			return err
		}
	}
	last := DataRows + 1
	lastCol := colName(len(s.fields))
	for i, fl := range s.fields {
		col := colName(i + 1)
		width := max(14, min(60, float64(len(fl.name))+4))
		if err := f.SetColWidth(s.name, col, col, width); err != nil {
			return err
		}
		if fl.rule == yearDate {
			if err := f.SetColStyle(s.name, col, st.date); err != nil {
				return err
			}
		}
		if err := addHeaderPrompt(f, s.name, cellName(i+1, 1), fl); err != nil {
			return err
		}
		dv, err := validation(fl, col, 2, s.fields, refs, o)
		if err != nil {
			return err
		}
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, last)
		if err := f.AddDataValidation(s.name, dv); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(s.name, "A1", lastCol+"1", st.header); err != nil {
		return err
	}
	stripes := true
	if err := f.AddTable(s.name, &excelize.Table{Range: fmt.Sprintf("A1:%s%d", lastCol, last), Name: "tableau_" + s.name,
		StyleName: "TableStyleLight9", ShowRowStripes: &stripes}); err != nil {
		return err
	}
	return freezeHeader(f, s.name)
}

// writeKeyValue writes the enquete sheet: a header "champ, valeur", then one
// row per field with its rule on the value cell.
func writeKeyValue(f *excelize.File, s sheetSpec, st styles, refs map[string]string) error {
	if err := f.SetSheetRow(s.name, "A1", &[]any{"champ", "valeur"}); err != nil {
		return err
	}
	if err := f.SetCellStyle(s.name, "A1", "B1", st.header); err != nil {
		return err
	}
	if err := f.SetColWidth(s.name, "A", "A", 16); err != nil {
		return err
	}
	if err := f.SetColWidth(s.name, "B", "B", 50); err != nil {
		return err
	}
	for i, fl := range s.fields {
		row := i + 2
		if err := f.SetCellValue(s.name, cellName(1, row), fl.name); err != nil {
			return err
		}
		if err := f.SetCellStyle(s.name, cellName(1, row), cellName(1, row), st.bold); err != nil {
			return err
		}
		dv, err := validation(fl, "B", row, nil, refs, Options{})
		if err != nil {
			return err
		}
		dv.Sqref = cellName(2, row)
		if err := f.AddDataValidation(s.name, dv); err != nil {
			return err
		}
	}
	return freezeHeader(f, s.name)
}

func freezeHeader(f *excelize.File, sheet string) error {
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}})
}

// writeLists writes the list sheet, one list per column under its name,
// and hides it: the drop-down lists point at its cells.
func writeLists(f *excelize.File, ls []list) error {
	if _, err := f.NewSheet(pipeline.ListSheet); err != nil {
		return err
	}
	for i, l := range ls {
		col := make([]any, 0, len(l.values)+1)
		col = append(col, l.name)
		for _, v := range l.values {
			col = append(col, v)
		}
		if err := f.SetSheetCol(pipeline.ListSheet, cellName(i+1, 1), &col); err != nil {
			return err
		}
	}
	return f.SetSheetVisible(pipeline.ListSheet, false, true)
}

// listRefs gives the range of each list on the list sheet, "" for an
// empty list.
func listRefs(ls []list) map[string]string {
	refs := map[string]string{}
	for i, l := range ls {
		if len(l.values) == 0 {
			refs[l.name] = ""
			continue
		}
		col := colName(i + 1)
		refs[l.name] = fmt.Sprintf("%s!$%s$2:$%s$%d", pipeline.ListSheet, col, col, len(l.values)+1)
	}
	return refs
}

func colName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}
