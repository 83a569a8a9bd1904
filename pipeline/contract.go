package pipeline

import (
	"context"
	"sort"
	"time"
)

// What the collection templates (package collect) need to know of the input
// contract, exported from where the importer keeps it so that a template
// cannot drift from what an import accepts.

// ContractColumn is one column of a sheet of the input contract.
type ContractColumn struct {
	Name     string // as the template heads it; headers are matched by Key
	Required bool
}

// Tables of the contract whose columns ContractColumns gives: the kinds
// with one table, and the questions sheet of a questionnaire.
const TableQuestions = "questions"

// ContractColumns returns the columns of a table of the contract:
// KindActions, KindParticipations, KindFormations or TableQuestions; nil
// for any other name.
func ContractColumns(table string) []ContractColumn {
	var cols []column
	switch table {
	case KindActions:
		cols = actionColumns
	case KindParticipations:
		cols = participationColumns
	case KindFormations:
		cols = formationColumns
	case TableQuestions:
		cols = questionColumns
	}
	out := make([]ContractColumn, len(cols))
	for i, c := range cols {
		out[i] = ContractColumn{Name: c.name, Required: c.required}
	}
	return out
}

// Bounds of an answer to a likert5 question.
const MinLikert, MaxLikert = 1, 5

// YearDates gives the first and last days of a year of the pipeline: the
// calendar year, or with school set the school year that ends in it (2025 =
// 1 Sept 2024 to 31 Aug 2025), as attendance dates are checked.
func YearDates(year int, school bool) (first, last time.Time) {
	p := newYearPeriod(year, school)
	return p.start, p.end.AddDate(0, 0, -1)
}

// Catalogue returns the action names of a year's catalogue in the
// database, sorted; none without a database or a catalogue.
func (im *Importer) Catalogue(ctx context.Context, year int) ([]string, error) {
	c, err := im.loadCatalogue(ctx, year, "")
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(c.names))
	for _, n := range c.names {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}
