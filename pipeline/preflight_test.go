package pipeline

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestSharedRefs follows shared-string indexes across every way of cutting
// the part into chunks, as inflating it does.
func TestSharedRefs(t *testing.T) {
	part := `<row r="1"><c r="A1" t="s"><v>3</v></c><c r="B1" s="2" t='s'><v> 12 </v></c><c r="C1"><v>999</v></c>` +
		`<c r="D1" t="str"><v>55</v></c><x:c r="E1" t="s"><x:v>7</x:v></x:c>` +
		// Not a type attribute: no blank before its t.
		`<c r="F1" xt="s"><v>99</v></c><c r="G1"tt="s"><v>98</v></c><c r="H1" t="t"><v>97</v></c></row>`
	for cut := 0; cut <= len(part); cut++ {
		s := sharedRefs{max: -1}
		s.feed([]byte(part[:cut]))
		s.feed([]byte(part[cut:]))
		if s.max != 12 {
			t.Fatalf("cut at %d: max = %d, want 12", cut, s.max)
		}
	}
	s := sharedRefs{max: -1}
	for i := range len(part) {
		s.feed([]byte{part[i]})
	}
	if s.max != 12 {
		t.Fatalf("byte by byte: max = %d, want 12", s.max)
	}
	s = sharedRefs{max: -1}
	s.feed([]byte(`<c r="A1" t="s"><v>abc</v></c>`))
	if s.max < 1<<30 {
		t.Errorf("an index that is no number: max = %d, want it past any table", s.max)
	}
}

func TestSiCounter(t *testing.T) {
	sst := `<sst count="3"><si><t>a</t></si><si><r><t>b</t></r></si><x:si><x:t>c</x:t></x:si><si/><sis/></sst>`
	for cut := 0; cut <= len(sst); cut++ {
		var c siCounter
		c.Write([]byte(sst[:cut]))
		c.Write([]byte(sst[cut:]))
		if c.n != 4 {
			t.Fatalf("cut at %d: %d strings, want 4", cut, c.n)
		}
	}
}

func TestFormatInvisibility(t *testing.T) {
	tests := []struct {
		code string
		want invisibleFormat
	}{
		{";;;", invisibleFormat{numbers: true, text: true}},
		{" ; ; ; ", invisibleFormat{numbers: true, text: true}},
		{"[Red];[Blue];;", invisibleFormat{numbers: true, text: true}},
		{";;", invisibleFormat{numbers: true}},
		{";", invisibleFormat{numbers: true}},
		{";;;@", invisibleFormat{numbers: true}},
		{"0;-0;;@", invisibleFormat{}},
		{`"";"";""`, invisibleFormat{}},
		{`\;;;;`, invisibleFormat{text: true}}, // shows ";" for a positive number, nothing else
		{"General", invisibleFormat{}},
		{"", invisibleFormat{}},
		{"dd/mm/yyyy", invisibleFormat{}},
	}
	for _, tt := range tests {
		if got := formatInvisibility(tt.code); got != tt.want {
			t.Errorf("formatInvisibility(%q) = %+v, want %+v", tt.code, got, tt.want)
		}
	}
	styles := `<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode=";;;"/><numFmt numFmtId="165" formatCode="0.0"/></numFmts>` +
		`<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="165"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>`
	got := invisibleStyles([]byte(styles))
	if len(got) != 1 || got[2] != (invisibleFormat{numbers: true, text: true}) {
		t.Errorf("invisibleStyles = %v, want style 2 only", got)
	}
}

// TestHasLayoutMarker: hasLayoutMarker says what searching each of
// layoutMarkers says, on sheets of cells and fragments of markers in every
// order, each marker at the start, middle and end of the text, and on the
// fragments that look like a marker but are not.
func TestHasLayoutMarker(t *testing.T) {
	naive := func(b []byte) bool {
		for _, mk := range layoutMarkers {
			if bytes.Contains(b, mk) {
				return true
			}
		}
		return false
	}
	pieces := []string{`<c r="A1" s="1" t="s"><v>12</v></c>`, `<c r="B1"><v>3.5</v></c>`, `<row r="2" spans="1:16">`,
		`t=`, `"e`, `'b`, `e"`, `b'`, `<`, `:`, `f`, `>`, ` `, `/`, `=`, `t`, `"`, `'`, `e`, `b`, `merge`, `Cell`, `hid`, `den`,
		`<is><t>effet bœuf</t></is>`, `<x:c r="C3" t="inlineStr">`, `ref="A1"`, `tb="b"`, `t ="e"`}
	for _, mk := range layoutMarkers {
		pieces = append(pieces, string(mk))
		for _, text := range []string{string(mk), "<row>" + string(mk), string(mk) + "</row>", "a" + string(mk) + "z"} {
			if !hasLayoutMarker([]byte(text)) {
				t.Errorf("hasLayoutMarker(%q) = false, want true", text)
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b []byte
		for range rng.IntN(12) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		if got, want := hasLayoutMarker(b), naive(b); got != want {
			t.Fatalf("hasLayoutMarker(%q) = %v, searching each marker says %v", b, got, want)
		}
	}
}
