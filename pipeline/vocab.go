package pipeline

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
