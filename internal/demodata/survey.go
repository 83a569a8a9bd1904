package demodata

// EngagementTourSurvey returns the questionnaire of the Engagement tour lycée
// (16-27 June 2025), asked on the first and on the last day. The report gives
// its results, not its answers: "83 % confirment que leur stage a renforcé
// leur choix d'orientation" and "+33 % d'augmentation de l'intérêt pour les
// études scientifiques et les métiers de l'énergie". The answers below are
// built so that the pipeline's definitions find exactly those figures:
//
//   - 19 pupils answer before, 18 after, 17 both: ETL-07 and ETL-14 miss
//     the last day, ETL-19 missed the first one.
//   - renforce_orientation: 15 of the 18 answer 4 or 5 (83 %).
//   - interet_sciences_energie over the 17 paired pupils: mean 3.0 before,
//     4.0 after (+33 %), with a few pupils going down or staying put. The
//     unpaired pupils answer 1 before (the two who left) and 5 after (the
//     late one), so an analysis that forgot to pair would find +45 %.
//
// Codes are pseudonymous; the comments carry no names (the report signs its
// quotation with a first name, left out here).
func EngagementTourSurvey() Survey {
	return Survey{
		Path:       "questionnaires/engagement-tour-lycee.xlsx",
		Action:     engagementLycee,
		Titre:      "Engagement tour lycée 2025",
		Population: 20,
		Questions: []Question{
			{ID: "interet_sciences_energie", Type: "likert5", Pre: true, Post: true,
				Libelle: "Quel est ton intérêt pour les études scientifiques et les métiers de l'énergie ? (1 = aucun, 5 = très fort)"},
			{ID: "connait_metiers", Type: "likert5", Pre: true, Post: true,
				Libelle: "Connais-tu les métiers de la construction et de l'énergie ? (1 = pas du tout, 5 = très bien)"},
			{ID: "renforce_orientation", Type: "likert5", Post: true,
				Libelle: "Le stage a-t-il renforcé ton choix d'orientation ? (1 = pas du tout, 5 = tout à fait)"},
			{ID: "satisfaction", Type: "likert5", Post: true,
				Libelle: "Es-tu satisfait·e du stage ? (1 = pas du tout, 5 = très satisfait·e)"},
			{ID: "commentaire", Type: "texte", Post: true,
				Libelle: "Un commentaire sur le stage ?"},
		},
		Pre: []Response{
			pre("ETL-01", 3, 2), pre("ETL-02", 2, 1), pre("ETL-03", 4, 3), pre("ETL-04", 3, 2),
			pre("ETL-05", 3, 2), pre("ETL-06", 2, 2), pre("ETL-07", 1, 1), pre("ETL-08", 4, 3),
			pre("ETL-09", 3, 2), pre("ETL-10", 2, 1), pre("ETL-11", 4, 3), pre("ETL-12", 3, 2),
			pre("ETL-13", 3, 3), pre("ETL-14", 1, 2), pre("ETL-15", 4, 2), pre("ETL-16", 2, 1),
			pre("ETL-17", 3, 2), pre("ETL-18", 3, 2), pre("ETL-20", 3, 3),
		},
		Post: []Response{
			post("ETL-01", 4, 4, 4, 4, ""),
			post("ETL-02", 4, 3, 5, 5, "Un stage parfait qui nous fait découvrir des métiers intéressants et des cours sur la vie en entreprise."),
			post("ETL-03", 4, 3, 4, 4, ""),
			post("ETL-04", 4, 3, 4, 5, ""),
			post("ETL-05", 5, 4, 5, 5, "J'ai adoré la journée à Montbard et la visite de l'école d'ingénieurs."),
			post("ETL-06", 3, 3, 3, 4, ""),
			post("ETL-08", 5, 5, 5, 5, ""),
			post("ETL-09", 4, 4, 4, 4, ""),
			post("ETL-10", 4, 4, 5, 5, "Je ne connaissais pas les métiers des réseaux électriques, ça m'a donné envie."),
			post("ETL-11", 3, 4, 3, 3, "Les journées collectives étaient un peu longues."),
			post("ETL-12", 4, 3, 4, 4, ""),
			post("ETL-13", 4, 4, 4, 5, ""),
			post("ETL-15", 5, 4, 5, 5, ""),
			post("ETL-16", 3, 3, 4, 4, ""),
			post("ETL-17", 5, 5, 5, 5, "Très bonne ambiance, j'aimerais faire un BTS dans l'énergie."),
			post("ETL-18", 3, 3, 2, 3, "Pas sûr de mon orientation mais c'était intéressant."),
			post("ETL-19", 5, 4, 5, 4, "Merci aux entreprises pour leur accueil."),
			post("ETL-20", 4, 4, 4, 4, ""),
		},
	}
}

// pre is one answer sheet of the first day.
func pre(code string, interet, metiers int) Response {
	return Response{Code: code, Answers: map[string]any{
		"interet_sciences_energie": interet,
		"connait_metiers":          metiers,
	}}
}

// post is one answer sheet of the last day; an empty comment is left blank.
func post(code string, interet, metiers, orientation, satisfaction int, comment string) Response {
	r := Response{Code: code, Answers: map[string]any{
		"interet_sciences_energie": interet,
		"connait_metiers":          metiers,
		"renforce_orientation":     orientation,
		"satisfaction":             satisfaction,
	}}
	if comment != "" {
		r.Answers["commentaire"] = comment
	}
	return r
}
