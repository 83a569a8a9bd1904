package charts

import (
	"math"
	"strconv"
	"strings"
)

// French typography, done once here so that no template formats a number by
// hand. The narrow no-break space (U+202F) groups thousands and precedes "%":
// it is what Intl.NumberFormat("fr-FR") writes too, so the numbers of the
// HTML and those of the chart axes (formatted in the browser) look the same,
// and a printout never breaks "4 604" or "83 %" across two lines.
const (
	thinSpace = "\u202f" // espace fine insécable
	nbSpace   = "\u00a0" // espace insécable, before ":" in French
)

// formatInt writes v rounded to a whole number, with its thousands grouped:
// 4604 -> "4 604".
func formatInt(v float64) string {
	return group(strconv.FormatFloat(math.Round(v), 'f', 0, 64))
}

// formatDecimal writes v with exactly digits decimals and a decimal comma:
// 3.86, 1 -> "3,9".
func formatDecimal(v float64, digits int) string {
	s := strconv.FormatFloat(v, 'f', digits, 64)
	neg := strings.HasPrefix(s, "-")
	whole, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	out := group(whole)
	if frac != "" {
		out += "," + frac
	}
	// The sign is put back here, not left to group: -0.8 has a whole part of
	// 0, which group writes without its sign; -0.0 stays "0,0".
	if neg && strings.Trim(whole+frac, "0") != "" {
		out = "-" + out
	}
	return out
}

// formatNumber writes a count as a whole number, and anything else (a mean,
// a ratio) with one decimal.
func formatNumber(v float64) string {
	if v == math.Trunc(v) {
		return formatInt(v)
	}
	return formatDecimal(v, 1)
}

// formatPercent writes a fraction as a whole percentage: 0.8333 -> "83 %".
func formatPercent(v float64) string {
	return formatInt(v*100) + thinSpace + "%"
}

// formatChange writes a relative change with its sign: 0.33 -> "+33 %".
func formatChange(v float64) string {
	s := formatPercent(v)
	if !strings.HasPrefix(s, "-") && s != formatPercent(0) {
		s = "+" + s
	}
	return s
}

// formatCount writes how many people or rows a figure rests on.
func formatCount(n int64) string {
	return formatInt(float64(n))
}

// group inserts a thin space every three digits of an integer written by
// strconv ("-1234" -> "-1 234"). Rounding can give "-0": that is written "0".
func group(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	if strings.Trim(s, "0") == "" {
		sign = ""
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(thinSpace)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// monthsFR are the abbreviations of the French months, as the Imprimerie
// nationale writes them.
var monthsFR = [...]string{"janv.", "févr.", "mars", "avr.", "mai", "juin",
	"juil.", "août", "sept.", "oct.", "nov.", "déc."}

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

// formatMonth writes "2025-01" as "janv. 2025", and leaves any other text as
// it is.
func formatMonth(s string) string {
	y, m, ok := parseMonth(s)
	if !ok {
		return s
	}
	return monthsFR[m-1] + " " + strconv.Itoa(y)
}
