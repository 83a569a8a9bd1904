package pipeline

import (
	"fmt"
	"path"
	"strconv"
	"strings"
)

// Questionnaires exported from the tools evaluators use: Google Forms (the
// responses sheet downloaded as xlsx: a timestamp column, then one column per
// question headed by its full text) and LimeSurvey (Responses > Export >
// Microsoft Excel: the response id, submission date, last page, start
// language and seed, then one column per question, headed by its code or its
// text). Such an export holds one wave and none of the template's enquete and
// questions sheets: a SurveyFormat of the configuration says what the
// template would have said.

// Tools whose exports SurveyFormat reads.
const (
	ToolGoogleForms = "google_forms"
	ToolLimeSurvey  = "limesurvey"
)

// SurveyFormat maps the exports of one survey made with Google Forms or
// LimeSurvey onto the questionnaire contract. It comes from the configuration
// (survey_formats), so that a new form imports with no code.
type SurveyFormat struct {
	Name string // the entry's name in the configuration, for messages
	Tool string // ToolGoogleForms or ToolLimeSurvey
	// Files are the exports of this survey and the wave each holds. The
	// files of a survey lie under questionnaires/ of a year folder.
	Files []SurveyFile
	// Titre, Action and Population are what the template's sheet enquete
	// says: the survey's title (both exports of a survey share it, which is
	// how their answers pair), the catalogue action surveyed, and the number
	// of people surveyed (0: unknown, no response rate).
	Titre      string
	Action     string
	Population int
	// CodeColumn is the header of the column that holds the respondent
	// code pairing the two waves: a question such as "Ton code" in Google
	// Forms, or LimeSurvey's access code (token) column.
	CodeColumn string
	Questions  []SurveyQuestion
	// Answers turn answer labels into the numbers of the scale:
	// "Tout à fait d'accord" -> 5. An answer that is no label is read as
	// the template's are (a number, oui/non).
	Answers []AnswerLabel
}

// SurveyFile is one export: a file name pattern (path.Match syntax, matched
// against the file's name without regard to case, e.g. "forum-avant*.xlsx")
// and its wave, "pre" or "post".
type SurveyFile struct {
	Pattern string
	Wave    string
}

// SurveyQuestion maps a column of an export to a question: Text is its
// header (the question as the form asks it, or LimeSurvey's code), ID the
// question id of the indicators (interet_sciences_energie, ...), Type one of
// likert5, oui_non, choix, texte, nombre.
type SurveyQuestion struct {
	Text string
	ID   string
	Type string
}

// AnswerLabel is one answer as the tool writes it and its value.
type AnswerLabel struct {
	Label string
	Value float64
}

// toolColumns are the columns a tool adds to every export, matched by Key:
// they say nothing about the answers and are not imported. The first of each
// list must be present, so that a file that is no export of the tool is not
// read as one. Columns that identify a person (e-mail, IP address) are not
// here: they are dropped with a note by the identity rule.
var toolColumns = map[string][][]string{
	ToolGoogleForms: {
		{"Horodateur", "Timestamp", "Marca temporal", "Zeitstempel"},
		{"Score", "Note", "Total score"},
	},
	ToolLimeSurvey: {
		{"ID de la réponse", "Response ID", "id"},
		{"Date de soumission", "Date submitted", "submitdate"},
		{"Dernière page", "Last page", "lastpage"},
		{"Langue de départ", "Start language", "startlanguage"},
		{"Tête de série", "Seed", "seed"},
		{"Date de lancement", "Date started", "startdate"},
		{"Date de la dernière action", "Date last action", "datestamp"},
		{"URL référente", "Referrer URL", "refurl"},
	},
}

// toolNames are the tools' names, for messages.
var toolNames = map[string]string{ToolGoogleForms: "Google Forms", ToolLimeSurvey: "LimeSurvey"}

// exportFormat tells whether the file at path is an export of a configured
// survey, and which wave it holds.
func exportFormat(formats []SurveyFormat, filePath string) (*SurveyFormat, string, bool) {
	name := strings.ToLower(path.Base(strings.ReplaceAll(filePath, "\\", "/")))
	for i, f := range formats {
		for _, file := range f.Files {
			if ok, err := path.Match(strings.ToLower(file.Pattern), name); err == nil && ok {
				return &formats[i], file.Wave, true
			}
		}
	}
	return nil, "", false
}

// parseExport reads the export of one wave of a survey: its first sheet, a
// header row, then one row per respondent.
func parseExport(wb Workbook, p *parsed, cat catalogue, year int, f *SurveyFormat, wave string) error {
	sheet := wb.SheetNames()[0]
	s := &surveyRow{Titre: f.Titre, Population: f.Population, Waves: []string{wave},
		Scope: "survey_formats/" + f.Name}
	if name, ok := cat.lookup(f.Action); ok {
		s.Action, s.Key = name, Key(name)
	} else {
		p.problems = append(p.problems, Problem{Sheet: sheet, Value: f.Action,
			Expected: fmt.Sprintf("une action du catalogue %d dans survey_formats « %s » (clé action) de la configuration", year, f.Name),
			Hint:     cat.hint(f.Action)})
	}
	if s.Titre == "" {
		s.Titre = fmt.Sprintf("%s %d", s.Action, year)
	}
	p.survey = s

	byText := map[string]SurveyQuestion{}
	std := newVocabulary(standardQuestions)
	for _, q := range f.Questions {
		if id, ok := std.canonical(q.ID); ok {
			q.ID = id
		}
		byText[Key(q.Text)] = q
		byText[Key(q.ID)] = q
	}
	labels := map[string]float64{}
	for _, l := range f.Answers {
		labels[Key(l.Label)] = l.Value
	}
	tool := toolColumns[f.Tool]

	w := newWaveSheet(sheet, wave, "le fichier", func(typ, v string) (*float64, bool, string) {
		return exportValue(typ, v, labels, f)
	})
	err := walkSheet(wb, sheet, func(row int, cells []string) error {
		if blankRow(cells) {
			return nil
		}
		if w.cols == nil {
			w.cols = make([]waveColumn, len(cells))
			var ignored, unknown []string
			seen := map[string]int{}
			toolSeen := make([]bool, len(tool))
			for i, raw := range cells {
				h := tidy(raw)
				k := Key(h)
				if h == "" {
					continue
				}
				if k == Key(f.CodeColumn) {
					w.codeCol = i
					continue
				}
				q, isQuestion := byText[k]
				if t := toolColumn(tool, k); t >= 0 && !isQuestion {
					toolSeen[t] = true
					ignored = append(ignored, h)
					continue
				}
				if isQuestion {
					if j, dup := seen[q.ID]; dup {
						p.problems = append(p.problems, Problem{Sheet: sheet, Row: row, Column: columnName(i), Value: h,
							Expected: fmt.Sprintf("une seule colonne pour la question %s : la colonne %s y répond déjà", q.ID, columnName(j))})
						continue
					}
					seen[q.ID] = i
					w.cols[i] = waveColumn{id: q.ID, typ: q.Type}
					p.questions = append(p.questions, questionRow{ID: q.ID, Libelle: q.Text, Type: q.Type})
					continue
				}
				if isIdentity(h) {
					// Privacy: identity never enters the database.
					p.notes = append(p.notes, identityDropped(sheet, row, i, h))
					continue
				}
				unknown = append(unknown, columnName(i))
			}
			if len(tool) > 0 && !toolSeen[0] {
				p.problems = append(p.problems, Problem{Sheet: sheet, Row: row,
					Expected: fmt.Sprintf("un export %s (survey_formats « %s ») : une colonne « %s »", toolNames[f.Tool], f.Name, tool[0][0])})
			}
			if w.codeCol < 0 {
				p.problems = append(p.problems, Problem{Sheet: sheet, Row: row,
					Expected: fmt.Sprintf("une colonne « %s » (code du répondant, clé code_column de survey_formats « %s »)", f.CodeColumn, f.Name)})
			}
			if len(seen) == 0 {
				p.problems = append(p.problems, Problem{Sheet: sheet, Row: row,
					Expected: fmt.Sprintf("au moins une des questions de survey_formats « %s » dans la ligne d'en-tête", f.Name)})
			}
			if len(ignored) > 0 {
				p.notes = append(p.notes, Problem{Sheet: sheet, Row: row,
					Fault: fmt.Sprintf("colonnes ajoutées par %s, non importées : %s", toolNames[f.Tool], strings.Join(ignored, ", "))})
			}
			if len(unknown) > 0 {
				p.notes = append(p.notes, Problem{Sheet: sheet, Row: row,
					Fault: fmt.Sprintf("colonnes %s absentes de survey_formats « %s », non importées (ajoutez-les à questions pour les importer)", strings.Join(unknown, ", "), f.Name)})
			}
			if w.codeCol < 0 || len(seen) == 0 || (len(tool) > 0 && !toolSeen[0]) {
				return errStop
			}
			return nil
		}
		w.readRow(p, row, cells)
		return nil
	})
	if err != nil {
		return err
	}
	p.checkPopulation(f.Population, Problem{Sheet: sheet, Header: fmt.Sprintf("population de survey_formats « %s »", f.Name), Value: strconv.Itoa(f.Population)},
		func(string) string { return "dans ce fichier" })
	return nil
}

// toolColumn returns the index in tool of the column of key k, or -1.
func toolColumn(tool [][]string, k string) int {
	for i, names := range tool {
		for _, n := range names {
			if Key(n) == k {
				return i
			}
		}
	}
	return -1
}

// exportValue converts an answer of an export: a label of the format first
// ("Tout à fait d'accord"), then as the template reads answers. For a
// likert5 or oui_non question the label's value must fit the type.
func exportValue(typ, v string, labels map[string]float64, f *SurveyFormat) (*float64, bool, string) {
	if typ == "likert5" || typ == "oui_non" {
		if n, ok := labels[Key(v)]; ok {
			if s, ok, _ := answerValue(typ, fmt.Sprint(n)); ok {
				return s, true, ""
			}
		}
	}
	value, ok, expected := answerValue(typ, v)
	if !ok && len(f.Answers) > 0 && (typ == "likert5" || typ == "oui_non") {
		var names []string
		for _, l := range f.Answers {
			names = append(names, "« "+l.Label+" »")
		}
		expected += " ou un libellé de survey_formats « " + f.Name + " » : " + strings.Join(names, ", ")
	}
	return value, ok, expected
}
