package charts

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cmq-greencity/greencity/lang"
)

// The action sheets ("fiches action"): the heart of the campus's own
// activity report, which has a page per action grouped by axe. Each sheet
// says an action's type, programme and funders, its sessions and their
// dates, its participations by public, the establishments it reached, its
// shares of girls and of QPV with what they rest on, and its survey
// results when it has a questionnaire. The counts come from the rows of
// queries/sheets (Report.Actions); the shares and the survey results are
// figures (Report.Figures), shown as the rest of the report shows them, so
// that a figure withheld there is withheld here too. A printed sheet is
// never cut across two pages, and each axe starts a page (page.html.tmpl).
//
// Every word of the sheets a reader sees is in the section actions of the
// catalogues of package lang.

// ActionSheet is one action of the year, as queries/sheets give it.
type ActionSheet struct {
	Action    string
	Axe       string
	Type      string `json:",omitempty"`
	Programme string `json:",omitempty"`
	Funders   string `json:",omitempty"`
	// Sessions is the number of sessions, Dates the days they were held,
	// in order (several sessions may share a day where campuses are read
	// as one).
	Sessions int64       `json:",omitempty"`
	Dates    []time.Time `json:",omitempty"`
	// Participants is the action's participations in all, Publics by
	// public.
	Participants   int64           `json:",omitempty"`
	Publics        []PublicCount   `json:",omitempty"`
	Establishments []Establishment `json:",omitempty"`
	// EstablishmentCount is the number of establishments reached, as
	// queries/sheets counts them.
	EstablishmentCount int64    `json:",omitempty"`
	Surveys            []string `json:",omitempty"` // titles of its questionnaires
}

// PublicCount is the participations of one public at one action.
type PublicCount struct {
	Public       string
	Participants int64
}

// Establishment is one establishment an action reached, with its type.
type Establishment struct {
	Name, Type string
}

// actionsID is the anchor of the part "Fiches action".
const actionsID = "fiches-action"

// axes are the axes of the catalogue (folded) in the order of the campus's
// activity report; the title the report gives each part is in the
// catalogue (actions.axes).
var axes = []string{"projets structurants", "competences", "attractivite", "territoires"}

// maxListedDates is the number of sessions up to which a sheet lists every
// date; beyond, it gives the first and the last.
const maxListedDates = 4

// actionsPage is the part "Fiches action".
type actionsPage struct {
	ID, Title, Intro string
	Axes             []actionAxis
}

// actionAxis is one axe and its sheets.
type actionAxis struct {
	ID, Title string
	Sheets    []actionSheet
}

// actionSheet is one sheet as the template shows it.
type actionSheet struct {
	ID    string
	Title string
	Facts []fact // type, programme, funders, sessions
	Cards []card // participations, sessions, establishments
	// Publics are the "dont" of the participations; Shares the shares of
	// girls and QPV.
	Publics        []card
	Shares         []card
	Establishments []fact // one per type: "Collèges" -> "A, B, C"
	Surveys        []sheetSurvey
	DataMark       string // the year it shows when its data are not final
}

// fact is one line "label : text" of a sheet.
type fact struct{ Label, Text string }

// sheetSurvey is the part of a sheet about one of its questionnaires.
type sheetSurvey struct {
	Title    string
	Caution  string
	Cards    []card
	Link     string // anchor of the survey's part of the report
	LinkText string
}

// newActionsPage lays out the sheets of sheets, with the shares and
// survey figures of b; surveyIDs maps a survey title to the anchor of its
// part. nil without sheets.
func newActionsPage(b *builder, sheets []ActionSheet, surveyIDs map[string]string) *actionsPage {
	if len(sheets) == 0 {
		return nil
	}
	l := b.l
	p := &actionsPage{ID: actionsID, Title: l.T("actions.title"), Intro: l.T("actions.intro")}
	byAxe := map[string]int{}
	for _, a := range axes {
		byAxe[a] = len(p.Axes)
		p.Axes = append(p.Axes, actionAxis{ID: actionsID + "-" + strconv.Itoa(len(p.Axes)+1), Title: l.T("actions.axes." + messageKey(a))})
	}
	for _, s := range sheets {
		key := fold(s.Axe)
		i, ok := byAxe[key]
		if !ok {
			title := l.T("actions.unknown_axe")
			if key != "" && key != "non renseigne" {
				title = capitalize(DataWord(l, s.Axe))
			}
			i = len(p.Axes)
			byAxe[key] = i
			p.Axes = append(p.Axes, actionAxis{ID: actionsID + "-" + strconv.Itoa(i+1), Title: title})
		}
		p.Axes[i].Sheets = append(p.Axes[i].Sheets, b.actionSheet(s, surveyIDs))
	}
	p.Axes = slices.DeleteFunc(p.Axes, func(a actionAxis) bool { return len(a.Sheets) == 0 })
	// Numbered in the order of the page.
	n := 0
	for i := range p.Axes {
		for j := range p.Axes[i].Sheets {
			n++
			p.Axes[i].Sheets[j].ID = "fiche-" + strconv.Itoa(n)
		}
	}
	return p
}

// actionSheet lays out the sheet of one action.
func (b *builder) actionSheet(s ActionSheet, surveyIDs map[string]string) actionSheet {
	l := b.l
	out := actionSheet{Title: s.Action}
	for _, f := range []fact{{l.T("actions.fact_type"), DataWord(l, s.Type)}, {l.T("actions.fact_programme"), s.Programme},
		{l.T("actions.fact_funders"), s.Funders}, {l.T("actions.sessions_label"), sessionsText(l, s.Sessions, s.Dates)}} {
		if strings.TrimSpace(f.Text) != "" {
			out.Facts = append(out.Facts, f)
		}
	}
	if s.Sessions > 0 {
		out.Cards = append(out.Cards,
			card{Value: l.Count(s.Participants), Label: l.T("actions.participations")},
			card{Value: l.Count(s.Sessions), Label: l.T("actions.sessions_label")},
			card{Value: l.Count(s.EstablishmentCount), Label: l.T("actions.reached")})
	}
	for _, pc := range orderPublics(s.Publics) {
		out.Publics = append(out.Publics, card{Value: l.Count(pc.Participants), Label: capitalize(DataWord(l, pc.Public))})
	}
	for _, share := range []string{"girls_share", "qpv_share"} {
		for _, f := range b.figs.breakdown(share, "", "action") {
			if f.Category == s.Action {
				out.Shares = append(out.Shares, headlineCard(l, f))
			}
		}
	}
	out.Establishments = establishmentLists(l, s.Establishments)
	for _, title := range s.Surveys {
		out.Surveys = append(out.Surveys, b.sheetSurvey(title, surveyIDs[title]))
	}
	return out
}

// sessionsText says how many sessions an action held and when, in the
// language of l: "1 séance, le 14 janvier 2025", "3 séances, les 7, 21 et
// 28 novembre 2025", "8 séances, du 7 avril au 14 juin 2025".
func sessionsText(l *lang.Printer, n int64, dates []time.Time) string {
	if n == 0 || len(dates) == 0 {
		return l.T("actions.no_session")
	}
	count := l.N("actions.sessions", n, "N", l.Count(n))
	first, last := dates[0], dates[len(dates)-1]
	switch {
	case len(dates) == 1:
		return l.T("actions.on_date", "Count", count, "Date", l.Date(first))
	case len(dates) <= maxListedDates:
		return l.T("actions.on_dates", "Count", count, "Dates", listDates(l, dates))
	}
	from := l.Date(first)
	if first.Year() == last.Year() {
		from = l.Day(first) + " " + l.MonthName(first)
	}
	return l.T("actions.from_to", "Count", count, "From", from, "To", l.Date(last))
}

// listDates writes days in order as the language lists them, each month
// and year said once: "7, 21 et 28 novembre 2025", "11 février et 18 mars
// 2025", "15 décembre 2024 et 12 janvier 2025".
func listDates(l *lang.Printer, dates []time.Time) string {
	oneYear := dates[0].Year() == dates[len(dates)-1].Year()
	var groups []string
	for i := 0; i < len(dates); {
		j := i
		var days []string
		for ; j < len(dates) && dates[j].Year() == dates[i].Year() && dates[j].Month() == dates[i].Month(); j++ {
			days = append(days, l.Day(dates[j]))
		}
		g := l.List(days) + " " + l.MonthName(dates[i])
		if !oneYear {
			g += " " + strconv.Itoa(dates[i].Year())
		}
		groups = append(groups, g)
		i = j
	}
	s := l.List(groups)
	if oneYear {
		s += " " + strconv.Itoa(dates[0].Year())
	}
	return s
}

// publicOrder are the publics the funders read first, in the seed
// report's order; the others follow by decreasing participations.
var publicOrder = []string{"collegiens", "lyceens", "etudiants", "grand public"}

// orderPublics sorts the publics of an action: publicOrder first, then
// the others by decreasing participations, then by name.
func orderPublics(in []PublicCount) []PublicCount {
	out := slices.Clone(in)
	rank := func(p PublicCount) int {
		if i := slices.Index(publicOrder, fold(p.Public)); i >= 0 {
			return i
		}
		return len(publicOrder)
	}
	slices.SortStableFunc(out, func(a, b PublicCount) int {
		if d := rank(a) - rank(b); d != 0 {
			return d
		}
		if d := cmp.Compare(b.Participants, a.Participants); d != 0 {
			return d // most participations first
		}
		return strings.Compare(a.Public, b.Public)
	})
	return out
}

// establishmentLists groups the establishments of an action by type, in
// the order queries/sheets gives them.
func establishmentLists(l *lang.Printer, es []Establishment) []fact {
	var out []fact
	for _, e := range es {
		label := capitalize(e.Type)
		if key := "actions.establishment_types." + messageKey(e.Type); l.Has(key) {
			label = l.T(key)
		}
		if n := len(out); n > 0 && out[n-1].Label == label {
			out[n-1].Text += ", " + e.Name
			continue
		}
		out = append(out, fact{Label: label, Text: e.Name})
	}
	return out
}

// sheetSurvey is what a sheet shows of one questionnaire: the key figures
// of its part of the report, said in the same sentences, and a link to it.
func (b *builder) sheetSurvey(survey, anchor string) sheetSurvey {
	f := b.figs
	l := b.l
	out := sheetSurvey{Title: l.T("survey.title", "Survey", survey), Caution: surveyCaution(l, f, survey)}
	if o := f.headline("orientation_confirmed_rate", survey); o != nil {
		c := surveyCard(l, *o)
		if o.WithheldBelow == 0 {
			c.Detail = orientationSentence(l, f, *o)
			c.Hover = c.Detail
		}
		out.Cards = append(out.Cards, c)
	}
	if i := f.headline("interest_uplift", survey); i != nil {
		c, _ := interestCards(l, f, survey, *i)
		out.Cards = append(out.Cards, c)
	}
	if anchor != "" {
		out.Link, out.LinkText = anchor, l.T("actions.survey_link")
	}
	return out
}

// onSheets reports whether the breakdown dim of indicator id is shown on
// the action sheets rather than as a chart: the shares of girls and QPV by
// action, one per sheet.
func onSheets(id, dim string) bool {
	return dim == "action" && (id == "girls_share" || id == "qpv_share")
}
