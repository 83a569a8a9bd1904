package xlsxstream

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/google/go-cmp/cmp"
)

// FuzzFastRow holds rowReader.fastRow to the reading it stands in for:
// whenever it reads a row, window.element and parse read the same row
// number, the same cells and the same length from the same bytes.
func FuzzFastRow(f *testing.F) {
	parts := xlsxtest.ExcelParts()
	content := xlsxtest.Zip(f, parts...)
	zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		f.Fatal(err)
	}
	wb, err := Open(zr)
	if err != nil {
		f.Fatal(err)
	}
	sheet := parts[slices.IndexFunc(parts, func(p [2]string) bool { return p[0] == "xl/worksheets/sheet1.xml" })][1]
	rows := sheet[strings.Index(sheet, "<row") : strings.Index(sheet, "</sheetData>")+len("</sheetData>")]
	for rest := rows; strings.HasPrefix(rest, "<row"); {
		f.Add([]byte(rest), 0)
		f.Add([]byte(rest), 4)
		rest = rest[strings.Index(rest, "</row>")+len("</row>"):]
	}
	f.Add([]byte(`<row r="2" spans="1:3"><c r="A2" t="s"><v>4</v></c><c r="B2" s="1"><v>45667</v></c><c r="C2"><v>7</v></c></row><row r="3">`), 1)
	f.Add([]byte(`<row r="2"><c r="A2" t="s"><v> 4 </v></c><c r="B2" s="1" ><v>1</v></c ><c r="C2" t="b"><v>1</v></c><c r="D2"/><c r="F2"></c><c r="G2"><v></v></c></row>`), 1)
	f.Add([]byte(`<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><f>"</row>"</f><v>1</v></c></row>`), 1)
	f.Add([]byte(`<row r="2"><c r="A2" r="B2"><v>1</v></c><c r="C2" t="x"><v>1</v></c></row>`), 1)
	f.Add([]byte(`<row r="2"/><row r="3"><c r="A3"><v>1</v></c></row>`), 1)
	f.Fuzz(func(t *testing.T, d []byte, last int) {
		fast := rowReader{wb: wb, part: "sheet", last: last}
		n, size, ok := fast.fastRow(d)
		if !ok {
			return
		}
		ref := rowReader{wb: wb, part: "sheet", last: last}
		win := newWindow(bytes.NewReader(d), "sheet")
		tg, whole, err := win.element()
		if err != nil || string(tg.name) != "row" {
			t.Fatalf("fastRow read %q, element gives <%s>, %v", d[:size], tg.name, err)
		}
		want, err := ref.parse(tg, whole)
		if err != nil {
			t.Fatalf("fastRow read %q, parse: %v", d[:size], err)
		}
		if n != want || size != len(whole) {
			t.Errorf("fastRow = row %d, %d bytes; parse: row %d, %d bytes", n, size, want, len(whole))
		}
		if diff := cmp.Diff(ref.cells, fast.cells); diff != "" {
			t.Errorf("fastRow(%q) cells (-parse +fastRow):\n%s", d[:size], diff)
		}
	})
}

// TestFastRow_Reads: fastRow reads the rows Excel writes, so that
// FuzzFastRow compares something; a row it is not sure of is left to parse.
func TestFastRow_Reads(t *testing.T) {
	content := xlsxtest.Zip(t, xlsxtest.ExcelParts()...)
	zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		t.Fatal(err)
	}
	wb, err := Open(zr)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		row  string
		ok   bool
		want []Cell
	}{
		{`<row r="2" spans="1:3" x14ac:dyDescent="0.25"><c r="A2" t="s"><v>4</v></c><c r="B2" s="1"><v>45667</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" s="1"/></row>`, true,
			[]Cell{{Value: "Fresque du climat", Type: SharedString}, {Value: "45667", Date: true}, {}, {Value: "1", Type: Bool}}},
		{`<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2" t="inlineStr"><is><t>x</t></is></c></row>`, true,
			[]Cell{{Value: "2", Formula: true}, {Value: "x", Type: InlineString}}},
		{`<row r="2"><c r="A2"><v>1</v></c>`, false, nil},
		{`<row r="2"><c r="A2"><f>"</row>"</f></c></row>`, false, nil},
	}
	for _, c := range cases {
		r := rowReader{wb: wb, part: "sheet"}
		n, size, ok := r.fastRow([]byte(c.row + "<row"))
		if ok != c.ok || ok && (n != 2 || size != len(c.row)) {
			t.Errorf("fastRow(%q) = %d, %d, %v; want 2, %d, %v", c.row, n, size, ok, len(c.row), c.ok)
		}
		if d := cmp.Diff(c.want, r.cells); ok && d != "" {
			t.Errorf("fastRow(%q) cells (-want +got):\n%s", c.row, d)
		}
	}
}

// FuzzAppendPlain holds sharedStrings.appendPlain to the reading it stands
// in for: whenever it reads a string item, window.element and
// appendRichText read the same text and the same length from the same
// bytes.
func FuzzAppendPlain(f *testing.F) {
	for _, item := range []string{
		`<si><t>Élève n° 3</t></si>`, `<si><t xml:space="preserve"> a &amp; b </t></si>`, `<si><t>a_x0009_b</t></si>`,
		`<si><t>a&#13;&#10;b&nbsp;</t></si>`, `<si><t></t></si>`, `<si><t>a</t> </si>`, `<si><t>a</t></si><si>`,
		`<si><r><t>a</t></r></si>`, "<si><t>a\r\nb</t></si>", `<si><t>a</t><t>b</t></si>`,
	} {
		f.Add([]byte(item))
	}
	f.Fuzz(func(t *testing.T, d []byte) {
		var fast sharedStrings
		size, ok := fast.appendPlain(d)
		if !ok {
			if len(fast.text) != 0 {
				t.Fatalf("appendPlain(%q) failed and left %q", d, fast.text)
			}
			return
		}
		win := newWindow(bytes.NewReader(d), "sst")
		tg, whole, err := win.element()
		if err != nil || string(tg.name) != "si" || !validAttrs(tg.attrs) {
			t.Fatalf("appendPlain read %q, element gives <%s>, %v", d[:size], tg.name, err)
		}
		_, next, _ := readTag(whole, 0)
		want, good := appendRichText(nil, whole[next:len(whole)-len("</si>")])
		if !good || size != len(whole) || string(want) != string(fast.text) {
			t.Errorf("appendPlain(%q) = %q, %d bytes; appendRichText: %q, %d bytes, %v", d, fast.text, size, want, len(whole), good)
		}
	})
}

// FuzzAppendText holds appendText to encoding/xml (excelize's parser):
// whatever text it decodes, encoding/xml decodes alike.
func FuzzAppendText(f *testing.F) {
	for _, s := range []string{"Élève n° 3", " a &amp; b &lt;&gt;&quot;&apos; ", "a\r\nb\rc\n", "&#233;&#xE9;&#x1F600;", "東京\t", "a&nbsp;", "&#0;", "\x01"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, ok := appendText([]byte("prefix"), raw)
		if !ok {
			return
		}
		var want struct {
			Text string `xml:",chardata"`
		}
		if err := xml.Unmarshal([]byte("<a>"+string(raw)+"</a>"), &want); err != nil {
			t.Fatalf("appendText(%q) = %q, encoding/xml fails: %v", raw, got, err)
		}
		if string(got) != "prefix"+want.Text {
			t.Errorf("appendText(%q) = %q, encoding/xml: %q", raw, got[len("prefix"):], want.Text)
		}
	})
}

// TestRowTag: what drainTail takes for a row excelize would read after
// </sheetData>, and what it does not.
func TestRowTag(t *testing.T) {
	for tail, want := range map[string]bool{
		`<row r="12"/>`:                   true,
		`<row>`:                           true,
		"<row\n r=\"1\">":                 true,
		`<x:row/>`:                        true,
		`<rowBreaks count="1"><brk/>`:     false,
		`<x:rowBreaks/>`:                  false,
		`</row>`:                          false,
		`<f>arrow</f>`:                    false,
		`<mergeCell ref="A7:B7"/><row`:    false, // the next byte is not read yet
		`<headerFooter><oddHeader>&amp;R`: false,
	} {
		if got := rowTag([]byte(tail)); got != want {
			t.Errorf("rowTag(%q) = %v, want %v", tail, got, want)
		}
	}
}
