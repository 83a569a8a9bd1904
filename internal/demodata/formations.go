package demodata

// Formations returns 2025 training programmes of the establishments the
// report names, in energy and construction. The report gives no such figures:
// places, candidates, enrolments and girls are ILLUSTRATIVE, chosen so that
// candidates / places is about 1.6 overall, between the 1.4 baseline of 2023
// and the 2.8 target of 2030 in config.yaml. "candidats" is read as complete
// applications for a place (not Parcoursup wishes, which would give ratios
// ten times higher); data/README.md says so.
func Formations() []Formation {
	const y = Year
	return []Formation{
		{y, "Lycée Hippolyte Fontaine", "BTS Fluides, énergies, domotique", 24, 41, 22, 3},
		{y, "Lycée Gustave Eiffel", "BTS Électrotechnique", 30, 52, 28, 2},
		{y, "Lycée Les Marcs d'Or", "Bac pro Technicien du bâtiment : organisation et réalisation du gros œuvre", 24, 31, 21, 2},
		{y, "Lycée Les Marcs d'Or", "BTS Bâtiment", 30, 55, 29, 7},
		{y, "Lycée Pierre Adrien Pâris", "BTS Management économique de la construction", 24, 38, 22, 8},
		{y, "Lycée Pierre Adrien Pâris", "Bac pro Installateur en chauffage, climatisation et énergies renouvelables", 24, 29, 20, 1},
		{y, "Lycée du bois de Mouchard", "BTS Systèmes constructifs bois et habitat", 24, 33, 22, 3},
		{y, "IUT Dijon-Auxerre", "BUT Génie civil - construction durable", 56, 102, 54, 14},
		{y, "IUT Dijon-Auxerre", "Licence professionnelle Maîtrise de l'énergie, électricité, développement durable", 24, 37, 20, 3},
		{y, "ESTP Dijon", "Bachelor Conducteur de travaux", 40, 71, 38, 9},
	}
}
