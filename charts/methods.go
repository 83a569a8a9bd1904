package charts

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cmq-greencity/greencity/lang"
)

// The part "Méthodes", last of the report. The body of the report speaks
// to readers who are no statisticians: "probablement entre 61 % et 94 %",
// "un écart trop faible pour être distingué du hasard", one caution per
// survey. What those words stand for (95 % intervals, Wilson, Student,
// Wilcoxon, McNemar, Holm, p-values) is said here, once, with the
// definition of each figure (written once, not under each chart) and the
// tests of each survey with their p-values.

// methodsID is the anchor of the part "Méthodes".
const methodsID = "methodes"

// isSmallSample and isWideInterval tell the notes of package pipeline that
// the survey's caution gathers (pipeline/surveys.go smallSampleNote).
func isSmallSample(l *lang.Printer, note string) bool {
	id := l.NoteID(note)
	return id == "small_sample_respondents" || id == "small_sample_pairs"
}

func isWideInterval(l *lang.Printer, note string) bool {
	return l.NoteID(note) == "wide_interval"
}

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
func newMethodsPage(l *lang.Printer, p *page, fs figures) *methodsPage {
	m := &methodsPage{ID: methodsID, Title: l.T("methods.title")}
	labelOf := map[string]string{}
	for _, f := range fs {
		if _, ok := labelOf[f.Definition]; !ok {
			labelOf[f.Definition] = label(l, f)
		}
	}
	anchor := func(definition string) string {
		if strings.TrimSpace(definition) == "" {
			return ""
		}
		for _, d := range m.Definitions {
			if d.Text == plainDefinition(l, definition, fs) {
				return d.ID
			}
		}
		id := methodsID + "-" + strconv.Itoa(len(m.Definitions)+1)
		m.Definitions = append(m.Definitions, methodDef{ID: id, Label: labelOf[definition], Text: plainDefinition(l, definition, fs)})
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
	m.Words = methodWords(l, p, fs)
	addAnnex(l, m, p, fs)
	for _, s := range fs.surveys() {
		if rows := testRows(l, fs, s); len(rows) > 0 {
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
func plainDefinition(l *lang.Printer, definition string, fs figures) string {
	for _, f := range fs {
		if f.Question != "" && strings.TrimSpace(f.QuestionLabel) != "" {
			definition = strings.ReplaceAll(definition, l.T("common.quoted", "Text", f.Question),
				l.T("common.quoted", "Text", strings.TrimSpace(f.QuestionLabel)))
		}
	}
	return definition
}

// methodWords explains the words the body of p uses, those only.
func methodWords(l *lang.Printer, p *page, fs figures) []methodWord {
	var out []methodWord
	// word explains one phrase, with the publications (section
	// annex.refs) that define its method.
	word := func(key string, refs ...string) methodWord {
		w := methodWord{Term: l.T("methods." + key + "_term"), Text: l.T("methods." + key + "_text")}
		for _, r := range refs {
			w.Refs = append(w.Refs, l.T("annex.refs."+r))
		}
		return w
	}
	if slices.ContainsFunc(fs, func(f Figure) bool { return f.CILow != nil && f.CIHigh != nil }) {
		out = append(out, word("interval", "wilson", "student"))
	}
	if p.Comparison != nil && p.Comparison.Intervals {
		out = append(out, word("years_interval", "newcombe", "welch"))
	}
	if slices.ContainsFunc(fs, func(f Figure) bool { return f.Test != "" && f.PValue != nil }) {
		out = append(out, word("chance", "wilcoxon", "mcnemar", "holm"))
	}
	if slices.ContainsFunc(p.Sections, func(s section) bool { return s.Caution != "" }) {
		out = append(out, word("caution"))
	}
	if p.MinCellSize > 0 {
		below, unanimous := WithheldText(l, Figure{WithheldBelow: p.MinCellSize}), WithheldText(l, Figure{WithheldBelow: p.MinCellSize, WithheldUnanimous: true})
		w := word("withheld", "disclosure")
		w.Term = l.T("methods.withheld_term", "Below", below, "Unanimous", unanimous)
		w.Text = l.T("methods.withheld_text", "Min", p.MinCellSize, "Below", below, "Unanimous", unanimous)
		out = append(out, w)
	}
	return out
}

// testRows are the paired tests of a survey, one per question and test:
// the change of each question (survey_change) first, then a test reported
// only by another figure (interest_uplift computed by an older version).
func testRows(l *lang.Printer, fs figures, survey string) []testRow {
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
		r := testRow{Question: q, Test: TestLabel(l, f.Test), P: formatP(l, *f.PValue), Reading: l.T("methods.reading_clear")}
		if label := fs.questionLabel(survey, q); label != "" {
			r.Question = label
		}
		switch {
		case f.Test == "wilcoxon":
			r.Measure = l.T("methods.measure_mean")
		case f.Dimension == "mesure":
			r.Measure = l.T("methods.measure_agree")
		default:
			r.Measure = l.T("methods.measure_yes")
		}
		switch {
		case f.Unit == "points sur 5":
			r.Change = l.T("methods.out_of_5", "Value", signed(l, f.Value))
			if f.CILow != nil && f.CIHigh != nil {
				r.Interval = l.T("methods.range", "Low", signed(l, *f.CILow), "High", signed(l, *f.CIHigh))
			}
		case f.ID == "survey_change":
			r.Change = signedPoints(l, f.Value)
		default:
			r.Change = kindOf(f).format(l, f.Value)
		}
		if f.PAdjusted != nil {
			r.PAdjusted = formatP(l, *f.PAdjusted)
		}
		if chance(f) {
			r.Reading = l.T("methods.reading_chance")
		}
		if f.Pairs != nil {
			r.Pairs = l.Count(*f.Pairs)
		}
		var notes []string
		for _, part := range strings.Split(f.Note, " ; ") {
			if part != "" && !isSmallSample(l, part) && !isWideInterval(l, part) {
				notes = append(notes, l.Reword(part))
			}
		}
		r.Note = capitalize(strings.Join(notes, l.T("list.semicolon")))
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
func signedPoints(l *lang.Printer, v float64) string {
	s := l.Int(v * 100)
	if !strings.HasPrefix(s, "-") && s != "0" {
		s = "+" + s
	}
	return s + l.N("common.points_unit", int64(math.Abs(math.Round(v*100))))
}

// surveyCaution says once what limits the figures of a survey, from their
// notes: few respondents (how many), and shares whose interval is wide (up
// to how wide, among the shares the page writes with their interval). ""
// when nothing does.
func surveyCaution(l *lang.Printer, fs figures, survey string) string {
	var fewest, most int64 = -1, -1
	var widest float64
	for _, f := range fs {
		if f.Survey != survey || f.WithheldBelow > 0 {
			continue
		}
		for _, part := range strings.Split(f.Note, " ; ") {
			switch {
			case isSmallSample(l, part):
				if fewest < 0 || f.N < fewest {
					fewest = f.N
				}
				most = max(most, f.N)
			case isWideInterval(l, part) && f.Dimension == "" && f.CILow != nil && f.CIHigh != nil:
				widest = max(widest, *f.CIHigh-*f.CILow)
			}
		}
	}
	wide := l.Int(widest*100) + l.N("common.points_unit", int64(math.Round(widest*100)))
	switch {
	case fewest < 0 && widest == 0:
		return ""
	case fewest < 0:
		return l.T("methods.caution_wide", "Width", wide)
	}
	who := l.Count(fewest)
	if most != fewest {
		who = l.T("methods.caution_range", "Fewest", l.Count(fewest), "Most", l.Count(most))
	}
	s := l.T("methods.caution_few", "Who", who)
	if widest > 0 {
		s += l.T("methods.caution_few_wide", "Width", wide)
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

// addAnnex fills the annex of m from the annex of p, in the language of l.
func addAnnex(l *lang.Printer, m *methodsPage, p *page, fs figures) {
	a := p.annex
	if a == nil {
		return
	}
	for _, id := range annexIDs(fs) {
		i := slices.IndexFunc(a.Indicators, func(s IndicatorSource) bool { return s.ID == id })
		if i < 0 {
			continue
		}
		src := LocalizeSource(l, a.Indicators[i])
		m.Indicators = append(m.Indicators, annexIndicator{ID: id, Label: label(l, *fs.first(id)),
			Numerator: src.Numerator, Denominator: src.Denominator, N: annexN(l, fs, id),
			Version: strconv.Itoa(src.Version), File: src.File, SHA256: src.SHA256})
	}
	m.Views = a.Views
	for _, s := range a.Sources {
		kind := s.Kind
		if key := "annex.kinds." + messageKey(s.Kind); s.Kind != "" && l.Has(key) {
			kind = l.T(key)
		}
		by := s.ImportedBy
		if by == "" {
			by = l.T("annex.unknown_version")
		}
		m.Sources = append(m.Sources, annexSource{Path: s.Path, Kind: kind,
			Rows:       l.T("annex.rows", "Rows", l.Count(int64(s.Rows)), "Read", l.Count(int64(s.RowsRead))),
			ImportedAt: s.ImportedAt, ImportedBy: by, SHA256: s.SHA256})
	}
	version := p.Version
	if version == "" {
		version = l.T("annex.unknown_version")
	}
	m.Build = &annexBuild{Version: version, Digest: a.Config.SHA256, Canonical: a.Config.Canonical,
		Covered: strings.Join(a.Config.Covered, ", "), LeftOut: strings.Join(a.Config.LeftOut, ", "),
		Steps: ReproduceSteps(l, version), CoveredNote: l.T("annex.covered_note"), LeftOutNote: l.T("annex.left_out_note")}
}

// LocalizeSource writes the numerator and denominator of an indicator in
// the language of l: the header of its query writes them in French, another
// language takes them from its catalogue, by indicator id (as Localize).
func LocalizeSource(l *lang.Printer, src IndicatorSource) IndicatorSource {
	if l.Code() == lang.French {
		return src
	}
	src.Numerator = indicatorText(l, src.ID, "numerator", src.Numerator)
	src.Denominator = indicatorText(l, src.ID, "denominator", src.Denominator)
	return src
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
func annexN(l *lang.Printer, fs figures, id string) string {
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
		return l.T("withheld.unanimous")
	case lo < 0:
		return "—"
	case lo == hi:
		return l.Count(lo)
	}
	return l.T("annex.n_range", "Low", l.Count(lo), "High", l.Count(hi))
}

// ReproduceSteps say how an auditor checks the figures of a report made by
// greencity version, in the language of l: the files, the code, the
// settings, then the figures. The workbook lists them too.
func ReproduceSteps(l *lang.Printer, version string) []string {
	return []string{l.T("annex.step_files"), l.T("annex.step_code", "Version", version),
		l.T("annex.step_config"), l.T("annex.step_redo")}
}

// AnnexRows are the lines of the workbook's sheet of methods and sources,
// from the same words as the page, in its language (r.Lang): what, which,
// its value (a text, a SHA-256) and a detail. None when r has nothing to
// say.
func AnnexRows(r Report) ([][4]string, error) {
	l, err := lang.New(r.Lang)
	if err != nil {
		return nil, fmt.Errorf("annex: %w", err)
	}
	p, err := newPage(l, r)
	if err != nil {
		return nil, fmt.Errorf("annex: %w", err)
	}
	m := p.Methods
	if m == nil {
		return nil, nil
	}
	row := func(key string) string { return l.T("annex.rows_sheet." + key) }
	var out [][4]string
	for _, w := range m.Words {
		refs := ""
		if len(w.Refs) > 0 {
			refs = l.T("annex.refs_label") + strings.Join(w.Refs, l.T("list.semicolon"))
		}
		out = append(out, [4]string{row("method"), w.Term, w.Text, refs})
	}
	for _, s := range m.Sources {
		out = append(out, [4]string{row("source"), s.Path, s.SHA256,
			l.T("annex.source_detail", "Kind", capitalize(s.Kind), "Rows", s.Rows, "At", s.ImportedAt, "By", s.ImportedBy)})
	}
	for _, i := range m.Indicators {
		out = append(out, [4]string{row("sql"), i.File, i.SHA256, l.T("annex.sql_detail", "Label", i.Label, "ID", i.ID, "Version", i.Version)})
	}
	for _, v := range m.Views {
		out = append(out, [4]string{row("sql"), v.Path, v.SHA256, l.T("annex.view_detail")})
	}
	if b := m.Build; b != nil {
		out = append(out,
			[4]string{"greencity", row("version"), b.Version, ""},
			[4]string{row("configuration"), row("digest"), b.Digest, l.T("annex.covered_detail", "Covered", b.Covered, "Note", b.CoveredNote)},
			[4]string{row("configuration"), row("canonical"), b.Canonical, l.T("annex.canonical_detail")},
			[4]string{row("configuration"), row("left_out"), b.LeftOut, capitalize(b.LeftOutNote)})
		for i, s := range b.Steps {
			out = append(out, [4]string{row("redo"), strconv.Itoa(i + 1), s, ""})
		}
	}
	return out, nil
}
