package pipeline

import (
	"fmt"
	"strings"
)

// actionRow is one action of the catalogue.
type actionRow struct {
	Row                    int
	Action, Key, Axe, Type string
	Programme, Financeurs  string
}

var actionColumns = []column{
	{name: "action", required: true},
	{name: "axe", required: true},
	{name: "type", required: true},
	{name: "programme"},
	{name: "financeurs"},
}

// parseActions reads the catalogue: sheet "actions" (or the only sheet).
func parseActions(wb Workbook, p *parsed) error {
	sheet, ok := findSheet(wb, "actions")
	if !ok {
		p.problems = append(p.problems, Problem{Sheet: strings.Join(wb.SheetNames(), ", "),
			Expected: "une feuille « actions » dans le catalogue"})
		return nil
	}
	axeVocab, typeVocab := newVocabulary(axes), newVocabulary(actionTypes)
	seen := map[string]int{}
	err := scanTable(wb, sheet, actionColumns, p, func(r record) {
		p.rowsRead++
		bad := len(p.problems)
		name := tidy(r.get("action"))
		if name != "" {
			p.actionNames = append(p.actionNames, name)
		}
		if name == "" {
			p.problems = append(p.problems, r.problem("action", "", "le nom de l'action"))
		}
		key := Key(name)
		if first, dup := seen[key]; dup && name != "" {
			p.problems = append(p.problems, r.problem("action", name,
				fmt.Sprintf("un nom d'action unique : déjà présent ligne %d", first)))
		} else if name != "" {
			seen[key] = r.row
		}
		axe, ok := axeVocab.canonical(r.get("axe"))
		if !ok {
			p.problems = append(p.problems, r.problem("axe", r.get("axe"), "un axe parmi : "+strings.Join(axes, ", ")))
		}
		typ, ok := typeVocab.canonical(r.get("type"))
		if !ok {
			p.problems = append(p.problems, r.problem("type", r.get("type"), "un type parmi : "+strings.Join(actionTypes, ", ")))
		}
		if len(p.problems) > bad {
			p.rowsRejected++
			return
		}
		p.actions = append(p.actions, actionRow{Row: r.row, Action: name, Key: key, Axe: axe, Type: typ,
			Programme: tidyList(r.get("programme")), Financeurs: tidyList(r.get("financeurs"))})
		p.extras = append(p.extras, r.t.extraCells(r)...)
	})
	return err
}

// findSheet finds a sheet by name, ignoring case and accents; a workbook with
// a single sheet is taken whatever its name.
func findSheet(wb Workbook, name string) (string, bool) {
	names := wb.SheetNames()
	for _, s := range names {
		if Key(s) == Key(name) {
			return s, true
		}
	}
	if len(names) == 1 {
		return names[0], true
	}
	return "", false
}
