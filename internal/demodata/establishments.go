package demodata

// Establishment types and publics of the contract.
const (
	college    = "collège"
	lycee      = "lycée"
	superieur  = "supérieur"
	entreprise = "entreprise"
	autre      = "autre"

	collegiens    = "collégiens"
	lyceens       = "lycéens"
	etudiants     = "étudiants"
	demandeurs    = "demandeurs d'emploi"
	grandPublic   = "grand public"
	enseignants   = "enseignants"
	professionnel = "professionnels"
)

// place is where a group comes from: an establishment, its type and commune.
type place struct {
	name, kind, commune string
}

// places is the directory of the establishments the attendance rows name.
// One field per establishment, so a row cannot misspell a name and split one
// establishment in two (the establishments indicator counts distinct names).
//
// Names are those of the report, completed to the establishment's usual name
// ("Eiffel" is written "Lycée Gustave Eiffel"); where the report misspells a
// name the usual spelling is used (see the field comments). The report gives
// a commune only for the Club écoles des réseaux list, Mouchard and Genlis;
// the others are the establishment's known town or, failing that, Dijon, and
// are illustrative.
type places struct {
	// Collèges.
	lentilleres, leParc, roupnel, bachelard, rameau, parde, stJosephCollege,
	dorgeles, voltaire, simoneWeil, albertCamus place

	// Lycées.
	hippolyte, eiffel, marcsDor, paris, leCastel, charlesDeGaulle, stCharles,
	stBenigne, chartreux, stJosephLycee, closMaire, follereau, jeanMichel,
	mathias, gauthey, felixKir, brassens, boisMouchard place

	// Lycées of the Club écoles des réseaux.
	fourier, eugeneGuillaume, pgDeGennes, julesRenard, niepce, colomb,
	julesHaag, belin, toussaint, preStSauveur place

	// Higher education.
	estp, ube, iut, esadd, iae, supArcades, eseo, esirem, bsb, institutAgro place

	// Firms and other bodies.
	critt, dalkia, dieze, edf, enedis, engie, equans,
	clubConstruction, filiereBois, franceTravail place

	// Grand public: the report counts visitors, not where they come from.
	publicDijon place
}

func newPlaces() places {
	return places{
		lentilleres:     place{"Collège des Lentillères", college, "Dijon"}, // "Lentillière" once in the report
		leParc:          place{"Collège Le Parc", college, "Dijon"},
		roupnel:         place{"Collège Gaston Roupnel", college, "Dijon"}, // "Roupenel" in the report
		bachelard:       place{"Collège Gaston Bachelard", college, "Dijon"},
		rameau:          place{"Collège Jean-Philippe Rameau", college, "Dijon"}, // Fontaine d'Ouche, a QPV
		parde:           place{"Collège Marcelle Pardé", college, "Dijon"},
		stJosephCollege: place{"Collège Saint-Joseph", college, "Dijon"},
		dorgeles:        place{"Collège Roland Dorgelès", college, "Longvic"},
		voltaire:        place{"Collège Voltaire", college, "Besançon"},
		simoneWeil:      place{"Collège Simone Weil", college, "Dijon"},
		albertCamus:     place{"Collège Albert Camus", college, "Genlis"},

		hippolyte:       place{"Lycée Hippolyte Fontaine", lycee, "Dijon"},
		eiffel:          place{"Lycée Gustave Eiffel", lycee, "Dijon"},
		marcsDor:        place{"Lycée Les Marcs d'Or", lycee, "Dijon"},
		paris:           place{"Lycée Pierre Adrien Pâris", lycee, "Besançon"},
		leCastel:        place{"Lycée Le Castel", lycee, "Dijon"},
		charlesDeGaulle: place{"Lycée Charles de Gaulle", lycee, "Dijon"},
		stCharles:       place{"Lycée Saint-Charles", lycee, "Dijon"},
		stBenigne:       place{"Lycée Saint-Bénigne", lycee, "Dijon"},
		chartreux:       place{"Institution des Chartreux", lycee, "Dijon"},
		stJosephLycee:   place{"Lycée Saint-Joseph", lycee, "Dijon"},
		closMaire:       place{"Lycée Clos Maire", lycee, "Beaune"},
		follereau:       place{"Lycée Raoul Follereau", lycee, "Nevers"},
		jeanMichel:      place{"Lycée Jean Michel", lycee, "Lons-le-Saunier"},
		mathias:         place{"Lycée Mathias", lycee, "Chalon-sur-Saône"},
		gauthey:         place{"Lycée Émile Gauthey", lycee, "Chalon-sur-Saône"},
		felixKir:        place{"Lycée Félix Kir", lycee, "Dijon"},
		// Horizon 2050 lists "Lycées: Lentillères, Brassens, Le Parc", yet
		// Lentillères and Le Parc are collèges everywhere else in the report:
		// Brassens is taken as the one lycée of that action.
		brassens:     place{"Lycée Brassens", lycee, "Dijon"},
		boisMouchard: place{"Lycée du bois de Mouchard", lycee, "Mouchard"},

		fourier:         place{"Lycée Fourier", lycee, "Auxerre"}, // "Fourrier" in the report
		eugeneGuillaume: place{"Lycée Eugène Guillaume", lycee, "Montbard"},
		pgDeGennes:      place{"Lycée Pierre-Gilles de Gennes", lycee, "Cosne-sur-Loire"}, // "Pierre Gilles de Gene"
		julesRenard:     place{"Lycée Jules Renard", lycee, "Nevers"},
		niepce:          place{"Lycée Niépce-Balleure", lycee, "Chalon-sur-Saône"},
		colomb:          place{"Lycée Colomb", lycee, "Lure"},
		julesHaag:       place{"Lycée Jules Haag", lycee, "Besançon"},
		belin:           place{"Lycée Belin", lycee, "Vesoul"},
		toussaint:       place{"Lycée Toussaint Louverture", lycee, "Pontarlier"}, // "Toussaint" in the report
		preStSauveur:    place{"Lycée du Pré Saint-Sauveur", lycee, "Saint-Claude"},

		estp:         place{"ESTP Dijon", superieur, "Dijon"},
		ube:          place{"Université Bourgogne Europe", superieur, "Dijon"},
		iut:          place{"IUT Dijon-Auxerre", superieur, "Dijon"},
		esadd:        place{"ESADD", superieur, "Dijon"},
		iae:          place{"IAE Dijon", superieur, "Dijon"},
		supArcades:   place{"Sup'Arcades", superieur, "Dijon"},
		eseo:         place{"ESEO Dijon", superieur, "Dijon"},
		esirem:       place{"ESIREM", superieur, "Dijon"},
		bsb:          place{"Burgundy School of Business", superieur, "Dijon"},
		institutAgro: place{"L'Institut Agro Dijon", superieur, "Dijon"},

		critt:  place{"CRITT Interim", entreprise, "Dijon"},
		dalkia: place{"Dalkia Electrotechnics", entreprise, "Dijon"},
		dieze:  place{"Dieze", entreprise, "Dijon"},
		edf:    place{"EDF Commerce", entreprise, "Dijon"},
		enedis: place{"Enedis", entreprise, "Dijon"},
		engie:  place{"Engie", entreprise, "Dijon"},
		equans: place{"Equans", entreprise, "Dijon"},
		// The report counts the firms of these two meetings without naming
		// them; one row holds each group rather than invented firm names.
		clubConstruction: place{"Entreprises du Club de la construction durable", entreprise, "Dijon"},
		filiereBois:      place{"Entreprises de la filière bois", entreprise, "Mouchard"},
		// The report does not say how the 30 job seekers came to the forum;
		// France Travail is the usual channel.
		franceTravail: place{"France Travail Dijon", autre, "Dijon"},

		publicDijon: place{"", "", "Dijon"},
	}
}
