package xlsxstream

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
)

// Sizes of the window a part is read through. The window holds at least one
// whole element (a row, a string item); it grows for a long one, up to
// maxElement, past which the part is declined: a row of Excel's 16 384
// columns of short values is far below it.
const (
	windowSize = 256 << 10
	maxElement = 64 << 20
)

// window reads an inflated part through a buffer that slides over it:
// buf[pos:end] is what has been read and not yet consumed.
type window struct {
	r        io.Reader
	buf      []byte
	pos, end int
	eof      bool
	part     string // for errors
}

func newWindow(r io.Reader, part string) *window {
	return &window{r: r, buf: make([]byte, windowSize), part: part}
}

// fill reads more of the part, keeping what is unconsumed. It returns
// io.EOF at the end of the part.
func (w *window) fill() error {
	if w.eof {
		return io.EOF
	}
	if w.pos > 0 {
		w.end = copy(w.buf, w.buf[w.pos:w.end])
		w.pos = 0
	}
	if w.end == len(w.buf) {
		if len(w.buf) >= maxElement {
			return decline(w.part, "element longer than 64 MiB")
		}
		w.buf = append(w.buf, make([]byte, len(w.buf))...)
	}
	for {
		n, err := w.r.Read(w.buf[w.end:])
		w.end += n
		if err == io.EOF {
			w.eof = true
			if n == 0 {
				return io.EOF
			}
			return nil
		}
		if err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
	}
}

// data is the unconsumed part of the window.
func (w *window) data() []byte { return w.buf[w.pos:w.end] }

// skipSpace consumes white space; it reports false at the end of the part.
func (w *window) skipSpace() (bool, error) {
	for {
		d := w.data()
		i := skipSpace(d, 0)
		w.pos += i
		if i < len(d) {
			return true, nil
		}
		if err := w.fill(); err == io.EOF {
			return false, nil
		} else if err != nil {
			return false, err
		}
	}
}

// element returns the element that starts the unconsumed data, whole
// (start tag to end tag), and its start tag; it consumes it. The element
// must not hold an element of its own name.
func (w *window) element() (tag, []byte, error) {
	searched := 0 // bytes after the start tag already searched for the end tag
	for {
		d := w.data()
		t, next, ok := readTag(d, 0)
		if ok {
			if t.empty {
				w.pos += next
				return t, d[:next], nil
			}
			end := []byte("</" + string(t.name) + ">")
			from := next + max(0, searched-len(end))
			if i := bytes.Index(d[from:], end); i >= 0 {
				whole := d[:from+i+len(end)]
				w.pos += len(whole)
				return t, whole, nil
			}
			searched = len(d) - next
		}
		// The tag or its element goes past the window, or is malformed:
		// read on, and tell which at the end of the part.
		if err := w.fill(); err == io.EOF {
			return tag{}, nil, decline(w.part, "element cut short or malformed")
		} else if err != nil {
			return tag{}, nil, err
		}
	}
}

// prolog consumes the XML declaration and white space before the root
// element. It declines an encoding other than UTF-8, a byte-order mark,
// comments and document types: encoding/xml handles them, this reader does
// not.
func (w *window) prolog() error {
	for len(w.data()) < 512 && !w.eof {
		if err := w.fill(); err != nil && err != io.EOF {
			return err
		}
	}
	d := w.data()
	if bytes.HasPrefix(d, []byte("<?xml")) {
		end := bytes.Index(d, []byte("?>"))
		if end < 0 {
			return decline(w.part, "XML declaration")
		}
		// The reference decoder judges the declaration alone. Without a
		// charset reader it refuses any encoding but UTF-8 (this reader
		// reads no other), any version but 1.0 and a malformed target
		// or parameter (excelize then reads nothing of the part).
		dec := xml.NewDecoder(bytes.NewReader(d[:end+2]))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				return decline(w.part, "XML declaration: "+err.Error())
			}
		}
		w.pos += end + 2
	}
	if _, err := w.skipSpace(); err != nil {
		return err
	}
	if d := w.data(); len(d) < 2 || d[0] != '<' || d[1] == '!' || d[1] == '?' {
		return decline(w.part, "no root element, or comment or document type before it")
	}
	return nil
}

// drain reads the part to its end, so that archive/zip checks its
// checksum: what follows the rows must not be damaged either.
func (w *window) drain() error {
	w.pos, w.end = 0, 0
	_, err := io.Copy(io.Discard, w.r)
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

// drainTail is drain for what follows a worksheet's </sheetData>, which
// excelize reads on for more rows when the last one ended the sheetData:
// a part whose tail may hold an element named row, in any namespace, is
// declined.
func (w *window) drainTail() error {
	const keep = len(":row") // the end of a chunk, searched again with the next
	for {
		d := w.data()
		if rowTag(d) {
			return decline(w.part, "a row after </sheetData>")
		}
		if len(d) > keep {
			w.pos = w.end - keep
		}
		if err := w.fill(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// rowTag tells whether b may hold the start tag of an element named row:
// "row" after '<' or ':' and not followed by a character of a longer name
// (<rowBreaks> is not a row). A "row" at b's very end does not: drainTail
// searches it again with the byte that follows.
func rowTag(b []byte) bool {
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("row"))
		if j < 0 {
			return false
		}
		j += i
		if j > 0 && (b[j-1] == '<' || b[j-1] == ':') && j+3 < len(b) && !nameByte(b[j+3]) {
			return true
		}
		i = j + 1
	}
}

// nameByte tells whether c may continue an element name.
func nameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '-' || c == '.' || c == ':' || c >= 0x80
}
