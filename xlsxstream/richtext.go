package xlsxstream

import "bytes"

// appendRichText appends the text of a string item (the content of <si> in
// the shared-string table, or of <is> in an inline-string cell) to dst, as
// excelize's xlsxSI.String gives it: the text of its <t>, then of each rich
// text run's <t>; phonetic runs (<rPh>) and properties are left out. b is
// the item's content, between its start and end tags.
//
// It reports !ok on what excelize would read in a way one cannot be sure to
// reproduce: a second <t> at the same level (encoding/xml keeps the last),
// elements or markup it does not know, and the _xHHHH_ escapes that excelize
// decodes with a regular expression.
func appendRichText(dst, b []byte) ([]byte, bool) {
	start := len(dst)
	dst, ok := appendItem(dst, b, false)
	if !ok || bytes.Contains(dst[start:], []byte("_x")) {
		return dst, false
	}
	return dst, true
}

// appendItem appends the text of a string item's content, or of a rich text
// run's (run: its optional <rPr> properties, then its <t>).
func appendItem(dst, b []byte, run bool) ([]byte, bool) {
	var ok, sawT bool
	for i := skipSpace(b, 0); i < len(b); i = skipSpace(b, i) {
		t, next, good := readTag(b, i)
		if !good || !validAttrs(t.attrs) || !typedAttrsOK(t.name, t.attrs) {
			return dst, false
		}
		switch name := string(t.name); {
		case name == "t" && !sawT:
			sawT = true
			if dst, i, ok = appendElementText(dst, b, t, next, "t"); !ok {
				return dst, false
			}
		case name == "r" && !run:
			if t.empty {
				i = next
				continue
			}
			end := bytes.Index(b[next:], []byte("</r>"))
			if end < 0 {
				return dst, false
			}
			if dst, ok = appendItem(dst, b[next:next+end], true); !ok {
				return dst, false
			}
			i = next + end + len("</r>")
		case name == "rPr" && run, name == "rPh" && !run, name == "phoneticPr" && !run:
			if i, ok = skipElement(b, t, next, name); !ok {
				return dst, false
			}
		default:
			return dst, false
		}
	}
	return dst, true
}

// appendElementText appends the text of the element whose start tag t ends
// at b[next], and returns the index past its end tag. The element holds
// character data only.
func appendElementText(dst, b []byte, t tag, next int, name string) ([]byte, int, bool) {
	if t.empty {
		return dst, next, true
	}
	end := bytes.IndexByte(b[next:], '<')
	if end < 0 || !closeTag(b, next+end, name) {
		return dst, 0, false
	}
	raw := b[next : next+end]
	if plainText(raw) {
		dst = append(dst, raw...)
	} else {
		var ok bool
		if dst, ok = appendText(dst, raw); !ok {
			return dst, 0, false
		}
	}
	return dst, next + end + len(name) + 3, true
}

// skipElement returns the index past the end of an element that holds no
// element of the same name (run properties, phonetic runs).
func skipElement(b []byte, t tag, next int, name string) (int, bool) {
	if t.empty {
		return next, true
	}
	end := bytes.Index(b[next:], []byte("</"+name+">"))
	if end < 0 || !wellFormed(b[next:next+end]) {
		return 0, false
	}
	return next + end + len(name) + 3, true
}
