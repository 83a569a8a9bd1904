package charts

import (
	"math"
	"slices"
	"strconv"
	"strings"

	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/cmq-greencity/greencity/lang"
)

// The page of one survey: its key figures (orientation confirmed with its
// interval, the change of interest with its paired test, how many answered
// before, after and both), then for each question a diverging stacked bar
// of its answers before and after, disagreement to the left and agreement to
// the right, with the share agreeing and its interval and the test in words.
// Each figure is said in a sentence a reader who is no statistician
// follows ("15 des 18 répondants ... : 83 %, probablement entre 61 % et
// 94 %"); what limits the survey (few respondents, wide intervals) is said
// once, at the top of its part; the names of the methods, the tests and
// their p-values are in the part "Méthodes" (methods.go). A figure withheld
// under the small-cell rule says so where it is.

// surveyIDs are the questionnaire indicators this page lays out itself; any
// other indicator of a survey gets a card and a chart, as elsewhere.
var surveyIDs = []string{"orientation_confirmed_rate", "interest_uplift", "survey_pairing",
	"survey_change", "survey_likert", "response_rate"}

// surveyPage makes the section of the i-th survey.
func (b *builder) surveyPage(i int, survey string) (section, error) {
	l := b.l
	s := section{ID: "enquete-" + strconv.Itoa(i), Title: l.T("survey.title", "Survey", survey)}
	f := b.figs
	s.Caution = surveyCaution(l, f, survey)
	orientation := f.headline("orientation_confirmed_rate", survey)
	interest := f.headline("interest_uplift", survey)
	if orientation != nil {
		c := surveyCard(l, *orientation)
		if orientation.WithheldBelow == 0 {
			c.Detail = orientationSentence(l, f, *orientation)
			c.Hover = c.Detail
		}
		s.Cards = append(s.Cards, c)
	}
	if interest != nil {
		c, annex := interestCards(l, f, survey, *interest)
		s.Cards = append(s.Cards, c)
		s.Annex = append(s.Annex, annex...)
	}
	if r := f.headline("response_rate", survey); r != nil {
		s.Cards = append(s.Cards, surveyCard(l, *r))
	}
	if p := f.headline("survey_pairing", survey); p != nil {
		s.Cards = append(s.Cards, pairingCard(l, *p))
	}

	if orientation != nil && orientation.WithheldBelow == 0 {
		c, err := b.intervalChart(*orientation)
		if err != nil {
			return s, err
		}
		c.Lines = []string{orientationSentence(l, f, *orientation)}
		s.Charts = append(s.Charts, c)
	}
	for _, id := range []string{"interest_uplift", "response_rate"} {
		rows := f.breakdown(id, survey, "vague")
		if len(rows) == 0 {
			continue
		}
		if withheldAll(rows) {
			s.Cards = append(s.Cards, surveyCard(l, rows[0]))
			continue
		}
		c, err := b.breakdownChart(rows, f.headline(id, survey))
		if err != nil {
			return s, err
		}
		c.Lines = waveSentences(l, id, rows)
		s.Charts = append(s.Charts, c)
	}

	for _, q := range f.questions(survey) {
		rows := f.ofQuestion(survey, q)
		if withheldAny(rows) {
			// The card says why, from a withheld row: the group disclosure
			// rule may leave other rows of the question shown.
			w := rows[slices.IndexFunc(rows, func(f Figure) bool { return f.WithheldBelow > 0 })]
			w.Label = questionTitle(w)
			s.Cards = append(s.Cards, surveyCard(l, w))
			continue
		}
		c, err := b.likertChart(survey, q, rows)
		if err != nil {
			return s, err
		}
		s.Charts = append(s.Charts, c)
	}

	// Any other indicator of the survey, as the rest of the report shows it.
	for _, id := range f.idsOf(survey) {
		if slices.Contains(surveyIDs, id) {
			continue
		}
		h := f.headline(id, survey)
		if h != nil {
			s.Cards = append(s.Cards, surveyCard(l, *h))
		}
		for _, dim := range f.dimensions(id, survey, dimOrder...) {
			rows := f.breakdown(id, survey, dim)
			if withheldAny(rows) {
				s.Cards = append(s.Cards, surveyCard(l, rows[0]))
				continue
			}
			c, err := b.breakdownChart(rows, h)
			if err != nil {
				return s, err
			}
			s.Charts = append(s.Charts, c)
		}
	}
	return s, nil
}

// waveSentences say what the chart of the waves of interest_uplift or of
// response_rate shows: "Note moyenne sur 5 des 17 mêmes personnes : 3,0
// avant l'action, 4,0 après.", "19 des 20 personnes interrogées ont
// répondu avant l'action (95 %), 18 des 20 après (90 %)."
func waveSentences(l *lang.Printer, id string, rows []Figure) []string {
	rows = order("vague", kindMean, rows)
	var parts []string
	for i, f := range rows {
		when := strings.ToLower(category(l, "vague", f.Category))
		if i == 0 && waveRank(f.Category) < 2 {
			when += l.T("survey.the_action")
		}
		switch id {
		case "interest_uplift":
			parts = append(parts, l.Decimal(f.Value, 1)+" "+when)
		case "response_rate":
			if f.Value > 0 {
				parts = append(parts, l.N("survey.wave_answered", f.N, "K", l.Count(f.N),
					"N", l.Int(float64(f.N)/f.Value), "When", when, "Share", l.Percent(f.Value)))
			} else {
				parts = append(parts, l.T("survey.wave_none", "When", when, "Share", l.Percent(f.Value)))
			}
		}
	}
	if len(parts) == 0 {
		return nil
	}
	if id == "interest_uplift" {
		return []string{l.T("survey.interest_means", "N", l.Count(rows[0].N), "Parts", strings.Join(parts, ", "))}
	}
	return []string{capitalize(strings.Join(parts, l.T("list.semicolon"))) + "."}
}

// surveyCard shows a headline figure of a survey: its value, or "< 10" and
// why when it is withheld. Its note (few respondents, a wide interval) is
// said once for the survey (surveyCaution), not on each card.
func surveyCard(l *lang.Printer, f Figure) card {
	if f.WithheldBelow > 0 {
		note := l.Reword(f.Note)
		return card{Value: WithheldText(l, f), Label: label(l, f), Detail: note, Definition: f.Definition,
			Hover: note}
	}
	return headlineCard(l, f)
}

// pairingCard shows how many answered before, after and both.
func pairingCard(l *lang.Printer, f Figure) card {
	c := card{Value: l.Percent(f.Value), Label: l.T("survey.pairing_label"),
		Definition: f.Definition, Detail: capitalize(basisText(l, f))}
	if f.Pairs != nil && f.PreOnly != nil && f.PostOnly != nil {
		pairs, pre, post := *f.Pairs, *f.PreOnly, *f.PostOnly
		c.Detail = l.T("survey.pairing_detail", "Pairs", l.Count(pairs), "N", l.Count(f.N),
			"Before", l.Count(pairs+pre), "After", l.Count(pairs+post), "BeforeOnly", l.Count(pre), "AfterOnly", l.Count(post))
	}
	c.Hover = c.Detail
	return c
}

// interestCards show the change of interest as a reader cannot misread it:
// how many of the same people agree (4 or 5) before and after, each share
// with its interval, whether the change stands out from chance (McNemar on
// agree / disagree), then the change in points of the scale with its
// interval. The relative change of the mean
// (interest_uplift's value, "+33 %") goes to the annex with its definition:
// it is easily read as "33 % more pupils interested", and it depends on how
// the scale is numbered. Without the shares (a figure withheld, or computed
// by an older version), the card of interest_uplift as it is.
func interestCards(l *lang.Printer, f figures, survey string, interest Figure) (card, []card) {
	if interest.WithheldBelow > 0 {
		return surveyCard(l, interest), nil
	}
	points := pointsOf(f.breakdown("interest_uplift", survey, "mesure"))
	before, after, agree, ok := AgreeShares(f, survey)
	if !ok {
		c := surveyCard(l, interest)
		c.Detail = changeInWords(l, interest, points)
		c.Hover = c.Detail
		return c, nil
	}
	c := card{Value: l.Percent(before.Value) + " → " + l.Percent(after.Value),
		Label:      l.T("survey.interested_label"),
		Definition: after.Definition}
	detail := []string{l.T("survey.interested_detail", "N", l.Count(after.N),
		"Before", l.Count(countOf(before)), "BeforeShare", shareProbably(l, before),
		"After", l.Count(countOf(after)), "AfterShare", shareProbably(l, after))}
	detail = append(detail, capitalize(sentence(l, l.T("subjects.interested_share"), agree))+".")
	if points != nil {
		detail = append(detail, l.T("change.on_average", "Sentence", sentence(l, l.T("subjects.interet_sciences_energie"), *points)))
	}
	c.Detail = strings.Join(detail, " ")
	c.Hover = c.Detail
	return c, []card{relativeChangeCard(l, f, survey, interest)}
}

// AgreeShares returns the headline of the change of interest of a survey
// (interest_uplift's question), as no reader can misread it: the share of
// the pairs agreeing (4 or 5) before and after, and the change of that
// share with its McNemar test. The report's survey section and the summary
// printed by greencity run both show it. ok is false when one of the three
// is missing or withheld.
func AgreeShares(figs []Figure, survey string) (before, after, change Figure, ok bool) {
	var found [3]bool
	for _, r := range figures(figs).ofQuestion(survey, pairedQuestion) {
		switch {
		case r.WithheldBelow > 0:
		case r.ID == "survey_likert" && r.Dimension == "" && waveRank(r.Wave) == 0:
			before, found[0] = r, true
		case r.ID == "survey_likert" && r.Dimension == "" && waveRank(r.Wave) == 1:
			after, found[1] = r, true
		case r.ID == "survey_change" && r.Dimension == "mesure":
			change, found[2] = r, true
		}
	}
	return before, after, change, found == [3]bool{true, true, true}
}

// The questions two indicators are defined on (queries/indicators).
const (
	pairedQuestion      = "interet_sciences_energie" // interest_uplift
	orientationQuestion = "renforce_orientation"     // orientation_confirmed_rate
)

// orientationSentence says the share of orientation_confirmed_rate as a
// reader who is no statistician reads it: "15 des 18 répondants disent que
// l'action a conforté leur choix d'orientation : 83 %, probablement entre
// 61 % et 94 % (4 ou 5 sur 5 à la question « ... »)".
func orientationSentence(l *lang.Printer, fs figures, f Figure) string {
	who := capitalize(ofRespondents(l, countOf(f), f.N, "orientation"))
	if q := fs.questionLabel(f.Survey, orientationQuestion); q != "" {
		return l.T("survey.orientation_question", "Who", who, "Share", shareProbably(l, f), "Question", q)
	}
	return l.T("survey.orientation", "Who", who, "Share", shareProbably(l, f))
}

// ofRespondents says how many of n respondents do what (a message of the
// catalogue, survey.none_<what> and survey.some_<what>), the verb
// agreeing: "15 des 18 répondants disent ...", "1 des 18 répondants dit
// ...", "aucun des 18 répondants ne dit ...".
func ofRespondents(l *lang.Printer, k, n int64, what string) string {
	if k == 0 {
		return l.T("survey.none_"+what, "N", l.Count(n))
	}
	return l.N("survey.some_"+what, k, "K", l.Count(k), "N", l.Count(n))
}

// countOf is how many people a share of f.N people is: 0.833 of 18 is 15.
func countOf(f Figure) int64 {
	return int64(math.Round(f.Value * float64(f.N)))
}

// shareProbably writes a share with its interval in words: "83 %,
// probablement entre 61 % et 94 %"; the share alone without an interval.
func shareProbably(l *lang.Printer, f Figure) string {
	s := l.Percent(f.Value)
	if f.CILow != nil && f.CIHigh != nil {
		s = l.T("survey.probably", "Share", s, "Low", l.Percent(*f.CILow), "High", l.Percent(*f.CIHigh))
	}
	return s
}

// questionLabel is the wording of a question of a survey, as its
// questionnaire asks it; "" when no figure of the survey carries it.
func (fs figures) questionLabel(survey, question string) string {
	for _, f := range fs {
		if f.Survey == survey && f.Question == question && strings.TrimSpace(f.QuestionLabel) != "" {
			return strings.TrimSpace(f.QuestionLabel)
		}
	}
	return ""
}

// relativeChangeCard is interest_uplift's own figure, the relative change of
// the mean score, for the annex: with how it is computed and why it is not
// a share of people.
func relativeChangeCard(l *lang.Printer, f figures, survey string, interest Figure) card {
	c := card{Value: l.Change(interest.Value), Label: l.T("survey.relative_label"),
		Definition: interest.Definition}
	var means []Figure
	for _, r := range f.breakdown("interest_uplift", survey, "vague") {
		if r.WithheldBelow == 0 {
			means = append(means, r)
		}
	}
	detail := l.T("survey.relative_formula")
	if len(means) == 2 {
		slices.SortStableFunc(means, func(a, b Figure) int { return waveRank(a.Category) - waveRank(b.Category) })
		pre, post := means[0].Value, means[1].Value
		detail += " = (" + l.Decimal(post, 1) + " − " + l.Decimal(pre, 1) + ") / " + l.Decimal(pre, 1)
	}
	detail += ", " + basisText(l, interest) + "."
	if len(means) == 2 && means[0].Value > 1 {
		pre, post := means[0].Value, means[1].Value
		detail += " " + l.T("survey.relative_scale", "Change", l.Change((post-pre)/(pre-1)))
	}
	c.Detail = detail + " " + l.T("survey.relative_not_share", "Change", l.Change(interest.Value))
	c.Hover = c.Detail
	return c
}

// pointsOf returns the change in points of the scale among the rows of the
// "mesure" breakdown of interest_uplift, or nil.
func pointsOf(rows []Figure) *Figure {
	for i, r := range rows {
		if r.Unit == "points sur 5" && r.WithheldBelow == 0 {
			return &rows[i]
		}
	}
	return nil
}

// changeInWords writes the change of interest_uplift as the report says it:
// "L'intérêt augmente de 1,0 point sur 5, probablement entre +0,6 et
// +1,4". Without a change in points (older figures), what it rests on.
func changeInWords(l *lang.Printer, f Figure, points *Figure) string {
	if points == nil {
		return capitalize(basisText(l, f))
	}
	return capitalize(sentence(l, l.T("subjects.interet_sciences_energie"), *points))
}

// sentence writes a change in points of a 1-5 scale, or of a share of
// "oui", in plain words: its interval as "probablement entre ... et ...",
// and, when its test cannot tell it from chance, that it is "trop faible
// pour être distingué du hasard". The test, its p and its pairs are in
// "Méthodes" (methods.go).
func sentence(l *lang.Printer, subject string, f Figure) string {
	d := f.Value
	share := f.Unit != "points sur 5"
	// The amount decides the plural: French says "1,5 point", English
	// "1.5 points"; go-i18n reads a decimal number written with a point.
	count := strconv.FormatFloat(math.Abs(d), 'f', 1, 64)
	amount := l.N("change.points_scale", count, "N", l.Decimal(math.Abs(d), 1))
	if share {
		count = strconv.FormatFloat(math.Round(math.Abs(d)*100), 'f', 0, 64)
		amount = l.N("change.points", count, "N", l.Int(math.Abs(d)*100))
	}
	var s string
	switch {
	case count == "0.0" || count == "0":
		s = l.T("change.none", "Subject", subject)
	case d > 0:
		s = l.T("change.up", "Subject", subject, "Amount", amount)
	default:
		s = l.T("change.down", "Subject", subject, "Amount", amount)
	}
	if f.CILow != nil && f.CIHigh != nil && !share {
		s += l.T("change.probably", "Low", signed(l, *f.CILow), "High", signed(l, *f.CIHigh))
	}
	// The verdict goes by the adjusted p when the survey tests several
	// questions: one of four tests at 5 % comes out by chance too often.
	if chance(f) {
		s += l.T("change.chance")
	}
	return s
}

// chance tells whether the test of a change cannot tell it from chance:
// its p, adjusted for the other tests of its survey when it has been, is
// 5 % or more.
func chance(f Figure) bool {
	p := verdictP(f)
	return p != nil && *p >= 0.05
}

// verdictP is the p-value a figure is judged by: adjusted for the other
// tests of its survey when it has been, else its own.
func verdictP(f Figure) *float64 {
	if f.PAdjusted != nil {
		return f.PAdjusted
	}
	return f.PValue
}

// signed writes a change in points with its sign: "+0,6", "-0,2".
func signed(l *lang.Printer, v float64) string {
	s := l.Decimal(v, 1)
	if !strings.HasPrefix(s, "-") && s != l.Decimal(0, 1) {
		s = "+" + s
	}
	return s
}

// formatP writes a p-value the French way: "p < 0,001", "p = 0,003",
// "p = 0,21".
func formatP(l *lang.Printer, p float64) string {
	switch {
	case p < 0.001:
		return "p <" + nbSpace + l.Decimal(0.001, 3)
	case p < 0.1:
		return "p =" + nbSpace + l.Decimal(p, 3)
	}
	return "p =" + nbSpace + l.Decimal(p, 2)
}

// questions returns the questions of a survey that have answers to chart:
// those asked before and after first (they compare), then the others, each
// in the order of the queries. A question counts once it has a share of
// agreement (the row without dimension) in some wave: likertChart draws
// the waves of those shares, and clean may have dropped them.
func (fs figures) questions(survey string) []string {
	var twice, once []string
	for _, f := range fs {
		if f.ID != "survey_likert" || f.Survey != survey || f.Question == "" || f.Dimension != "" ||
			slices.Contains(twice, f.Question) || slices.Contains(once, f.Question) {
			continue
		}
		if fs.askedTwice(survey, f.Question) {
			twice = append(twice, f.Question)
		} else {
			once = append(once, f.Question)
		}
	}
	return append(twice, once...)
}

// askedTwice tells whether a question has answers before and after.
func (fs figures) askedTwice(survey, question string) bool {
	waves := map[int]bool{}
	for _, f := range fs {
		if f.ID == "survey_likert" && f.Survey == survey && f.Question == question {
			waves[waveRank(f.Wave)] = true
		}
	}
	return waves[0] && waves[1]
}

// ofQuestion returns the rows about one question: its answers
// (survey_likert) and its change (survey_change).
func (fs figures) ofQuestion(survey, question string) []Figure {
	var out []Figure
	for _, f := range fs {
		if (f.ID == "survey_likert" || f.ID == "survey_change") && f.Survey == survey && f.Question == question {
			out = append(out, f)
		}
	}
	return out
}

func withheldAny(rows []Figure) bool {
	return slices.ContainsFunc(rows, func(f Figure) bool { return f.WithheldBelow > 0 })
}

func withheldAll(rows []Figure) bool {
	return !slices.ContainsFunc(rows, func(f Figure) bool { return f.WithheldBelow == 0 })
}

// questionTitle is a question as the questionnaire asks it.
func questionTitle(f Figure) string {
	if l := strings.TrimSpace(f.QuestionLabel); l != "" {
		return l
	}
	return f.Question
}

// level is one answer of a scale: its category in the rows, its name in the
// legend, its colour (disagreement red, neutral grey, agreement green) and
// its side of the diverging bar.
type level struct {
	category, name, color string
	side                  int // -1 disagree, 0 neutral, +1 agree
}

// scales are the answers of each question type, from the lowest to the
// highest, keyed by whether the question is answered yes or no. The names
// of "oui" and "non" are written in the report's language (likertChart).
var scales = map[bool][]level{
	// likert5
	false: {
		{"1", "1", "#c62828", -1}, {"2", "2", "#ef9a9a", -1}, {"3", "3", "#bdbdbd", 0},
		{"4", "4", "#81c784", 1}, {"5", "5", "#2e7d32", 1},
	},
	// oui_non
	true: {{"non", "Non", "#c62828", -1}, {"oui", "Oui", "#2e7d32", 1}},
}

// likertChart draws the answers to one question, one bar per wave, and
// writes under it the share agreeing with its interval, the test, and the
// pairs.
func (b *builder) likertChart(survey, question string, rows []Figure) (chart, error) {
	l := b.l
	id := b.nextID()
	var waves []string // avant, après, in time order
	shares := map[string]Figure{}
	dist := map[string]map[string]Figure{}
	var change, agreeChange *Figure
	yesNo := false
	for i, f := range rows {
		switch {
		case f.ID == "survey_change" && f.Dimension == "mesure":
			agreeChange = &rows[i]
		case f.ID == "survey_change":
			change = &rows[i]
		case f.Dimension == "":
			shares[f.Wave] = f
			if !slices.Contains(waves, f.Wave) {
				waves = append(waves, f.Wave)
			}
		case f.Dimension == "réponse":
			if dist[f.Wave] == nil {
				dist[f.Wave] = map[string]Figure{}
			}
			dist[f.Wave][f.Category] = f
			yesNo = yesNo || f.Category == "oui" || f.Category == "non"
		}
	}
	slices.SortStableFunc(waves, func(a, b string) int { return waveRank(a) - waveRank(b) })
	first := shares[waves[0]] // the chart draws the answers: their definition
	title := questionTitle(first)

	// Series in stacking order: from the centre outwards on each side, so
	// that the neutral half-bars meet at 0 and "1" ends furthest left.
	type segment struct {
		level
		left bool // drawn to the left of 0
	}
	var order []segment
	scale := slices.Clone(scales[yesNo])
	for i := range scale {
		scale[i].name = capitalize(DataWord(l, scale[i].name))
	}
	for i := len(scale) - 1; i >= 0; i-- {
		if scale[i].side <= 0 {
			order = append(order, segment{scale[i], true})
		}
	}
	for _, lv := range scale {
		if lv.side >= 0 {
			order = append(order, segment{lv, false})
		}
	}
	cats := make([]string, len(waves))
	for i, w := range waves {
		cats[i] = category(l, "vague", w)
	}
	bar := gocharts.NewBar()
	var legend []string
	for _, lv := range scale {
		legend = append(legend, lv.name)
	}
	bar.SetGlobalOptions(
		gocharts.WithInitializationOpts(opts.Initialization{ChartID: id, Renderer: "canvas"}),
		gocharts.WithAnimation(false),
		gocharts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Data: legend}),
		// page.js puts the plot below the legend, however it wraps.
		// Bottom leaves room for the axis's title under its labels.
		gocharts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "8", Bottom: "30", ContainLabel: opts.Bool(true)}),
		gocharts.WithXAxisOpts(opts.XAxis{Type: "value", Min: -1, Max: 1,
			Name: l.T("axis.survey_likert"), NameLocation: "middle", NameGap: 26}),
		gocharts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
	)
	bar.XYReversal()
	bar.SetXAxis(cats)
	spec := chartSpec{Axis: axisPercentAbs, Horizontal: true}
	var table []tableRow
	for _, lv := range order {
		data := make([]opts.BarData, len(waves))
		labels := make([]string, len(waves))
		tips := make([][]string, len(waves))
		for i, w := range waves {
			f := dist[w][lv.category]
			v := f.Value
			if lv.side == 0 {
				v /= 2 // the neutral answers, half on each side of 0
			}
			if lv.left {
				v = -v
			}
			data[i] = opts.BarData{Name: cats[i], Value: v}
			if lv.side != 0 && f.Value >= 0.08 {
				labels[i] = l.Percent(f.Value)
			}
			tips[i] = []string{chartText(cats[i] + " · " + lv.name), l.Percent(f.Value) + " (" +
				l.T("survey.k_of_n", "K", l.Count(int64(math.Round(f.Value*float64(f.N)))), "N", l.Count(f.N)) + ")"}
		}
		bar.AddSeries(lv.name, data,
			gocharts.WithBarChartOpts(opts.BarChart{Stack: "reponses", BarWidth: "28"}),
			gocharts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "inside", Color: "#1b1b1b"}),
			gocharts.WithItemStyleOpts(opts.ItemStyle{Color: lv.color}),
		)
		spec.Labels = append(spec.Labels, labels)
		spec.Tips = append(spec.Tips, tips)
	}
	for _, w := range waves {
		for _, lv := range scale {
			f := dist[w][lv.category]
			table = append(table, tableRow{Category: category(l, "vague", w) + " · " + lv.name, Value: l.Percent(f.Value), N: l.Count(f.N)})
		}
	}
	out, err := encodeSpec(id, bar, spec)
	if err != nil {
		return chart{}, err
	}

	c := chart{ID: id, Title: title, Height: 70 + 44*len(waves), Spec: out,
		Definition: first.Definition, Rows: table}
	// What the chart rests on: the same people before and after when the
	// question was asked twice.
	basis := shares[waves[0]]
	if len(waves) > 1 {
		basis.ID = "survey_change"
	} else {
		basis.ID = "survey_likert"
	}
	c.Caption = capitalize(basisText(l, basis))
	c.Lines = append(c.Lines, agreeSentence(l, waves, shares, yesNo))
	if change != nil {
		if agreeChange != nil {
			c.Lines = append(c.Lines, capitalize(sentence(l, l.T("subjects.agree_share"), *agreeChange))+".")
		}
		if yesNo {
			c.Lines = append(c.Lines, capitalize(sentence(l, l.T("subjects.yes_share"), *change))+".")
		} else {
			subject := l.T("subjects.score")
			if key := "subjects." + messageKey(question); l.Has(key) {
				subject = l.T(key)
			}
			c.Lines = append(c.Lines, l.T("change.on_average", "Sentence", sentence(l, subject, *change)))
		}
		if change.PreOnly != nil && change.PostOnly != nil && *change.PreOnly+*change.PostOnly > 0 {
			c.Lines = append(c.Lines, l.T("survey.unpaired", "BeforeOnly", l.Count(*change.PreOnly), "AfterOnly", l.Count(*change.PostOnly)))
		}
	}
	return c, nil
}

// agreeSentence says how many agree (4 or 5, or "oui") in each wave, with
// the share and its interval: "Avant l'action, 4 des 17 répondants
// répondent 4 ou 5 sur 5 : 24 %, probablement entre 10 % et 47 %. Après
// l'action, 13 des 17 : 76 %, probablement entre 53 % et 90 %."
func agreeSentence(l *lang.Printer, waves []string, shares map[string]Figure, yesNo bool) string {
	what := "agree"
	if yesNo {
		what = "yes"
	}
	var out []string
	for i, w := range waves {
		f := shares[w]
		when := capitalize(strings.ToLower(category(l, "vague", w)))
		if waveRank(w) < 2 {
			when += l.T("survey.the_action")
		}
		switch {
		case i == 0:
			out = append(out, l.T("survey.agree_first", "When", when, "Who", ofRespondents(l, countOf(f), f.N, what), "Share", shareProbably(l, f)))
		case countOf(f) == 0:
			out = append(out, l.T("survey.agree_next_none", "When", when, "N", l.Count(f.N), "Share", shareProbably(l, f)))
		default:
			out = append(out, l.T("survey.agree_next", "When", when, "K", l.Count(countOf(f)), "N", l.Count(f.N), "Share", shareProbably(l, f)))
		}
	}
	return strings.Join(out, " ")
}

// axisPercentAbs writes the value axis of a diverging chart: shares on both
// sides of 0, without sign ("40 %" to the left as to the right).
const axisPercentAbs axisKind = "pctabs"
