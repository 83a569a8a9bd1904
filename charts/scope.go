package charts

import (
	"html/template"
	"strings"

	"github.com/cmq-greencity/greencity/lang"
)

// A report of one programme or one funder (Report.Scope): the campus's
// report restricted to the actions the catalogue gives that programme or
// funder. Its own title replaces "Chiffres clés", and a part "Périmètre"
// says which actions it counts, which it shares with other reports, and
// which figures it leaves out because they are about the whole campus.

// Kinds of scope.
const (
	ScopeProgramme = "programme"
	ScopeFunder    = "financeur"
)

// Scope is what restricts a report to one programme's or funder's actions.
type Scope struct {
	Kind string // ScopeProgramme or ScopeFunder
	Name string // as the catalogue spells it
	// Title replaces the default one ("Programme RICET", "Financeur :
	// Région BFC") when set.
	Title string `json:",omitempty"`
	// Actions are the scope's actions in the report's year, as the
	// catalogue spells them.
	Actions []string
	// Shared are the actions the scope shares with another programme (or
	// funder, for a funder's report), grouped by that other one.
	Shared []Shared `json:",omitempty"`
	// LeftOut are the labels of the figures about the whole campus, not
	// shown; TargetsLeftOut the targets of the campus not judged, and why.
	LeftOut        []string     `json:",omitempty"`
	TargetsLeftOut []LeftTarget `json:",omitempty"`
	// Statement is the funder's funding statement, and Logo its logo as a
	// data: URI of an image, shown at the top of the report ("" for none).
	Statement string `json:",omitempty"`
	Logo      string `json:",omitempty"`
}

// Shared is the actions a scope shares with one other programme or funder.
type Shared struct {
	With    string
	Actions []string
}

// LeftTarget is a target of the campus that a scoped report does not
// judge: its label, and why (TargetCampusWide or TargetBaselineReached).
type LeftTarget struct {
	Label, Why string
}

// Why a scoped report leaves a target out.
const (
	// TargetCampusWide: the target is about a figure of the whole campus,
	// or its baseline value, written in config.yaml, is the campus's.
	TargetCampusWide = "campus"
	// TargetBaselineReached: the scope's own baseline, read in its data,
	// is already at or beyond the target.
	TargetBaselineReached = "baseline"
)

// scopeOf says, in the words of the report (catalogue section scope), what
// an action of a scope is (one: "du programme RICET", "financée par Région
// BFC"; many: the same in the plural) and who the scope is ("le programme
// RICET").
func scopeOf(l *lang.Printer, s Scope) (one, many, who string) {
	kind := "programme"
	if s.Kind == ScopeFunder {
		kind = "funder"
	}
	return l.T("scope."+kind+"_one", "Name", s.Name), l.T("scope."+kind+"_many", "Name", s.Name), l.T("scope."+kind+"_who", "Name", s.Name)
}

// ScopeTitle is the title of a scoped report without its year: its own, or
// "Programme RICET", "Financeur : Région BFC" in the language of l.
func ScopeTitle(l *lang.Printer, s Scope) string {
	switch {
	case s.Title != "":
		return s.Title
	case s.Kind == ScopeFunder:
		return l.T("scope.title_funder", "Name", s.Name)
	}
	return l.T("scope.title_programme", "Name", s.Name)
}

// Heading is the title of a report: "Chiffres clés 2025", or for a scoped
// report "Programme RICET — 2025", in the language of l.
func Heading(l *lang.Printer, r Report) string {
	if r.Scope == nil {
		return l.T("report.key_figures", "Year", r.Year)
	}
	return l.T("scope.heading", "Title", ScopeTitle(l, *r.Scope), "Year", r.Year)
}

// ScopeLines are the sentences of the part "Périmètre" of a scoped report
// of year, in order, in the language of l, also written on the workbook's
// cover: the funding statement, the actions counted, those shared, what is
// left out.
func ScopeLines(l *lang.Printer, s Scope, year int) []string {
	var out []string
	if s.Statement != "" {
		out = append(out, s.Statement)
	}
	one, many, _ := scopeOf(l, s)
	switch n := len(s.Actions); n {
	case 0:
		out = append(out, l.T("scope.nothing", "Year", year, "One", one))
	case 1:
		out = append(out, l.T("scope.counted", "What", l.T("scope.counted_one", "One", one), "Year", year, "Actions", quote(l, s.Actions)[0]))
	default:
		out = append(out, l.T("scope.counted", "What", l.T("scope.counted_many", "Count", n, "Many", many), "Year", year,
			"Actions", l.List(quote(l, s.Actions))))
	}
	for _, sh := range s.Shared {
		_, _, with := scopeOf(l, Scope{Kind: s.Kind, Name: sh.With})
		if len(sh.Actions) == 1 {
			out = append(out, l.T("scope.shared_one", "With", with, "Actions", quote(l, sh.Actions)[0], "Name", sh.With))
		} else {
			out = append(out, l.T("scope.shared_many", "Count", len(sh.Actions), "With", with,
				"Actions", l.List(quote(l, sh.Actions)), "Name", sh.With))
		}
	}
	if len(s.LeftOut) > 0 {
		out = append(out, l.T("scope.left_out", "Names", l.List(quote(l, s.LeftOut))))
	}
	if len(s.TargetsLeftOut) > 0 {
		var ts []string
		for _, t := range s.TargetsLeftOut {
			why := "scope.target_campus"
			if t.Why == TargetBaselineReached {
				why = "scope.target_reached"
			}
			ts = append(ts, l.T(why, "Target", quote(l, []string{t.Label})[0]))
		}
		out = append(out, l.T("scope.targets_left_out", "Targets", strings.Join(ts, l.T("list.semicolon"))))
	}
	return out
}

// quote puts each word between the quotes of the language of l.
func quote(l *lang.Printer, words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = l.T("common.quoted", "Text", w)
	}
	return out
}

// scopePage is the part "Périmètre" as page.html.tmpl shows it.
type scopePage struct {
	ID, Title string
	Lines     []string
	// Logo is the funder's logo, a data: URI of an image checked by
	// newScopePage: html/template would otherwise refuse it in src.
	Logo    template.URL
	LogoAlt string
}

// newScopePage lays out the part "Périmètre" of s; a logo that is not a
// data: URI of an image is not shown.
func newScopePage(l *lang.Printer, s Scope, year int) *scopePage {
	p := &scopePage{ID: "perimetre", Title: l.T("scope.part_title"), Lines: ScopeLines(l, s, year)}
	if strings.HasPrefix(s.Logo, "data:image/") {
		p.Logo = template.URL(s.Logo)
		p.LogoAlt = l.T("scope.logo_alt", "Name", s.Name)
	}
	return p
}
