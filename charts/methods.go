package charts

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// The part "Méthodes", last of the report. The body of the report speaks
// to readers who are no statisticians: "probablement entre 61 % et 94 %",
// "un écart trop faible pour être distingué du hasard", one caution per
// survey. What those words stand for (95 % intervals, Wilson, Student,
// Wilcoxon, McNemar, Holm, p-values) is said here, once, with the
// definition of each figure (written once, not under each chart) and the
// tests of each survey with their p-values.

const (
	methodsID    = "methodes"
	methodsTitle = "Méthodes"
)

// The notes of package pipeline that the survey's caution gathers: they
// start with these words (pipeline/surveys.go smallSampleNote).
const (
	smallSampleWords  = "petit échantillon"
	wideIntervalWords = "intervalle de confiance large"
)

// methodsPage is the part "Méthodes" as page.html.tmpl shows it.
type methodsPage struct {
	ID, Title   string
	Words       []methodWord  // the words of the body, explained
	Tests       []surveyTests // the tests of each survey
	Definitions []methodDef   // how each figure is computed, once each
	// The annex for an auditor, from Report.Annex (annex.go); empty
	// without it.
	Indicators []annexIndicator
	Views      []SQLFile
	Sources    []annexSource
	Build      *annexBuild
}

// methodWord explains what a phrase of the body stands for, with the
// publications that define the method (Refs).
type methodWord struct {
	Term, Text string
	Refs       []string
}

// methodDef is the definition of one indicator, the anchor the cards and
// charts link to.
type methodDef struct {
	ID, Label, Text string
}

// surveyTests are the paired tests of one survey.
type surveyTests struct {
	Survey string
	Rows   []testRow
}

// testRow is one test as the table of "Méthodes" writes it.
type testRow struct {
	Question, Measure, Change, Interval, Test, P, PAdjusted, Reading, Pairs, Note string
}

// newMethodsPage makes the part "Méthodes" of p: it lists the definition
// of every card and chart of p once, in their order, and links each card
// and chart to it (Method); then the words of the body and the tests of
// each survey of fs. It returns nil when there is nothing to say.
func newMethodsPage(p *page, fs figures) *methodsPage {
	m := &methodsPage{ID: methodsID, Title: methodsTitle}
	labelOf := map[string]string{}
	for _, f := range fs {
		if _, ok := labelOf[f.Definition]; !ok {
			labelOf[f.Definition] = label(f)
		}
	}
	anchor := func(definition string) string {
		if strings.TrimSpace(definition) == "" {
			return ""
		}
		for _, d := range m.Definitions {
			if d.Text == plainDefinition(definition, fs) {
				return d.ID
			}
		}
		id := methodsID + "-" + strconv.Itoa(len(m.Definitions)+1)
		m.Definitions = append(m.Definitions, methodDef{ID: id, Label: labelOf[definition], Text: plainDefinition(definition, fs)})
		return id
	}
	cards := func(cs []card) {
		for i := range cs {
			cs[i].Method = anchor(cs[i].Definition)
		}
	}
	cards(p.Headline)
	cards(p.Publics)
	cards(p.More)
	for i := range p.Sections {
		s := &p.Sections[i]
		cards(s.Cards)
		for j := range s.Charts {
			s.Charts[j].Method = anchor(s.Charts[j].Definition)
		}
		cards(s.Annex)
	}
	// The figures said in words rather than drawn (a question's change)
	// are defined too.
	for _, f := range fs {
		anchor(f.Definition)
	}
	m.Words = methodWords(p, fs)
	addAnnex(m, p, fs)
	for _, s := range fs.surveys() {
		if rows := testRows(fs, s); len(rows) > 0 {
			m.Tests = append(m.Tests, surveyTests{Survey: s, Rows: rows})
		}
	}
	if len(m.Definitions)+len(m.Words)+len(m.Tests) == 0 && m.Build == nil {
		return nil
	}
	return m
}

// plainDefinition is a definition with each question id the figures name
// replaced by the question as the questionnaire asks it: « connait_metiers »
// becomes « Connais-tu les métiers ... ? ».
func plainDefinition(definition string, fs figures) string {
	for _, f := range fs {
		if f.Question != "" && strings.TrimSpace(f.QuestionLabel) != "" {
			definition = strings.ReplaceAll(definition, "« "+f.Question+" »", "« "+strings.TrimSpace(f.QuestionLabel)+" »")
		}
	}
	return definition
}

// methodWords explains the words the body of p uses, those only.
func methodWords(p *page, fs figures) []methodWord {
	var out []methodWord
	if slices.ContainsFunc(fs, func(f Figure) bool { return f.CILow != nil && f.CIHigh != nil }) {
		out = append(out, methodWord{Term: "« Probablement entre … et … »",
			Text: "C'est l'intervalle de confiance à 95" + thinSpace + "% : les valeurs que le chiffre aurait pu prendre, " +
				"avec une confiance de 95" + thinSpace + "%, si d'autres personnes du même public avaient répondu. " +
				"Pour une part de répondants, c'est l'intervalle de Wilson, juste même sur peu de personnes ou près de 0" + thinSpace + "% et de 100" + thinSpace + "% ; " +
				"pour l'écart moyen entre les notes d'avant et d'après des mêmes personnes, l'intervalle de la loi de Student. " +
				"Moins il y a de répondants, plus il est large. Pour une cible 2030, la cible est jugée trop incertaine pour conclure " +
				"quand cet intervalle contient la valeur attendue sur la trajectoire.",
			Refs: []string{refWilson, refStudent}})
	}
	if p.Comparison != nil && p.Comparison.Intervals {
		out = append(out, methodWord{Term: "« Entre … et … » sous l'évolution d'une année à l'autre",
			Text: "C'est l'intervalle de confiance à 95" + thinSpace + "% de l'écart entre deux années : la méthode de Newcombe pour " +
				"l'écart de deux parts, celle de Welch pour l'écart de deux moyennes. Les deux années interrogent d'autres personnes : " +
				"quand l'intervalle contient 0, l'écart est dit indiscernable du hasard.",
			Refs: []string{refNewcombe, refWelch}})
	}
	if slices.ContainsFunc(fs, func(f Figure) bool { return f.Test != "" && f.PValue != nil }) {
		out = append(out, methodWord{Term: "« Un écart trop faible pour être distingué du hasard »",
			Text: "Chaque écart entre avant et après, mesuré sur les mêmes personnes, est soumis à un test : " +
				"le test des rangs signés de Wilcoxon pour une note de 1 à 5, le test exact de McNemar pour la part des répondants d'accord " +
				"(4 ou 5 sur 5) ou répondant « oui ». Le test donne une valeur p : la probabilité d'observer un écart au moins aussi grand " +
				"si, en réalité, rien n'avait changé. Un écart dont la valeur p est de 0,05 ou plus est dit trop faible pour être distingué du hasard ; " +
				"sans mention, l'écart est assez net pour que le hasard seul l'explique mal. Quand une enquête compare plusieurs questions, " +
				"les valeurs p sont ajustées par la méthode de Holm, pour que la probabilité de trouver par hasard un écart parmi toutes ces " +
				"comparaisons reste de 5" + thinSpace + "%. Pour le test de Wilcoxon, les paires qui ont donné deux fois la même note sont écartées ; " +
				"en dessous de 50 paires dont la note a changé, la valeur p est exacte (comptée sur toutes les répartitions des signes), " +
				"au-delà elle vient de la loi normale, corrigée pour les ex æquo et la continuité. Les tests de chaque enquête sont dans le tableau ci-dessous.",
			Refs: []string{refWilcoxon, refMcNemar, refHolm}})
	}
	if slices.ContainsFunc(p.Sections, func(s section) bool { return s.Caution != "" }) {
		out = append(out, methodWord{Term: "« À lire avec prudence »",
			Text: "En tête d'une enquête, quand un de ses chiffres repose sur moins de 30 personnes (petit échantillon), " +
				"ou quand l'intervalle de confiance d'une de ses parts est large de plus de 30 points (estimation peu précise). " +
				"C'est dit une fois pour l'enquête ; le classeur indicateurs.xlsx le note à chaque chiffre (colonne « Remarque »)."})
	}
	if p.MinCellSize > 0 {
		min, below := strconv.Itoa(p.MinCellSize), WithheldText(Figure{WithheldBelow: p.MinCellSize})
		out = append(out, methodWord{Term: "« " + below + " » et « " + UnanimousText + " »",
			Text: "Deux règles protègent les personnes. Un chiffre de questionnaire (une part, une moyenne, un écart, une barre d'un détail) " +
				"qui repose sur moins de " + min + " répondants n'est pas publié : « " + below + " » s'affiche à sa place (règle du seuil). " +
				"Quel que soit son nombre de répondants, un chiffre dont toutes les personnes, ou toutes sauf une, sont dans le même cas " +
				"(la même réponse à une question, toutes d'accord ou aucune, toutes des filles, toutes en QPV ou ZRR) n'est pas publié non plus, " +
				"car il dévoilerait la réponse ou la situation de chacune : « " + UnanimousText + " » s'affiche à sa place (règle de divulgation de groupe). " +
				"Sont retenus avec lui les chiffres qui permettraient de le recalculer : les plus petites parts d'un détail dont le total est publié, " +
				"les autres réponses de la même question, l'écart entre les deux vagues. Les comptages (animations, participations, établissements) " +
				"et les taux de réponse ne sont pas concernés.",
			Refs: []string{refDisclosure}})
	}
	return out
}

// The publications that define the methods of the report, as "Méthodes"
// cites them.
const (
	refWilson     = "Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference. Journal of the American Statistical Association, 22(158), 209–212."
	refStudent    = "Student (1908). The probable error of a mean. Biometrika, 6(1), 1–25."
	refNewcombe   = "Newcombe, R. G. (1998). Interval estimation for the difference between independent proportions: comparison of eleven methods. Statistics in Medicine, 17(8), 873–890 (méthode 10, « hybrid score »)."
	refWelch      = "Welch, B. L. (1947). The generalization of “Student's” problem when several different population variances are involved. Biometrika, 34(1–2), 28–35."
	refWilcoxon   = "Wilcoxon, F. (1945). Individual comparisons by ranking methods. Biometrics Bulletin, 1(6), 80–83."
	refMcNemar    = "McNemar, Q. (1947). Note on the sampling error of the difference between correlated proportions or percentages. Psychometrika, 12(2), 153–157."
	refHolm       = "Holm, S. (1979). A simple sequentially rejective multiple test procedure. Scandinavian Journal of Statistics, 6(2), 65–70."
	refDisclosure = "Hundepool, A. et al. (2012). Statistical Disclosure Control. Wiley, chapitre 5 (tableaux de fréquences : règle de seuil et divulgation de groupe)."
)

// testRows are the paired tests of a survey, one per question and test:
// the change of each question (survey_change) first, then a test reported
// only by another figure (interest_uplift computed by an older version).
func testRows(fs figures, survey string) []testRow {
	type key struct{ question, test string }
	seen := map[key]bool{}
	var out []testRow
	add := func(f Figure) {
		if f.Survey != survey || f.Test == "" || f.PValue == nil || f.WithheldBelow > 0 {
			return
		}
		q := f.Question
		if q == "" && f.ID == "interest_uplift" {
			q = pairedQuestion
		}
		if seen[key{q, f.Test}] {
			return
		}
		seen[key{q, f.Test}] = true
		r := testRow{Question: q, Test: TestLabel(f.Test), P: formatP(*f.PValue), Reading: "écart net"}
		if l := fs.questionLabel(survey, q); l != "" {
			r.Question = l
		}
		switch {
		case f.Test == "wilcoxon":
			r.Measure = "note moyenne (sur 5)"
		case f.Dimension == "mesure":
			r.Measure = "part d'accord (4 ou 5 sur 5)"
		default:
			r.Measure = "part de « oui »"
		}
		switch {
		case f.Unit == "points sur 5":
			r.Change = signed(f.Value) + " sur 5"
			if f.CILow != nil && f.CIHigh != nil {
				r.Interval = signed(*f.CILow) + " à " + signed(*f.CIHigh)
			}
		case f.ID == "survey_change":
			r.Change = signedPoints(f.Value)
		default:
			r.Change = kindOf(f).format(f.Value)
		}
		if f.PAdjusted != nil {
			r.PAdjusted = formatP(*f.PAdjusted)
		}
		if chance(f) {
			r.Reading = "trop faible pour être distingué du hasard"
		}
		if f.Pairs != nil {
			r.Pairs = formatCount(*f.Pairs)
		}
		var notes []string
		for _, part := range strings.Split(f.Note, " ; ") {
			if part != "" && !strings.HasPrefix(part, smallSampleWords) && !strings.HasPrefix(part, wideIntervalWords) {
				notes = append(notes, part)
			}
		}
		r.Note = capitalize(strings.Join(notes, " ; "))
		out = append(out, r)
	}
	for _, f := range fs {
		if f.ID == "survey_change" {
			add(f)
		}
	}
	for _, f := range fs {
		add(f)
	}
	return out
}

// signedPoints writes a change of a share in percentage points: 0.59 ->
// "+59 points".
func signedPoints(v float64) string {
	s := formatInt(v * 100)
	if !strings.HasPrefix(s, "-") && s != "0" {
		s = "+" + s
	}
	unit := " point"
	if math.Abs(math.Round(v*100)) >= 2 {
		unit = " points"
	}
	return s + unit
}

// surveyCaution says once what limits the figures of a survey, from their
// notes: few respondents (how many), and shares whose interval is wide (up
// to how wide, among the shares the page writes with their interval). ""
// when nothing does.
func surveyCaution(fs figures, survey string) string {
	var fewest, most int64 = -1, -1
	var widest float64
	for _, f := range fs {
		if f.Survey != survey || f.WithheldBelow > 0 {
			continue
		}
		for _, part := range strings.Split(f.Note, " ; ") {
			switch {
			case strings.HasPrefix(part, smallSampleWords):
				if fewest < 0 || f.N < fewest {
					fewest = f.N
				}
				most = max(most, f.N)
			case strings.HasPrefix(part, wideIntervalWords) && f.Dimension == "" && f.CILow != nil && f.CIHigh != nil:
				widest = max(widest, *f.CIHigh-*f.CILow)
			}
		}
	}
	wide := formatInt(widest*100) + " points"
	switch {
	case fewest < 0 && widest == 0:
		return ""
	case fewest < 0:
		return "À lire avec prudence : certaines parts de cette enquête sont imprécises, " +
			"leur fourchette « probablement entre … et … » allant jusqu'à " + wide + "."
	}
	who := formatCount(fewest)
	if most != fewest {
		who += " à " + formatCount(most) + " selon la question"
	}
	s := "À lire avec prudence : cette enquête repose sur peu de répondants (" + who + ")"
	if widest > 0 {
		s += " ; ses parts sont donc imprécises, et leur fourchette « probablement entre … et … » va jusqu'à " + wide
	}
	return s + "."
}

// The annex, at the end of "Méthodes": for each indicator of the page its
// numerator, denominator, n, version and the SHA-256 of its SQL file; the
// staging views; the files of the year with their SHA-256 and import time;
// the greencity version and the digest of the settings. With them an
// auditor holding the same files computes every figure again (Report.Annex).

// annexIndicator is one line of the table of indicators of the annex.
type annexIndicator struct {
	ID, Label, Numerator, Denominator, N, Version, File, SHA256 string
}

// annexSource is one imported file as the annex lists it.
type annexSource struct {
	Path, Kind, Rows, ImportedAt, ImportedBy, SHA256 string
}

// annexBuild says which greencity and which settings computed the figures,
// and how to check it all (Steps).
type annexBuild struct {
	Version, Digest, Canonical, Covered, LeftOut string
	Steps                                        []string
	CoveredNote, LeftOutNote                     string
}

// What the covered and the other settings are, after their keys.
const (
	coveredNote = "ceux qui changent les chiffres."
	leftOutNote = "ils disent où lire et écrire, quelles années traiter et ce que la couverture affiche, sans changer aucun chiffre. " +
		"La clé des codes de répondants (respondent_key) est secrète : elle n'entre ni dans l'empreinte ni dans ce rapport ; " +
		"elle ne change aucun chiffre tant que les deux vagues d'une enquête sont importées avec la même clé."
)

// unknownVersion stands for a version nobody recorded.
const unknownVersion = "non enregistrée"

// kindLabels name the kinds of imported files.
var kindLabels = map[string]string{
	"actions":        "catalogue des actions",
	"participations": "feuille de présence",
	"questionnaire":  "questionnaire",
	"formations":     "formations",
}

// addAnnex fills the annex of m from the figures fs of p and p's
// Report.Annex (annex); nothing without one.
func addAnnex(m *methodsPage, p *page, fs figures) {
	a := p.annex
	if a == nil {
		return
	}
	for _, id := range annexIDs(fs) {
		i := slices.IndexFunc(a.Indicators, func(s IndicatorSource) bool { return s.ID == id })
		if i < 0 {
			continue
		}
		src := a.Indicators[i]
		m.Indicators = append(m.Indicators, annexIndicator{ID: id, Label: label(*fs.first(id)),
			Numerator: src.Numerator, Denominator: src.Denominator, N: annexN(fs, id),
			Version: strconv.Itoa(src.Version), File: src.File, SHA256: src.SHA256})
	}
	m.Views = a.Views
	for _, s := range a.Sources {
		kind := kindLabels[s.Kind]
		if kind == "" {
			kind = s.Kind
		}
		by := s.ImportedBy
		if by == "" {
			by = unknownVersion
		}
		m.Sources = append(m.Sources, annexSource{Path: s.Path, Kind: kind,
			Rows:       formatCount(int64(s.Rows)) + " sur " + formatCount(int64(s.RowsRead)) + " lues",
			ImportedAt: s.ImportedAt, ImportedBy: by, SHA256: s.SHA256})
	}
	version := p.Version
	if version == "" {
		version = unknownVersion
	}
	m.Build = &annexBuild{Version: version, Digest: a.Config.SHA256, Canonical: a.Config.Canonical,
		Covered: strings.Join(a.Config.Covered, ", "), LeftOut: strings.Join(a.Config.LeftOut, ", "),
		Steps: ReproduceSteps(version), CoveredNote: coveredNote, LeftOutNote: leftOutNote}
}

// annexIDs are the indicators of fs, in the order they come.
func annexIDs(fs figures) []string {
	var out []string
	for _, f := range fs {
		if !slices.Contains(out, f.ID) {
			out = append(out, f.ID)
		}
	}
	return out
}

// first is the first figure of indicator id in fs; id must have one.
func (fs figures) first(id string) *Figure {
	return &fs[slices.IndexFunc(fs, func(f Figure) bool { return f.ID == id })]
}

// annexN is the n of indicator id: that of its figures without a
// breakdown (all of its figures when each has one, as the waves of a
// response rate), or their range when they differ (one per survey,
// question or wave), the withheld ones left out.
func annexN(fs figures, id string) string {
	headline := slices.ContainsFunc(fs, func(f Figure) bool { return f.ID == id && f.Dimension == "" })
	var lo, hi int64 = -1, -1
	withheld := false
	for _, f := range fs {
		if f.ID != id || (headline && f.Dimension != "") {
			continue
		}
		if f.WithheldBelow > 0 {
			withheld = true
			continue
		}
		if lo < 0 || f.N < lo {
			lo = f.N
		}
		hi = max(hi, f.N)
	}
	switch {
	case lo < 0 && withheld:
		return UnanimousText
	case lo < 0:
		return "—"
	case lo == hi:
		return formatCount(lo)
	}
	return "de " + formatCount(lo) + " à " + formatCount(hi) + " selon l'enquête, la question ou la vague"
}

// ReproduceSteps say how an auditor checks the figures of a report made by
// greencity version: the files, the code, the settings, then the figures.
// The workbook lists them too.
func ReproduceSteps(version string) []string {
	return []string{
		"Vérifier les fichiers : dans le dossier des données, « sha256sum <fichier> » (sous Windows : « certutil -hashfile <fichier> SHA256 ») " +
			"doit donner, pour chaque fichier source, l'empreinte SHA-256 de la liste ci-dessus.",
		"Vérifier le code : prendre les sources de greencity de la version qui a calculé les chiffres (" + version + ") ; « sha256sum » sur chaque fichier SQL nommé ci-dessus " +
			"doit donner son empreinte. Le numéro de version d'un indicateur change quand sa définition change ; l'empreinte, à la moindre modification du fichier.",
		"Vérifier la configuration : l'empreinte de la configuration est le SHA-256 du texte de sa forme canonique, octet pour octet, sans retour à la ligne final " +
			"(printf '%s' '<texte>' | sha256sum) ; un rapport écrit avec la même configuration donne la même empreinte.",
		"Refaire les calculs : importer ces fichiers dans une base neuve avec cette version et cette configuration (greencity run, ou greencity import puis " +
			"greencity report --year <année> --out <autre dossier>) : chaque chiffre du nouveau rapport, et chaque empreinte de son annexe, doit être le même.",
	}
}

// AnnexRows are the lines of the workbook's sheet of methods and sources,
// from the same words as the page: what, which, its value (a text, a
// SHA-256) and a detail. None when r has nothing to say.
func AnnexRows(r Report) ([][4]string, error) {
	p, err := newPage(r)
	if err != nil {
		return nil, fmt.Errorf("annex: %w", err)
	}
	m := p.Methods
	if m == nil {
		return nil, nil
	}
	var out [][4]string
	for _, w := range m.Words {
		refs := ""
		if len(w.Refs) > 0 {
			refs = "Références : " + strings.Join(w.Refs, " ; ")
		}
		out = append(out, [4]string{"Méthode", w.Term, w.Text, refs})
	}
	for _, s := range m.Sources {
		out = append(out, [4]string{"Fichier source", s.Path, s.SHA256,
			capitalize(s.Kind) + " ; " + s.Rows + " ; importé le " + s.ImportedAt + " par greencity " + s.ImportedBy})
	}
	for _, i := range m.Indicators {
		out = append(out, [4]string{"Fichier SQL", i.File, i.SHA256, i.Label + " (" + i.ID + "), version " + i.Version})
	}
	for _, v := range m.Views {
		out = append(out, [4]string{"Fichier SQL", v.Path, v.SHA256, "Vue de préparation des données"})
	}
	if b := m.Build; b != nil {
		out = append(out,
			[4]string{"greencity", "Version", b.Version, ""},
			[4]string{"Configuration", "Empreinte SHA-256", b.Digest, "Réglages couverts : " + b.Covered + " : " + b.CoveredNote},
			[4]string{"Configuration", "Forme canonique", b.Canonical, "Le texte dont l'empreinte est le SHA-256, octet pour octet."},
			[4]string{"Configuration", "Réglages non couverts", b.LeftOut, capitalize(b.LeftOutNote)})
		for i, s := range b.Steps {
			out = append(out, [4]string{"Refaire les calculs", strconv.Itoa(i + 1), s, ""})
		}
	}
	return out, nil
}
