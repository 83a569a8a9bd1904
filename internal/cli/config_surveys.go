package cli

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/cmq-greencity/greencity/pipeline"
)

// SurveyFormatConfig is one entry of the survey_formats key of config.yaml:
// how to read the exports of one survey made with Google Forms or
// LimeSurvey, which have none of the template's enquete and questions
// sheets. Lists of objects rather than maps keyed by question text: viper
// lowercases map keys and splits them at dots, which would mangle the
// questions.
//
//	survey_formats:
//	  - name: engagement-forms
//	    tool: google_forms                  # or limesurvey
//	    titre: Engagement tour lycée 2026   # both exports share it: it pairs them
//	    action: Engagement tour lycée       # from the catalogue
//	    population: 24                      # people surveyed (0: unknown)
//	    files:                              # file names under questionnaires/, and their wave
//	      - {pattern: "engagement-avant*.xlsx", wave: pre}
//	      - {pattern: "engagement-apres*.xlsx", wave: post}
//	    code_column: "Ton code (2 lettres du prénom + jour de naissance)"
//	    questions:
//	      - {text: "Quel est ton intérêt pour les métiers de l'énergie ?", id: interet_sciences_energie, type: likert5}
//	    answers:
//	      - {label: "Tout à fait d'accord", value: 5}
type SurveyFormatConfig struct {
	Name       string                 `mapstructure:"name"`
	Tool       string                 `mapstructure:"tool"`
	Titre      string                 `mapstructure:"titre"`
	Action     string                 `mapstructure:"action"`
	Population int                    `mapstructure:"population"`
	Files      []SurveyFileConfig     `mapstructure:"files"`
	CodeColumn string                 `mapstructure:"code_column"`
	Questions  []SurveyQuestionConfig `mapstructure:"questions"`
	Answers    []AnswerLabelConfig    `mapstructure:"answers"`
}

// SurveyFileConfig names the export files of one wave: a file name pattern
// (* and ? as in a shell, case ignored) and the wave, pre or post.
type SurveyFileConfig struct {
	Pattern string `mapstructure:"pattern"`
	Wave    string `mapstructure:"wave"`
}

// SurveyQuestionConfig maps a column of the export (its header: the
// question's text, or LimeSurvey's question code) to a question id.
type SurveyQuestionConfig struct {
	Text string `mapstructure:"text"`
	ID   string `mapstructure:"id"`
	Type string `mapstructure:"type"`
}

// AnswerLabelConfig turns an answer as the tool writes it into a number.
type AnswerLabelConfig struct {
	Label string  `mapstructure:"label"`
	Value float64 `mapstructure:"value"`
}

// questionTypes are the types of the questionnaire contract (README,
// "Inputs"), as the template's questions sheet accepts them.
var questionTypes = []string{"likert5", "oui_non", "choix", "texte", "nombre"}

// validateSurveyFormats checks every entry, naming the key at fault as
// survey_formats[1].files[0].wave.
func validateSurveyFormats(fs []SurveyFormatConfig) error {
	names := map[string]bool{}
	for i, f := range fs {
		key := func(k string) string { return fmt.Sprintf("survey_formats[%d].%s", i, k) }
		bad := func(k string, v any, msg string) error {
			return &ConfigError{Key: key(k), Value: v, Err: errors.New(msg)}
		}
		switch {
		case strings.TrimSpace(f.Name) == "":
			return bad("name", f.Name, "donnez un nom à ce format, pour les messages")
		case names[f.Name]:
			return bad("name", f.Name, "nom déjà pris par un autre format")
		case f.Tool != pipeline.ToolGoogleForms && f.Tool != pipeline.ToolLimeSurvey:
			return bad("tool", f.Tool, "attendu google_forms ou limesurvey")
		case strings.TrimSpace(f.Action) == "":
			return bad("action", f.Action, "l'action du catalogue sur laquelle porte l'enquête est obligatoire")
		case f.Population < 0:
			return bad("population", f.Population, "attendu le nombre de personnes interrogées (0 s'il est inconnu)")
		case strings.TrimSpace(f.CodeColumn) == "":
			return bad("code_column", f.CodeColumn, "l'en-tête de la colonne du code du répondant est obligatoire : c'est lui qui apparie avant et après")
		case len(f.Files) == 0:
			return bad("files", "[]", "au moins un fichier : {pattern: \"nom*.xlsx\", wave: pre}")
		case len(f.Questions) == 0:
			return bad("questions", "[]", "au moins une question : {text: \"texte de la question\", id: identifiant, type: likert5}")
		}
		names[f.Name] = true
		for j, file := range f.Files {
			k := fmt.Sprintf("files[%d]", j)
			if _, err := path.Match(file.Pattern, ""); err != nil || strings.TrimSpace(file.Pattern) == "" {
				return bad(k+".pattern", file.Pattern, "attendu un nom de fichier, avec * pour n'importe quels caractères")
			}
			if file.Wave != "pre" && file.Wave != "post" {
				return bad(k+".wave", file.Wave, "attendu pre (avant l'action) ou post (après)")
			}
		}
		for j, q := range f.Questions {
			k := fmt.Sprintf("questions[%d]", j)
			switch {
			case strings.TrimSpace(q.Text) == "":
				return bad(k+".text", q.Text, "attendu l'en-tête de la colonne de la question, tel que l'export l'écrit")
			case strings.TrimSpace(q.ID) == "":
				return bad(k+".id", q.ID, "attendu l'identifiant de la question (interet_sciences_energie, ...)")
			case !slices.Contains(questionTypes, q.Type):
				return bad(k+".type", q.Type, "attendu un type parmi : "+strings.Join(questionTypes, ", "))
			}
		}
		for j, a := range f.Answers {
			if strings.TrimSpace(a.Label) == "" {
				return bad(fmt.Sprintf("answers[%d].label", j), a.Label, "attendu une réponse telle que l'export l'écrit")
			}
		}
	}
	return nil
}

// surveyFormats maps the configuration onto the pipeline's own type.
func (c Config) surveyFormats() []pipeline.SurveyFormat {
	var out []pipeline.SurveyFormat
	for _, f := range c.SurveyFormats {
		p := pipeline.SurveyFormat{Name: f.Name, Tool: f.Tool, Titre: strings.TrimSpace(f.Titre), Action: f.Action,
			Population: f.Population, CodeColumn: f.CodeColumn}
		for _, file := range f.Files {
			p.Files = append(p.Files, pipeline.SurveyFile{Pattern: file.Pattern, Wave: file.Wave})
		}
		for _, q := range f.Questions {
			p.Questions = append(p.Questions, pipeline.SurveyQuestion{Text: q.Text, ID: q.ID, Type: q.Type})
		}
		for _, a := range f.Answers {
			p.Answers = append(p.Answers, pipeline.AnswerLabel{Label: a.Label, Value: a.Value})
		}
		out = append(out, p)
	}
	return out
}
