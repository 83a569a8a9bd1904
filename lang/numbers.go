package lang

import (
	"math"
	"strconv"
	"strings"
)

// Numbers are written here, not by the catalogues: a catalogue says words,
// and the same few rules write every figure of every output.
//
// French typography: the narrow no-break space (U+202F) groups thousands
// and precedes "%", as Intl.NumberFormat("fr-FR") writes them too, so the
// numbers of the HTML and those of the chart axes (formatted in the
// browser) look the same, and a printout never breaks "4 604" or "83 %"
// across two lines; the decimal mark is a comma. English: "4,604", "83%",
// a decimal point.

// numberStyle is how a language writes numbers.
type numberStyle struct {
	group   string // between groups of three digits
	decimal string // the decimal mark
	percent string // between a number and "%"
}

// styles are the number styles of the languages of Codes.
var styles = map[string]numberStyle{
	French:  {group: "\u202f", decimal: ",", percent: "\u202f"},
	English: {group: ",", decimal: ".", percent: ""},
}

// Int writes v rounded to a whole number, with its thousands grouped:
// 4604 -> "4 604" (fr), "4,604" (en).
func (p *Printer) Int(v float64) string {
	return p.group(strconv.FormatFloat(math.Round(v), 'f', 0, 64))
}

// Count writes how many people or rows a figure rests on.
func (p *Printer) Count(n int64) string {
	return p.Int(float64(n))
}

// Decimal writes v with exactly digits decimals: 3.86, 1 -> "3,9" (fr),
// "3.9" (en).
func (p *Printer) Decimal(v float64, digits int) string {
	s := strconv.FormatFloat(v, 'f', digits, 64)
	neg := strings.HasPrefix(s, "-")
	whole, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	out := p.group(whole)
	if frac != "" {
		out += p.num.decimal + frac
	}
	// The sign is put back here, not left to group: -0.8 has a whole part of
	// 0, which group writes without its sign; -0.0 stays "0,0".
	if neg && strings.Trim(whole+frac, "0") != "" {
		out = "-" + out
	}
	return out
}

// Number writes a count as a whole number, and anything else (a mean, a
// ratio) with one decimal.
func (p *Printer) Number(v float64) string {
	if v == math.Trunc(v) {
		return p.Int(v)
	}
	return p.Decimal(v, 1)
}

// Percent writes a fraction as a whole percentage: 0.8333 -> "83 %" (fr),
// "83%" (en).
func (p *Printer) Percent(v float64) string {
	return p.Int(v*100) + p.num.percent + "%"
}

// PercentSign is "%" as it follows a number: " %" in French, "%" in
// English.
func (p *Printer) PercentSign() string {
	return p.num.percent + "%"
}

// Change writes a relative change with its sign: 0.33 -> "+33 %".
func (p *Printer) Change(v float64) string {
	s := p.Percent(v)
	if !strings.HasPrefix(s, "-") && s != p.Percent(0) {
		s = "+" + s
	}
	return s
}

// group inserts the group separator every three digits of an integer
// written by strconv ("-1234" -> "-1 234"). Rounding can give "-0": that is
// written "0".
func (p *Printer) group(s string) string {
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
			b.WriteString(p.num.group)
		}
		b.WriteRune(r)
	}
	return b.String()
}
