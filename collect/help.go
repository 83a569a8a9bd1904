package collect

import (
	"fmt"
	"strings"
	"time"

	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/xuri/excelize/v2"
)

// writeHelp writes the help sheet: what the workbook is for and where it
// goes, how to fill it in, every column with what goes there and an example,
// then an example row of each sheet. It is never imported
// (pipeline.IsTemplateSheet).
func writeHelp(f *excelize.File, t template, st styles, o Options) error {
	sh := pipeline.HelpSheet
	w := &helpWriter{f: f, sheet: sh, st: st}
	w.line(st.title, fmt.Sprintf("Aide : %s, année %d", t.file, o.Year))
	w.line(0, t.intro)
	var names []string
	for _, s := range t.sheets {
		names = append(names, "« "+s.name+" »")
	}
	w.line(0, "Remplissez "+frenchList(names)+" sous la ligne d'en-tête, sans changer les en-têtes ; une ligne ajoutée sous un tableau en garde les règles.")
	w.line(0, "Les listes déroulantes et les règles refusent ce que greencity refuserait ; un clic sur un en-tête ou une cellule dit ce qu'il faut y mettre.")
	w.line(0, fmt.Sprintf("Pas de ligne de total, pas de cellules fusionnées, pas de ligne ni de colonne masquée. La feuille « %s » et la feuille masquée « %s » (les listes déroulantes) ne sont pas importées.",
		pipeline.HelpSheet, pipeline.ListSheet))
	w.row++
	w.cells(st.header, "feuille", "colonne", "obligatoire", "ce qu'il faut y mettre", "exemple")
	for _, s := range t.sheets {
		for _, fl := range s.fields {
			col := fl.name
			if s.keyValue {
				col = fmt.Sprintf("ligne « %s », colonne B", fl.name)
			}
			req := "non"
			if fl.required {
				req = "oui"
			}
			w.cells(0, s.name, col, req, fl.help, fl.example)
		}
	}
	for _, s := range t.sheets {
		if s.keyValue {
			continue
		}
		w.row++
		w.line(st.bold, fmt.Sprintf("Exemple de ligne de la feuille « %s » (%s) :", s.name, s.row))
		var header, example []any
		for _, fl := range s.fields {
			header, example = append(header, fl.name), append(example, fl.example)
		}
		w.cells(st.header, header...)
		w.cells(0, example...)
	}
	for col, width := range map[string]float64{"A": 22, "B": 26, "C": 14, "D": 80, "E": 34} {
		if err := f.SetColWidth(sh, col, col, width); err != nil {
			return err
		}
	}
	return w.err
}

// helpWriter writes the help sheet row by row, keeping the first error.
type helpWriter struct {
	f     *excelize.File
	sheet string
	st    styles
	row   int
	err   error
}

func (w *helpWriter) line(style int, text string) { w.cells(style, text) }

// cells writes one row, a date as a date cell, with style (0: none).
func (w *helpWriter) cells(style int, values ...any) {
	w.row++
	for i, v := range values {
		if w.err != nil {
			return
		}
		ref := cellName(i+1, w.row)
		switch v := v.(type) {
		case time.Time:
			w.err = w.f.SetCellValue(w.sheet, ref, serial(v))
			if w.err == nil {
				w.err = w.f.SetCellStyle(w.sheet, ref, ref, w.st.date)
			}
			continue
		default:
			w.err = w.f.SetCellValue(w.sheet, ref, v)
		}
		if w.err == nil && style != 0 {
			w.err = w.f.SetCellStyle(w.sheet, ref, ref, style)
		}
	}
}

// frenchList joins "a", "b" and "c" the French way: "a, b et c".
func frenchList(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " et " + items[len(items)-1]
}
