package collect

import (
	"fmt"
	"time"

	"github.com/cmq-greencity/greencity/pipeline"
)

// rule is what a column's cells accept, enforced by a data validation.
type rule int

const (
	anyValue rule = iota // free text: the column only gets its input message
	fromList             // one value of a list of the list sheet (field.list)
	count                // a whole number >= 0
	partOf               // a whole number >= 0, at most the column field.of of the row
	yearDate             // a date within the year
	between              // a whole number from field.min to field.max
)

// field is one column of a template: its header, what goes there (the input
// message of its header and the help sheet), an example value that an
// import accepts, and its rule.
type field struct {
	name     string
	required bool
	help     string
	example  any
	rule     rule
	list     string // fromList: the list's name (lists)
	of       string // partOf: the column bounding the value
	min, max int    // between
}

// sheetSpec is a data sheet of a template.
type sheetSpec struct {
	name   string
	row    string  // what one row is, for the help sheet
	fields []field // the header, in order
	rows   [][]any // rows written in advance (the question bank)
	// keyValue: the sheet is read as key/value rows (enquete), the
	// fields are its rows, not its columns.
	keyValue bool
}

// template is one workbook to write.
type template struct {
	file   string
	intro  string // where the filled file goes, for the help sheet
	sheets []sheetSpec
}

// list is one drop-down list of the list sheet.
type list struct {
	name   string
	values []string
}

// lists are the drop-down lists, one column each of the list sheet: the
// importer's vocabulary, and the year's catalogue for the action names.
func lists(o Options) []list {
	return []list{
		{"axe", pipeline.Axes()},
		{"type", pipeline.ActionTypes()},
		{"public", pipeline.Publics()},
		{"type_etablissement", pipeline.EstablishmentTypes()},
		{"type_question", pipeline.QuestionTypes()},
		{"action", o.Actions},
	}
}

// question is one question of the standard bank of the questionnaire
// template: the indicators read these ids (pipeline.StandardQuestions).
type question struct {
	id, libelle, typ string
	pre, post        bool
}

var bank = []question{
	{"interet_sciences_energie", "Quel est ton intérêt pour les études scientifiques et les métiers de l'énergie ? (1 = aucun, 5 = très fort)", "likert5", true, true},
	{"connait_metiers", "Connais-tu les métiers de la construction et de l'énergie ? (1 = pas du tout, 5 = très bien)", "likert5", true, true},
	{"renforce_orientation", "Cette action a-t-elle renforcé ton choix d'orientation ? (1 = pas du tout, 5 = tout à fait)", "likert5", false, true},
	{"satisfaction", "Es-tu satisfait·e de cette action ? (1 = pas du tout, 5 = très satisfait·e)", "likert5", false, true},
}

// columnHelp says, for each column of the contract, what goes there and an
// example: the columns themselves and whether they are required come from
// the importer (pipeline.ContractColumns).
func columnHelp(o Options) map[string]map[string]field {
	first, last := pipeline.YearDates(o.Year, o.School)
	action := "Fresque du climat"
	if len(o.Actions) > 0 {
		action = o.Actions[0]
	}
	pick := "Choisissez dans la liste. "
	actionHelp := pick + fmt.Sprintf("Le nom exact d'une action du catalogue %d.", o.Year)
	if len(o.Actions) == 0 {
		actionHelp = fmt.Sprintf("Le nom exact d'une action du catalogue %d (actions.xlsx), écrit comme dans le catalogue.", o.Year)
	}
	return map[string]map[string]field{
		pipeline.KindActions: {
			"action":     {help: "Le nom de l'action, unique dans le catalogue : les feuilles de présence le reprennent tel quel.", example: "Fresque du climat"},
			"axe":        {help: pick + "L'axe du campus auquel l'action se rattache.", example: pipeline.Axes()[2], rule: fromList, list: "axe"},
			"type":       {help: pick + "Le type d'action.", example: "atelier", rule: fromList, list: "type"},
			"programme":  {help: "Les programmes qui portent l'action, séparés par des virgules (facultatif).", example: "JET Cities, RICET"},
			"financeurs": {help: "Les financeurs, séparés par des virgules (facultatif).", example: "Région Bourgogne-Franche-Comté"},
		},
		pipeline.KindParticipations: {
			"action":             {help: actionHelp, example: action, rule: fromList, list: "action"},
			"date":               {help: fmt.Sprintf("La date de la séance, du %s au %s (jj/mm/aaaa).", frenchDate(first), frenchDate(last)), example: first.AddDate(0, 1, 14), rule: yearDate},
			"etablissement":      {help: "Le nom de l'établissement ou de la structure du groupe.", example: "Lycée Hilaire de Chardonnet"},
			"type_etablissement": {help: pick + "Le type d'établissement (facultatif).", example: "lycée", rule: fromList, list: "type_etablissement"},
			"commune":            {help: "La commune de l'établissement.", example: "Chalon-sur-Saône"},
			"public":             {help: pick + "Le public du groupe.", example: "lycéens", rule: fromList, list: "public"},
			"niveau":             {help: "La classe ou le niveau (facultatif).", example: "seconde"},
			"participants":       {help: "Le nombre de participants du groupe : un nombre entier, 0 ou plus.", example: 24, rule: count},
			"dont_filles":        {help: "Parmi eux, le nombre de filles : un nombre entier, au plus participants ; vide si inconnu.", example: 11, rule: partOf, of: "participants"},
			"dont_qpv_zrr":       {help: "Parmi eux, le nombre d'habitants d'un QPV ou d'une ZRR : un nombre entier, au plus participants ; vide si inconnu.", example: 3, rule: partOf, of: "participants"},
		},
		pipeline.KindFormations: {
			"annee":         {help: fmt.Sprintf("L'année du dossier, %d : une formation d'une autre année va dans le formations.xlsx de son année.", o.Year), example: o.Year, rule: between, min: o.Year, max: o.Year},
			"etablissement": {help: "L'établissement qui porte la formation.", example: "Lycée Hilaire de Chardonnet"},
			"formation":     {help: "L'intitulé de la formation.", example: "BTS Fluides, énergies, domotique"},
			"places":        {help: "Le nombre de places offertes : un nombre entier, 0 ou plus.", example: 24, rule: count},
			"candidats":     {help: "Le nombre de candidats : un nombre entier, 0 ou plus.", example: 41, rule: count},
			"inscrits":      {help: "Le nombre d'inscrits : un nombre entier, 0 ou plus.", example: 22, rule: count},
			"dont_filles":   {help: "Parmi les inscrits, le nombre de filles : un nombre entier, au plus inscrits ; vide si inconnu.", example: 5, rule: partOf, of: "inscrits"},
		},
		pipeline.TableQuestions: {
			"id":      {help: "L'identifiant de la question, repris en en-tête de colonne des feuilles pre et post (sans espace).", example: bank[0].id},
			"libelle": {help: "Le texte de la question, tel que posé.", example: bank[0].libelle},
			"type":    {help: pick + "Le type de réponse : likert5 (1 à 5), oui_non, choix, texte ou nombre.", example: bank[0].typ, rule: fromList, list: "type_question"},
		},
	}
}

// contractSheet is a sheet of one table of the contract, its columns taken
// from the importer, their help from columnHelp.
func contractSheet(o Options, table, name, row string) (sheetSpec, error) {
	help := columnHelp(o)[table]
	s := sheetSpec{name: name, row: row}
	for _, c := range pipeline.ContractColumns(table) {
		f, ok := help[c.Name]
		if !ok {
			return s, fmt.Errorf("template %s: no help for column %s", table, c.Name)
		}
		f.name, f.required = c.Name, c.Required
		s.fields = append(s.fields, f)
	}
	return s, nil
}

// templates are the four workbooks of a year.
func templates(o Options) ([]template, error) {
	actions, err := contractSheet(o, pipeline.KindActions, "actions", "une action du catalogue")
	if err != nil {
		return nil, err
	}
	participations, err := contractSheet(o, pipeline.KindParticipations, "participations",
		"un groupe de participants à une séance d'une action")
	if err != nil {
		return nil, err
	}
	formations, err := contractSheet(o, pipeline.KindFormations, "formations", "une formation d'un établissement")
	if err != nil {
		return nil, err
	}
	questions, err := contractSheet(o, pipeline.TableQuestions, "questions", "une question posée")
	if err != nil {
		return nil, err
	}
	for _, q := range bank {
		questions.rows = append(questions.rows, []any{q.id, q.libelle, q.typ})
	}
	first, last := pipeline.YearDates(o.Year, o.School)
	period := fmt.Sprintf("du %s au %s", frenchDate(first), frenchDate(last))
	return []template{
		{file: "actions.xlsx", sheets: []sheetSpec{actions},
			intro: fmt.Sprintf("Le catalogue des actions %d : une ligne par action. Rangez-le dans data/%d/actions.xlsx ; il s'importe avant les autres fichiers, qui reprennent ses noms d'actions.", o.Year, o.Year)},
		{file: "participations.xlsx", sheets: []sheetSpec{participations},
			intro: fmt.Sprintf("Feuille de présence %d (%s) : une ligne par groupe à une séance. Le classeur rempli va dans data/%d/participations/ (un fichier par partenaire, sous le nom de votre choix).", o.Year, period, o.Year)},
		{file: "questionnaire.xlsx", sheets: []sheetSpec{enquete(o), questions, wave(o, "pre"), wave(o, "post")},
			intro: fmt.Sprintf("Questionnaire avant/après d'une action %d : un classeur par enquête. Le classeur rempli va dans data/%d/questionnaires/. Le même code pseudonyme (jamais le nom) relie les réponses d'avant et d'après d'une personne.", o.Year, o.Year)},
		{file: "formations.xlsx", sheets: []sheetSpec{formations},
			intro: fmt.Sprintf("Les formations du campus %d : une ligne par formation. Rangez-le dans data/%d/formations.xlsx.", o.Year, o.Year)},
	}, nil
}

// enquete is the key/value sheet that describes a survey.
func enquete(o Options) sheetSpec {
	action := "Engagement tour - Lycée"
	if len(o.Actions) > 0 {
		action = o.Actions[0]
	}
	help := columnHelp(o)[pipeline.KindParticipations]["action"].help
	return sheetSpec{name: "enquete", row: "une information sur l'enquête (colonne B)", keyValue: true, fields: []field{
		{name: "action", required: true, help: help, example: action, rule: fromList, list: "action"},
		{name: "population", required: true, help: "Le nombre de personnes interrogées (la classe, le groupe) : un nombre entier, 1 ou plus.", example: 24, rule: between, min: 1, max: maxWhole},
		{name: "titre", help: fmt.Sprintf("Le titre de l'enquête, le même les années suivantes à l'année près (par défaut : l'action et %d).", o.Year), example: fmt.Sprintf("%s %d", action, o.Year)},
	}}
}

// wave is a sheet of answers, pre or post: the respondent code, then one
// column per question of the bank asked in that wave.
func wave(o Options, name string) sheetSpec {
	when := map[string]string{"pre": "avant l'action", "post": "après l'action"}[name]
	s := sheetSpec{name: name, row: "les réponses d'une personne " + when, fields: []field{
		{name: "code", required: true, help: "Le code pseudonyme de la personne (par exemple initiales + jour de naissance), le même avant et après ; jamais son nom.", example: "AB12"},
	}}
	for i, q := range bank {
		if (name == "pre" && q.pre) || (name == "post" && q.post) {
			s.fields = append(s.fields, field{name: q.id, help: fmt.Sprintf("Réponse de %d à %d à : %s", pipeline.MinLikert, pipeline.MaxLikert, q.libelle),
				example: pipeline.MinLikert + (i+2)%pipeline.MaxLikert, rule: between, min: pipeline.MinLikert, max: pipeline.MaxLikert})
		}
	}
	return s
}

// maxWhole is the largest count a validation allows: the importer's limit.
const maxWhole = 2147483647

func frenchDate(t time.Time) string { return t.Format("02/01/2006") }
