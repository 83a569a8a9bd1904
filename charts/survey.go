package charts

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
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
	s := section{ID: "enquete-" + strconv.Itoa(i), Title: "Enquête : " + survey}
	f := b.figs
	s.Caution = surveyCaution(f, survey)
	orientation := f.headline("orientation_confirmed_rate", survey)
	interest := f.headline("interest_uplift", survey)
	if orientation != nil {
		c := surveyCard(*orientation)
		if orientation.WithheldBelow == 0 {
			c.Detail = orientationSentence(f, *orientation)
			c.Hover = c.Detail
		}
		s.Cards = append(s.Cards, c)
	}
	if interest != nil {
		c, annex := interestCards(f, survey, *interest)
		s.Cards = append(s.Cards, c)
		s.Annex = append(s.Annex, annex...)
	}
	if r := f.headline("response_rate", survey); r != nil {
		s.Cards = append(s.Cards, surveyCard(*r))
	}
	if p := f.headline("survey_pairing", survey); p != nil {
		s.Cards = append(s.Cards, pairingCard(*p))
	}

	if orientation != nil && orientation.WithheldBelow == 0 {
		c, err := b.intervalChart(*orientation)
		if err != nil {
			return s, err
		}
		c.Lines = []string{orientationSentence(f, *orientation)}
		s.Charts = append(s.Charts, c)
	}
	for _, id := range []string{"interest_uplift", "response_rate"} {
		rows := f.breakdown(id, survey, "vague")
		if len(rows) == 0 {
			continue
		}
		if withheldAll(rows) {
			s.Cards = append(s.Cards, surveyCard(rows[0]))
			continue
		}
		c, err := b.breakdownChart(rows, f.headline(id, survey))
		if err != nil {
			return s, err
		}
		c.Lines = waveSentences(id, rows)
		s.Charts = append(s.Charts, c)
	}

	for _, q := range f.questions(survey) {
		rows := f.ofQuestion(survey, q)
		if withheldAny(rows) {
			// The card says why, from a withheld row: the group disclosure
			// rule may leave other rows of the question shown.
			w := rows[slices.IndexFunc(rows, func(f Figure) bool { return f.WithheldBelow > 0 })]
			w.Label = questionTitle(w)
			s.Cards = append(s.Cards, surveyCard(w))
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
			s.Cards = append(s.Cards, surveyCard(*h))
		}
		for _, dim := range f.dimensions(id, survey, dimOrder...) {
			rows := f.breakdown(id, survey, dim)
			if withheldAny(rows) {
				s.Cards = append(s.Cards, surveyCard(rows[0]))
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
func waveSentences(id string, rows []Figure) []string {
	rows = order("vague", kindMean, rows)
	var parts []string
	for i, f := range rows {
		when := strings.ToLower(category("vague", f.Category))
		if i == 0 && waveRank(f.Category) < 2 {
			when += " l'action"
		}
		switch id {
		case "interest_uplift":
			parts = append(parts, formatDecimal(f.Value, 1)+" "+when)
		case "response_rate":
			p := formatCount(f.N) + " des "
			if f.Value > 0 {
				p += formatInt(float64(f.N)/f.Value) + " personnes interrogées ont répondu "
			} else {
				p = "aucune des personnes interrogées n'a répondu "
			}
			parts = append(parts, p+when+" ("+formatPercent(f.Value)+")")
		}
	}
	if len(parts) == 0 {
		return nil
	}
	if id == "interest_uplift" {
		return []string{"Note moyenne d'intérêt, sur 5, des " + formatCount(rows[0].N) + " mêmes personnes : " + strings.Join(parts, ", ") + "."}
	}
	return []string{capitalize(strings.Join(parts, " ; ")) + "."}
}

// surveyCard shows a headline figure of a survey: its value, or "< 10" and
// why when it is withheld. Its note (few respondents, a wide interval) is
// said once for the survey (surveyCaution), not on each card.
func surveyCard(f Figure) card {
	if f.WithheldBelow > 0 {
		return card{Value: WithheldText(f), Label: label(f), Detail: f.Note, Definition: f.Definition,
			Hover: f.Note}
	}
	return headlineCard(f)
}

// pairingCard shows how many answered before, after and both.
func pairingCard(f Figure) card {
	c := card{Value: formatPercent(f.Value), Label: "Répondants présents avant et après",
		Definition: f.Definition, Detail: nText(f)}
	if f.Pairs != nil && f.PreOnly != nil && f.PostOnly != nil {
		pairs, pre, post := *f.Pairs, *f.PreOnly, *f.PostOnly
		c.Detail = fmt.Sprintf("%s des %s répondants ont rempli le questionnaire avant et après l'action : %s ont répondu avant, %s après ; %s seulement avant, %s seulement après",
			formatCount(pairs), formatCount(f.N), formatCount(pairs+pre), formatCount(pairs+post), formatCount(pre), formatCount(post))
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
func interestCards(f figures, survey string, interest Figure) (card, []card) {
	if interest.WithheldBelow > 0 {
		return surveyCard(interest), nil
	}
	points := pointsOf(f.breakdown("interest_uplift", survey, "mesure"))
	before, after, agree, ok := AgreeShares(f, survey)
	if !ok {
		c := surveyCard(interest)
		c.Detail = changeInWords(interest, points)
		c.Hover = c.Detail
		return c, nil
	}
	c := card{Value: formatPercent(before.Value) + " → " + formatPercent(after.Value),
		Label:      "Répondants intéressés (4 ou 5 sur 5), avant → après",
		Definition: after.Definition}
	detail := []string{fmt.Sprintf("Parmi les %s mêmes personnes, %s se disaient intéressées avant l'action (%s) et %s après (%s).",
		formatCount(after.N), formatCount(countOf(before)), shareProbably(before), formatCount(countOf(after)), shareProbably(after))}
	detail = append(detail, capitalize(sentence("la part des répondants intéressés", agree))+".")
	if points != nil {
		detail = append(detail, "En moyenne, "+sentence("l'intérêt", *points)+".")
	}
	c.Detail = strings.Join(detail, " ")
	c.Hover = c.Detail
	return c, []card{relativeChangeCard(f, survey, interest)}
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
func orientationSentence(fs figures, f Figure) string {
	s := capitalize(ofRespondents(countOf(f), f.N, "dit que l'action a conforté son choix d'orientation",
		"disent que l'action a conforté leur choix d'orientation")) + " : " + shareProbably(f)
	if q := fs.questionLabel(f.Survey, orientationQuestion); q != "" {
		return s + " (4 ou 5 sur 5 à la question « " + q + " »)."
	}
	return s + " (4 ou 5 sur 5)."
}

// ofRespondents says how many of n respondents do something, the verb
// agreeing: "15 des 18 répondants disent ...", "1 des 18 répondants dit
// ...", "aucun des 18 répondants ne dit ...".
func ofRespondents(k, n int64, one, many string) string {
	switch k {
	case 0:
		return "aucun des " + formatCount(n) + " répondants ne " + one
	case 1:
		return "1 des " + formatCount(n) + " répondants " + one
	}
	return formatCount(k) + " des " + formatCount(n) + " répondants " + many
}

// countOf is how many people a share of f.N people is: 0.833 of 18 is 15.
func countOf(f Figure) int64 {
	return int64(math.Round(f.Value * float64(f.N)))
}

// shareProbably writes a share with its interval in words: "83 %,
// probablement entre 61 % et 94 %"; the share alone without an interval.
func shareProbably(f Figure) string {
	s := formatPercent(f.Value)
	if f.CILow != nil && f.CIHigh != nil {
		s += ", probablement entre " + formatPercent(*f.CILow) + " et " + formatPercent(*f.CIHigh)
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
func relativeChangeCard(f figures, survey string, interest Figure) card {
	c := card{Value: formatChange(interest.Value), Label: "Évolution relative de la note moyenne d'intérêt",
		Definition: interest.Definition}
	var means []Figure
	for _, r := range f.breakdown("interest_uplift", survey, "vague") {
		if r.WithheldBelow == 0 {
			means = append(means, r)
		}
	}
	detail := "(moyenne après − moyenne avant) / moyenne avant"
	if len(means) == 2 {
		slices.SortStableFunc(means, func(a, b Figure) int { return waveRank(a.Category) - waveRank(b.Category) })
		pre, post := means[0].Value, means[1].Value
		detail += " = (" + formatDecimal(post, 1) + " − " + formatDecimal(pre, 1) + ") / " + formatDecimal(pre, 1)
	}
	detail += ", " + nText(interest) + "."
	if len(means) == 2 && means[0].Value > 1 {
		pre, post := means[0].Value, means[1].Value
		detail += " Ce chiffre dépend de la façon de numéroter l'échelle : notée de 0 à 4, la même évolution se lirait " +
			formatChange((post-pre)/(pre-1)) + "."
	}
	c.Detail = detail + " Ce n'est pas une part de personnes : « " + formatChange(interest.Value) +
		" » ne veut pas dire " + formatChange(interest.Value) + " de répondants intéressés en plus."
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

// subjects name what a question measures, for the sentence of its change.
var subjects = map[string]string{
	"interet_sciences_energie": "l'intérêt",
	"connait_metiers":          "la connaissance des métiers",
	"satisfaction":             "la satisfaction",
	"renforce_orientation":     "le choix d'orientation",
}

// changeInWords writes the change of interest_uplift as the report says it:
// "L'intérêt augmente de 1,0 point sur 5, probablement entre +0,6 et
// +1,4". Without a change in points (older figures), its n.
func changeInWords(f Figure, points *Figure) string {
	if points == nil {
		return nText(f)
	}
	return capitalize(sentence("l'intérêt", *points))
}

// sentence writes a change in points of a 1-5 scale, or of a share of
// "oui", in plain words: its interval as "probablement entre ... et ...",
// and, when its test cannot tell it from chance, that it is "trop faible
// pour être distingué du hasard". The test, its p and its pairs are in
// "Méthodes" (methods.go).
func sentence(subject string, f Figure) string {
	var b strings.Builder
	b.WriteString(subject)
	d := f.Value
	share := f.Unit != "points sur 5"
	amount := formatDecimal(math.Abs(d), 1)
	unit := " point sur 5"
	if share {
		amount = formatInt(math.Abs(d) * 100)
		unit = " point"
	}
	if math.Abs(d) >= 2 || (share && math.Round(math.Abs(d)*100) >= 2) {
		unit = strings.Replace(unit, "point", "points", 1)
	}
	switch {
	case amount == formatDecimal(0, 1) || amount == "0":
		b.WriteString(" ne change pas")
	case d > 0:
		b.WriteString(" augmente de " + amount + unit)
	default:
		b.WriteString(" diminue de " + amount + unit)
	}
	if f.CILow != nil && f.CIHigh != nil && !share {
		b.WriteString(", probablement entre " + signed(*f.CILow) + " et " + signed(*f.CIHigh))
	}
	// The verdict goes by the adjusted p when the survey tests several
	// questions: one of four tests at 5 % comes out by chance too often.
	if chance(f) {
		b.WriteString(" : un écart trop faible pour être distingué du hasard")
	}
	return b.String()
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
func signed(v float64) string {
	s := formatDecimal(v, 1)
	if !strings.HasPrefix(s, "-") && s != formatDecimal(0, 1) {
		s = "+" + s
	}
	return s
}

// formatP writes a p-value the French way: "p < 0,001", "p = 0,003",
// "p = 0,21".
func formatP(p float64) string {
	switch {
	case p < 0.001:
		return "p <" + nbSpace + "0,001"
	case p < 0.1:
		return "p =" + nbSpace + formatDecimal(p, 3)
	}
	return "p =" + nbSpace + formatDecimal(p, 2)
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
// highest, keyed by whether the question is answered yes or no.
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
	scale := scales[yesNo]
	for i := len(scale) - 1; i >= 0; i-- {
		if scale[i].side <= 0 {
			order = append(order, segment{scale[i], true})
		}
	}
	for _, l := range scale {
		if l.side >= 0 {
			order = append(order, segment{l, false})
		}
	}
	cats := make([]string, len(waves))
	for i, w := range waves {
		cats[i] = category("vague", w)
	}
	bar := gocharts.NewBar()
	var legend []string
	for _, l := range scale {
		legend = append(legend, l.name)
	}
	bar.SetGlobalOptions(
		gocharts.WithInitializationOpts(opts.Initialization{ChartID: id, Renderer: "canvas"}),
		gocharts.WithAnimation(false),
		gocharts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Data: legend}),
		// page.js puts the plot below the legend, however it wraps.
		gocharts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "8", Bottom: "8", ContainLabel: opts.Bool(true)}),
		gocharts.WithXAxisOpts(opts.XAxis{Type: "value", Min: -1, Max: 1}),
		gocharts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
	)
	bar.XYReversal()
	bar.SetXAxis(cats)
	spec := chartSpec{Axis: axisPercentAbs, Horizontal: true}
	var table []tableRow
	for _, l := range order {
		data := make([]opts.BarData, len(waves))
		labels := make([]string, len(waves))
		tips := make([][]string, len(waves))
		for i, w := range waves {
			f := dist[w][l.category]
			v := f.Value
			if l.side == 0 {
				v /= 2 // the neutral answers, half on each side of 0
			}
			if l.left {
				v = -v
			}
			data[i] = opts.BarData{Name: cats[i], Value: v}
			if l.side != 0 && f.Value >= 0.08 {
				labels[i] = formatPercent(f.Value)
			}
			tips[i] = []string{chartText(cats[i] + " · " + l.name), formatPercent(f.Value) + " (" +
				formatCount(int64(math.Round(f.Value*float64(f.N)))) + " sur " + formatCount(f.N) + ")"}
		}
		bar.AddSeries(l.name, data,
			gocharts.WithBarChartOpts(opts.BarChart{Stack: "reponses", BarWidth: "28"}),
			gocharts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "inside", Color: "#1b1b1b"}),
			gocharts.WithItemStyleOpts(opts.ItemStyle{Color: l.color}),
		)
		spec.Labels = append(spec.Labels, labels)
		spec.Tips = append(spec.Tips, tips)
	}
	for _, w := range waves {
		for _, l := range scale {
			f := dist[w][l.category]
			table = append(table, tableRow{Category: category("vague", w) + " · " + l.name, Value: formatPercent(f.Value), N: formatCount(f.N)})
		}
	}
	out, err := encodeSpec(id, bar, spec)
	if err != nil {
		return chart{}, err
	}

	c := chart{ID: id, Title: title, Height: 48 + 44*len(waves), Spec: out,
		Definition: first.Definition, Rows: table}
	// The n: the same people before and after when the question was asked
	// twice.
	n := shares[waves[0]].N
	if len(waves) > 1 {
		c.Caption = "n = " + formatCount(n) + " (les mêmes personnes avant et après)"
	} else {
		c.Caption = "n = " + formatCount(n) + " répondants"
	}
	c.Lines = append(c.Lines, agreeSentence(waves, shares, yesNo))
	if change != nil {
		if agreeChange != nil {
			c.Lines = append(c.Lines, capitalize(sentence("la part des répondants d'accord", *agreeChange))+".")
		}
		if yesNo {
			c.Lines = append(c.Lines, capitalize(sentence("la part de « oui »", *change))+".")
		} else {
			subject := subjects[question]
			if subject == "" {
				subject = "la note"
			}
			c.Lines = append(c.Lines, "En moyenne, "+sentence(subject, *change)+".")
		}
		if change.PreOnly != nil && change.PostOnly != nil && *change.PreOnly+*change.PostOnly > 0 {
			c.Lines = append(c.Lines, fmt.Sprintf("%s n'ont répondu qu'avant et %s qu'après : leurs réponses n'entrent pas dans la comparaison.",
				formatCount(*change.PreOnly), formatCount(*change.PostOnly)))
		}
	}
	return c, nil
}

// agreeSentence says how many agree (4 or 5, or "oui") in each wave, with
// the share and its interval: "Avant l'action, 4 des 17 répondants
// répondent 4 ou 5 sur 5 : 24 %, probablement entre 10 % et 47 %. Après
// l'action, 13 des 17 : 76 %, probablement entre 53 % et 90 %."
func agreeSentence(waves []string, shares map[string]Figure, yesNo bool) string {
	one, many := "répond 4 ou 5 sur 5", "répondent 4 ou 5 sur 5"
	if yesNo {
		one, many = "répond « oui »", "répondent « oui »"
	}
	var out []string
	for i, w := range waves {
		f := shares[w]
		when := capitalize(strings.ToLower(category("vague", w)))
		if waveRank(w) < 2 {
			when += " l'action"
		}
		if i == 0 {
			out = append(out, when+", "+ofRespondents(countOf(f), f.N, one, many)+" : "+shareProbably(f)+".")
		} else {
			k := formatCount(countOf(f))
			if countOf(f) == 0 {
				k = "aucun"
			}
			out = append(out, fmt.Sprintf("%s, %s des %s : %s.", when, k, formatCount(f.N), shareProbably(f)))
		}
	}
	return strings.Join(out, " ")
}

// axisPercentAbs writes the value axis of a diverging chart: shares on both
// sides of 0, without sign ("40 %" to the left as to the right).
const axisPercentAbs axisKind = "pctabs"
