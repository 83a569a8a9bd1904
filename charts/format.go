package charts

import (
	"strconv"
	"strings"

	"github.com/cmq-greencity/greencity/lang"
)

// Numbers are written by package lang (the report's language); what is
// left here reads the categories that hold a date.

// nbSpace is the no-break space French puts before ":".
const nbSpace = "\u00a0"

// parseMonth reads a "YYYY-MM" category. It returns the year, the month
// (1-12) and false if the category is anything else.
func parseMonth(s string) (year, month int, ok bool) {
	y, m, found := strings.Cut(strings.TrimSpace(s), "-")
	if !found || len(y) != 4 || len(m) != 2 {
		return 0, 0, false
	}
	year, err1 := strconv.Atoi(y)
	month, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || month < 1 || month > 12 {
		return 0, 0, false
	}
	return year, month, true
}

// formatMonth writes "2025-01" as "janv. 2025" ("Jan 2025"), and leaves any
// other text as it is.
func formatMonth(l *lang.Printer, s string) string {
	y, m, ok := parseMonth(s)
	if !ok {
		return s
	}
	return l.Month(y, m)
}
