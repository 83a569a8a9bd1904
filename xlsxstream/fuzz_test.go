package xlsxstream_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
)

// FuzzReaders feeds mutated worksheets and shared-string tables to both
// readers: xlsxstream must never panic, and when it reads a sheet rather
// than decline, it must give excelize's cells.
func FuzzReaders(f *testing.F) {
	parts := xlsxtest.ExcelParts()
	part := func(name string) string {
		return parts[slices.IndexFunc(parts, func(p [2]string) bool { return p[0] == name })][1]
	}
	sheet, sst := part("xl/worksheets/sheet1.xml"), part("xl/sharedStrings.xml")
	f.Add([]byte(sheet), []byte(sst))
	f.Add([]byte(part("xl/worksheets/sheet2.xml")), []byte(sst))
	f.Add([]byte(strings.ReplaceAll(sheet, ` r="`, ` x="`)), []byte(sst))
	f.Add([]byte(strings.Replace(sheet, `<v>24</v>`, `<v>2&#x34;&amp;&#13;</v>`, 1)), []byte(sst))
	f.Add([]byte(sheet[:len(sheet)/2]), []byte(sst))
	f.Add([]byte(sheet), []byte(sst[:len(sst)/2]))
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		parts := slices.Clone(parts)
		for i, p := range parts {
			switch p[0] {
			case "xl/worksheets/sheet1.xml":
				parts[i][1] = string(sheet)
			case "xl/sharedStrings.xml":
				parts[i][1] = string(sst)
			}
		}
		content := xlsxtest.Zip(t, parts...)
		got, err := readStream(content)
		if err != nil {
			return // declined, or a file excelize reads with errors ignored
		}
		want, err := readExcelizeNoPanic(content)
		if err != nil {
			t.Fatalf("xlsxstream read it, excelize failed: %v", err)
		}
		if d := cmpBooks(want, got); d != "" {
			t.Fatalf("xlsxstream and excelize differ (-excelize +xlsxstream):\n%s", d)
		}
	})
}
