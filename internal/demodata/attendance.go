package demodata

import "time"

// group is one attendance row of the tables below, in column order.
type group struct {
	action string
	date   time.Time
	from   place
	public string
	niveau string
	// n is the number of participants; filles and qpv are the girls and the
	// pupils from a QPV or ZRR among them, or nc when not counted.
	n, filles, qpv int
}

// nc marks a count that was not taken ("non compté"): the cell stays empty.
const nc = -1

// d is a date of Year.
func d(month time.Month, day int) time.Time { return dy(Year, month, day) }

// Contract headers, and the variants one partner's workbook uses: they match
// the contract once case, accents, spaces and underscores are ignored.
var (
	contractHeaders = []string{
		"action", "date", "etablissement", "type_etablissement", "commune",
		"public", "niveau", "participants", "dont_filles", "dont_qpv_zrr",
	}
	variantHeaders = []string{
		"Action", "Date", "Établissement", "Type établissement", "Commune",
		"Public", "NIVEAU", "Participants", "Dont filles", "Dont QPV ZRR",
	}
)

// AttendanceBooks returns the 2025 attendance workbooks, split the way the
// campus receives them: its own sheets per axis, kept in the contract's
// format (the territory sheet by a colleague who types dates as text), and
// the Festival de la transition's sheet, filled by the festival's organisers
// with their own headers and sheet name.
//
// An animation is a distinct (action, date): two sessions of one action never
// share a date below. Dates avoid week-ends (except the exhibition and the
// RESPONSE inauguration, open to the public) and the school holidays of zone
// A (22/02-09/03, 19/04-04/05, 18/10-02/11).
func AttendanceBooks() []AttendanceBook {
	p := newPlaces()
	return []AttendanceBook{
		{Path: "participations/competences.xlsx", Sheet: "participations", Headers: contractHeaders, Rows: rows(competences(p))},
		{Path: "participations/attractivite.xlsx", Sheet: "participations", Headers: contractHeaders, Rows: rows(attractivite(p))},
		{Path: "participations/territoires.xlsx", Sheet: "participations", Headers: contractHeaders, TextDates: true, Rows: rows(territoires(p))},
		{Path: "participations/festival-transition.xlsx", Sheet: "Feuil1", Headers: variantHeaders, Rows: rows(festival(p))},
	}
}

func rows(gs []group) []Participation {
	out := make([]Participation, len(gs))
	for i, g := range gs {
		out[i] = Participation{
			Action: g.action, Date: g.date,
			Etablissement: g.from.name, TypeEtablissement: g.from.kind, Commune: g.from.commune,
			Public: g.public, Niveau: g.niveau, Participants: g.n,
			DontFilles: count(g.filles), DontQPVZRR: count(g.qpv),
		}
	}
	return out
}

func count(n int) *int {
	if n == nc {
		return nil
	}
	return &n
}

// competences: actions of the axis "accompagner l'évolution des compétences"
// that are not part of the Festival de la transition.
func competences(p places) []group {
	return []group{
		// Club écoles des réseaux: it meets every quarter; the report counts
		// establishments, not meetings, so one plenary meeting is recorded
		// with one teacher per establishment. The "12 entreprises partenaires"
		// and the level "1re et terminale" (the pupils of the colorations)
		// are not participants of the meeting.
		{clubEcolesReseaux, d(3, 20), p.hippolyte, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 20), p.eiffel, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 20), p.fourier, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 20), p.eugeneGuillaume, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 20), p.pgDeGennes, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 20), p.julesRenard, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 20), p.niepce, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 20), p.colomb, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 20), p.julesHaag, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 20), p.belin, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 20), p.toussaint, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 20), p.preStSauveur, enseignants, "", 1, nc, nc},

		// Réseau bâtir l'avenir: also quarterly; one meeting with the 12
		// firms and one teacher of each of the 5 establishments. The "5
		// partenaires institutionnels" are organisers, not counted.
		{reseauBatirAvenir, d(10, 14), p.clubConstruction, professionnel, "", 12, nc, nc},
		{reseauBatirAvenir, d(10, 14), p.marcsDor, enseignants, "", 1, nc, nc},
		{reseauBatirAvenir, d(10, 14), p.paris, enseignants, "", 1, nc, nc},
		{reseauBatirAvenir, d(10, 14), p.iut, enseignants, "", 1, nc, nc},
		{reseauBatirAvenir, d(10, 14), p.estp, enseignants, "", 1, nc, nc},
		{reseauBatirAvenir, d(10, 14), p.ube, enseignants, "", 1, nc, nc},

		// After work: 5 June 2025, from the invitation.
		{afterWorkBois, d(6, 5), p.filiereBois, professionnel, "", 25, nc, nc},
		{afterWorkBois, d(6, 5), p.boisMouchard, enseignants, "", 12, nc, nc},

		// Engagement tour collège: the report gives no date; the stage of
		// troisième is taken in early February. It says "7 entreprises" but
		// lists 9 offers of places (20 places for 15 pupils): the 7 hosts
		// kept are those of the energy and construction trades, with one
		// tutor each; EPHAD and Total hosted nobody.
		{engagementCollege, d(2, 3), p.lentilleres, collegiens, "troisième", 15, 6, 9},
		{engagementCollege, d(2, 3), p.edf, professionnel, "", 1, nc, nc},
		{engagementCollege, d(2, 3), p.critt, professionnel, "", 1, nc, nc},
		{engagementCollege, d(2, 3), p.dalkia, professionnel, "", 1, nc, nc},
		{engagementCollege, d(2, 3), p.dieze, professionnel, "", 1, nc, nc},
		{engagementCollege, d(2, 3), p.enedis, professionnel, "", 1, nc, nc},
		{engagementCollege, d(2, 3), p.engie, professionnel, "", 1, nc, nc},
		{engagementCollege, d(2, 3), p.equans, professionnel, "", 1, nc, nc},

		// Engagement tour lycée: two weeks from 16 June, recorded on its first
		// day; 4 pupils from each of the 5 lycées of the report's box (its
		// text names Saint Cœur instead of the Chartreux).
		{engagementLycee, d(6, 16), p.eiffel, lyceens, "seconde", 4, 1, nc},
		{engagementLycee, d(6, 16), p.charlesDeGaulle, lyceens, "seconde", 4, 2, nc},
		{engagementLycee, d(6, 16), p.stCharles, lyceens, "seconde", 4, 2, nc},
		{engagementLycee, d(6, 16), p.stBenigne, lyceens, "seconde", 4, 1, nc},
		{engagementLycee, d(6, 16), p.chartreux, lyceens, "seconde", 4, 2, nc},

		// Pulse: 14-15 January, one animation (its first day). Post-bac
		// sections of a lycée keep the lycée as establishment, type lycée.
		{pulseIdeathon, d(1, 14), p.hippolyte, etudiants, "BTS", 24, 5, nc},
		{pulseIdeathon, d(1, 14), p.stJosephLycee, etudiants, "BTS", 22, 9, nc},
		{pulseIdeathon, d(1, 14), p.marcsDor, etudiants, "BTS", 20, 3, nc},
		{pulseIdeathon, d(1, 14), p.esadd, etudiants, "bac+3", 18, 10, nc},
		{pulseIdeathon, d(1, 14), p.estp, etudiants, "bac+3 à bac+5", 48, 14, nc},
		{pulseIdeathon, d(1, 14), p.iae, etudiants, "master", 30, 15, nc},
		{pulseIdeathon, d(1, 14), p.felixKir, etudiants, "BTS", 20, 8, nc},
		{pulseIdeathon, d(1, 14), p.supArcades, etudiants, "bac+1 à bac+3", 18, 9, nc},
		{pulseIdeathon, d(1, 14), p.ube, etudiants, "master", 30, 13, nc},

		// Hack to horizon: 48 hours, no date nor establishment names in the
		// report; seven schools of Dijon at bac+4/+5, in October.
		{hackToHorizon, d(10, 9), p.estp, etudiants, "bac+4/+5", 16, 5, nc},
		{hackToHorizon, d(10, 9), p.eseo, etudiants, "bac+4/+5", 12, 3, nc},
		{hackToHorizon, d(10, 9), p.esirem, etudiants, "bac+4/+5", 12, 4, nc},
		{hackToHorizon, d(10, 9), p.bsb, etudiants, "bac+4/+5", 10, 5, nc},
		{hackToHorizon, d(10, 9), p.iae, etudiants, "bac+4/+5", 8, 4, nc},
		{hackToHorizon, d(10, 9), p.institutAgro, etudiants, "bac+4/+5", 10, 5, nc},
		{hackToHorizon, d(10, 9), p.ube, etudiants, "bac+4/+5", 10, 4, nc},
	}
}

// attractivite: actions of the axis "attractivité des métiers et des
// formations" outside the Festival de la transition.
func attractivite(p places) []group {
	return []group{
		// Smart City au féminin: a half-day, no date in the report; taken
		// the week of 8 March. Only girls: dont_filles = participants.
		{smartCityFeminin, d(3, 13), p.albertCamus, collegiens, "troisième", 33, 33, nc},

		// Boite à Métiers: "371 participants dont 180 collégiens" (troisième,
		// Lentillères); the other 191 are the seconde pupils of the 3 lycées.
		{boiteMetiers, d(2, 11), p.lentilleres, collegiens, "troisième", 180, 76, 54},
		{boiteMetiers, d(3, 18), p.leCastel, lyceens, "seconde", 64, 27, nc},
		{boiteMetiers, d(5, 13), p.marcsDor, lyceens, "seconde", 63, 12, nc},
		{boiteMetiers, d(10, 7), p.eiffel, lyceens, "seconde", 64, 17, nc},

		// Défi Ecolo'GIF: "à la rentrée", the ESTP students of the Dijon campus.
		{defiEcologif, d(9, 11), p.estp, etudiants, "bac+3", 50, 16, nc},

		// Exposition: 7 days at the Fontaine d'Ouche library during the
		// Festival Demain la ville (7-13 April), then the RESPONSE
		// inauguration (no date in the report; a Saturday in June). The
		// report's 378 include 88 pupils who saw it at the Forum Ton Métier
		// de demain, already counted in the forum's rows; no count is given
		// for the Villes Universitaires de France meeting.
		{expoVillesDurable, d(4, 7), p.publicDijon, grandPublic, "", 22, nc, nc},
		{expoVillesDurable, d(4, 8), p.publicDijon, grandPublic, "", 31, nc, nc},
		{expoVillesDurable, d(4, 9), p.publicDijon, grandPublic, "", 25, nc, nc},
		{expoVillesDurable, d(4, 10), p.publicDijon, grandPublic, "", 28, nc, nc},
		{expoVillesDurable, d(4, 11), p.publicDijon, grandPublic, "", 30, nc, nc},
		{expoVillesDurable, d(4, 12), p.publicDijon, grandPublic, "", 34, nc, nc},
		{expoVillesDurable, d(4, 13), p.publicDijon, grandPublic, "", 20, nc, nc},
		{expoVillesDurable, d(6, 14), p.publicDijon, grandPublic, "", 100, nc, nc},

		// Je filme mon CMQ: the report gives no count; one class of
		// troisième, from a collège the campus works with.
		{jeFilmeCMQ, d(3, 27), p.roupnel, collegiens, "troisième", 24, 11, nc},

		// Interventions métiers en classe: not in the report (see README).
		{interventions, d(1, 21), p.parde, collegiens, "troisième", 24, 10, nc},
		{interventions, d(2, 4), p.dorgeles, collegiens, "troisième", 24, 11, nc},
		{interventions, d(3, 11), p.leCastel, lyceens, "seconde", 14, 5, nc},
		{interventions, d(4, 1), p.closMaire, lyceens, "première", 13, 4, nc},
		{interventions, d(5, 20), p.jeanMichel, lyceens, "terminale", 12, 3, nc},
		{interventions, d(9, 23), p.felixKir, lyceens, "seconde", 12, 5, nc},
		{interventions, d(10, 2), p.charlesDeGaulle, lyceens, "seconde", 12, 5, nc},
		{interventions, d(12, 11), p.iut, etudiants, "BUT", 10, 2, nc},
	}
}

// territoires: actions of the axis "conforter le rôle des territoires". The
// colleague who keeps this sheet types dates as text (dd/mm/yyyy).
func territoires(p places) []group {
	return []group{
		// Terraformation: the report names 4 of its 5 establishments; the
		// fifth is taken to be Lycée Hippolyte Fontaine (it teaches STI2D).
		// 64 collégiens from the 2 collèges, 160 lycéens from the 3 lycées.
		{terraformation, d(3, 25), p.bachelard, collegiens, "troisième", 32, 14, 18},
		{terraformation, d(4, 8), p.rameau, collegiens, "troisième", 32, 13, 25},
		{terraformation, d(5, 15), p.eiffel, lyceens, "seconde STI2D", 54, 9, nc},
		{terraformation, d(9, 30), p.stJosephLycee, lyceens, "seconde STI2D", 53, 12, nc},
		{terraformation, d(10, 16), p.hippolyte, lyceens, "seconde STI2D", 53, 8, nc},

		// Visite RESPONSE: one visit per establishment. The report does not
		// say where its 15 students come from: taken as the BTS section of
		// Lycée Eiffel, visiting with the lycée's pupils.
		{visiteResponse, d(1, 30), p.bachelard, collegiens, "troisième", 74, 33, 41},
		{visiteResponse, d(3, 14), p.lentilleres, collegiens, "troisième", 73, 31, nc},
		{visiteResponse, d(5, 22), p.rameau, collegiens, "troisième", 74, 35, 58},
		{visiteResponse, d(9, 25), p.stJosephLycee, lyceens, "seconde", 52, 20, nc},
		{visiteResponse, d(10, 9), p.eiffel, lyceens, "seconde", 53, 15, nc},
		{visiteResponse, d(10, 9), p.eiffel, etudiants, "BTS", 15, 3, nc},

		// Visite du bâtiment intelligent: one visit per establishment; the
		// 120 lycéens split evenly over the 4 lycées; the students are the
		// Master GAED of the UBE.
		{visiteBatiment, d(1, 23), p.leParc, collegiens, "troisième", 60, 26, nc},
		{visiteBatiment, d(2, 13), p.stJosephLycee, lyceens, "seconde", 30, 10, nc},
		{visiteBatiment, d(3, 20), p.eiffel, lyceens, "seconde", 30, 8, nc},
		{visiteBatiment, d(4, 15), p.paris, lyceens, "seconde", 30, 9, nc},
		{visiteBatiment, d(10, 2), p.hippolyte, lyceens, "seconde", 30, 7, nc},
		{visiteBatiment, d(12, 10), p.ube, etudiants, "master GAED", 15, 7, nc},

		// On Dijon and the sorting centre: the Engagement tour lycée
		// programme visits both (25 and 26 June) with "20 lycéens, 5 lycées",
		// so these are the same 20 pupils; the report's key figures count
		// them under each action, and so do these rows.
		{visiteCentreTri, d(6, 25), p.eiffel, lyceens, "seconde", 4, 1, nc},
		{visiteCentreTri, d(6, 25), p.charlesDeGaulle, lyceens, "seconde", 4, 2, nc},
		{visiteCentreTri, d(6, 25), p.stCharles, lyceens, "seconde", 4, 2, nc},
		{visiteCentreTri, d(6, 25), p.stBenigne, lyceens, "seconde", 4, 1, nc},
		{visiteCentreTri, d(6, 25), p.chartreux, lyceens, "seconde", 4, 2, nc},
		{visiteOnDijon, d(6, 26), p.eiffel, lyceens, "seconde", 4, 1, nc},
		{visiteOnDijon, d(6, 26), p.charlesDeGaulle, lyceens, "seconde", 4, 2, nc},
		{visiteOnDijon, d(6, 26), p.stCharles, lyceens, "seconde", 4, 2, nc},
		{visiteOnDijon, d(6, 26), p.stBenigne, lyceens, "seconde", 4, 1, nc},
		{visiteOnDijon, d(6, 26), p.chartreux, lyceens, "seconde", 4, 2, nc},
	}
}

// festival: the CMQ's actions at the Festival de la transition écologique et
// numérique (3 November - 8 December 2025), those the report tags FTEN. The
// festival's own figures (3 852 participants, 30 establishments) cover its
// 40 partners and are not the campus's. The organisers type action names in
// capitals now and then: the importer matches names case-insensitively.
func festival(p places) []group {
	return []group{
		// Forum: 3 days; 6 collèges, 2 lycées, and the job seekers on the
		// third day. The "temps pour les parents" has no count: no row.
		{forumMetier, d(11, 18), p.roupnel, collegiens, "troisième", 75, 30, nc},
		{forumMetier, d(11, 18), p.bachelard, collegiens, "troisième", 72, 29, 40},
		{forumMetier, d(11, 18), p.eiffel, lyceens, "seconde", 80, 22, nc},
		{forumMetier, d(11, 19), p.rameau, collegiens, "troisième", 74, 31, 52},
		{forumMetier, d(11, 19), p.leParc, collegiens, "troisième", 70, 28, nc},
		{forumMetier, d(11, 19), p.paris, lyceens, "seconde", 79, 25, nc},
		{forumMetier, d(11, 20), p.stJosephCollege, collegiens, "troisième", 73, 33, nc},
		{forumMetier, d(11, 20), p.parde, collegiens, "troisième", 73, 30, nc},
		{forumMetier, d(11, 20), p.franceTravail, demandeurs, "", 30, 11, 12},

		// Rêv'eille ton lycée: runs from October to March; the launch day
		// is the animation of 2025.
		{reveilleLycee, d(11, 6), p.hippolyte, lyceens, "première STI2D", 19, 4, nc},
		{reveilleLycee, d(11, 6), p.marcsDor, lyceens, "première STI2D", 19, 3, nc},
		{reveilleLycee, d(11, 6), p.follereau, lyceens, "première STI2D", 19, 6, nc},
		{reveilleLycee, d(11, 6), p.closMaire, lyceens, "écodélégués", 18, 5, nc},

		// Horizon 2050: "425 élèves dont 360 collégiens, 30 lycéens"; the
		// other 35 are taken as post-bac students of the one lycée.
		{horizon2050, d(11, 13), p.simoneWeil, collegiens, "troisième", 120, 52, nc},
		{horizon2050, d(11, 25), p.lentilleres, collegiens, "troisième", 120, 49, nc},
		{horizon2050, d(12, 2), p.leParc, collegiens, "troisième", 120, 51, nc},
		{horizon2050, d(12, 4), p.brassens, lyceens, "terminale", 30, 12, nc},
		{horizon2050, d(12, 4), p.brassens, etudiants, "BTS", 35, 13, nc},

		// Idéathon au lycée: one day per lycée; "264 élèves dont 75
		// étudiants", split evenly: 63 lycéens and 25 BTS students each.
		{ideathonLycee, d(11, 7), p.hippolyte, lyceens, "seconde", 63, 15, nc},
		{ideathonLycee, d(11, 7), p.hippolyte, etudiants, "BTS", 25, 5, nc},
		{ideathonLycee, d(11, 21), p.eiffel, lyceens, "seconde", 63, 14, nc},
		{ideathonLycee, d(11, 21), p.eiffel, etudiants, "BTS", 25, 4, nc},
		{ideathonLycee, d(11, 28), p.marcsDor, lyceens, "seconde", 63, 9, nc},
		{ideathonLycee, d(11, 28), p.marcsDor, etudiants, "BTS", 25, 3, nc},

		// Fresque du climat: one workshop per lycée, 187 split evenly.
		{fresqueClimat, d(11, 4), p.eiffel, lyceens, "seconde", 27, 9, nc},
		{fresqueClimat, d(11, 6), p.charlesDeGaulle, lyceens, "seconde", 27, 12, nc},
		{"fresque du climat", d(11, 13), p.stCharles, lyceens, "seconde", 27, 11, nc}, // case varied on purpose
		{fresqueClimat, d(11, 17), p.stBenigne, lyceens, "seconde", 27, 12, nc},
		{fresqueClimat, d(11, 24), p.mathias, lyceens, "première", 27, 8, nc},
		{fresqueClimat, d(11, 27), p.chartreux, lyceens, "seconde", 26, 11, nc},
		{fresqueClimat, d(12, 1), p.gauthey, lyceens, "première", 26, 7, nc},

		// Escape Game Mobile: one session per establishment; 645 collégiens
		// over the 6 collèges, the 20 lycéens from Pierre Adrien Pâris.
		{escapeGameMobile, d(11, 5), p.lentilleres, collegiens, "troisième", 108, 47, 31},
		{escapeGameMobile, d(11, 10), p.dorgeles, collegiens, "quatrième", 108, 45, nc},
		{"ESCAPE GAME MOBILE DEMAIN LA VILLE", d(11, 14), p.leParc, collegiens, "troisième", 108, 46, nc}, // case varied on purpose
		{escapeGameMobile, d(11, 26), p.roupnel, collegiens, "quatrième", 107, 44, nc},
		{"ESCAPE GAME MOBILE DEMAIN LA VILLE", d(12, 3), p.stJosephCollege, collegiens, "troisième", 107, 49, nc},
		{escapeGameMobile, d(12, 5), p.voltaire, collegiens, "troisième", 107, 45, nc},
		{escapeGameMobile, d(12, 8), p.paris, lyceens, "seconde", 20, 4, nc},

		// Inventons nos vies bas carbone: one workshop per lycée, 257 split
		// evenly.
		{inventonsVies, d(11, 3), p.closMaire, lyceens, "seconde", 37, 13, nc},
		{inventonsVies, d(11, 12), p.hippolyte, lyceens, "seconde", 37, 8, nc},
		{inventonsVies, d(11, 19), p.follereau, lyceens, "seconde", 37, 12, nc},
		{inventonsVies, d(11, 25), p.marcsDor, lyceens, "seconde", 37, 6, nc},
		{inventonsVies, d(12, 1), p.eiffel, lyceens, "seconde", 37, 11, nc},
		{inventonsVies, d(12, 4), p.paris, lyceens, "seconde", 36, 10, nc},
		{inventonsVies, d(12, 8), p.jeanMichel, lyceens, "seconde", 36, 13, nc},
	}
}
