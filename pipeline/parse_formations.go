package pipeline

import "fmt"

// formationRow is one training programme of one year.
type formationRow struct {
	Sheet                       string
	Row                         int
	Annee                       int
	Etablissement, Formation    string
	Places, Candidats, Inscrits int
	DontFilles                  *int
}

var formationColumns = []column{
	{name: "annee", required: true},
	{name: "etablissement", required: true},
	{name: "formation", required: true},
	{name: "places", required: true},
	{name: "candidats", required: true},
	{name: "inscrits", required: true},
	{name: "dont_filles"},
}

// parseFormations reads formations.xlsx: sheet "formations" or the first one.
// Every row is of the folder's year: a row of another year would be imported
// and then counted in no figure. Beyond each count, a row must add up: no
// candidates for no place (the attractiveness divides by the places), no
// more enrolled than applied, no more girls than enrolled.
func parseFormations(wb Workbook, p *parsed, year int) error {
	sheet, ok := findSheet(wb, "formations")
	if !ok {
		sheet = wb.SheetNames()[0]
	}
	err := scanTable(wb, sheet, formationColumns, p, func(r record) {
		p.rowsRead++
		bad := len(p.problems)
		counted := map[string]bool{}
		count := func(name string) int {
			n, ok := parseCount(r.get(name))
			if !ok {
				p.problems = append(p.problems, r.problem(name, r.get(name), "un nombre entier ≥ 0"))
			}
			counted[name] = ok
			return n
		}
		annee := count("annee")
		if counted["annee"] && annee != year {
			p.problems = append(p.problems, r.problem("annee", r.get("annee"),
				fmt.Sprintf("l'année du dossier, %d : les formations d'une autre année vont dans le formations.xlsx de son dossier", year)))
		}
		f := formationRow{Sheet: sheet, Row: r.row, Annee: annee, Etablissement: tidy(r.get("etablissement")), Formation: tidy(r.get("formation")),
			Places: count("places"), Candidats: count("candidats"), Inscrits: count("inscrits")}
		for _, name := range []string{"etablissement", "formation"} {
			if r.get(name) == "" {
				p.problems = append(p.problems, r.problem(name, "", "un texte non vide"))
			}
		}
		if counted["places"] && counted["candidats"] && f.Places == 0 && f.Candidats > 0 {
			p.problems = append(p.problems, r.problem("places", r.get("places"),
				fmt.Sprintf("un nombre de places > 0 pour %d candidats : sans places, la formation ne peut pas entrer dans l'attractivité (candidats par place)", f.Candidats)))
		}
		if counted["inscrits"] && counted["candidats"] && f.Inscrits > f.Candidats {
			p.problems = append(p.problems, r.problem("inscrits", r.get("inscrits"),
				fmt.Sprintf("au plus le nombre de candidats (%d) : un inscrit a d'abord été candidat", f.Candidats)))
		}
		f.DontFilles = p.optionalCount(r, "dont_filles", f.Inscrits, counted["inscrits"], "le nombre d'inscrits")
		if len(p.problems) > bad {
			p.rowsRejected++
			return
		}
		p.formations = append(p.formations, f)
		p.extras = append(p.extras, r.t.extraCells(r)...)
	})
	return err
}
