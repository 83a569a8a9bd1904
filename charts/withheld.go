package charts

import "strconv"

// UnanimousText stands for a figure withheld by the group disclosure rule
// (pipeline/unanimous.go): all, or all but one, of its people are in the
// same category. It rests on enough people: "< 10" would be false.
const UnanimousText = "non publié"

// WithheldText is what the report and the workbook show instead of a
// withheld figure: "< 10" with the threshold the figure was withheld under,
// "non publié" for the group disclosure rule, "" for a figure shown. The
// command line writes the same (pipeline.Row.WithheldText).
func WithheldText(f Figure) string {
	switch {
	case f.WithheldBelow <= 0:
		return ""
	case f.WithheldUnanimous:
		return UnanimousText
	}
	return "<" + nbSpace + strconv.Itoa(f.WithheldBelow)
}
