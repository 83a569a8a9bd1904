package charts

import (
	"slices"
	"strconv"
	"strings"

	"github.com/cmq-greencity/greencity/lang"
)

// Cover is what the report says about itself before any figure: what it
// covers, when its data stop, who made it, and which of its data are not
// final.
type Cover struct {
	Period   string // "du 1er janvier au 31 décembre 2025"
	CutOff   string // when the year's last file was imported, formatted
	Producer string // who made the report
	Contact  string // whom to ask about it
	Workbook string // file name of the workbook beside the page, linked
	PDF      string // file name of the PDF beside the page, named
	// NotFinal are the years whose data are not final, with their status
	// (démonstration, provisoire); TargetsDemo says the targets are
	// illustrative.
	NotFinal    map[int]string `json:",omitempty"`
	TargetsDemo bool           `json:",omitempty"`
}

// coverPage is the cover as page.html.tmpl shows it.
type coverPage struct {
	Cover
	Version  string
	Warning  string        // what is not final, in one sentence; "" when all is
	Targets  []coverTarget // the targets and their status
	Contents []section     // the parts of the report, for the table of contents (ID, Title)
}

// coverTarget is one line of the table of targets of the cover.
type coverTarget struct {
	Label, Status, StatusClass string
}

// NotFinalText says in one sentence which data of c are not final, for the
// cover and the header of every PDF page; "" when all are final.
func NotFinalText(l *lang.Printer, c Cover) string {
	byStatus := map[string][]string{}
	for y, st := range c.NotFinal {
		byStatus[st] = append(byStatus[st], strconv.Itoa(y))
	}
	var parts []string
	for _, st := range []string{"démonstration", "provisoire"} {
		ys := byStatus[st]
		if len(ys) == 0 {
			continue
		}
		slices.Sort(ys)
		key := "cover.not_final_demo"
		if st == "provisoire" {
			key = "cover.not_final_provisional"
		}
		parts = append(parts, l.T(key, "Years", l.List(ys)))
	}
	if c.TargetsDemo {
		parts = append(parts, l.T("cover.not_final_targets"))
	}
	if len(parts) == 0 {
		return ""
	}
	return l.T("cover.not_final", "Parts", capitalize(strings.Join(parts, l.T("list.semicolon"))))
}

// yearsMark is the mark of a chart that shows years not final: "Données de
// démonstration : 2023, 2024", "" when every year it shows is final.
func yearsMark(l *lang.Printer, notFinal map[int]string, years []int) string {
	var demo, prov []string
	for _, y := range years {
		switch notFinal[y] {
		case "démonstration":
			demo = append(demo, strconv.Itoa(y))
		case "provisoire":
			prov = append(prov, strconv.Itoa(y))
		}
	}
	var parts []string
	if len(demo) > 0 {
		parts = append(parts, l.T("cover.mark_demo", "Years", l.List(demo)))
	}
	if len(prov) > 0 {
		parts = append(parts, l.T("cover.mark_provisional", "Years", l.List(prov)))
	}
	if len(parts) == 0 {
		return ""
	}
	return l.T("cover.mark", "Parts", l.List(parts))
}
