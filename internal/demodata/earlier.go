package demodata

import (
	"fmt"
	"time"
)

// The years before Year are ILLUSTRATIVE: the campus published no activity
// report for them, so nothing below comes from its figures. They exist so
// that the comparison of years and the trajectory toward the 2030 targets
// have something to show, and they are made to look like a campus growing
// into the 2025 report: fewer actions, fewer participants, the same
// establishments. data/README.md says so plainly.
//
// The numbers that the targets of config.yaml rest on were chosen on
// purpose, and the comments say which:
//   - attractiveness: 420 candidates for 300 places in 2023 (1.40, the
//     baseline of config.yaml), 456 in 2024 (1.52);
//   - immersion_periods: 20 pupils and 4 tutors of the Engagement tour
//     collège in 2023 (24, the baseline taken from the data), 41 in 2024;
//   - orientation_confirmed_rate: 14 of the 20 pupils of the Engagement
//     tour lycée 2024 answer 4 or 5 (70 %, the baseline taken from the data).

// YearData is everything the demonstration data hold for one earlier year.
type YearData struct {
	Actions    []Action
	Attendance []AttendanceBook
	Formations []Formation
	Surveys    []Survey
}

// EarlierYears are the illustrative years written beside Year, oldest first.
func EarlierYears() []int { return []int{2023, 2024} }

// Earlier returns the illustrative data of one of EarlierYears; any other
// year panics, as a programming error.
func Earlier(year int) YearData {
	p := newPlaces()
	switch year {
	case 2023:
		return YearData{
			Actions: pick(clubEcolesReseaux, engagementCollege, pulseIdeathon, smartCityFeminin,
				escapeGameMobile, boiteMetiers, forumMetier, expoVillesDurable, fresqueClimat,
				interventions, visiteBatiment, visiteCentreTri),
			Attendance: []AttendanceBook{
				{Path: "participations/activites-2023.xlsx", Sheet: "participations", Headers: contractHeaders, Rows: rows(activities2023(p))},
			},
			Formations: formationsOf(2023, []int{35, 44, 26, 46, 32, 24, 28, 87, 31, 67}),
		}
	case 2024:
		return YearData{
			Actions: pick(clubEcolesReseaux, reseauBatirAvenir, afterWorkBois, engagementCollege,
				engagementLycee, pulseIdeathon, ideathonLycee, inventonsVies, smartCityFeminin,
				escapeGameMobile, boiteMetiers, forumMetier, horizon2050, expoVillesDurable,
				fresqueClimat, interventions, terraformation, visiteResponse, visiteBatiment,
				visiteCentreTri),
			Attendance: []AttendanceBook{
				{Path: "participations/activites-2024.xlsx", Sheet: "participations", Headers: contractHeaders, Rows: rows(activities2024(p))},
				{Path: "participations/festival-transition.xlsx", Sheet: "Feuil1", Headers: variantHeaders, Rows: rows(festival2024(p))},
			},
			Formations: formationsOf(2024, []int{38, 48, 28, 50, 35, 26, 30, 94, 34, 73}),
			Surveys:    []Survey{engagementTour2024()},
		}
	}
	panic(fmt.Sprintf("demodata: no illustrative data for %d", year))
}

// pick returns the catalogue rows of Actions with these names, in the order
// of Actions, so that an action keeps its axe, type and funders every year.
func pick(names ...string) []Action {
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var out []Action
	for _, a := range Actions() {
		if want[a.Name] {
			out = append(out, a)
			delete(want, a.Name)
		}
	}
	if len(want) > 0 {
		panic(fmt.Sprintf("demodata: actions not in the catalogue: %v", want))
	}
	return out
}

// formationsOf returns the 2025 programmes with the places of 2025 and the
// candidates given, in the same order; enrolments and girls follow from them.
func formationsOf(year int, candidats []int) []Formation {
	out := Formations()
	for i := range out {
		f := &out[i]
		f.Annee = year
		f.Candidats = candidats[i]
		f.Inscrits = min(f.Places, candidats[i]) - 2
		f.DontFilles = min(f.DontFilles, f.Inscrits)
	}
	return out
}

// dy is a date of any year.
func dy(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
}

// activities2023: the campus's first full year, in one workbook.
func activities2023(p places) []group {
	d := func(m time.Month, day int) time.Time { return dy(2023, m, day) }
	return []group{
		{pulseIdeathon, d(1, 17), p.estp, etudiants, "bac+3 à bac+5", 40, 10, nc},
		{pulseIdeathon, d(1, 17), p.iae, etudiants, "master", 25, 12, nc},
		{pulseIdeathon, d(1, 17), p.ube, etudiants, "master", 25, 10, nc},
		{pulseIdeathon, d(1, 17), p.hippolyte, etudiants, "BTS", 20, 4, nc},

		{interventions, d(1, 24), p.parde, collegiens, "troisième", 25, 9, nc},
		{visiteBatiment, d(1, 26), p.leParc, collegiens, "troisième", 55, 20, nc},

		// The Engagement tour collège: 20 pupils and one tutor in each of 4
		// firms, the 24 immersions of the baseline.
		{engagementCollege, d(2, 6), p.lentilleres, collegiens, "troisième", 20, 7, 11},
		{engagementCollege, d(2, 6), p.edf, professionnel, "", 1, nc, nc},
		{engagementCollege, d(2, 6), p.enedis, professionnel, "", 1, nc, nc},
		{engagementCollege, d(2, 6), p.engie, professionnel, "", 1, nc, nc},
		{engagementCollege, d(2, 6), p.dalkia, professionnel, "", 1, nc, nc},

		{boiteMetiers, d(2, 14), p.lentilleres, collegiens, "troisième", 150, 55, 45},
		{smartCityFeminin, d(3, 9), p.albertCamus, collegiens, "troisième", 28, 28, nc},

		{clubEcolesReseaux, d(3, 16), p.hippolyte, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 16), p.eiffel, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 16), p.fourier, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 16), p.eugeneGuillaume, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 16), p.julesRenard, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 16), p.niepce, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 16), p.julesHaag, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 16), p.belin, enseignants, "", 1, nc, nc},

		{visiteBatiment, d(3, 23), p.eiffel, lyceens, "seconde", 30, 6, nc},
		{interventions, d(4, 4), p.closMaire, lyceens, "première", 14, 4, nc},
		{expoVillesDurable, d(4, 12), p.publicDijon, grandPublic, "", 35, nc, nc},
		{expoVillesDurable, d(4, 13), p.publicDijon, grandPublic, "", 40, nc, nc},
		{expoVillesDurable, d(4, 14), p.publicDijon, grandPublic, "", 38, nc, nc},
		{expoVillesDurable, d(4, 15), p.publicDijon, grandPublic, "", 27, nc, nc},
		{boiteMetiers, d(5, 16), p.marcsDor, lyceens, "seconde", 60, 9, nc},
		{visiteCentreTri, d(6, 22), p.eiffel, lyceens, "seconde", 30, 7, nc},
		{interventions, d(9, 26), p.felixKir, lyceens, "seconde", 13, 4, nc},
		{visiteBatiment, d(10, 5), p.hippolyte, lyceens, "seconde", 28, 5, nc},
		{boiteMetiers, d(10, 10), p.eiffel, lyceens, "seconde", 62, 13, nc},

		{fresqueClimat, d(11, 7), p.eiffel, lyceens, "seconde", 27, 7, nc},
		{escapeGameMobile, d(11, 9), p.lentilleres, collegiens, "troisième", 110, 41, 30},
		{fresqueClimat, d(11, 14), p.charlesDeGaulle, lyceens, "seconde", 26, 10, nc},
		{escapeGameMobile, d(11, 16), p.dorgeles, collegiens, "quatrième", 105, 38, nc},
		{forumMetier, d(11, 21), p.roupnel, collegiens, "troisième", 70, 25, nc},
		{forumMetier, d(11, 21), p.bachelard, collegiens, "troisième", 68, 24, 36},
		{forumMetier, d(11, 21), p.rameau, collegiens, "troisième", 70, 26, 48},
		{forumMetier, d(11, 21), p.eiffel, lyceens, "seconde", 75, 17, nc},
		{forumMetier, d(11, 22), p.leParc, collegiens, "troisième", 66, 23, nc},
		{forumMetier, d(11, 22), p.paris, lyceens, "seconde", 72, 19, nc},
		{forumMetier, d(11, 22), p.franceTravail, demandeurs, "", 20, 7, 8},
		{fresqueClimat, d(11, 28), p.stBenigne, lyceens, "seconde", 27, 11, nc},
		{escapeGameMobile, d(11, 30), p.roupnel, collegiens, "quatrième", 108, 40, nc},
		{fresqueClimat, d(12, 5), p.chartreux, lyceens, "seconde", 26, 9, nc},
		{escapeGameMobile, d(12, 7), p.paris, lyceens, "seconde", 22, 4, nc},
		{interventions, d(12, 12), p.iut, etudiants, "BUT", 12, 2, nc},
	}
}

// activities2024: the campus's own sheet of 2024; the festival's organisers
// send theirs apart (festival2024), as in 2025.
func activities2024(p places) []group {
	d := func(m time.Month, day int) time.Time { return dy(2024, m, day) }
	return []group{
		{pulseIdeathon, d(1, 16), p.hippolyte, etudiants, "BTS", 22, 5, nc},
		{pulseIdeathon, d(1, 16), p.stJosephLycee, etudiants, "BTS", 20, 8, nc},
		{pulseIdeathon, d(1, 16), p.estp, etudiants, "bac+3 à bac+5", 45, 12, nc},
		{pulseIdeathon, d(1, 16), p.iae, etudiants, "master", 28, 14, nc},
		{pulseIdeathon, d(1, 16), p.ube, etudiants, "master", 28, 12, nc},
		{pulseIdeathon, d(1, 16), p.esadd, etudiants, "bac+3", 15, 8, nc},

		{interventions, d(1, 23), p.parde, collegiens, "troisième", 24, 10, nc},
		{visiteBatiment, d(1, 25), p.leParc, collegiens, "troisième", 58, 25, nc},
		{visiteResponse, d(1, 31), p.bachelard, collegiens, "troisième", 70, 31, 38},

		// The Engagement tour collège: 15 pupils, 6 tutors.
		{engagementCollege, d(2, 5), p.lentilleres, collegiens, "troisième", 15, 6, 8},
		{engagementCollege, d(2, 5), p.edf, professionnel, "", 1, nc, nc},
		{engagementCollege, d(2, 5), p.critt, professionnel, "", 1, nc, nc},
		{engagementCollege, d(2, 5), p.dalkia, professionnel, "", 1, nc, nc},
		{engagementCollege, d(2, 5), p.enedis, professionnel, "", 1, nc, nc},
		{engagementCollege, d(2, 5), p.engie, professionnel, "", 1, nc, nc},
		{engagementCollege, d(2, 5), p.equans, professionnel, "", 1, nc, nc},

		{interventions, d(2, 6), p.dorgeles, collegiens, "troisième", 24, 11, nc},
		{boiteMetiers, d(2, 13), p.lentilleres, collegiens, "troisième", 170, 72, 50},
		{visiteBatiment, d(2, 15), p.stJosephLycee, lyceens, "seconde", 30, 10, nc},
		{smartCityFeminin, d(3, 14), p.albertCamus, collegiens, "troisième", 30, 30, nc},
		{boiteMetiers, d(3, 19), p.leCastel, lyceens, "seconde", 62, 25, nc},

		{clubEcolesReseaux, d(3, 21), p.hippolyte, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 21), p.eiffel, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 21), p.fourier, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 21), p.eugeneGuillaume, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 21), p.pgDeGennes, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 21), p.julesRenard, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 21), p.niepce, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 21), p.colomb, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 21), p.julesHaag, enseignants, "", 1, nc, nc},
		{clubEcolesReseaux, d(3, 21), p.belin, enseignants, "", 1, nc, nc},

		{terraformation, d(3, 26), p.bachelard, collegiens, "troisième", 30, 13, 17},
		{interventions, d(4, 2), p.closMaire, lyceens, "première", 13, 4, nc},
		{expoVillesDurable, d(4, 8), p.publicDijon, grandPublic, "", 30, nc, nc},
		{expoVillesDurable, d(4, 9), p.publicDijon, grandPublic, "", 33, nc, nc},
		{expoVillesDurable, d(4, 10), p.publicDijon, grandPublic, "", 29, nc, nc},
		{expoVillesDurable, d(4, 11), p.publicDijon, grandPublic, "", 36, nc, nc},
		{visiteBatiment, d(4, 16), p.paris, lyceens, "seconde", 30, 9, nc},
		{boiteMetiers, d(5, 14), p.marcsDor, lyceens, "seconde", 60, 11, nc},
		{terraformation, d(5, 16), p.eiffel, lyceens, "seconde STI2D", 50, 9, nc},
		{visiteResponse, d(5, 23), p.rameau, collegiens, "troisième", 72, 34, 55},
		{afterWorkBois, d(6, 6), p.filiereBois, professionnel, "", 18, nc, nc},
		{afterWorkBois, d(6, 6), p.boisMouchard, enseignants, "", 10, nc, nc},
		{expoVillesDurable, d(6, 15), p.publicDijon, grandPublic, "", 80, nc, nc},

		// The first Engagement tour lycée: 4 pupils of each of 5 lycées,
		// who also visit the sorting centre.
		{engagementLycee, d(6, 17), p.eiffel, lyceens, "seconde", 4, 1, nc},
		{engagementLycee, d(6, 17), p.charlesDeGaulle, lyceens, "seconde", 4, 2, nc},
		{engagementLycee, d(6, 17), p.stCharles, lyceens, "seconde", 4, 2, nc},
		{engagementLycee, d(6, 17), p.stBenigne, lyceens, "seconde", 4, 1, nc},
		{engagementLycee, d(6, 17), p.chartreux, lyceens, "seconde", 4, 2, nc},
		{visiteCentreTri, d(6, 26), p.eiffel, lyceens, "seconde", 4, 1, nc},
		{visiteCentreTri, d(6, 26), p.charlesDeGaulle, lyceens, "seconde", 4, 2, nc},
		{visiteCentreTri, d(6, 26), p.stCharles, lyceens, "seconde", 4, 2, nc},
		{visiteCentreTri, d(6, 26), p.stBenigne, lyceens, "seconde", 4, 1, nc},
		{visiteCentreTri, d(6, 26), p.chartreux, lyceens, "seconde", 4, 2, nc},

		{interventions, d(9, 24), p.felixKir, lyceens, "seconde", 12, 5, nc},
		{boiteMetiers, d(10, 8), p.eiffel, lyceens, "seconde", 63, 16, nc},
		{visiteResponse, d(10, 10), p.eiffel, lyceens, "seconde", 50, 14, nc},
		{reseauBatirAvenir, d(10, 15), p.clubConstruction, professionnel, "", 10, nc, nc},
		{reseauBatirAvenir, d(10, 15), p.marcsDor, enseignants, "", 1, nc, nc},
		{reseauBatirAvenir, d(10, 15), p.paris, enseignants, "", 1, nc, nc},
		{reseauBatirAvenir, d(10, 15), p.iut, enseignants, "", 1, nc, nc},
		{reseauBatirAvenir, d(10, 15), p.estp, enseignants, "", 1, nc, nc},
		{terraformation, d(10, 17), p.hippolyte, lyceens, "seconde STI2D", 52, 8, nc},
		{interventions, d(12, 10), p.iut, etudiants, "BUT", 10, 2, nc},
		{visiteBatiment, d(12, 11), p.ube, etudiants, "master GAED", 14, 6, nc},
	}
}

// festival2024: the CMQ's actions at the Festival de la transition 2024,
// in the organisers' sheet (their headers, their sheet name).
func festival2024(p places) []group {
	d := func(m time.Month, day int) time.Time { return dy(2024, m, day) }
	return []group{
		{inventonsVies, d(11, 4), p.closMaire, lyceens, "seconde", 36, 12, nc},
		{fresqueClimat, d(11, 5), p.eiffel, lyceens, "seconde", 27, 9, nc},
		{escapeGameMobile, d(11, 6), p.lentilleres, collegiens, "troisième", 108, 47, 31},
		{fresqueClimat, d(11, 12), p.charlesDeGaulle, lyceens, "seconde", 27, 12, nc},
		{inventonsVies, d(11, 13), p.hippolyte, lyceens, "seconde", 36, 8, nc},
		{escapeGameMobile, d(11, 13), p.dorgeles, collegiens, "quatrième", 106, 44, nc},
		{horizon2050, d(11, 14), p.simoneWeil, collegiens, "troisième", 110, 48, nc},
		{fresqueClimat, d(11, 18), p.stCharles, lyceens, "seconde", 26, 11, nc},
		{forumMetier, d(11, 19), p.roupnel, collegiens, "troisième", 72, 29, nc},
		{forumMetier, d(11, 19), p.bachelard, collegiens, "troisième", 70, 28, 38},
		{forumMetier, d(11, 19), p.eiffel, lyceens, "seconde", 78, 21, nc},
		{ideathonLycee, d(11, 19), p.hippolyte, lyceens, "seconde", 60, 14, nc},
		{ideathonLycee, d(11, 19), p.hippolyte, etudiants, "BTS", 22, 4, nc},
		{forumMetier, d(11, 20), p.rameau, collegiens, "troisième", 72, 30, 50},
		{forumMetier, d(11, 20), p.leParc, collegiens, "troisième", 68, 27, nc},
		{forumMetier, d(11, 20), p.paris, lyceens, "seconde", 76, 23, nc},
		{inventonsVies, d(11, 20), p.follereau, lyceens, "seconde", 35, 11, nc},
		{forumMetier, d(11, 21), p.stJosephCollege, collegiens, "troisième", 70, 31, nc},
		{forumMetier, d(11, 21), p.franceTravail, demandeurs, "", 25, 9, 10},
		{fresqueClimat, d(11, 25), p.stBenigne, lyceens, "seconde", 27, 12, nc},
		{ideathonLycee, d(11, 26), p.eiffel, lyceens, "seconde", 60, 13, nc},
		{ideathonLycee, d(11, 26), p.eiffel, etudiants, "BTS", 22, 4, nc},
		{escapeGameMobile, d(11, 27), p.roupnel, collegiens, "quatrième", 107, 45, nc},
		{horizon2050, d(11, 28), p.leParc, collegiens, "troisième", 115, 49, nc},
		{fresqueClimat, d(12, 2), p.chartreux, lyceens, "seconde", 26, 11, nc},
		{inventonsVies, d(12, 3), p.eiffel, lyceens, "seconde", 36, 11, nc},
		{escapeGameMobile, d(12, 4), p.voltaire, collegiens, "troisième", 105, 44, nc},
		{horizon2050, d(12, 5), p.brassens, lyceens, "terminale", 28, 11, nc},
		{escapeGameMobile, d(12, 9), p.paris, lyceens, "seconde", 20, 4, nc},
	}
}

// engagementTour2024 is the questionnaire of the first Engagement tour
// lycée (17-28 June 2024). 18 pupils answer on the first day, all 20 on the
// last; 14 of the 20 answer 4 or 5 to renforce_orientation (70 %).
func engagementTour2024() Survey {
	s := EngagementTourSurvey()
	s.Path = "questionnaires/engagement-tour-lycee.xlsx"
	s.Titre = "Engagement tour lycée 2024"
	s.Population = 20
	s.Questions = s.Questions[:4] // no free comment that year
	pre := []struct{ interet, metiers int }{
		{3, 2}, {2, 1}, {3, 3}, {3, 2}, {2, 2}, {2, 1}, {4, 3}, {3, 2}, {2, 1},
		{3, 2}, {3, 3}, {2, 2}, {4, 2}, {3, 1}, {3, 2}, {2, 2}, {3, 3}, {3, 2},
	}
	post := []struct{ interet, metiers, orientation, satisfaction int }{
		{4, 3, 4, 4}, {3, 3, 3, 4}, {4, 4, 5, 5}, {3, 3, 4, 4}, {3, 3, 2, 3},
		{3, 2, 4, 4}, {5, 4, 5, 5}, {4, 3, 4, 4}, {2, 2, 3, 3}, {4, 3, 4, 5},
		{4, 4, 4, 4}, {3, 3, 3, 3}, {4, 3, 5, 4}, {3, 2, 4, 4}, {4, 3, 4, 4},
		{3, 3, 2, 3}, {4, 4, 5, 5}, {3, 3, 4, 4}, {4, 3, 3, 4}, {5, 4, 5, 5},
	}
	s.Pre, s.Post = nil, nil
	for i, a := range pre {
		s.Pre = append(s.Pre, Response{Code: fmt.Sprintf("E24-%02d", i+1), Answers: map[string]any{
			"interet_sciences_energie": a.interet, "connait_metiers": a.metiers}})
	}
	for i, a := range post {
		s.Post = append(s.Post, Response{Code: fmt.Sprintf("E24-%02d", i+1), Answers: map[string]any{
			"interet_sciences_energie": a.interet, "connait_metiers": a.metiers,
			"renforce_orientation": a.orientation, "satisfaction": a.satisfaction}})
	}
	return s
}
