package charts

import (
	"github.com/cmq-greencity/greencity/lang"

	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
)

//go:embed regional.html.tmpl
var regionalHTML string

var regionalTemplate = template.Must(template.New("regional").Parse(regionalHTML))

// Regional is the page that sets the campuses of a region side by side for
// one year, and gives their union (the region read as one campus).
type Regional struct {
	Year      int
	Region    string     // the union's name, heading its column
	Campuses  []string   // one column each, in this order
	Figures   [][]Figure // by campus, as Campuses
	Union     []Figure   // the figures of the union: one line each
	Reports   []string   // the relative link to each campus's report, as Campuses
	UnionLink string     // the relative link to the union's report
	// MinCellSize is the small-cell threshold, said in the page's note.
	MinCellSize int
	Generated   string
	Version     string
}

// regionalCell is one figure in the table: its text, and whether it is
// withheld.
type regionalCell struct {
	Text     string
	Withheld bool
}

// RenderRegional writes r to w as one self-contained HTML page in French, a
// table: a line per figure of the union that is not about one question of a
// questionnaire (those are in each report), a column per campus, then the
// union. Every text is escaped.
func RenderRegional(w io.Writer, r Regional) error {
	// The regional page is read by the région and the national network:
	// French only.
	fr, err := lang.New(lang.French)
	if err != nil {
		return err
	}
	type link struct{ Name, Href string }
	type line struct {
		Label string
		Cells []regionalCell
		Union regionalCell
	}
	page := struct {
		Regional
		Title string
		Links []link
		Lines []line
	}{Regional: r, Title: fmt.Sprintf("Indicateurs %d : %d campus côte à côte", r.Year, len(r.Campuses))}
	for i, c := range r.Campuses {
		page.Links = append(page.Links, link{c, r.Reports[i]})
	}
	page.Links = append(page.Links, link{r.Region, r.UnionLink})
	type key struct{ id, survey, wave, dim, cat string }
	keyOf := func(f Figure) key { return key{f.ID, f.Survey, f.Wave, f.Dimension, f.Category} }
	for _, u := range r.Union {
		if u.Question != "" {
			continue
		}
		l := line{Label: regionalLabel(u), Union: regionalText(fr, &u)}
		for i := range r.Campuses {
			var found *Figure
			for j := range r.Figures[i] {
				if f := &r.Figures[i][j]; f.Question == "" && keyOf(*f) == keyOf(u) {
					found = f
					break
				}
			}
			l.Cells = append(l.Cells, regionalText(fr, found))
		}
		page.Lines = append(page.Lines, l)
	}
	return regionalTemplate.Execute(w, page)
}

// regionalLabel names a line: the indicator, its survey and its breakdown.
func regionalLabel(f Figure) string {
	parts := []string{f.Label}
	if f.Survey != "" {
		parts = append(parts, f.Survey)
	}
	if f.Wave != "" {
		parts = append(parts, "vague "+f.Wave)
	}
	if f.Dimension != "" {
		parts = append(parts, f.Dimension+" : "+f.Category)
	}
	return strings.Join(parts, " — ")
}

// regionalText writes a figure with what it rests on: "83 % (calculé sur 18
// répondants)", "2 087", "< 10"
// or "non publié" when withheld, "–" when the campus has no such figure.
func regionalText(l *lang.Printer, f *Figure) regionalCell {
	switch {
	case f == nil:
		return regionalCell{Text: "–"}
	case f.WithheldBelow > 0:
		return regionalCell{Text: WithheldText(l, *f), Withheld: true} // "< 10", or "non publié" (group disclosure rule)
	}
	text := kindOf(*f).format(l, f.Value)
	if basis := Basis(l, *f); basis != "" { // a count is its own basis
		text += " (" + basis + ")"
	}
	return regionalCell{Text: text}
}
