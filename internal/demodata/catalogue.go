package demodata

// Action names, spelled as the catalogue writes them. Attendance rows and the
// survey refer to these constants so that a typo cannot split an action in
// two; the few rows that vary the case on purpose say so.
const (
	worldSkills = "WorldSkills"

	clubEcolesReseaux = "Club écoles des réseaux pour la transition en BFC"
	reseauBatirAvenir = "Réseau bâtir l'avenir"
	afterWorkBois     = "After work - métiers de la construction bois"
	engagementCollege = "Engagement tour - Collège"
	engagementLycee   = "Engagement tour - Lycée"
	pulseIdeathon     = "Pulse - idéathon"
	ideathonLycee     = "L'Idéathon s'invite au lycée"
	hackToHorizon     = "Hack to horizon"
	inventonsVies     = "Inventons nos vies bas carbone"

	smartCityFeminin  = "Smart City et Métiers de la Construction au Féminin"
	escapeGameMobile  = "Escape Game Mobile Demain la ville"
	boiteMetiers      = "Boite à Métiers de la ville"
	forumMetier       = "Forum Ton Métier de demain"
	reveilleLycee     = "Rêv'eille ton lycée"
	horizon2050       = "Horizon 2050"
	defiEcologif      = "Défi Ecolo'GIF"
	expoVillesDurable = "Exposition Inventons nos villes durables"
	fresqueClimat     = "Fresque du climat"
	jeFilmeCMQ        = "Je filme mon CMQ"
	interventions     = "Interventions métiers en classe"

	rencontresDemain = "Rencontres Demain la ville"
	inaugResponse    = "Inauguration du Projet Response"
	terraformation   = "Terraformation - Escape game urbain"
	visiteResponse   = "Visite du projet RESPONSE"
	visiteBatiment   = "Visite du bâtiment intelligent"
	visiteOnDijon    = "Visite du projet On Dijon"
	visiteCentreTri  = "Visite du centre de tri des déchets"
)

// Axes of the contract.
const (
	axeProjets      = "projets structurants"
	axeCompetences  = "compétences"
	axeAttractivite = "attractivité"
	axeTerritoires  = "territoires"
)

// Funders. The report shows funders as logos, which its text version keeps
// only in part: "Net Zero Cities (UE)" stands for the NetZeroCities logo with
// "Funded by the European Union", shown on the idéathon au lycée, Défi
// Ecolo'GIF, RESPONSE and Terraformation pages; the Région logo is on the
// Escape Game Mobile, Horizon 2050 and RESPONSE inauguration pages; EDF leads
// Engagement tour collège. Every other funder below is an assumption, listed
// in data/README.md: the Région and the académie label and fund every CMQ,
// and Dijon Métropole hosts the events held on its sites.
const (
	regionBFC     = "Région BFC"
	academieBFC   = "Région académique BFC"
	netZeroCities = "Net Zero Cities (UE)"
	dijonMetro    = "Dijon Métropole"
)

// Actions returns the 2025 action catalogue in the report's order: projets
// structurants, then the three axes. The programme column ties each action to
// the campus's three structuring projects: JET Cities (promotion of green
// jobs in Dijon; the report lists the Festival Demain la ville, Engagement
// tour and the Festival de la transition as its "temps forts"), RICET (paths
// toward the trades for every public, immersion periods) and VIRI (training
// offer: colorations, co-intervention, clubs of schools and firms).
func Actions() []Action {
	return []Action{
		// The report presents WorldSkills (the campus entered the Festival
		// de la transition in a contest of innovative practices) with no
		// participants: catalogued, no attendance rows.
		{worldSkills, axeProjets, "concours", "RICET", regionBFC + ", " + academieBFC},

		{clubEcolesReseaux, axeCompetences, "réunion", "VIRI", regionBFC + ", " + academieBFC},
		{reseauBatirAvenir, axeCompetences, "réunion", "VIRI", regionBFC + ", " + academieBFC},
		{afterWorkBois, axeCompetences, "conférence", "VIRI", regionBFC},
		{engagementCollege, axeCompetences, "stage", "RICET", "EDF, Collectif d'entreprises pour une ville durable et bas carbone"},
		{engagementLycee, axeCompetences, "stage", "JET Cities, RICET", netZeroCities + ", " + regionBFC},
		{pulseIdeathon, axeCompetences, "idéathon", "RICET", dijonMetro + ", " + regionBFC},
		{ideathonLycee, axeCompetences, "idéathon", "JET Cities, RICET", netZeroCities + ", " + regionBFC},
		{hackToHorizon, axeCompetences, "concours", "JET Cities", dijonMetro},
		{inventonsVies, axeCompetences, "atelier", "JET Cities, RICET", regionBFC},

		{smartCityFeminin, axeAttractivite, "visite", "RICET", regionBFC},
		{escapeGameMobile, axeAttractivite, "escape game", "JET Cities, RICET", regionBFC},
		{boiteMetiers, axeAttractivite, "atelier", "RICET", regionBFC},
		{forumMetier, axeAttractivite, "forum", "JET Cities, RICET", regionBFC + ", " + dijonMetro},
		{reveilleLycee, axeAttractivite, "concours", "RICET", regionBFC + ", " + academieBFC},
		{horizon2050, axeAttractivite, "jeu", "JET Cities, RICET", regionBFC},
		{defiEcologif, axeAttractivite, "concours", "JET Cities", netZeroCities},
		{expoVillesDurable, axeAttractivite, "exposition", "JET Cities, RICET", netZeroCities + ", " + regionBFC},
		{fresqueClimat, axeAttractivite, "atelier", "RICET", regionBFC},
		// The report shows the film in its "projets structurants" part; it is
		// catalogued under attractivité because it is a contest in which a
		// class of pupils took part, like Rêv'eille ton lycée.
		{jeFilmeCMQ, axeAttractivite, "concours", "RICET", academieBFC},
		// Not in the report: carries the participants that the report's key
		// figures count but no detailed action accounts for (data/README.md).
		{interventions, axeAttractivite, "atelier", "RICET", regionBFC},

		// The campus's presence at these two events was its exhibition, whose
		// visitors are counted under the exhibition: catalogued, no rows.
		{rencontresDemain, axeTerritoires, "exposition", "JET Cities", dijonMetro},
		{inaugResponse, axeTerritoires, "conférence", "JET Cities", netZeroCities + ", " + regionBFC},
		{terraformation, axeTerritoires, "escape game", "JET Cities", netZeroCities},
		{visiteResponse, axeTerritoires, "visite", "JET Cities", netZeroCities},
		{visiteBatiment, axeTerritoires, "visite", "RICET", regionBFC},
		{visiteOnDijon, axeTerritoires, "visite", "JET Cities", dijonMetro},
		{visiteCentreTri, axeTerritoires, "visite", "JET Cities", dijonMetro},
	}
}
