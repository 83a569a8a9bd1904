package pipeline

import (
	"fmt"
	"strings"
)

// surveyRow describes one questionnaire (one workbook).
type surveyRow struct {
	Titre, Action, Key string
	Population         int
	// Waves are the waves the file holds a sheet (or an export) of, even
	// one nobody answered: its response rate is 0, not missing.
	Waves []string
	// Scope is what files share the respondents of this one: "" for a
	// workbook of the template (its own), "survey_formats/<name>" for the
	// exports of one survey_formats entry. The same code in two scopes is
	// two people.
	Scope string
	// popCell locates the population given, for the problems about it.
	popCell Problem
}

type questionRow struct {
	ID, Libelle, Type string
}

type answerRow struct {
	Wave, Respondent, QuestionID string
	Value                        *float64
	Answer                       string
}

// Standard question ids of the template (DESIGN.md): the indicators look for
// these exact spellings, so a declared id matching one of them by Key is
// stored in this spelling.
var standardQuestions = []string{"renforce_orientation", "interet_sciences_energie", "satisfaction", "connait_metiers"}

var questionColumns = []column{
	{name: "id", required: true},
	{name: "libelle", required: true},
	{name: "type", required: true},
}

// parseQuestionnaire reads a survey workbook: sheets enquete, questions, pre
// and post (DESIGN.md, "Questionnaires").
func parseQuestionnaire(wb Workbook, p *parsed, cat catalogue, year int) error {
	s, err := parseEnquete(wb, p, cat, year)
	if err != nil || s == nil {
		return err
	}
	p.survey = s
	questions, err := parseQuestions(wb, p)
	if err != nil || questions == nil {
		return err
	}
	sheets, err := waveSheets(wb, p)
	if err != nil {
		return err
	}
	for _, wave := range []string{"pre", "post"} {
		if sheet, ok := sheets[wave]; ok {
			s.Waves = append(s.Waves, wave)
			if err := parseWave(wb, p, sheet, wave, questions); err != nil {
				return err
			}
		}
	}
	if len(sheets) == 0 {
		p.problems = append(p.problems, Problem{Sheet: strings.Join(wb.SheetNames(), ", "),
			Expected: "une feuille « pre » et/ou une feuille « post » (une ligne par répondant)"})
	}
	p.checkPopulation(s.Population, s.popCell, func(wave string) string {
		return "dans la feuille « " + sheets[wave] + " »"
	})
	return nil
}

// waveSheetNames are the names a sheet of answers may bear, by wave,
// matched by Key (case, accents, blanks and underscores ignored): the
// template's "pre" and "post" and the names evaluators give them in French
// and English.
var waveSheetNames = map[string][]string{
	"pre":  {"pre", "pré", "avant", "pré-test", "prétest", "pre-test", "pretest", "pré-questionnaire", "before", "T0"},
	"post": {"post", "après", "post-test", "posttest", "post-questionnaire", "after", "T1"},
}

// waveOfSheet tells the wave a sheet's name stands for.
func waveOfSheet(name string) (string, bool) {
	for wave, names := range waveSheetNames {
		for _, n := range names {
			if Key(n) == Key(name) {
				return wave, true
			}
		}
	}
	return "", false
}

// waveNames lists the accepted names of the waves' sheets, for messages.
func waveNames() string {
	var parts []string
	for _, wave := range []string{"pre", "post"} {
		parts = append(parts, "« "+wave+" » (ou "+strings.Join(waveSheetNames[wave][1:], ", ")+")")
	}
	return strings.Join(parts, " ou ")
}

// waveSheets finds the sheet of each wave of a template questionnaire. A
// second sheet of the same wave, and a visible sheet holding data that is
// none of the template's, are refused: their answers would be left out.
func waveSheets(wb Workbook, p *parsed) (map[string]string, error) {
	sheets := map[string]string{}
	for _, sheet := range wb.SheetNames() {
		switch Key(sheet) {
		case "enquete", "questions":
			continue
		}
		if IsTemplateSheet(sheet) { // the template's help and lists: no data
			continue
		}
		wave, ok := waveOfSheet(sheet)
		if !ok {
			if sheetHidden(wb, sheet) {
				continue // noted by inspect, never read
			}
			data, err := holdsData(wb, sheet)
			if err != nil {
				return nil, err
			}
			if data {
				p.problems = append(p.problems, unreadSheet(sheet, "une feuille « enquete », « questions », ou une feuille de réponses nommée "+waveNames()))
			}
			continue
		}
		if first, dup := sheets[wave]; dup {
			p.problems = append(p.problems, Problem{Sheet: sheet, Fault: "deuxième feuille de la vague " + wave,
				Expected: fmt.Sprintf("une seule feuille par vague : la feuille « %s » est déjà celle de la vague %s ; réunissez leurs lignes dans une seule feuille", first, wave)})
			continue
		}
		sheets[wave] = sheet
	}
	return sheets, nil
}

// checkPopulation refuses a population smaller than the people who
// answered a wave (at least one answer, as response_rate counts them): the
// response rate would pass 100 %. at is the population's cell, or for an
// export its key in the configuration; where tells where a wave's answers
// are, for the message.
func (p *parsed) checkPopulation(population int, at Problem, where func(wave string) string) {
	if population <= 0 {
		return
	}
	people := map[string]map[string]bool{}
	for _, a := range p.answers {
		if people[a.Wave] == nil {
			people[a.Wave] = map[string]bool{}
		}
		people[a.Wave][Key(a.Respondent)] = true
	}
	for _, wave := range []string{"pre", "post"} {
		if n := len(people[wave]); n > population {
			pr := at
			pr.Expected = fmt.Sprintf("au moins le nombre de personnes qui ont répondu %s (%d) : le taux de réponse dépasserait 100 %% ; indiquez le nombre de personnes interrogées", where(wave), n)
			p.problems = append(p.problems, pr)
		}
	}
}

func parseEnquete(wb Workbook, p *parsed, cat catalogue, year int) (*surveyRow, error) {
	sheet, ok := findSheet(wb, "enquete")
	if !ok {
		p.problems = append(p.problems, Problem{Sheet: strings.Join(wb.SheetNames(), ", "),
			Expected: "une feuille « enquete » (action, population, titre)"})
		return nil, nil
	}
	s := &surveyRow{}
	var popCell, actionCell Problem
	seen := map[string]bool{}
	err := wb.EachRow(sheet, func(row int, cells []string) error {
		key, val := Key(cell(cells, 0)), tidy(cell(cells, 1))
		at := Problem{Sheet: sheet, Row: row, Column: "B", Header: cell(cells, 0), Value: val}
		switch key {
		case "action":
			s.Action, actionCell = val, at
		case "population":
			if seen["population"] {
				at.Expected = fmt.Sprintf("une seule ligne « population » : déjà donnée en cellule %s (« %s »)", popCell.Cell(), popCell.Value)
				p.problems = append(p.problems, at)
				return nil
			}
			s.Population, popCell = -1, at
			if n, ok := parseCount(val); ok && n > 0 {
				s.Population = n
			}
		case "titre":
			s.Titre = val
		default:
			return nil
		}
		seen[key] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	bad := len(p.problems)
	if !seen["action"] {
		p.problems = append(p.problems, Problem{Sheet: sheet, Expected: "une ligne « action » suivie du nom de l'action du catalogue"})
	} else if name, ok := cat.lookup(s.Action); ok {
		s.Action, s.Key = name, Key(name)
	} else {
		actionCell.Expected = cat.expectedAction(year)
		actionCell.Hint = cat.hint(s.Action)
		p.problems = append(p.problems, actionCell)
	}
	if !seen["population"] {
		p.problems = append(p.problems, Problem{Sheet: sheet, Expected: "une ligne « population » suivie du nombre de personnes interrogées"})
	} else if s.Population < 0 {
		popCell.Expected = "un nombre entier > 0 de personnes interrogées"
		p.problems = append(p.problems, popCell)
	}
	if s.Titre == "" {
		s.Titre = fmt.Sprintf("%s %d", s.Action, year)
	}
	if len(p.problems) > bad {
		return nil, nil
	}
	s.popCell = popCell
	return s, nil
}

func parseQuestions(wb Workbook, p *parsed) (map[string]questionRow, error) {
	sheet, ok := findSheet(wb, "questions")
	if !ok || Key(sheet) != "questions" {
		p.problems = append(p.problems, Problem{Sheet: strings.Join(wb.SheetNames(), ", "),
			Expected: "une feuille « questions » (id, libelle, type)"})
		return nil, nil
	}
	typeVocab, std := newVocabulary(questionTypes), newVocabulary(standardQuestions)
	questions := map[string]questionRow{}
	bad := len(p.problems)
	err := scanTable(wb, sheet, questionColumns, p, func(r record) {
		id := strings.ToLower(tidy(r.get("id")))
		if s, ok := std.canonical(id); ok {
			id = s
		}
		typ, ok := typeVocab.canonical(r.get("type"))
		switch {
		case id == "":
			p.problems = append(p.problems, r.problem("id", "", "l'identifiant de la question"))
		case questions[Key(id)].ID != "":
			p.problems = append(p.problems, r.problem("id", id, "un identifiant unique : déjà déclaré plus haut"))
		case !ok:
			p.problems = append(p.problems, r.problem("type", r.get("type"), "un type parmi : "+strings.Join(questionTypes, ", ")))
		default:
			questions[Key(id)] = questionRow{ID: id, Libelle: tidy(r.get("libelle")), Type: typ}
		}
	})
	if err != nil || len(p.problems) > bad {
		return nil, err
	}
	for _, q := range questions {
		p.questions = append(p.questions, q)
	}
	return questions, nil
}

func parseWave(wb Workbook, p *parsed, sheet, wave string, questions map[string]questionRow) error {
	w := newWaveSheet(sheet, wave, "la feuille", answerValue)
	return walkSheet(wb, sheet, func(row int, cells []string) error {
		if blankRow(cells) {
			return nil
		}
		if w.cols != nil {
			w.readRow(p, row, cells)
			return nil
		}
		w.cols = make([]waveColumn, len(cells))
		for i, raw := range cells {
			h := tidy(raw)
			k := Key(h)
			switch q, ok := questions[k]; {
			case h == "":
			case k == "code":
				w.codeCol = i
			case isIdentity(h):
				// Privacy first: identity never enters the database, even
				// when the questions sheet declares it as a question.
				p.notes.add(noteOnce, identityDropped(sheet, row, i, h))
			case ok:
				w.cols[i] = waveColumn{id: q.ID, typ: q.Type}
			default:
				p.problems = append(p.problems, Problem{Sheet: sheet, Row: row, Column: columnName(i), Value: h,
					Expected: "un identifiant de question déclaré dans la feuille « questions »"})
			}
		}
		if w.codeCol < 0 {
			p.problems = append(p.problems, Problem{Sheet: sheet, Row: row,
				Expected: "une colonne « code » (code pseudonyme du répondant, le même avant et après)"})
			return errStop
		}
		return nil
	})
}

// waveSheet is a sheet of one respondent per row, as its header row told
// it: a wave of the template's questionnaire, or an export of a survey tool.
type waveSheet struct {
	sheet, wave string
	cols        []waveColumn   // by column, nil until the header row is read
	codeCol     int            // the column of respondent codes, -1 when none
	codes       map[string]int // Key(code) -> the row it was first seen on
	scope       string         // where a code must be unique, for messages: "la feuille", "le fichier"
	// convert turns an answer into the number the indicators use, by the
	// question's type (answerValue), or says what was expected.
	convert func(typ, v string) (*float64, bool, string)
}

// waveColumn is the question a column answers; id is "" for the code
// column and the columns that are not imported.
type waveColumn struct{ id, typ string }

func newWaveSheet(sheet, wave, scope string, convert func(typ, v string) (*float64, bool, string)) *waveSheet {
	return &waveSheet{sheet: sheet, wave: wave, codeCol: -1, codes: map[string]int{}, scope: scope, convert: convert}
}

// readRow reads one respondent's row into p: its code, which must be there
// and unique in the wave, and its answers. A row with a problem is rejected
// whole.
func (w *waveSheet) readRow(p *parsed, row int, cells []string) {
	p.rowsRead++
	bad := len(p.problems)
	at := func(i int, v, expected string) Problem {
		pr := Problem{Sheet: w.sheet, Row: row, Column: columnName(i), Value: v, Expected: expected}
		if i < len(w.cols) {
			pr.Header = w.cols[i].id
		}
		return pr
	}
	code := tidy(cell(cells, w.codeCol))
	switch first, dup := w.codes[Key(code)]; {
	case code == "":
		p.problems = append(p.problems, at(w.codeCol, "", "le code pseudonyme du répondant"))
	case dup:
		p.problems = append(p.problems, at(w.codeCol, code, fmt.Sprintf("un code unique dans %s : déjà ligne %d", w.scope, first)))
	default:
		w.codes[Key(code)] = row
	}
	var answers []answerRow
	for i, c := range w.cols {
		v := tidy(cell(cells, i))
		if c.id == "" || v == "" {
			continue
		}
		value, ok, expected := w.convert(c.typ, v)
		if !ok {
			p.problems = append(p.problems, at(i, v, expected))
			continue
		}
		if value == nil {
			// Free text: identity typed in it is masked before storage.
			var masked string
			if v, masked = redactIdentity(v); masked != "" {
				n := at(i, "", "")
				n.Fault = masked + " masqué avant l'import (donnée d'identité, jamais conservée)"
				p.notes.add(noteIdentityMasked, n)
			}
		}
		answers = append(answers, answerRow{Wave: w.wave, Respondent: code, QuestionID: c.id, Value: value, Answer: v})
	}
	if len(p.problems) > bad {
		p.rowsRejected++
		return
	}
	p.answers = append(p.answers, answers...)
}

// answerValue converts an answer to the number the indicators use, by the
// question's type. It returns false and what was expected when the answer
// does not fit the type.
func answerValue(typ, v string) (*float64, bool, string) {
	switch typ {
	case "likert5":
		n, ok := parseCount(v)
		if !ok || n < MinLikert || n > MaxLikert {
			return nil, false, "une réponse de 1 à 5 (échelle de Likert)"
		}
		f := float64(n)
		return &f, true, ""
	case "oui_non":
		switch Key(v) {
		case "oui", "o", "yes", "y", "1", "vrai", "true", "x":
			f := 1.0
			return &f, true, ""
		case "non", "n", "no", "0", "faux", "false":
			f := 0.0
			return &f, true, ""
		}
		return nil, false, "oui ou non"
	case "nombre":
		// Plain digits only: "NaN", "Inf" or "1e3" would parse as numbers
		// and turn every mean of the question into nonsense.
		f, ok := plainNumber(v, true)
		if !ok {
			return nil, false, "un nombre (chiffres, avec une virgule pour les décimales)"
		}
		return &f, true, ""
	}
	return nil, true, "" // choix, texte: kept as written
}
