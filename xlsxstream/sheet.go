package xlsxstream

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
)

// Type is a cell's type, from its t attribute.
type Type uint8

// Cell types.
const (
	Number        Type = iota // no t, or t="n": a number, or a date serial when Cell.Date
	SharedString              // t="s"
	InlineString              // t="inlineStr"
	FormulaString             // t="str": the text a formula computed
	Bool                      // t="b": "1" or "0"
	Error                     // t="e": "#DIV/0!", "#N/A", ...
	ISODate                   // t="d": an ISO 8601 date and time as text
)

// Cell is one cell of a row, as excelize gives it with RawCellValue: the
// text of a string, a number as written in the file (a date as its serial
// number), a formula's cached value.
type Cell struct {
	Value   string
	Type    Type
	Formula bool // the cell has a formula; Value is its cached value ("" when never computed)
	Date    bool // a Number whose number format shows a date or a time
}

// MaxRows is the last row of an Excel sheet; a row numbered past it is declined
// (excelize refuses it with ErrMaxRows).
const MaxRows = 1_048_576

// maxColumns is the last column of an Excel sheet, XFD.
const maxColumns = 16_384

// EachRow calls fn for every row of sheet, in order, with its 1-based row
// number and its cells: every row from 1 to the last the sheet holds,
// those the file leaves out as empty rows. A row's cells start at column A;
// cells without a value nor a formula are left out at its end and empty
// ("") before the last one, as excelize's Rows().Columns() gives them. fn
// may keep the cells' values, not the slice (it is reused). An error from
// fn stops the walk and is returned.
//
// When the sheet holds something this reader does not read like excelize,
// EachRow returns an error wrapping ErrDeclined, possibly after fn was
// called for the rows before it: the caller discards what it made of them
// and reads the sheet with excelize.
func (w *Workbook) EachRow(sheet string, fn func(row int, cells []Cell) error) error {
	return w.EachRowWatched(sheet, nil, fn)
}

// EachRowWatched is EachRow, giving watch (when not nil) the name of the
// worksheet part read, as the archive names it, and writing to the writer
// it returns (when not nil) every byte of the part as it is inflated: a
// caller that checks the part's content does so in the same pass instead of
// inflating it again. The writer has seen the whole part, its checksum
// checked, only when EachRowWatched returns nil.
func (w *Workbook) EachRowWatched(sheet string, watch func(part string) io.Writer, fn func(row int, cells []Cell) error) error {
	part := ""
	found := false
	for _, s := range w.sheets {
		if strings.EqualFold(s.name, sheet) {
			part, found = s.part, true
		}
	}
	if !found || part == "" {
		return decline(sheet, "no worksheet part")
	}
	rc, err := w.files[part].Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	var r io.Reader = rc
	if watch != nil {
		if tee := watch(part); tee != nil {
			r = io.TeeReader(rc, tee)
		}
	}
	win := newWindow(r, part)
	if err := win.prolog(); err != nil {
		return err
	}
	if err := toSheetData(win); err != nil {
		return err
	}
	rows := rowReader{wb: w, part: part}
	for {
		more, err := win.skipSpace()
		if err != nil {
			return err
		}
		if !more {
			return decline(part, "cut short in <sheetData>")
		}
		if closeTag(win.data(), 0, "sheetData") {
			return win.drainTail()
		}
		n, size, ok := rows.fastRow(win.data())
		if ok {
			win.pos += size
		} else {
			t, whole, err := win.element()
			if err != nil {
				return err
			}
			if string(t.name) != "row" {
				return decline(part, "element <"+string(t.name)+"> in <sheetData>")
			}
			if n, err = rows.parse(t, whole); err != nil {
				return err
			}
		}
		for ; rows.last+1 < n; rows.last++ {
			if err := fn(rows.last+1, nil); err != nil {
				return err
			}
		}
		rows.last = n
		if err := fn(n, rows.cells); err != nil {
			return err
		}
	}
}

// toSheetData consumes the worksheet up to the content of its <sheetData>
// element. A sheet whose rows are not in an unprefixed <sheetData> child of
// its root is declined, and so is one whose beginning encoding/xml would
// fail on or that holds a row or the end of a sheetData in any namespace
// (excelize would read the one or stop at the other).
func toSheetData(win *window) error {
	searched := 0
	for {
		d := win.data()
		i := bytes.Index(d[max(0, searched-len("<sheetData")):], []byte("<sheetData"))
		if i >= 0 {
			i += max(0, searched-len("<sheetData"))
			t, next, ok := readTag(d, i)
			if ok {
				if string(t.name) != "sheetData" || !rowsStartAt(d[:next]) {
					return decline(win.part, "what comes before <sheetData>")
				}
				win.pos += next
				if t.empty {
					// No rows: stop at once, as the caller does at </sheetData>.
					win.pos, win.end, win.buf = 0, len("</sheetData>"), []byte("</sheetData>")
				}
				return nil
			}
		}
		searched = len(d)
		if err := win.fill(); err == io.EOF {
			return decline(win.part, "no <sheetData>")
		} else if err != nil {
			return err
		}
	}
}

// rowsStartAt tells whether b, a worksheet from its first byte to the end
// of its first <sheetData> start tag, reads in encoding/xml as excelize
// reads it to find rows: no error, no element named row or sheetData
// before that tag, which is a child of the root. The beginning of a sheet
// is small and read once: the reference decoder itself judges it, where a
// reading of our own could differ from it on some malformed input.
func rowsStartAt(b []byte) bool {
	dec := xml.NewDecoder(bytes.NewReader(b))
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "sheetData" {
				return depth == 1 && dec.InputOffset() == int64(len(b))
			}
			if t.Name.Local == "row" {
				return false
			}
			depth++
		case xml.EndElement:
			if t.Name.Local == "sheetData" {
				return false
			}
			depth--
		}
	}
}

// rowReader turns the rows of a sheet into cells.
type rowReader struct {
	wb    *Workbook
	part  string
	last  int    // number of the last row given
	cells []Cell // the current row's cells, reused
	text  []byte // the current row's values that are not shared strings
	spans []span // where each such value lies in text
}

// span is a value of the current row kept in rowReader.text.
type span struct {
	cell       int
	start, end int
}

// parse reads one <row> element whole: it returns its row number and
// leaves its cells in r.cells.
func (r *rowReader) parse(t tag, whole []byte) (int, error) {
	n, err := r.number(t)
	if err != nil {
		return 0, err
	}
	r.cells, r.text, r.spans = r.cells[:0], r.text[:0], r.spans[:0]
	if t.empty {
		return n, nil
	}
	_, i, _ := readTag(whole, 0)
	body := whole[:len(whole)-len("</row>")]
	col := 0
	for i = skipSpace(body, i); i < len(body); i = skipSpace(body, i) {
		ct, next, ok := readTag(body, i)
		if !ok || string(ct.name) != "c" {
			return 0, decline(r.part, "element in a row")
		}
		var err error
		if col, i, err = r.cell(n, col, ct, body, next); err != nil {
			return 0, err
		}
	}
	r.share()
	return n, nil
}

// fastRow reads the row that starts d, when d holds it whole, and returns
// its number and its length in d. It spares parse's first pass, the search
// for the row's end tag, on the rows read without surprise: ok is false
// whenever it cannot be sure to read the row as parse does (the row is cut
// short by the end of d, or parse would decline it), and the caller then
// reads the row with window.element and parse.
//
// It reads the cells of the common shape with fastCell, in one pass over
// d, and any other with cell on the row's content: d up to the first
// </row>, the body parse would give it, found when such a cell comes. A
// cell fastCell reads holds no '<' but those of its tags, so no </row>
// ends a row before the one where fastRow stops.
func (r *rowReader) fastRow(d []byte) (n, size int, ok bool) {
	t, i, ok := readTag(d, 0)
	if !ok || string(t.name) != "row" {
		return 0, 0, false
	}
	n, err := r.number(t)
	if err != nil {
		return 0, 0, false
	}
	r.cells, r.text, r.spans = r.cells[:0], r.text[:0], r.spans[:0]
	if t.empty {
		return n, i, true
	}
	col := 0
	var body []byte // d up to the row's end tag, once a cell needs it
	for {
		i = skipSpace(d, i)
		if i+len("</row>") <= len(d) && string(d[i:i+len("</row>")]) == "</row>" {
			r.share()
			return n, i + len("</row>"), true
		}
		var fast bool
		if col, i, fast = r.fastCell(n, col, d, i); fast {
			continue
		}
		if body == nil {
			end := bytes.Index(d[i:], []byte("</row>"))
			if end < 0 {
				return 0, 0, false
			}
			body = d[:i+end]
		}
		ct, next, ok := readTag(body, i)
		if !ok || string(ct.name) != "c" {
			return 0, 0, false
		}
		if col, i, err = r.cell(n, col, ct, body, next); err != nil {
			return 0, 0, false
		}
	}
}

// number reads the row number of a row's start tag t: its r attribute, or
// the row after the last one.
func (r *rowReader) number(t tag) (int, error) {
	n := r.last + 1
	// One pass checks the attributes (validAttrs) and reads r.
	ok := eachAttr(t.attrs, func(name, value []byte) bool {
		if !validAttr(name, value) {
			return false
		}
		local, prefixed := localName(name)
		if string(local) != "r" {
			return true
		}
		if prefixed {
			return false
		}
		v, good := digits(value)
		if !good || v <= r.last || v > MaxRows {
			return false
		}
		n = v
		return true
	})
	if !ok {
		return 0, decline(r.part, "row attributes "+string(t.attrs))
	}
	if n > MaxRows {
		return 0, decline(r.part, "row past the last of a sheet")
	}
	return n, nil
}

// share gives the row's own values (those that are not shared strings)
// to their cells: one string for them all, one allocation per row.
func (r *rowReader) share() {
	if len(r.spans) == 0 {
		return
	}
	s := string(r.text)
	for _, sp := range r.spans {
		r.cells[sp.cell].Value = s[sp.start:sp.end]
	}
}

// fastCell reads the cell that starts at b[i] when it has the shape
// spreadsheet software writes for nearly every cell: a <c> tag whose
// attributes are among r, s and t, each at most once, "name" then '=' then
// a double-quoted value; then either nothing or one <v> of plain text,
// tags back to back. It gives what cell gives for it, and ok false for
// anything else (other attributes or content, white space between tags,
// entities, a value cell would decline, b ending within the cell), which
// the caller reads with cell.
func (r *rowReader) fastCell(n, prev int, b []byte, i int) (col, next int, ok bool) {
	if i+2 >= len(b) || b[i] != '<' || b[i+1] != 'c' {
		return prev, i, false
	}
	col, typ, style := prev+1, Number, -1
	var seen [3]bool // r, s, t
	j := i + 2
	// Each attribute in one pass: ' ', its one-letter name, '=', '"', the
	// value read as it is scanned, '"'.
	for j < len(b) && b[j] == ' ' {
		if j+4 > len(b) || b[j+2] != '=' || b[j+3] != '"' {
			return prev, i, false
		}
		name, v := b[j+1], j+4
		k := v
		switch name {
		case 'r':
			if seen[0] {
				return prev, i, false
			}
			seen[0] = true
			col = 0
			for k < len(b) && b[k] >= 'A' && b[k] <= 'Z' && k < v+3 {
				col = col*26 + int(b[k]-'A'+1)
				k++
			}
			row, d := 0, k
			for k < len(b) && b[k] >= '0' && b[k] <= '9' && k < d+9 {
				row = row*10 + int(b[k]-'0')
				k++
			}
			if k == d || d == v || b[d] == '0' || row != n {
				return prev, i, false
			}
		case 's':
			if seen[1] {
				return prev, i, false
			}
			seen[1] = true
			style = 0
			for k < len(b) && b[k] >= '0' && b[k] <= '9' && k < v+9 {
				style = style*10 + int(b[k]-'0')
				k++
			}
			if k == v {
				return prev, i, false
			}
		case 't':
			if seen[2] {
				return prev, i, false
			}
			seen[2] = true
			for k < len(b) && b[k] >= 'a' && b[k] <= 'z' || k < len(b) && b[k] == 'S' {
				k++
			}
			var good bool
			if typ, good = cellType(b[v:k]); !good {
				return prev, i, false
			}
		default:
			return prev, i, false
		}
		if k >= len(b) || b[k] != '"' {
			return prev, i, false
		}
		j = k + 1
	}
	if col <= prev || col > maxColumns || j+1 >= len(b) {
		return prev, i, false
	}
	// The content: none, or one <v> of plain text.
	switch {
	case b[j] == '/' && b[j+1] == '>':
		return col, j + 2, true // no value: left out, as excelize does
	case j+5 <= len(b) && string(b[j:j+5]) == "></c>":
		return col, j + 5, true
	case j+4 > len(b) || string(b[j:j+4]) != "><v>":
		return prev, i, false
	}
	v := j + 4
	k, idx := v, 0
	for ; k < len(b) && b[k] != '<'; k++ {
		c := b[k]
		if c < 0x20 && c != '\t' && c != '\n' || c == '&' || c == '>' || c >= 0x80 {
			return prev, i, false // not plain text (plainText)
		}
		idx = idx*10 + int(c-'0') // meaningful when typ is SharedString, checked below
	}
	if k+8 > len(b) || string(b[k:k+8]) != "</v></c>" {
		return prev, i, false
	}
	next, raw := k+8, b[v:k]
	if len(raw) == 0 {
		return col, next, true // no value: left out, as excelize does
	}
	c := Cell{Type: typ}
	if typ == SharedString {
		if len(raw) > 9 || !allDigits(raw) {
			return prev, i, false
		}
		if c.Value, ok = r.wb.sst.get(idx); !ok {
			return prev, i, false
		}
		if c.Value == "" {
			return col, next, true // an empty string: left out, as excelize does
		}
	}
	c.Date = typ == Number && style >= 0 && style < len(r.wb.dateXf) && r.wb.dateXf[style]
	for len(r.cells) < col-1 {
		r.cells = append(r.cells, Cell{})
	}
	if typ != SharedString {
		start := len(r.text)
		r.text = append(r.text, raw...)
		r.spans = append(r.spans, span{cell: len(r.cells), start: start, end: len(r.text)})
	}
	r.cells = append(r.cells, c)
	return col, next, true
}

// allDigits tells whether b is decimal digits only.
func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// cellType is the type of a cell by its t attribute; ok is false for any
// other, which excelize reads like a number, a guess.
func cellType(t []byte) (Type, bool) {
	switch string(t) {
	case "", "n":
		return Number, true
	case "s":
		return SharedString, true
	case "inlineStr":
		return InlineString, true
	case "str":
		return FormulaString, true
	case "b":
		return Bool, true
	case "e":
		return Error, true
	case "d":
		return ISODate, true
	}
	return 0, false
}

// cell reads the cell whose start tag ct ends at b[next], in row n after
// column prev; it appends it to r.cells when it has a value or a formula,
// and returns its column and the index past its end.
func (r *rowReader) cell(n, prev int, ct tag, b []byte, next int) (int, int, error) {
	col, typ, style := prev+1, []byte(nil), -1
	ok := eachAttr(ct.attrs, func(name, value []byte) bool {
		local, prefixed := localName(name)
		switch string(local) {
		case "r":
			c, good := cellColumn(value, n)
			col = c
			return good && !prefixed
		case "t":
			typ = value
			return !prefixed
		case "s":
			s, good := digits(value)
			style = s
			return good && !prefixed
		case "cm", "vm":
			return typedValueOK(attrUint, value)
		case "ph":
			return typedValueOK(attrBool, value)
		}
		return true
	})
	if !ok || col <= prev || col > maxColumns || !validAttrs(ct.attrs) {
		return 0, 0, decline(r.part, "cell attributes "+string(ct.attrs))
	}
	c := Cell{}
	c.Type, ok = cellType(typ)
	if !ok {
		return 0, 0, decline(r.part, "cell type "+string(typ))
	}
	c.Date = c.Type == Number && style >= 0 && style < len(r.wb.dateXf) && r.wb.dateXf[style]
	start := len(r.text)
	var inline []byte
	var sawV, sawIs bool
	vStart, vEnd := start, start
	i := next
	if !ct.empty {
		for i = skipSpace(b, i); ; i = skipSpace(b, i) {
			if closeTag(b, i, "c") {
				i += len("</c>")
				break
			}
			t, after, ok := readTag(b, i)
			if !ok || !validAttrs(t.attrs) || !typedAttrsOK(t.name, t.attrs) {
				return 0, 0, decline(r.part, "cell content")
			}
			switch string(t.name) {
			case "v":
				if sawV {
					return 0, 0, decline(r.part, "two values in a cell")
				}
				sawV = true
				if r.text, i, ok = appendElementText(r.text[:start], b, t, after, "v"); !ok {
					return 0, 0, decline(r.part, "cell value")
				}
				vEnd = len(r.text)
			case "f":
				if c.Formula {
					return 0, 0, decline(r.part, "two formulas in a cell")
				}
				c.Formula = true
				if i, ok = skipElement(b, t, after, "f"); !ok {
					return 0, 0, decline(r.part, "formula")
				}
			case "is":
				if sawIs || t.empty {
					return 0, 0, decline(r.part, "inline string")
				}
				sawIs = true
				end := bytes.Index(b[after:], []byte("</is>"))
				if end < 0 {
					return 0, 0, decline(r.part, "inline string")
				}
				inline = b[after : after+end]
				i = after + end + len("</is>")
			default:
				return 0, 0, decline(r.part, "element <"+string(t.name)+"> in a cell")
			}
		}
	}
	if sawIs && c.Type != InlineString {
		return 0, 0, decline(r.part, "inline string in a cell of another type")
	}
	if sawIs {
		var ok bool
		r.text = r.text[:start]
		if r.text, ok = appendRichText(r.text, inline); !ok {
			return 0, 0, decline(r.part, "inline string")
		}
		vStart, vEnd = start, len(r.text)
	} else if c.Type == SharedString && vEnd > vStart {
		idx, ok := digits(bytes.TrimSpace(r.text[vStart:vEnd]))
		if !ok {
			return 0, 0, decline(r.part, "shared string index "+string(r.text[vStart:vEnd]))
		}
		if c.Value, ok = r.wb.sst.get(idx); !ok {
			return 0, 0, decline(r.part, "shared string index out of the table")
		}
		r.text = r.text[:start]
		vStart, vEnd = start, start
	}
	if c.Value == "" && vEnd == vStart && !c.Formula {
		r.text = r.text[:start]
		return col, i, nil // no value: left out, as excelize does
	}
	for len(r.cells) < col-1 {
		r.cells = append(r.cells, Cell{})
	}
	if vEnd > vStart {
		r.spans = append(r.spans, span{cell: len(r.cells), start: vStart, end: vEnd})
	}
	r.cells = append(r.cells, c)
	return col, i, nil
}

// cellColumn reads a cell reference "AB12" of row n: its column, 1-based.
// A reference to another row, in lower case or with $ is not read.
func cellColumn(ref []byte, n int) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A'+1)
		if i >= 3 {
			return 0, false
		}
	}
	row, ok := digits(ref[i:])
	return col, ok && i > 0 && row == n && ref[i] != '0'
}
