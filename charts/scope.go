package charts

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
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

// The words of a scoped report, all here, so that another language has
// one place to take them from.
const (
	scopeTitleProgramme = "Programme %s"
	scopeTitleFunder    = "Financeur : %s"
	scopeHeading        = "%s — %d" // title — year
	scopePartTitle      = "Périmètre"
	scopeCounted        = "Ce rapport ne compte que %s en %d : %s."
	scopeNothing        = "Le catalogue %d ne donne aucune action %s : ce rapport n'a pas de chiffre pour cette année."
	scopeSharedOne      = "Une action est partagée avec %s : %s. Elle compte aussi dans le rapport %s : les totaux de plusieurs rapports ne s'additionnent pas."
	scopeSharedMany     = "%d actions sont partagées avec %s : %s. Elles comptent aussi dans le rapport %s : les totaux de plusieurs rapports ne s'additionnent pas."
	scopeLeftOut        = "Ne sont pas repris ici, car ils portent sur l'ensemble du campus et non sur ses actions : %s."
	scopeTargetsLeftOut = "Cibles 2030 du campus non reprises ici : %s."
	scopeTargetCampus   = "%s (elle porte sur l'ensemble du campus)"
	scopeTargetReached  = "%s (la référence de ce périmètre, lue dans ses données, est déjà au niveau de la cible)"
	scopeLogoAlt        = "Logo de %s"
)

// scopeOf says, in the words of the report, what an action of a scope is
// (one: "du programme RICET", "financée par Région BFC"; many: the same
// in the plural) and who the scope is ("le programme RICET").
func scopeOf(s Scope) (one, many, who string) {
	if s.Kind == ScopeFunder {
		return "financée par " + s.Name, "financées par " + s.Name, "le financeur " + s.Name
	}
	return "du programme " + s.Name, "du programme " + s.Name, "le programme " + s.Name
}

// ScopeTitle is the title of a scoped report without its year: its own, or
// "Programme RICET", "Financeur : Région BFC".
func ScopeTitle(s Scope) string {
	switch {
	case s.Title != "":
		return s.Title
	case s.Kind == ScopeFunder:
		return fmt.Sprintf(scopeTitleFunder, s.Name)
	}
	return fmt.Sprintf(scopeTitleProgramme, s.Name)
}

// Heading is the title of a report: "Chiffres clés 2025", or for a scoped
// report "Programme RICET — 2025".
func Heading(r Report) string {
	if r.Scope == nil {
		return "Chiffres clés " + strconv.Itoa(r.Year)
	}
	return fmt.Sprintf(scopeHeading, ScopeTitle(*r.Scope), r.Year)
}

// ScopeLines are the sentences of the part "Périmètre" of a scoped report
// of year, in order, also written on the workbook's cover: the funding
// statement, the actions counted, those shared, what is left out.
func ScopeLines(s Scope, year int) []string {
	var out []string
	if s.Statement != "" {
		out = append(out, s.Statement)
	}
	one, many, _ := scopeOf(s)
	switch n := len(s.Actions); n {
	case 0:
		out = append(out, fmt.Sprintf(scopeNothing, year, one))
	case 1:
		out = append(out, fmt.Sprintf(scopeCounted, "l'action "+one, year, quote(s.Actions)[0]))
	default:
		out = append(out, fmt.Sprintf(scopeCounted, fmt.Sprintf("les %d actions %s", n, many), year, joinFrench(quote(s.Actions))))
	}
	for _, sh := range s.Shared {
		_, _, with := scopeOf(Scope{Kind: s.Kind, Name: sh.With})
		report := "de " + sh.With
		if len(sh.Actions) == 1 {
			out = append(out, fmt.Sprintf(scopeSharedOne, with, quote(sh.Actions)[0], report))
		} else {
			out = append(out, fmt.Sprintf(scopeSharedMany, len(sh.Actions), with, joinFrench(quote(sh.Actions)), report))
		}
	}
	if len(s.LeftOut) > 0 {
		out = append(out, fmt.Sprintf(scopeLeftOut, joinFrench(quote(s.LeftOut))))
	}
	if len(s.TargetsLeftOut) > 0 {
		var ts []string
		for _, t := range s.TargetsLeftOut {
			why := scopeTargetCampus
			if t.Why == TargetBaselineReached {
				why = scopeTargetReached
			}
			ts = append(ts, fmt.Sprintf(why, quote([]string{t.Label})[0]))
		}
		out = append(out, fmt.Sprintf(scopeTargetsLeftOut, strings.Join(ts, " ; ")))
	}
	return out
}

// quote puts each word between French quotes.
func quote(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = "« " + w + " »"
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
func newScopePage(s Scope, year int) *scopePage {
	p := &scopePage{ID: "perimetre", Title: scopePartTitle, Lines: ScopeLines(s, year)}
	if strings.HasPrefix(s.Logo, "data:image/") {
		p.Logo = template.URL(s.Logo)
		p.LogoAlt = fmt.Sprintf(scopeLogoAlt, s.Name)
	}
	return p
}
