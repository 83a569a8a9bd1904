// Package demodata holds the demonstration data shipped with greencity: the
// 2025 records of CMQ Green City (Bourgogne-Franche-Comté) rebuilt from the
// campus's real activity report (reference/rapport-activite-2025.md) as plain
// Go tables, and Write, which turns them into the workbooks of the input
// contract (DESIGN.md, "Inputs") under data/2025.
//
// The report gives totals per action, not the raw rows a campus collects
// through the year. The tables below spread each total over the sessions and
// establishments the report names; where it is silent the choice is made in a
// comment next to the rows and listed in data/README.md. The totals are not
// written anywhere in this package: the pipeline must find them again from
// the rows.
//
// The years before 2025 (EarlierYears, earlier.go) are ILLUSTRATIVE: made up
// to show the comparison of years and the trajectory toward the 2030
// targets, not the campus's figures.
package demodata

import (
	"fmt"
	"path/filepath"
	"time"
)

// Year is the year of the demonstration data; Write puts the workbooks in a
// folder of that name.
const Year = 2025

// Action is one row of the action catalogue (actions.xlsx).
type Action struct {
	Name string
	Axe  string // projets structurants | compétences | attractivité | territoires
	Type string // visite | stage | forum | escape game | atelier | ...
	// Programme and Financeurs are comma-separated, as an evaluator types them.
	Programme  string
	Financeurs string
}

// Participation is one attendance row: one group of participants (one
// establishment, one public) at one session of an action.
type Participation struct {
	Action            string
	Date              time.Time // midnight UTC
	Etablissement     string    // blank for grand public rows
	TypeEtablissement string    // blank for grand public rows
	Commune           string
	Public            string
	Niveau            string
	Participants      int
	// DontFilles and DontQPVZRR are nil when the count was not taken.
	DontFilles *int
	DontQPVZRR *int
}

// AttendanceBook is one attendance workbook as the campus receives it.
type AttendanceBook struct {
	// Path is relative to the year folder, '/'-separated.
	Path string
	// Sheet is the name of the first (and only) sheet.
	Sheet string
	// Headers are the ten column titles as written in this workbook; they
	// vary between workbooks to exercise the contract's tolerant matching.
	Headers []string
	// TextDates writes dates as dd/mm/yyyy text instead of date cells.
	TextDates bool
	Rows      []Participation
}

// Survey is a questionnaire workbook (one survey, its pre and post waves).
type Survey struct {
	Path       string // relative to the year folder, '/'-separated
	Action     string // catalogue name of the surveyed action
	Titre      string
	Population int // number of people surveyed
	Questions  []Question
	Pre, Post  []Response
}

// Question is one question of a survey and the waves that ask it.
type Question struct {
	ID, Libelle, Type string
	Pre, Post         bool
}

// Response is one respondent's answers in one wave.
type Response struct {
	// Code is the pseudonymous respondent code that pairs the two waves.
	Code string
	// Answers maps a question id to an int (likert5) or a string (texte);
	// a question left blank is absent.
	Answers map[string]any
}

// Formation is one training programme of formations.xlsx.
type Formation struct {
	Annee         int
	Etablissement string
	Formation     string
	Places        int
	Candidats     int
	Inscrits      int
	DontFilles    int
}

// Write writes every demonstration workbook of Year under dir/<Year>, and
// those of the illustrative earlier years (EarlierYears) under dir/<year>,
// creating the folders it needs and overwriting the files it owns. Other
// files are left alone.
func Write(dir string) error {
	books := []book{catalogueBook(Actions()), formationsBook(Formations()), surveyBook(EngagementTourSurvey())}
	for _, a := range AttendanceBooks() {
		books = append(books, attendanceBook(a))
	}
	if err := saveAll(filepath.Join(dir, fmt.Sprint(Year)), books); err != nil {
		return err
	}
	for _, y := range EarlierYears() {
		e := Earlier(y)
		books := []book{catalogueBook(e.Actions), formationsBook(e.Formations)}
		for _, s := range e.Surveys {
			books = append(books, surveyBook(s))
		}
		for _, a := range e.Attendance {
			books = append(books, attendanceBook(a))
		}
		for i := range books {
			books[i].year = y
		}
		if err := saveAll(filepath.Join(dir, fmt.Sprint(y)), books); err != nil {
			return err
		}
	}
	return nil
}

func saveAll(root string, books []book) error {
	for _, b := range books {
		if err := b.save(root); err != nil {
			return err
		}
	}
	return nil
}
