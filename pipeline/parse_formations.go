package pipeline

// formationRow is one training programme of one year.
type formationRow struct {
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
func parseFormations(wb Workbook, p *parsed) error {
	sheet, ok := findSheet(wb, "formations")
	if !ok {
		sheet = wb.SheetNames()[0]
	}
	err := scanTable(wb, sheet, formationColumns, p, func(r record) {
		p.rowsRead++
		bad := len(p.problems)
		count := func(name string) int {
			n, ok := parseCount(r.get(name))
			if !ok {
				p.problems = append(p.problems, r.problem(name, r.get(name), "un nombre entier ≥ 0"))
			}
			return n
		}
		year := count("annee")
		if year != 0 && (year < 1990 || year > 2100) {
			p.problems = append(p.problems, r.problem("annee", r.get("annee"), "une année (par exemple 2025)"))
		}
		f := formationRow{Row: r.row, Annee: year, Etablissement: tidy(r.get("etablissement")), Formation: tidy(r.get("formation")),
			Places: count("places"), Candidats: count("candidats"), Inscrits: count("inscrits")}
		for _, name := range []string{"etablissement", "formation"} {
			if r.get(name) == "" {
				p.problems = append(p.problems, r.problem(name, "", "un texte non vide"))
			}
		}
		_, inscritsOK := parseCount(r.get("inscrits"))
		f.DontFilles = p.optionalCount(r, "dont_filles", f.Inscrits, inscritsOK, "le nombre d'inscrits")
		if len(p.problems) > bad {
			p.rowsRejected++
			return
		}
		p.formations = append(p.formations, f)
		p.extras = append(p.extras, r.t.extraCells(r)...)
	})
	return err
}
