package pipeline

import (
	"fmt"
	"strings"
	"time"
)

// participationRow is one group of participants at one session of an action.
type participationRow struct {
	Sheet                   string // a workbook may split its rows over several sheets
	Row                     int
	Action, Key             string
	Date                    time.Time
	Etablissement, TypeEtab string
	Commune, Public, Niveau string
	Participants            int
	DontFilles, DontQPV     *int
}

var participationColumns = []column{
	{name: "action", required: true},
	{name: "date", required: true},
	{name: "etablissement"},
	{name: "type_etablissement"},
	{name: "commune"},
	{name: "public", required: true},
	{name: "niveau"},
	{name: "participants", required: true},
	{name: "dont_filles"},
	{name: "dont_qpv_zrr"},
}

// parseParticipations reads an attendance workbook: every sheet headed by
// the contract's columns (a year split into "Janvier-Juin" and
// "Juillet-Décembre" is read whole).
func parseParticipations(wb Workbook, p *parsed, cat catalogue, period yearPeriod) error {
	sheets, err := attendanceSheets(wb, p)
	if err != nil {
		return err
	}
	publicVocab, typeVocab := newVocabulary(publics), newVocabulary(establishmentTypes)
	noCatalogueSaid := false
	date1904 := wb.Date1904()
	for _, sheet := range sheets {
		err := scanTable(wb, sheet, participationColumns, p, func(r record) {
			p.rowsRead++
			// Each cell read once: a million rows are checked.
			count, rawDate, rawPublic := r.get("participants"), r.get("date"), r.get("public")
			name := p.names.tidy(r.get("action"))
			if name == "" {
				// A row with a count but no action is a total or subtotal line the
				// evaluator added: counting it would double the figures.
				if count != "" {
					p.rowsRejected++
					p.notes.add(noteTotalLine, Problem{Sheet: sheet, Row: r.row, Value: count,
						Expected: "une ligne par groupe : ligne sans action mais avec un nombre, prise pour une ligne de total et ignorée"})
					return
				}
			}
			action, known := cat.names[p.names.key(name)]
			if !known && isTotalLabel(name) && count != "" {
				p.rowsRejected++
				p.notes.add(noteTotalLine, Problem{Sheet: sheet, Row: r.row, Value: name,
					Expected: "une action du catalogue : ligne de total ou de sous-total, ignorée"})
				return
			}
			bad := len(p.problems)
			switch {
			case name == "":
				p.problems = append(p.problems, r.problem("action", "", "le nom d'une action du catalogue"))
			case !known && len(cat.names) == 0:
				// No catalogue at all: said once, at the first action, not
				// once per row.
				if !noCatalogueSaid {
					p.problems = append(p.problems, cat.unknownAction(r, name, period.year))
					noCatalogueSaid = true
				}
			case !known:
				p.problems = append(p.problems, cat.unknownAction(r, name, period.year))
			}
			date, ok := parseDate(rawDate, date1904)
			switch {
			case !ok:
				p.problems = append(p.problems, r.problem("date", rawDate, "une date (cellule date, jj/mm/aaaa ou aaaa-mm-jj)"))
			case !period.contains(date):
				p.problems = append(p.problems, r.problem("date", date.Format("02/01/2006"), "une date de l'année "+period.String()))
			}
			public, ok := publicVocab.byKey[p.names.key(rawPublic)]
			if !ok {
				p.problems = append(p.problems, r.problem("public", rawPublic, "un public parmi : "+strings.Join(publics, ", ")))
			}
			typeEtab := ""
			if v := r.get("type_etablissement"); v != "" {
				if typeEtab, ok = typeVocab.byKey[p.names.key(v)]; !ok {
					p.problems = append(p.problems, r.problem("type_etablissement", v,
						"un type d'établissement parmi : "+strings.Join(establishmentTypes, ", ")))
				}
			}
			n, ok := parseCount(count)
			if !ok {
				p.problems = append(p.problems, r.problem("participants", count, "un nombre entier ≥ 0"))
			}
			girls := p.optionalCount(r, "dont_filles", n, ok, "le nombre de participants")
			qpv := p.optionalCount(r, "dont_qpv_zrr", n, ok, "le nombre de participants")
			if len(p.problems) > bad {
				p.rowsRejected++
				return
			}
			p.participation(participationRow{
				Sheet: sheet, Row: r.row, Action: action, Key: p.names.key(action), Date: date,
				Etablissement: p.names.tidy(r.get("etablissement")), TypeEtab: typeEtab, Commune: p.names.tidy(r.get("commune")),
				Public: public, Niveau: p.names.tidy(r.get("niveau")), Participants: n, DontFilles: girls, DontQPV: qpv,
			})
			p.extras = append(p.extras, r.t.extraCells(r)...)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// participation takes a valid attendance row: its row key is kept, for the
// rows counted twice, and the row itself goes to the sink (the database,
// during an import) rather than into memory. Once the file has a problem
// it will be refused: its rows are no longer written.
func (p *parsed) participation(r participationRow) {
	p.keyed.add(r.Sheet, r.Row, participationKey(r, p.names))
	if len(p.problems) == 0 {
		p.sink.participation(r)
	}
}

// attendanceSheets returns the sheets to read as attendance: those whose
// header row names at least two contract columns, hidden or not (inspect
// refuses a hidden one). A visible sheet that holds data under another
// header is refused: its rows would be left out. When no sheet has the
// header, the first is read, so that its header's problems are told.
func attendanceSheets(wb Workbook, p *parsed) ([]string, error) {
	var read []string
	type other struct {
		sheet string
		row   int
	}
	var others []other
	for _, sheet := range wb.SheetNames() {
		if IsTemplateSheet(sheet) { // the template's help and lists: no data
			continue
		}
		rows, cells, err := firstRows(wb, sheet, 4)
		if err != nil {
			return nil, err
		}
		i := 0
		for i < len(cells)-1 && isTitleRow(cells[i], participationColumns) {
			i++
		}
		switch {
		case len(cells) > 0 && contractColumns(cells[i], participationColumns) >= 2:
			read = append(read, sheet)
		case len(cells) > 0 && !sheetHidden(wb, sheet):
			others = append(others, other{sheet, rows[0]})
		}
	}
	if len(read) == 0 {
		read = wb.SheetNames()[:1]
		if len(others) > 0 && others[0].sheet == read[0] {
			others = others[1:]
		}
	}
	var names []string
	for _, c := range participationColumns {
		names = append(names, c.name)
	}
	for _, o := range others {
		pr := unreadSheet(o.sheet, "une ligne d'en-tête des présences ("+strings.Join(names, ", ")+")")
		pr.Row = o.row
		p.problems = append(p.problems, pr)
	}
	return read, nil
}

// contractColumns counts the cells of a row that name a column of cols.
func contractColumns(cells []string, cols []column) int {
	n := 0
	for _, c := range cells {
		for _, col := range cols {
			if Key(c) == Key(col.name) {
				n++
				break
			}
		}
	}
	return n
}

// optionalCount reads dont_filles or dont_qpv_zrr: empty, or a whole number
// no larger than the row's total (its participants, or enrolments), which
// totalName names for messages. A total that could not be read (totalOK
// false) has its own problem and is not compared with.
func (p *parsed) optionalCount(r record, name string, total int, totalOK bool, totalName string) *int {
	v := r.get(name)
	if v == "" {
		return nil
	}
	n, ok := parseCount(v)
	switch {
	case !ok:
		p.problems = append(p.problems, r.problem(name, v, "un nombre entier ≥ 0, ou rien"))
		return nil
	case totalOK && n > total:
		p.problems = append(p.problems, r.problem(name, v, fmt.Sprintf("au plus %s (%d)", totalName, total)))
		return nil
	}
	return &n
}

// yearPeriod is the span of dates that belong to one year of the pipeline.
type yearPeriod struct {
	year       int
	start, end time.Time // end exclusive
	school     bool
}

// newYearPeriod gives year's dates: the calendar year, or with school set the
// school year that ends in it (2025 = 1 Sept 2024 to 31 Aug 2025).
func newYearPeriod(year int, school bool) yearPeriod {
	if school {
		return yearPeriod{year: year, school: true,
			start: time.Date(year-1, 9, 1, 0, 0, 0, 0, time.UTC), end: time.Date(year, 9, 1, 0, 0, 0, 0, time.UTC)}
	}
	return yearPeriod{year: year,
		start: time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), end: time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC)}
}

func (y yearPeriod) contains(t time.Time) bool { return !t.Before(y.start) && t.Before(y.end) }

func (y yearPeriod) String() string {
	if y.school {
		return fmt.Sprintf("scolaire %d-%d (du 01/09/%d au 31/08/%d)", y.year-1, y.year, y.year-1, y.year)
	}
	return fmt.Sprintf("%d", y.year)
}

// isTotalLabel tells a total line labelled in the action column ("Total",
// "TOTAL GÉNÉRAL", "Sous-total collèges") from a misspelt action.
func isTotalLabel(name string) bool {
	k := Key(name)
	return strings.HasPrefix(k, "total") || strings.HasPrefix(k, "sous-total") || strings.HasPrefix(k, "soustotal")
}
