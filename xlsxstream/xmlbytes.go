package xlsxstream

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A byte-level reader of the small XML subset that spreadsheet software
// writes in worksheet and shared-string parts. It works on slices that hold
// whole elements (a row, a string item), so it never has to suspend in the
// middle of a token. Whatever falls outside that subset (comments, CDATA,
// processing instructions, entity names beyond the five predefined ones,
// characters XML forbids) makes it report !ok, and the caller declines.

// isSpace is XML white space.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// skipSpace returns the index of the first byte of b[i:] that is not white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// tag is a start or empty-element tag: its name, its attributes' text and
// whether it closes itself.
type tag struct {
	name  []byte
	attrs []byte
	empty bool
}

// readTag reads the tag starting at b[i] == '<' and returns it with the
// index just past its '>'. Quoted attribute values may hold '>' or '/'.
// End tags, comments, CDATA and processing instructions are not tags here.
func readTag(b []byte, i int) (tag, int, bool) {
	if i >= len(b) || b[i] != '<' {
		return tag{}, 0, false
	}
	j := i + 1
	for j < len(b) && !isSpace(b[j]) && b[j] != '>' && b[j] != '/' {
		j++
	}
	name := b[i+1 : j]
	if len(name) == 0 || name[0] == '!' || name[0] == '?' {
		return tag{}, 0, false
	}
	attrStart := j
	var quote byte
	for ; j < len(b); j++ {
		c := b[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '<' {
				return tag{}, 0, false // not well-formed
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			t := tag{name: name, attrs: b[attrStart:j]}
			if j > attrStart && b[j-1] == '/' {
				t.empty, t.attrs = true, b[attrStart:j-1]
			}
			return t, j + 1, true
		case c == '<':
			return tag{}, 0, false
		}
	}
	return tag{}, 0, false
}

// eachAttr calls fn with the name and raw value of each attribute of a
// tag; it reports !ok on anything but name="value" or name='value' pairs.
func eachAttr(attrs []byte, fn func(name, value []byte) bool) bool {
	i := 0
	for {
		i = skipSpace(attrs, i)
		if i == len(attrs) {
			return true
		}
		j := i
		for j < len(attrs) && !isSpace(attrs[j]) && attrs[j] != '=' {
			j++
		}
		name := attrs[i:j]
		j = skipSpace(attrs, j)
		if len(name) == 0 || j == len(attrs) || attrs[j] != '=' {
			return false
		}
		j = skipSpace(attrs, j+1)
		if j == len(attrs) || (attrs[j] != '"' && attrs[j] != '\'') {
			return false
		}
		end := bytes.IndexByte(attrs[j+1:], attrs[j])
		if end < 0 {
			return false
		}
		if !fn(name, attrs[j+1:j+1+end]) {
			return false
		}
		i = j + 1 + end + 1
		if i < len(attrs) && !isSpace(attrs[i]) {
			return false
		}
	}
}

// validAttrs tells whether a tag's attributes are well-formed, names and
// values included, as encoding/xml requires.
func validAttrs(attrs []byte) bool {
	return eachAttr(attrs, validAttr)
}

// validAttr tells whether an attribute's name and raw value are
// well-formed.
func validAttr(name, value []byte) bool {
	if !validName(name) {
		return false
	}
	if plainText(value) {
		return true
	}
	_, ok := appendText(nil, value)
	return ok
}

// wellFormed tells whether b, the content of an element that is skipped,
// is elements and text that encoding/xml would read without error: tags
// balanced, attributes and text valid, no comments, CDATA or processing
// instructions.
func wellFormed(b []byte) bool {
	open, ok := markup(b)
	return ok && len(open) == 0
}

// markup reads b as elements and text that encoding/xml would read without
// error, and returns the elements left open at its end.
func markup(b []byte) ([][]byte, bool) {
	var open [][]byte
	for i := 0; i < len(b); {
		lt := bytes.IndexByte(b[i:], '<')
		if lt < 0 {
			lt = len(b) - i
		}
		if text := b[i : i+lt]; !plainText(text) {
			if _, ok := appendText(nil, text); !ok {
				return nil, false
			}
		}
		i += lt
		if i == len(b) {
			break
		}
		if i+1 < len(b) && b[i+1] == '/' {
			if len(open) == 0 {
				return nil, false
			}
			name := open[len(open)-1]
			if !closeTag(b, i, string(name)) {
				return nil, false
			}
			open = open[:len(open)-1]
			i += len(name) + 3
			continue
		}
		t, next, ok := readTag(b, i)
		if !ok || !validName(t.name) || !validAttrs(t.attrs) || !typedAttrsOK(t.name, t.attrs) {
			return nil, false
		}
		if !t.empty {
			open = append(open, t.name)
		}
		i = next
	}
	return open, true
}

// validName tells whether an element name is one encoding/xml reads: a
// letter or '_' first, then letters, digits, '_', '-', '.' and at most one
// ':' (non-ASCII names are left to encoding/xml).
func validName(name []byte) bool {
	if len(name) == 0 || !(name[0] >= 'a' && name[0] <= 'z' || name[0] >= 'A' && name[0] <= 'Z' || name[0] == '_') {
		return false
	}
	colons := 0
	for _, c := range name[1:] {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '-', c == '.':
		case c == ':':
			colons++
		default:
			return false
		}
	}
	return colons <= 1 && name[len(name)-1] != ':'
}

// localName is an attribute's name without its namespace prefix, and
// whether it had one.
func localName(name []byte) ([]byte, bool) {
	if k := bytes.IndexByte(name, ':'); k >= 0 {
		return name[k+1:], true
	}
	return name, false
}

// closeTag tells whether b[i:] starts with the end tag </name>.
func closeTag(b []byte, i int, name string) bool {
	n := len(name)
	return i+n+3 <= len(b) && b[i] == '<' && b[i+1] == '/' && string(b[i+2:i+2+n]) == name && b[i+2+n] == '>'
}

// appendText appends the character data raw to dst as an XML parser
// returns it: the five predefined entities and character references
// resolved, line ends normalised to "\n". It reports !ok on markup, on an
// unknown entity and on bytes XML forbids (invalid UTF-8, control
// characters), where encoding/xml fails and excelize's result would be a
// guess.
func appendText(dst, raw []byte) ([]byte, bool) {
	run := 0 // raw[run:i] is copied as it is, in one append
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '>':
			// encoding/xml refuses "]]>" in text (excelize then reads
			// nothing of the part).
			if i >= 2 && raw[i-1] == ']' && raw[i-2] == ']' {
				return dst, false
			}
			i++
		case c >= 0x20 && c < 0x80 && c != '&' && c != '<', c == '\t', c == '\n':
			i++
		case c >= 0x80:
			r, size := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError || !xmlChar(r) {
				return dst, false
			}
			i += size
		case c == '\r':
			dst = append(append(dst, raw[run:i]...), '\n')
			i++
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
			run = i
		case c == '&':
			end := bytes.IndexByte(raw[i:], ';')
			if end < 0 {
				return dst, false
			}
			r, ok := entity(raw[i+1 : i+end])
			if !ok {
				return dst, false
			}
			dst = utf8.AppendRune(append(dst, raw[run:i]...), r)
			i += end + 1
			run = i
		default: // '<' or a control character
			return dst, false
		}
	}
	return append(dst, raw[run:]...), true
}

// plainText tells whether raw needs no decoding nor checking: printable
// ASCII without '&', '<', '\r' or '>' (a '>' may end "]]>", which
// appendText declines). Most cells are, and are used as they are.
func plainText(raw []byte) bool {
	for _, c := range raw {
		if c < 0x20 && c != '\t' && c != '\n' || c == '&' || c == '<' || c == '>' || c >= 0x80 {
			return false
		}
	}
	return true
}

// entity resolves the name of an entity reference (between '&' and ';').
func entity(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	digits, base := name[1:], rune(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 || len(digits) > 8 {
		return 0, false
	}
	var r rune
	for _, d := range digits {
		var v rune
		switch {
		case d >= '0' && d <= '9':
			v = rune(d - '0')
		case base == 16 && d >= 'a' && d <= 'f':
			v = rune(d-'a') + 10
		case base == 16 && d >= 'A' && d <= 'F':
			v = rune(d-'A') + 10
		default:
			return 0, false
		}
		r = r*base + v
	}
	return r, xmlChar(r)
}

// xmlChar tells whether r is a character XML 1.0 allows.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// digits reads a decimal number of at most 9 digits, no sign.
func digits(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// attrKind is the Go type excelize decodes an attribute into.
type attrKind int

const (
	attrInt attrKind = iota + 1
	attrUint
	attrUint32
	attrFloat
	attrBool
)

// typedAttrs are the attributes of the elements read by both readers that
// excelize decodes into numbers or booleans (its xlsxSST, xlsxF,
// xlsxRPr, xlsxColor, xlsxPhoneticRun and xlsxPhoneticPr). encoding/xml
// fails on a value that does not parse, and excelize then reads nothing of
// the part: this reader declines it rather than read what excelize would
// not. A cell's own (xlsxC: cm, vm, ph) are checked where its attributes
// are read, once per cell (rowReader.cell).
var typedAttrs = map[string]map[string]attrKind{
	"sst":        {"count": attrInt, "uniqueCount": attrInt},
	"f":          {"aca": attrBool, "dt2D": attrBool, "dtr": attrBool, "del1": attrBool, "del2": attrBool, "ca": attrBool, "bx": attrBool, "si": attrInt},
	"charset":    {"val": attrInt},
	"family":     {"val": attrInt},
	"b":          {"val": attrBool},
	"i":          {"val": attrBool},
	"strike":     {"val": attrBool},
	"outline":    {"val": attrBool},
	"shadow":     {"val": attrBool},
	"condense":   {"val": attrBool},
	"extend":     {"val": attrBool},
	"sz":         {"val": attrFloat},
	"color":      {"auto": attrBool, "indexed": attrInt, "theme": attrInt, "tint": attrFloat},
	"rPh":        {"sb": attrUint32, "eb": attrUint32},
	"phoneticPr": {"fontId": attrInt},
}

// typedAttrsOK tells whether the attributes of element name that excelize
// decodes as numbers or booleans parse as encoding/xml parses them: an
// empty value is the zero value, otherwise the value less its outer blanks
// must parse. A value holding an entity is declined: this check does not
// decode it.
func typedAttrsOK(name, attrs []byte) bool {
	kinds := typedAttrs[string(name)]
	if kinds == nil {
		return true
	}
	return eachAttr(attrs, func(n, v []byte) bool {
		// encoding/xml matches a struct's attribute by its local name,
		// whatever its prefix.
		local, _ := localName(n)
		return typedValueOK(kinds[string(local)], v)
	})
}

// typedValueOK tells whether v parses as encoding/xml parses an attribute
// of kind (0: any text does).
func typedValueOK(kind attrKind, v []byte) bool {
	if kind == 0 || len(v) == 0 {
		return true
	}
	if bytes.IndexByte(v, '&') >= 0 {
		return false
	}
	s := strings.TrimSpace(string(v))
	var err error
	switch kind {
	case attrInt:
		_, err = strconv.ParseInt(s, 10, 64)
	case attrUint:
		_, err = strconv.ParseUint(s, 10, 64)
	case attrUint32:
		_, err = strconv.ParseUint(s, 10, 32)
	case attrFloat:
		_, err = strconv.ParseFloat(s, 64)
	case attrBool:
		_, err = strconv.ParseBool(s)
	}
	return err == nil
}
