package pipeline

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
)

// Fuzz tests of header matching, cell parsing and whole workbooks. `go test`
// runs their seeds; .ci/run fuzzes each for a few seconds:
//
//	go test -run XXX -fuzz '^FuzzKey$' -fuzztime 10s ./pipeline

func FuzzKey(f *testing.F) {
	for _, s := range []string{"Dont filles", "dont_filles", " DONT FILLES ", "Établissement", "demandeurs d’emploi",
		"type\u200b_établissement", "\ufeffaction", "Å", "ǅ", "ﬁ", "", "   ", "e\u0301", "Lyc\u00adée\u2060 Eiffel"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		for _, r := range k {
			if unicode.IsSpace(r) || r == '_' || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r) || r == '’' {
				t.Fatalf("Key(%q) = %q keeps %q", s, k, r)
			}
		}
		if k2 := Key(" _" + s + "_ "); k2 != k {
			t.Fatalf("Key(%q) = %q but with blanks around %q", s, k, k2)
		}
		ascii := true
		for _, r := range s {
			ascii = ascii && r < 0x80
		}
		if ascii && Key(strings.ToUpper(s)) != k {
			t.Fatalf("Key(%q) = %q but Key of its upper case = %q", s, k, Key(strings.ToUpper(s)))
		}
	})
}

func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"12", "12.0", "12 élèves", "N/A", "-3", "12.5", "1e3", "0x10", "+4", "2147483647",
		"2147483648", "NaN", "Inf", "-0", "00012", "1.0000000000000002", "", "1 000", "1\u202f000", "0x1p4", "1_000",
		"0b101", "1.5e2", "1.000", "1,000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := parseCount(s)
		if !ok {
			if i, err := strconv.Atoi(s); err == nil && i >= 0 && i <= math.MaxInt32 && allDigits(s) {
				t.Fatalf("parseCount(%q) refused a whole number >= 0", s)
			}
			return
		}
		if n < 0 || n > math.MaxInt32 {
			t.Fatalf("parseCount(%q) = %d, out of range", s, n)
		}
		// Only digits, thousands separators and a decimal point: what is
		// accepted is what a person reads as the number.
		plain := strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(s)
		if strings.TrimLeft(plain, "0123456789.") != "" {
			t.Fatalf("parseCount(%q) = %d, from more than digits", s, n)
		}
		if f, err := strconv.ParseFloat(plain, 64); err != nil || f != float64(n) {
			t.Fatalf("parseCount(%q) = %d, not the number written", s, n)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"45966", "45966.5", "31/02/2026", "05/11/2025", "5/11/2025", "2025-11-05",
		"2025-11-05T00:00:00", "2025-11-05 00:00:00", "0", "-1", "2958466", "1", "29/02/2024", "NaN", "",
		"2025-11-05T10:30:00Z", "2025-11-05T10:30:00.000+01:00", "4.5966e4", "0x1p4"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, date1904 bool) {
		d, ok := parseDate(s, date1904)
		if !ok {
			return
		}
		if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("parseDate(%q) = %v, want a UTC midnight", s, d)
		}
		if d.Year() < 0 || d.Year() > 9999 {
			t.Fatalf("parseDate(%q) = %v, out of range", s, d)
		}
		// A date read from text reads back the same from its canonical text.
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			if back, ok := parseDate(d.Format("2006-01-02"), false); !ok || !back.Equal(d) {
				t.Fatalf("parseDate(%q) = %v, but its text %s reads %v, %v", s, d, d.Format("2006-01-02"), back, ok)
			}
		}
	})
}

func FuzzReadHeader(f *testing.F) {
	f.Add("action\tdate\tpublic\tparticipants")
	f.Add(" Action\tDATE\tÉtablissement\tType établissement\tcommune\tPublic\tNiveau\tParticipants\tDont filles\tdont_QPV_ZRR\tRemarque")
	f.Add("action\tAction\t\t\tparticipants")
	f.Add("\t\t\t")
	f.Fuzz(func(t *testing.T, line string) {
		cells := strings.Split(line, "\t")
		tab, problems, _ := readHeader("Feuil1", 1, cells, participationColumns)
		seen := map[int]bool{}
		for name, i := range tab.index {
			if i < 0 || i >= len(cells) || seen[i] || Key(cells[i]) != Key(name) {
				t.Fatalf("readHeader(%q): column %s at %d", cells, name, i)
			}
			seen[i] = true
		}
		missing := 0
		for _, c := range participationColumns {
			if _, ok := tab.index[c.name]; c.required && !ok {
				missing++
			}
		}
		if missing > len(problems) {
			t.Fatalf("readHeader(%q): %d required columns missing, %d problems", cells, missing, len(problems))
		}
	})
}

// FuzzWorkbook feeds the importer arbitrary bytes as a catalogue: it must
// answer with the parse or an error about the file, never a panic nor a
// temp file left behind.
func FuzzWorkbook(f *testing.F) {
	dir := f.TempDir()
	good := filepath.Join(dir, "actions.xlsx")
	xlsxtest.Write(f, good, xlsxtest.Sheet{Name: "actions", Rows: [][]any{
		{"action", "axe", "type"}, {"Fresque du climat", "attractivité", "atelier"},
	}})
	foreign := filepath.Join(dir, "foreign.xlsx")
	xlsxtest.WriteForeign(f, foreign, true, xlsxtest.Sheet{Name: "actions", Rows: [][]any{
		{"action", "axe", "type"}, {"Fresque", "territoires", xlsxtest.Formula{Expr: "\"vi\"&\"site\"", Cached: "visite"}},
	}})
	// Cells only other software or a damaged file writes.
	odd := filepath.Join(dir, "odd.xlsx")
	xlsxtest.WriteForeign(f, odd, false, xlsxtest.Sheet{Name: "actions", Rows: [][]any{
		{"action", "axe", "type"}, {"Fresque", xlsxtest.SharedString{Index: 4}, xlsxtest.Bool(true)},
		{xlsxtest.Invisible{Value: "Forum"}, xlsxtest.ISODate("2025-11-05T00:00:00Z"), "visite"},
	}})
	for _, p := range []string{good, foreign, odd} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)/2])
		f.Add(bytes.Replace(b, []byte(`r="2"`), []byte(`r="99999999"`), 1))
	}
	f.Add([]byte("action;axe;type\n"))
	f.Add([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	f.Add([]byte("PK\x03\x04"))
	tmp := f.TempDir()
	im := &Importer{Campus: "CMQ Test", TmpDir: tmp}
	f.Fuzz(func(t *testing.T, content []byte) {
		p, err := im.parse(context.Background(), "2025/actions.xlsx", io.NewSectionReader(bytes.NewReader(content), 0, int64(len(content))), 2025, im.storeCatalogue, dropRows{}, nil)
		var ue *UnreadableError
		switch {
		case err == nil && p == nil:
			t.Fatal("parse: neither a result nor an error")
		case err != nil && !errors.As(err, &ue):
			t.Fatalf("parse: %v, want an *UnreadableError", err)
		case err != nil && (ue.File != "2025/actions.xlsx" || strings.Contains(ue.Error(), "\n")):
			t.Fatalf("parse: %q, want one line naming the file", ue.Error())
		}
		if left, _ := os.ReadDir(tmp); len(left) > 0 {
			t.Fatalf("temp files left behind: %v", left)
		}
	})
}
