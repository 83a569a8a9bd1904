package charts

import "github.com/cmq-greencity/greencity/lang"

// WithheldText is what the report and the workbook show instead of a
// withheld figure: "< 10" with the threshold the figure was withheld under,
// "non publié" ("not published") for the group disclosure rule
// (pipeline/unanimous.go: all, or all but one, of its people are in the
// same category; it rests on enough people, so "< 10" would be false), ""
// for a figure shown. The command line writes the same in French
// (pipeline.Row.WithheldText).
func WithheldText(l *lang.Printer, f Figure) string {
	switch {
	case f.WithheldBelow <= 0:
		return ""
	case f.WithheldUnanimous:
		return l.T("withheld.unanimous")
	}
	return l.T("withheld.below", "Min", f.WithheldBelow)
}
