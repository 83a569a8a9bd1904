package pipeline

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/agnivade/levenshtein"
	"github.com/xuri/excelize/v2"
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
	// LimeSurvey's rows are read once all are known: an incomplete
	// response, or an earlier one of a code that answered twice, is left
	// out (latestResponses).
	var responses []response
	submitCol := -1
	err := walkSheet(wb, sheet, func(row int, cells []string) error {
		if blankRow(cells) {
			return nil
		}
		if w.cols == nil {
			w.cols = make([]waveColumn, len(cells))
			var ignored, unknown []string
			var unknownCols []int
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
				if isIdentity(h) {
					// Privacy: identity never enters the database, even
					// when survey_formats maps it to a question.
					p.notes.add(noteOnce, identityDropped(sheet, row, i, h))
					if isQuestion {
						seen[q.ID] = i // found, not missing: dropped
					}
					continue
				}
				if t := toolColumn(tool, k); t >= 0 && !isQuestion {
					toolSeen[t] = true
					if f.Tool == ToolLimeSurvey && t == limeSubmitDate {
						submitCol = i
					}
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
				unknown = append(unknown, columnName(i))
				unknownCols = append(unknownCols, i)
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
				p.notes.add(noteOnce, Problem{Sheet: sheet, Row: row,
					Fault: fmt.Sprintf("colonnes ajoutées par %s, non importées : %s", toolNames[f.Tool], strings.Join(ignored, ", "))})
			}
			if len(unknown) > 0 {
				p.notes.add(noteOnce, Problem{Sheet: sheet, Row: row,
					Fault: fmt.Sprintf("colonnes %s absentes de survey_formats « %s », non importées (ajoutez-les à questions pour les importer, sauf une donnée d'identité, qui n'est jamais importée)", strings.Join(unknown, ", "), f.Name)})
			}
			missingQuestions(p, f, sheet, row, cells, seen, unknownCols)
			if w.codeCol < 0 || len(seen) == 0 || (len(tool) > 0 && !toolSeen[0]) {
				return errStop
			}
			return nil
		}
		if f.Tool == ToolLimeSurvey {
			responses = append(responses, response{row, cells})
			return nil
		}
		w.readRow(p, row, cells)
		return nil
	})
	if err != nil {
		return err
	}
	if f.Tool == ToolLimeSurvey && w.codeCol >= 0 {
		for _, r := range latestResponses(p, sheet, responses, w.codeCol, submitCol, wb.Date1904()) {
			w.readRow(p, r.row, r.cells)
		}
	}
	p.checkPopulation(f.Population, Problem{Sheet: sheet, Header: fmt.Sprintf("population de survey_formats « %s »", f.Name), Value: strconv.Itoa(f.Population)},
		func(string) string { return "dans ce fichier" })
	return nil
}

// limeSubmitDate is the index in toolColumns of LimeSurvey's submission
// date, empty for a response left unfinished.
const limeSubmitDate = 1

// missingQuestions refuses an export in which a question of the format is
// not found while a header that is not read comes close to its text (a
// punctuation mark or an accent apart): its answers would be left out for
// a typo. A question with no header near is taken for one not asked in
// this wave (a question asked after only), and noted.
func missingQuestions(p *parsed, f *SurveyFormat, sheet string, row int, cells []string, seen map[string]int, unknownCols []int) {
	std := newVocabulary(standardQuestions)
	for _, q := range f.Questions {
		id := q.ID
		if s, ok := std.canonical(id); ok {
			id = s
		}
		if _, ok := seen[id]; ok {
			continue
		}
		k := Key(q.Text)
		best, bestDist := -1, len([]rune(k))/3+2
		for _, i := range unknownCols {
			if d := levenshtein.ComputeDistance(k, Key(cell(cells, i))); d < bestDist {
				best, bestDist = i, d
			}
		}
		if best < 0 {
			p.notes.add(noteOnce, Problem{Sheet: sheet, Row: row,
				Fault: fmt.Sprintf("question « %s » (%s) de survey_formats « %s » absente de ce fichier, sans en-tête proche : non posée dans cette vague, elle n'est pas importée", q.Text, id, f.Name)})
			continue
		}
		p.problems = append(p.problems, Problem{Sheet: sheet, Row: row, Column: columnName(best), Value: tidy(cell(cells, best)),
			Expected: fmt.Sprintf("l'en-tête de la question « %s » (%s) de survey_formats « %s », introuvable dans la ligne d'en-tête, dont cet en-tête est le plus proche ; rendez le texte de la question (clé text de config.yaml) identique à l'en-tête", q.Text, id, f.Name)})
	}
}

// response is one row of an export, kept until every row is known.
type response struct {
	row   int
	cells []string
}

// latestResponses applies LimeSurvey's rules to the rows of an "all
// responses" export: a response with no submission date was left
// unfinished and is not imported (one note counts them); a code that
// submitted twice keeps its latest response, by submission date, else the
// lower row, with a note naming both rows. The rows left out count as read
// and rejected.
func latestResponses(p *parsed, sheet string, rows []response, codeCol, submitCol int, date1904 bool) []response {
	var kept []response
	var unfinished []string // the first noteCap rows, named
	unfinishedN, unfinishedLast := 0, 0
	latest := map[string]int{} // Key(code) -> index in kept
	for _, r := range rows {
		if submitCol >= 0 && cell(r.cells, submitCol) == "" {
			if unfinishedN++; unfinishedN <= noteCap {
				unfinished = append(unfinished, fmt.Sprint(r.row))
			}
			unfinishedLast = r.row
			p.rowsRead++
			p.rowsRejected++
			continue
		}
		code := Key(cell(r.cells, codeCol))
		j, dup := latest[code]
		if code == "" || !dup {
			if code != "" {
				latest[code] = len(kept)
			}
			kept = append(kept, r)
			continue
		}
		old := kept[j]
		newer := true
		t1, ok1 := submitTime(cell(old.cells, submitCol), date1904)
		t2, ok2 := submitTime(cell(r.cells, submitCol), date1904)
		if ok1 && ok2 && !t1.Equal(t2) {
			newer = t2.After(t1)
		}
		left := old
		if newer {
			kept[j], left = r, old
		} else {
			left = r
		}
		p.rowsRead++
		p.rowsRejected++
		p.notes.add(noteAnsweredTwice, Problem{Sheet: sheet, Row: left.row, Column: columnName(codeCol),
			Fault: fmt.Sprintf("code « %s » ayant répondu deux fois (lignes %d et %d) : seule la réponse la plus récente, ligne %d, est importée", tidy(cell(left.cells, codeCol)), min(old.row, r.row), max(old.row, r.row), kept[j].row)})
	}
	named := strings.Join(unfinished, ", ")
	if more := unfinishedN - len(unfinished); more > 0 {
		// Bounded like the other notes: the first rows, then a count.
		named += fmt.Sprintf(" et %s autres, jusqu'à la ligne %d", frenchInt(more), unfinishedLast)
	}
	switch n := unfinishedN; {
	case n == 1:
		p.notes.add(noteOnce, Problem{Sheet: sheet,
			Fault: "1 réponse sans date de soumission (commencée mais non envoyée), non importée : ligne " + unfinished[0]})
	case n > 1:
		p.notes.add(noteOnce, Problem{Sheet: sheet,
			Fault: fmt.Sprintf("%s réponses sans date de soumission (commencées mais non envoyées), non importées : lignes %s", frenchInt(n), named)})
	}
	return kept
}

// submitTime reads a submission date: a date cell, or text as LimeSurvey
// writes it ("2025-03-14 10:02:11").
func submitTime(s string, date1904 bool) (time.Time, bool) {
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		if !(v >= 1 && v <= 2958465) {
			return time.Time{}, false
		}
		t, err := excelize.ExcelDateToTime(v, date1904)
		return t, err == nil
	}
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "02/01/2006 15:04:05", "02/01/2006 15:04", "2006-01-02", "02/01/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
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
