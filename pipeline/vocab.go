package pipeline

import "slices"

// Closed lists of the input contract (DESIGN.md, "Inputs"). Values found in
// spreadsheets are matched to these with Key and stored in the canonical
// spelling below, which is what the SQL of package queries filters on.
var (
	axes = []string{"projets structurants", "compétences", "attractivité", "territoires"}

	actionTypes = []string{
		"visite", "stage", "forum", "escape game", "atelier", "concours", "idéathon",
		"hackathon", "exposition", "jeu", "conférence", "réunion", "salon", "webinaire", "autre",
	}

	publics = []string{
		"collégiens", "lycéens", "étudiants", "demandeurs d'emploi", "grand public",
		"enseignants", "professionnels", "parents",
	}

	establishmentTypes = []string{"collège", "lycée", "supérieur", "entreprise", "association", "autre"}

	questionTypes = []string{"likert5", "oui_non", "choix", "texte", "nombre"}
)

// vocabulary matches values of one closed list.
type vocabulary struct {
	byKey map[string]string
}

func newVocabulary(list []string) vocabulary {
	v := vocabulary{byKey: make(map[string]string, len(list))}
	for _, s := range list {
		v.byKey[Key(s)] = s
	}
	return v
}

// canonical returns the list's spelling of s, or false when s is not in it.
func (v vocabulary) canonical(s string) (string, bool) {
	c, ok := v.byKey[Key(s)]
	return c, ok
}

// The closed lists, for the drop-down lists of the collection templates
// (package collect): the same values the importer checks against, in the
// spelling it stores. Each call returns a copy.

// Axes returns the accepted values of `axe` (catalogue).
func Axes() []string { return slices.Clone(axes) }

// ActionTypes returns the accepted values of `type` (catalogue).
func ActionTypes() []string { return slices.Clone(actionTypes) }

// Publics returns the accepted values of `public` (attendance).
func Publics() []string { return slices.Clone(publics) }

// EstablishmentTypes returns the accepted values of `type_etablissement`
// (attendance).
func EstablishmentTypes() []string { return slices.Clone(establishmentTypes) }

// QuestionTypes returns the accepted values of `type` (questionnaire, sheet
// questions).
func QuestionTypes() []string { return slices.Clone(questionTypes) }

// StandardQuestions returns the ids of the questions the indicators read,
// in the spelling they look for.
func StandardQuestions() []string { return slices.Clone(standardQuestions) }
