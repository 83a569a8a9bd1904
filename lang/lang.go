// Package lang holds the words of the reader-facing outputs (the HTML
// report, its workbook and its PDF) in each language they are written in,
// and writes numbers and dates the way each language writes them.
//
// The words live in message catalogues, one TOML file per language
// embedded in the binary (fr.toml, en.toml), read with go-i18n: a message
// is found by its id ("cover.period_calendar"), fills its {{.Placeholders}}
// from the arguments given, and picks its plural form by the CLDR rules of
// its language (French says "0 répondant" and "1 répondant", English "0
// respondents"). French is the default language; the command line speaks
// French whatever the language of a report, and does not use this package.
package lang

import (
	"embed"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
)

// Codes of the languages a report can be written in.
const (
	French  = "fr"
	English = "en"
)

// Codes lists the languages a report can be written in, French first.
var Codes = []string{French, English}

// ErrUnknown is returned for a language that has no catalogue.
var ErrUnknown = errors.New("langue inconnue")

//go:embed fr.toml en.toml
var catalogues embed.FS

// Printer writes the messages, numbers and dates of one language.
type Printer struct {
	code  string
	loc   *i18n.Localizer
	num   numberStyle
	notes []notePattern // the French notes Reword reads back
}

// New returns the printer of a language: "fr" (or "", the default) or
// "en". It reads both catalogues, so that a message missing from one
// language still shows in French rather than as its id.
func New(code string) (*Printer, error) {
	code = strings.ToLower(strings.TrimSpace(code))
	if code == "" {
		code = French
	}
	style, ok := styles[code]
	if !ok {
		return nil, fmt.Errorf("%w : %q (attendu : %s)", ErrUnknown, code, strings.Join(Codes, ", "))
	}
	bundle := i18n.NewBundle(language.French)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, c := range Codes {
		if _, err := bundle.LoadMessageFileFS(catalogues, c+".toml"); err != nil {
			return nil, fmt.Errorf("catalogue %s.toml: %w", c, err)
		}
	}
	notes, err := readNotes()
	if err != nil {
		return nil, err
	}
	return &Printer{code: code, loc: i18n.NewLocalizer(bundle, code), num: style, notes: notes}, nil
}

// MustNew is New for a language known to exist (French, English): the
// catalogues are embedded and tested, so an error is a bug of the build.
func MustNew(code string) *Printer {
	p, err := New(code)
	if err != nil {
		panic(err)
	}
	return p
}

// Code is the language of p: "fr" or "en".
func (p *Printer) Code() string { return p.code }

// T returns the message id, its placeholders filled from args, given as
// pairs of a name and a value: T("footer.threshold", "Min", 10). A message
// that cannot be found or filled is returned as "[id]", which the tests of
// every output look for.
func (p *Printer) T(id string, args ...any) string {
	return p.localize(id, nil, args)
}

// N is T for a message with plural forms, chosen by count: an integer, or
// a decimal number written with a point ("1.5": French says "1,5 point",
// English "1.5 points").
func (p *Printer) N(id string, count any, args ...any) string {
	return p.localize(id, count, args)
}

func (p *Printer) localize(id string, count any, args []any) string {
	data := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		data[fmt.Sprint(args[i])] = args[i+1]
	}
	msg, err := p.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err != nil && msg == "" {
		return "[" + id + "]"
	}
	return msg
}

// Has reports whether the catalogue of p holds a message id: a name of
// the data (a public, an axis) is translated when its catalogue knows it,
// and written as it is otherwise.
func (p *Printer) Has(id string) bool {
	_, err := p.loc.Localize(&i18n.LocalizeConfig{MessageID: id})
	return err == nil
}

// List joins words as the language lists them: "2023, 2024 et 2025",
// "2023, 2024 and 2025".
func (p *Printer) List(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + p.T("list.and") + words[len(words)-1]
}

// Month writes a month of a year, abbreviated: "janv. 2025", "Jan 2025".
func (p *Printer) Month(year, month int) string {
	return p.T(fmt.Sprintf("months.m%02d", month)) + " " + fmt.Sprint(year)
}

// Day writes the day of a month: "1er", "14" in French; "1", "14" in
// English.
func (p *Printer) Day(d time.Time) string {
	if d.Day() == 1 {
		return p.T("date.first_day")
	}
	return fmt.Sprint(d.Day())
}

// MonthName writes the month of d in full: "novembre", "November".
func (p *Printer) MonthName(d time.Time) string {
	return p.T(fmt.Sprintf("months.long_m%02d", int(d.Month())))
}

// Date writes a day in full: "1er novembre 2025", "1 November 2025".
func (p *Printer) Date(d time.Time) string {
	return p.Day(d) + " " + p.MonthName(d) + " " + fmt.Sprint(d.Year())
}

// DateTime writes when something happened, to the minute, with the
// layout of the catalogue ("02/01/2006 à 15:04", "2 January 2006, 15:04").
func (p *Printer) DateTime(t time.Time) string {
	return t.Format(p.T("date.datetime_layout"))
}
