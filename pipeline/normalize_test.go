package pipeline

import (
	"strings"
	"testing"
	"time"
)

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Dont filles", "dontfilles"},
		{"dont_filles", "dontfilles"},
		{" DONT FILLES ", "dontfilles"},
		{"Établissement", "etablissement"},
		{"TERRITOIRES", "territoires"},
		{"Territoires ", "territoires"},
		{"demandeurs d’emploi", "demandeursd'emploi"},
		{"Type\u00a0établissement", "typeetablissement"},
		{"Lycée\u200b Eiffel", "lyceeeiffel"},
		{"Lycée Eif\u00adfel", "lyceeeiffel"},      // soft hyphen
		{"Lycée\u2060Eiffel", "lyceeeiffel"},       // word joiner
		{"\ufeffLycée\u200eEiffel", "lyceeeiffel"}, // BOM, left-to-right mark
		{"", ""},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseCount(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"12", 12, true},
		{"12.0", 12, true},
		{"0", 0, true},
		{"12 élèves", 0, false},
		{"N/A", 0, false},
		{"-3", 0, false},
		{"12.5", 0, false},
		{"99999999999", 0, false},
		{"", 0, false},
		{"1 000", 1000, true},
		{"1\u00a0000", 1000, true},
		{"1\u202f000\u202f000", 1000000, true},
		{"00012", 12, true},
		{"12.00", 12, true},
		// Go's parsers accept these; no one means them as a count.
		{"1e3", 0, false},
		{"1E+3", 0, false},
		{"0x1p4", 0, false},
		{"0x10", 0, false},
		{"0b101", 0, false},
		{"0o17", 0, false},
		{"1_000", 0, false},
		{"+5", 0, false},
		{"Inf", 0, false},
		{"+Inf", 0, false},
		{"NaN", 0, false},
		{"1.5e2", 0, false},
		{"-0", 0, false},
		// A thousand to whoever wrote them, 1 to a parser.
		{"1.000", 0, false},
		{"1,000", 0, false},
		{"1,0", 0, false},
		// Badly grouped.
		{"1 00", 0, false},
		{"1000 000", 0, false},
		{"1  000", 0, false},
		{" 1000", 0, false},
		{"1.", 0, false},
		{".5", 0, false},
		{"TRUE", 0, false},
		{"VRAI", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseCount(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("parseCount(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPlainNumber(t *testing.T) {
	tests := []struct {
		in           string
		decimalComma bool
		want         float64
		ok           bool
	}{
		{"1,5", true, 1.5, true},
		{"1,5", false, 0, false},
		{"-2.25", false, -2.25, true},
		{"1 000,5", true, 1000.5, true},
		{"3.14", true, 3.14, true},
		{"1,5,2", true, 0, false},
		{"NaN", true, 0, false},
		{"Inf", true, 0, false},
		{"-Inf", true, 0, false},
		{"1e3", true, 0, false},
		{"0x1p4", true, 0, false},
		{"1_000", true, 0, false},
		{"+5", true, 0, false},
		{"--5", true, 0, false},
		{"-", true, 0, false},
		{"1" + strings.Repeat("0", 400), false, 0, false}, // beyond float64
	}
	for _, tt := range tests {
		got, ok := plainNumber(tt.in, tt.decimalComma)
		if ok != tt.ok || got != tt.want {
			t.Errorf("plainNumber(%q, %v) = %v, %v; want %v, %v", tt.in, tt.decimalComma, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseDate(t *testing.T) {
	day := time.Date(2025, 6, 16, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in       string
		date1904 bool
		want     time.Time
		ok       bool
	}{
		{"45824", false, day, true},
		{"44362", true, day, true},
		{"45824.5", false, day, true}, // a date with a time of day
		{"16/06/2025", false, day, true},
		{"16/6/2025", false, day, true},
		{"2025-06-16", false, day, true},
		{"2025-06-16 00:00:00", false, day, true},
		// ISO 8601 date cells (t="d"), as some programs write them.
		{"2025-06-16T00:00:00Z", false, day, true},
		{"2025-06-16T00:00:00.000", false, day, true},
		{"2025-06-16T14:30:00+02:00", false, day, true},
		{"2025-06-16T14:30", false, day, true},
		{"16/06/2025 14:30", false, day, true},
		{"2025-06-16T25:00:00", false, time.Time{}, false},
		{"2025-06-16Tmidi", false, time.Time{}, false},
		{"4.5824e4", false, time.Time{}, false},
		{"0x1p4", false, time.Time{}, false},
		{"31/02/2026", false, time.Time{}, false},
		{"06/16/2025", false, time.Time{}, false},
		{"juin 2025", false, time.Time{}, false},
		{"0", false, time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in, tt.date1904)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseDate(%q, %v) = %v, %v; want %v, %v", tt.in, tt.date1904, got, ok, tt.want, tt.ok)
		}
	}
}

func TestYearPeriod(t *testing.T) {
	cal, school := newYearPeriod(2025, false), newYearPeriod(2025, true)
	tests := []struct {
		p    yearPeriod
		d    time.Time
		want bool
	}{
		{cal, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{cal, time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), true},
		{cal, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{school, time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC), true},
		{school, time.Date(2025, 8, 31, 0, 0, 0, 0, time.UTC), true},
		{school, time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		if got := tt.p.contains(tt.d); got != tt.want {
			t.Errorf("%s contains %s = %v, want %v", tt.p, tt.d.Format("2006-01-02"), got, tt.want)
		}
	}
}

// TestFormulaCell_Fault checks the formula is shown with one "=", whether
// its writer stored it without (Excel, LibreOffice) or with (excelize) it.
func TestFormulaCell_Fault(t *testing.T) {
	for _, f := range []string{"10+15", "=10+15"} {
		if got, _ := (FormulaCell{Cell: "E3", Formula: f}).fault(); got != "formule =10+15 sans valeur calculée" {
			t.Errorf("FormulaCell{Formula: %q}.fault() = %q, want %q", f, got, "formule =10+15 sans valeur calculée")
		}
	}
}
