package charts

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cmq-greencity/greencity/lang"
)

//go:embed page.html.tmpl trajectory.html.tmpl
var templateFS embed.FS

// pageTemplate is parsed once; html/template escapes every value by context.
// Its words come from the catalogue of the report's language through the
// function t, bound to that language by each render (a clone).
var pageTemplate = template.Must(template.New("page.html.tmpl").Funcs(template.FuncMap{"t": noWords}).
	ParseFS(templateFS, "page.html.tmpl", "trajectory.html.tmpl"))

// noWords stands for t until a render binds it to a language.
func noWords(string, ...any) template.HTML { return "" }

// words returns the function t of the templates for the language of l:
// {{t "id" "Name" value ...}} writes the message id of the catalogue with
// its placeholders filled. The catalogues are ours and their messages are
// written as HTML (an "&lt;" stays one), so the message is not escaped;
// every value put into it is.
func words(l *lang.Printer) func(string, ...any) template.HTML {
	return func(id string, args ...any) template.HTML {
		for i := 1; i < len(args); i += 2 {
			if s, ok := args[i].(string); ok {
				args[i] = template.HTMLEscapeString(s)
			}
		}
		return template.HTML(l.T(id, args...))
	}
}

// minN is the number of people under which a figure is marked as fragile.
const minN = 5

// Render writes r to w as one self-contained HTML page in the language of
// r.Lang (French by default): the key
// figures, the charts, one section per survey and a footer. The ECharts
// script is inlined and the page names no URL, so it opens offline from an
// e-mail attachment. Every text of r is escaped, in the HTML and in the chart
// options. A part whose rows are absent from r.Figures is left out, and rows
// whose value is not a finite number are ignored. Nothing is written to w if
// the page cannot be built.
func Render(w io.Writer, r Report) error {
	return render(w, r, inlineECharts(echartsMinJS), template.JS(pageJS))
}

// render is Render with the scripts given (the chart library, and page.js
// that draws the charts), so that golden files can leave both static
// scripts out and hold only what is made from r.
func render(w io.Writer, r Report, echartsJS, drawJS template.JS) error {
	l, err := lang.New(r.Lang)
	if err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	p, err := newPage(l, r)
	if err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	p.ECharts = echartsJS
	p.PageJS = drawJS
	tmpl, err := pageTemplate.Clone()
	if err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	tmpl.Funcs(template.FuncMap{"t": words(l)})
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, p); err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// page is what page.html.tmpl shows. Every string in it is plain text, and
// the template escapes it; only ECharts, PageJS and chart specs are code or
// JSON made here.
type page struct {
	Lang      string // of the page, for <html lang>: fr, en
	Title     string
	Heading   string // "Chiffres clés 2025", or a scoped report's title (Heading)
	Campus    string
	Year      int
	Generated string
	Version   string
	Sources   []string
	Headline  []card // animations, participations
	Publics   []card // "dont" collégiens, lycéens, étudiants, grand public
	More      []card // établissements touchés, part de filles...
	Sections  []section
	// Trajectory is the first page, one chart per 2030 target, and
	// Comparison the table of every year (trajectory.go); nil when absent.
	Trajectory *trajectoryPage
	Comparison *comparisonTable
	// Actions is the part "Fiches action", one sheet per action
	// (actions.go); nil without Report.Actions.
	Actions *actionsPage
	Cover   *coverPage // nil without r.Cover
	Scope   *scopePage // the part "Périmètre" of a scoped report; nil for the campus's
	// Methods is the last part, "Méthodes": how each figure is computed,
	// written once, and the statistical words the sentences above avoid
	// (methods.go); nil when the page shows no figure.
	Methods *methodsPage
	// MinCellSize is the threshold of the small-cell rule, quoted by the
	// footer (Report.MinCellSize).
	MinCellSize int
	// annex is Report.Annex, laid out at the end of Methods.
	annex   *Annex
	ECharts template.JS
	PageJS  template.JS
}

// PDF is the file name of the PDF printed beside the page, "" when none is.
func (p *page) PDF() string {
	if p.Cover == nil {
		return ""
	}
	return p.Cover.PDF
}

// card is one key figure.
type card struct {
	Value      string // the figure, formatted
	Label      string
	Detail     string // its n, and its interval when it has one, in words
	Definition string // how it is computed: listed once in "Méthodes", which Method links to
	Method     string // anchor of its definition in "Méthodes" (methods.go)
	Hover      string // title attribute: the detail
	Warning    string // the small-n note when the figure rests on fewer than minN people
	// Partial marks a share resting on less than half of the whole it
	// describes (coverage.go): the card is drawn apart, and Warning says why.
	Partial  bool
	DataMark string // the year it shows when its data are not final (cover.go)
}

// section is a titled part of the report.
type section struct {
	ID    string // HTML anchor
	Title string
	// Caution says once what limits every figure of the part: a survey's
	// few respondents and wide intervals (survey.go).
	Caution string
	Cards   []card
	Charts  []chart
	// Annex holds figures kept for the record after the charts, with their
	// definition: a survey's relative change of a mean (survey.go).
	Annex []card
}

// chart is one chart with what is printed around it.
type chart struct {
	ID         string
	Title      string
	Height     int         // pixels
	Spec       template.JS // JSON read by page.js
	Caption    string      // n
	Lines      []string    // said under the n: a share with its interval, a change in words (survey.go)
	Definition string      // how it is computed: listed once in "Méthodes", which Method links to
	Method     string      // anchor of its definition in "Méthodes" (methods.go)
	Warning    string      // categories resting on fewer than minN people
	DataMark   string      // the years it shows whose data are not final (cover.go)
	Rows       []tableRow
}

// tableRow is one line of the table of a chart's data.
type tableRow struct {
	Category, Value, N string
	Small              bool
}

// newPage lays r out in the language of l.
func newPage(l *lang.Printer, r Report) (*page, error) {
	b := &builder{l: l, figs: clean(l, r.Figures)}
	p := &page{
		Lang:      l.Code(),
		Title:     l.T("report.title", "Heading", Heading(l, r), "Campus", r.Campus),
		Heading:   Heading(l, r),
		Campus:    r.Campus,
		Year:      r.Year,
		Generated: r.Generated,
		Version:   r.Version,
		Sources:   r.Sources,
	}
	p.MinCellSize = r.MinCellSize
	p.annex = r.Annex
	if r.Scope != nil {
		p.Scope = newScopePage(l, *r.Scope, r.Year)
	}
	for _, id := range []string{"animations", "participants"} {
		if h := b.figs.headline(id, ""); h != nil {
			p.Headline = append(p.Headline, headlineCard(l, *h))
		}
	}
	p.Publics = b.publicCards()
	for _, id := range []string{"establishments", "girls_share", "qpv_share"} {
		if h := b.figs.headline(id, ""); h != nil {
			p.More = append(p.More, headlineCard(l, *h))
		}
	}

	add := func(s section, err error) error {
		if err == nil && (len(s.Cards) > 0 || len(s.Charts) > 0) {
			p.Sections = append(p.Sections, s)
		}
		return err
	}
	surveyAnchors := map[string]string{}
	errs := []error{
		add(b.section("personnes", l.T("sections.people"), false,
			"participants", "girls_share", "qpv_share")),
		add(b.section("animations", l.T("sections.animations"), false, "animations")),
		add(b.section("etablissements", l.T("sections.establishments"), false, "establishments")),
	}
	for i, s := range b.figs.surveys() {
		sp, err := b.surveyPage(i+1, s)
		if len(sp.Cards)+len(sp.Charts) > 0 {
			surveyAnchors[s] = sp.ID
		}
		errs = append(errs, add(sp, err))
	}
	errs = append(errs,
		add(b.section("immersion", l.T("sections.immersion"), true,
			"immersion_periods", "attractiveness")),
		add(b.section("autres", l.T("sections.others"), true, b.figs.unknownIDs()...)),
	)
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	p.Actions = newActionsPage(b, r.Actions, surveyAnchors)
	var err error
	if p.Trajectory, err = newTrajectoryPage(l, r.Year, r.Trajectories); err != nil {
		return nil, err
	}
	p.Comparison = newComparisonTable(l, r.Comparison)
	p.Methods = newMethodsPage(l, p, b.figs)
	if r.Cover != nil {
		p.Cover = newCoverPage(l, p, r)
	}
	return p, nil
}

// newCoverPage lays out the cover of p, and marks each chart and table of
// p that shows a year whose data are not final (cover.go).
func newCoverPage(l *lang.Printer, p *page, r Report) *coverPage {
	c := &coverPage{Cover: *r.Cover, Version: r.Version, Warning: NotFinalText(l, *r.Cover)}
	if p.Trajectory != nil {
		c.Contents = append(c.Contents, section{ID: "trajectoire", Title: p.Trajectory.Title})
		for i := range p.Trajectory.Blocks {
			b, t := &p.Trajectory.Blocks[i], r.Trajectories[i]
			c.Targets = append(c.Targets, coverTarget{Label: b.Chart.Title, Status: b.Status, StatusClass: b.StatusClass})
			var years []int
			for _, v := range t.Values {
				if v.Value != nil {
					years = append(years, v.Year)
				}
			}
			b.Chart.DataMark = yearsMark(l, r.Cover.NotFinal, years)
			if r.Cover.TargetsDemo {
				b.Chart.DataMark = strings.TrimSpace(b.Chart.DataMark + " " + l.T("cover.target_demo"))
			}
		}
	}
	if len(p.Headline)+len(p.Publics)+len(p.More) > 0 {
		c.Contents = append(c.Contents, section{ID: "chiffres-cles", Title: l.T("report.key_figures", "Year", r.Year)})
	}
	// Every card and chart below shows the year of the report: a card may
	// be copied alone into a funder's slides, so each says it.
	mark := yearsMark(l, r.Cover.NotFinal, []int{r.Year})
	markCards := func(cards []card) {
		for i := range cards {
			cards[i].DataMark = mark
		}
	}
	markCards(p.Headline)
	markCards(p.Publics)
	markCards(p.More)
	for i := range p.Sections {
		c.Contents = append(c.Contents, section{ID: p.Sections[i].ID, Title: p.Sections[i].Title})
		markCards(p.Sections[i].Cards)
		markCards(p.Sections[i].Annex)
		for j := range p.Sections[i].Charts {
			p.Sections[i].Charts[j].DataMark = mark
		}
	}
	if p.Actions != nil {
		c.Contents = append(c.Contents, section{ID: p.Actions.ID, Title: p.Actions.Title})
		for i := range p.Actions.Axes {
			for j := range p.Actions.Axes[i].Sheets {
				p.Actions.Axes[i].Sheets[j].DataMark = mark
			}
		}
	}
	if p.Comparison != nil {
		c.Contents = append(c.Contents, section{ID: "comparaison", Title: l.T("comparison.title")})
		if m := yearsMark(l, r.Cover.NotFinal, r.Comparison.Years); m != "" {
			p.Comparison.Notes = append([]string{m}, p.Comparison.Notes...)
		}
	}
	if p.Methods != nil {
		c.Contents = append(c.Contents, section{ID: methodsID, Title: p.Methods.Title})
	}
	return c
}

// builder makes the sections and numbers the charts.
type builder struct {
	l      *lang.Printer // the report's language
	figs   figures
	charts int
}

// nextID names the next chart of the page: chart-1, chart-2...
func (b *builder) nextID() string {
	b.charts++
	return "chart-" + strconv.Itoa(b.charts)
}

// dimOrder is the order of the breakdowns of an indicator; others follow.
var dimOrder = []string{"public", "axe", "action", "type_etablissement", "mois", "vague"}

// section makes a section of the campus-wide indicators ids: a card for each
// headline when cards is set (the others are in the banner), and a chart for
// each breakdown.
func (b *builder) section(anchor, title string, cards bool, ids ...string) (section, error) {
	s := section{ID: anchor, Title: title}
	for _, id := range ids {
		h := b.figs.headline(id, "")
		if cards && h != nil {
			s.Cards = append(s.Cards, headlineCard(b.l, *h))
		}
		for _, dim := range b.figs.dimensions(id, "", dimOrder...) {
			if onSheets(id, dim) {
				continue
			}
			c, err := b.breakdownChart(b.figs.breakdown(id, "", dim), h)
			if err != nil {
				return s, err
			}
			s.Charts = append(s.Charts, c)
		}
	}
	return s, nil
}

// publicCards returns the "dont" figures of the banner: the participants of
// the publics the funders read first, in the seed report's order.
func (b *builder) publicCards() []card {
	rows := b.figs.breakdown("participants", "", "public")
	var out []card
	for _, want := range []string{"collegiens", "lyceens", "etudiants", "grand public"} {
		for _, f := range rows {
			if fold(f.Category) == want {
				c := card{
					Value:      b.l.Number(f.Value),
					Label:      capitalize(DataWord(b.l, f.Category)),
					Detail:     countDetail(b.l, f),
					Definition: f.Definition,
				}
				c.Hover = c.Detail
				if isSmall(f) {
					c.Warning = b.l.T("common.small_n")
				}
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// headlineCard shows a headline figure, or what stands for it and why when
// it is withheld.
func headlineCard(l *lang.Printer, f Figure) card {
	if f.WithheldBelow > 0 {
		note := l.Reword(f.Note)
		return card{Value: WithheldText(l, f), Label: label(l, f), Detail: note, Definition: f.Definition,
			Hover: note}
	}
	k := kindOf(f)
	c := card{Value: k.format(l, f.Value), Label: label(l, f), Definition: f.Definition, Detail: countDetail(l, f)}
	if k == kindShare && f.CILow != nil && f.CIHigh != nil {
		c.Detail = capitalize(shareProbably(l, f)) + " (" + basisText(l, f) + ")"
	}
	if cov := coverageText(l, f); cov != "" {
		c.Detail = capitalize(cov)
	}
	c.Hover = c.Detail
	if isSmall(f) {
		c.Warning = l.T("common.small_n")
	}
	if IsLowCoverage(f.Coverage) {
		c.Partial = true
		c.Warning = strings.TrimSpace(c.Warning + " " + l.T("coverage.low"))
	}
	return c
}

// intervalChart draws a share as a bar with its 95 % interval.
func (b *builder) intervalChart(f Figure) (chart, error) {
	l := b.l
	id := b.nextID()
	cat := capitalize(basisText(l, f))
	if isSmall(f) {
		cat += " *"
	}
	caption, value := capitalize(basisText(l, f)), shareProbably(l, f)
	tip := []string{label(l, f), value, caption}
	if isSmall(f) {
		tip = append(tip, l.T("common.small_n"))
	}
	spec, err := buildBar(barOptions{
		ID: id, Series: label(l, f), Horizontal: true, Axis: axisPercent, Max: 1, LabelInside: true, AxisName: axisTitle(l, f),
		Interval: l.T("chart.interval"),
		Points: []point{{Category: cat, Value: f.Value, Label: l.Percent(f.Value),
			Tip: tip, CILow: f.CILow, CIHigh: f.CIHigh}},
	})
	if err != nil {
		return chart{}, err
	}
	c := chart{ID: id, Title: label(l, f), Height: 160, Spec: spec,
		Caption: caption, Definition: f.Definition,
		Rows: []tableRow{{Category: label(l, f), Value: value, N: l.Count(f.N), Small: isSmall(f)}}}
	if isSmall(f) {
		c.Warning = "* " + l.T("common.small_n")
	}
	return c, nil
}

// breakdownChart draws the rows of one indicator along one dimension:
// months in order, waves before then after, anything else sorted by value,
// as horizontal bars so that long names stay readable. headline is the
// indicator's headline row, if any, for the total n.
func (b *builder) breakdownChart(rows []Figure, headline *Figure) (chart, error) {
	l := b.l
	f0 := rows[0]
	dim, k := f0.Dimension, kindOf(f0)
	rows = order(dim, k, rows)
	id := b.nextID()

	var pts []point
	var table []tableRow
	var small, partial, withheld []string
	for _, f := range rows {
		cat := category(l, dim, f.Category)
		// A withheld part has no bar; its line of the table says so.
		if f.WithheldBelow > 0 {
			table = append(table, tableRow{Category: cat, Value: WithheldText(l, f)})
			withheld = append(withheld, l.T("chart.withheld_part", "Category", cat, "Value", WithheldText(l, f), "Why", l.Reword(f.Note)))
			continue
		}
		shown := cat
		if isSmall(f) {
			shown += " *"
			small = append(small, cat+" ("+basisText(l, f)+")")
		}
		if IsLowCoverage(f.Coverage) {
			shown += " " + partialMark
			partial = append(partial, cat+" ("+coverageShort(l, f)+")")
		}
		tip := []string{cat, withUnit(l, f)}
		if k != kindCount {
			tip = append(tip, capitalize(basisText(l, f)))
		}
		if cov := coverageText(l, f); cov != "" {
			tip = append(tip, capitalize(cov))
		}
		if isSmall(f) {
			tip = append(tip, l.T("common.small_n"))
		}
		n := l.Count(f.N)
		if cov := coverageShort(l, f); cov != "" {
			n += " (" + cov + ")"
		}
		pts = append(pts, point{Category: shown, Value: f.Value, Label: k.format(l, f.Value), Tip: tip})
		table = append(table, tableRow{Category: cat, Value: k.format(l, f.Value), N: n, Small: isSmall(f)})
	}
	horizontal := dim != "mois" && dim != "vague"
	height := 300
	if dim == "vague" {
		height = 240
	}
	if horizontal {
		height = max(140, 70+30*len(pts))
	}
	var minValue, maxValue any
	switch {
	case k == kindShare:
		maxValue = 1
	case f0.ID == "interest_uplift" && dim == "vague":
		// The mean answer on the 1-5 scale of the question is drawn on
		// that scale: from 0, 3 against 4 would look like three quarters
		// of the way, where it is half.
		minValue, maxValue = 1, 5
	}
	spec, err := buildBar(barOptions{ID: id, Series: label(l, f0), Points: pts,
		Horizontal: horizontal, Axis: k.axis(), Min: minValue, Max: maxValue, AxisName: axisTitle(l, f0), Whole: k == kindCount})
	if err != nil {
		return chart{}, err
	}
	title := l.T("chart.by", "Label", label(l, f0), "Dimension", dimLabel(l, dim))
	if f0.ID == "interest_uplift" && dim == "vague" {
		title = l.T("chart.interest_waves")
	} else if dim == "vague" {
		title = l.T("chart.before_after", "Label", label(l, f0))
	}
	c := chart{ID: id, Title: title, Height: height, Spec: spec,
		Caption: totalN(l, rows, headline), Definition: f0.Definition, Rows: table}
	if len(small) > 0 {
		c.Warning = l.T("chart.small_parts", "Note", l.T("common.small_n"), "Parts", strings.Join(small, ", "))
	}
	if len(partial) > 0 {
		c.Warning = strings.TrimSpace(c.Warning + " " + partialMark + " " + l.T("coverage.low") + " " + strings.Join(partial, ", ") + ".")
	}
	if len(withheld) > 0 {
		c.Warning = strings.TrimSpace(c.Warning + " " + capitalize(strings.Join(withheld, l.T("list.semicolon"))) + ".")
	}
	return c, nil
}

// order sorts the rows of a breakdown for display. Months run from the first
// to the last, a month with no row counting zero; waves go before, then
// after; anything else goes by decreasing value.
func order(dim string, k kind, rows []Figure) []Figure {
	rows = slices.Clone(rows)
	switch dim {
	case "mois":
		slices.SortStableFunc(rows, func(a, b Figure) int { return strings.Compare(a.Category, b.Category) })
		if k == kindCount {
			rows = fillMonths(rows)
		}
	case "vague":
		slices.SortStableFunc(rows, func(a, b Figure) int { return waveRank(a.Category) - waveRank(b.Category) })
	default:
		slices.SortStableFunc(rows, func(a, b Figure) int {
			if a.Value != b.Value {
				if a.Value > b.Value {
					return -1
				}
				return 1
			}
			return strings.Compare(a.Category, b.Category)
		})
	}
	return rows
}

// fillMonths adds a zero row for every month missing between the first and
// the last, when every category is a "YYYY-MM" month: a gap on the axis
// would hide a month without animation.
func fillMonths(rows []Figure) []Figure {
	have := map[int]Figure{}
	lo, hi := math.MaxInt, math.MinInt
	for _, f := range rows {
		y, m, ok := parseMonth(f.Category)
		if !ok {
			return rows
		}
		k := y*12 + m - 1
		have[k] = f
		lo, hi = min(lo, k), max(hi, k)
	}
	var out []Figure
	for k := lo; k <= hi; k++ {
		f, ok := have[k]
		if !ok {
			f = rows[0]
			f.Category = fmt.Sprintf("%04d-%02d", k/12, k%12+1)
			f.Value, f.N = 0, 0
		}
		out = append(out, f)
	}
	return out
}

// basisText says in plain words what a figure rests on: "calculé sur 18
// répondants", "calculé sur les 17 mêmes personnes, avant et après", "4 604
// participations" (catalogue key basis.<id>, basis.unknown for an indicator
// it does not know). The statistician's "n = 18" is for « Méthodes ».
func basisText(l *lang.Printer, f Figure) string {
	key := "basis." + f.ID
	if !l.Has(key) {
		key = "basis.unknown"
	}
	return l.N(key, f.N, "N", l.Count(f.N))
}

// axisTitle says what the value axis of f's chart measures
// ("Participations", "Part de filles"): catalogue key axis.<id>, or
// axis.kind_<kind> for an indicator it does not know.
func axisTitle(l *lang.Printer, f Figure) string {
	if key := "axis." + f.ID; l.Has(key) {
		return l.T(key)
	}
	return l.T("axis.kind_" + kindOf(f).name())
}

// Basis is basisText for the terminal's headlines: what f rests on, in
// plain words, or "" for a count that is its own basis (80 animations).
func Basis(l *lang.Printer, f Figure) string {
	if kindOf(f) == kindCount && float64(f.N) == f.Value {
		return ""
	}
	return basisText(l, f)
}

// countDetail is what a key figure rests on, left out where it would only
// repeat a count ("80 animations" under "80").
func countDetail(l *lang.Printer, f Figure) string {
	return capitalize(Basis(l, f))
}

// withUnit writes a value with its unit, for a tooltip: "2 087
// participations" for a count the catalogue names (basis.<id>: a
// participation is not a person), the query's unit otherwise.
func withUnit(l *lang.Printer, f Figure) string {
	k := kindOf(f)
	if k == kindCount && l.Has("basis."+f.ID) && f.Value == math.Trunc(f.Value) {
		f.N = int64(f.Value)
		return basisText(l, f)
	}
	s := k.format(l, f.Value)
	if u := strings.TrimSpace(f.Unit); u != "" && k != kindShare && k != kindChange {
		s += " " + DataWord(l, u)
	}
	return s
}

// totalN says under a chart what it rests on: the headline's basis when
// there is one, the total of the rows otherwise ("Total : 4 604
// participations"), and each wave's respondents for the waves of a survey.
func totalN(l *lang.Printer, rows []Figure, headline *Figure) string {
	if headline != nil {
		if cov := coverageText(l, *headline); cov != "" {
			return capitalize(cov)
		}
		return totalOf(l, *headline)
	}
	if rows[0].Dimension == "vague" {
		var parts []string
		for _, f := range rows {
			parts = append(parts, basisText(l, f)+" "+strings.ToLower(category(l, "vague", f.Category)))
		}
		return capitalize(strings.Join(parts, ", "))
	}
	sum := rows[0]
	sum.N = 0
	for _, f := range rows {
		sum.N += f.N
	}
	return totalOf(l, sum)
}

// totalOf writes the basis of a headline under its chart: a count is a
// total ("Total : 4 604 participations"), anything else says what it is
// calculated on.
func totalOf(l *lang.Printer, f Figure) string {
	if kindOf(f) == kindCount {
		return l.T("chart.total", "Basis", basisText(l, f))
	}
	return capitalize(basisText(l, f))
}
