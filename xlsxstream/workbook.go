// Package xlsxstream reads the cells of xlsx worksheets as a stream, at
// close to the speed of inflating them: each worksheet's zip entry is read
// through a sliding window and tokenized byte by byte, one row at a time, so
// memory stays flat however many rows there are; the shared-string table is
// held as one byte slice and its offsets.
//
// It gives every cell as excelize gives it with the RawCellValue option
// (the importer's reader of record): the same rows, the same raw values,
// the same trailing cells dropped. It only reads what it is sure to read the
// same way: anything else (a namespace prefix, a comment, an unknown
// element, an out-of-order cell, a _x000D_ escape, an encoding other than
// UTF-8, ...) makes it decline with an error wrapping ErrDeclined, and the
// caller reads the file with excelize instead. It never guesses, and no
// input makes it panic.
package xlsxstream

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"unsafe"
)

// ErrDeclined is wrapped by every error of a workbook or sheet this reader
// will not read (see the package doc): read it with excelize instead.
// Other errors (a damaged zip entry) are the file's.
var ErrDeclined = errors.New("xlsxstream: declined, read with excelize")

// DeclinedError says which part was declined and why.
type DeclinedError struct {
	Part   string // zip entry, "xl/worksheets/sheet1.xml"
	Reason string
}

func (e *DeclinedError) Error() string {
	return fmt.Sprintf("xlsxstream: %s: %s: declined, read with excelize", e.Part, e.Reason)
}

// Unwrap makes errors.Is(err, ErrDeclined) true.
func (e *DeclinedError) Unwrap() error { return ErrDeclined }

func decline(part, reason string) error { return &DeclinedError{Part: part, Reason: reason} }

// Package parts at the fixed places excelize reads them from.
const (
	partRootRels    = "_rels/.rels"
	partWorkbook    = "xl/workbook.xml"
	partWorkbookRel = "xl/_rels/workbook.xml.rels"
	partStyles      = "xl/styles.xml"
	nsMain          = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel           = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	relOfficeDoc    = nsRel + "/officeDocument"
)

// Workbook is an opened workbook: its sheets, date system, number formats
// and shared strings. Its sheets can be read any number of times, one at a
// time or concurrently.
type Workbook struct {
	files    map[string]*zip.File // by name, with forward slashes
	sheets   []sheet
	date1904 bool
	dateXf   []bool // by cell style index: the style's number format shows a date or time
	sst      sharedStrings
}

type sheet struct {
	name string
	part string // "" when the workbook names no worksheet part for it
}

// sharedStrings is the shared-string table: the text of item i is
// text[ends[i-1]:ends[i]] (ends[-1] being 0).
type sharedStrings struct {
	text []byte
	ends []uint32
}

func (s *sharedStrings) get(i int) (string, bool) {
	if i < 0 || i >= len(s.ends) {
		return "", false
	}
	start := uint32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	if start == s.ends[i] {
		return "", true
	}
	// text is never written again once the table is read: strings may
	// point into it rather than each be copied.
	return unsafe.String(&s.text[start], int(s.ends[i]-start)), true
}

// grow makes room in the table's text for n more bytes. Doubling its
// capacity ahead of an item (whose text is no longer than its XML) copies
// the table less often than append's growth of large slices (1.25 times),
// which made most of the time of reading a large table.
func (s *sharedStrings) grow(n int) {
	if need := len(s.text) + n; need > cap(s.text) {
		s.text = slices.Grow(s.text, max(need, 2*cap(s.text), 64<<10)-len(s.text))
	}
}

// appendPlain appends the text of the string item that starts d when it
// has the shape of nearly every item, <si><t>text</t></si> (the <t> maybe
// with xml:space="preserve"), tags back to back, and returns the item's
// length in d. It gives what element and appendRichText give for it, in
// one pass; ok is false for any other item (or one d cuts short), and the
// table is then as it was.
func (s *sharedStrings) appendPlain(d []byte) (int, bool) {
	var i int
	switch {
	case bytes.HasPrefix(d, []byte("<si><t>")):
		i = len("<si><t>")
	case bytes.HasPrefix(d, []byte(`<si><t xml:space="preserve">`)):
		i = len(`<si><t xml:space="preserve">`)
	default:
		return 0, false
	}
	k := bytes.IndexByte(d[i:], '<')
	if k < 0 || !bytes.HasPrefix(d[i+k:], []byte("</t></si>")) {
		return 0, false
	}
	raw, start := d[i:i+k], len(s.text)
	s.grow(len(raw))
	if plainText(raw) {
		s.text = append(s.text, raw...)
	} else {
		var ok bool
		if s.text, ok = appendText(s.text, raw); !ok {
			s.text = s.text[:start]
			return 0, false
		}
	}
	if text := s.text[start:]; bytes.IndexByte(text, '_') >= 0 && bytes.Contains(text, []byte("_x")) {
		s.text = s.text[:start]
		return 0, false // an escape, declined by appendRichText
	}
	return i + k + len("</t></si>"), true
}

// Open reads a workbook's index parts (relationships, sheets, styles) and
// its shared-string table. It declines (ErrDeclined) a workbook laid out in
// a way it does not read like excelize.
func Open(zr *zip.Reader) (*Workbook, error) {
	w := &Workbook{files: map[string]*zip.File{}}
	sstName := ""
	for _, f := range zr.File {
		name := strings.ReplaceAll(f.Name, `\`, "/")
		if _, dup := w.files[name]; dup {
			return nil, decline(name, "two zip entries of that name")
		}
		w.files[name] = f
		if strings.EqualFold(name, "xl/sharedStrings.xml") {
			if sstName != "" {
				return nil, decline(name, "two shared-string tables")
			}
			sstName = name
		}
	}
	if err := w.readSheets(); err != nil {
		return nil, err
	}
	if err := w.readStyles(); err != nil {
		return nil, err
	}
	if sstName != "" {
		if err := w.readSharedStrings(w.files[sstName], sstName); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// SheetNames lists the sheets in workbook order.
func (w *Workbook) SheetNames() []string {
	names := make([]string, len(w.sheets))
	for i, s := range w.sheets {
		names[i] = s.name
	}
	return names
}

// Date1904 tells whether date serials count from 1904 (old Mac workbooks).
func (w *Workbook) Date1904() bool { return w.date1904 }

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// xmlWorkbook is what is read of the workbook part, with the names and
// namespaces excelize reads it with.
type xmlWorkbook struct {
	XMLName    xml.Name `xml:"http://schemas.openxmlformats.org/spreadsheetml/2006/main workbook"`
	WorkbookPr *struct {
		Date1904 string `xml:"date1904,attr"`
	} `xml:"workbookPr"`
	Sheets []struct {
		Name string `xml:"name,attr"`
		ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
}

// readSheets finds the workbook part, its sheets and their worksheet parts,
// as excelize does (getWorkbookPath, getSheetMap, getWorksheetPath) for the
// ordinary layout: xl/workbook.xml, named by the package relationships.
func (w *Workbook) readSheets() error {
	var rels xmlRels
	if err := w.unmarshal(partRootRels, &rels); err != nil {
		return err
	}
	wbPath, found := "", 0
	for _, r := range rels.Rels {
		if r.Type == relOfficeDoc {
			wbPath, found = strings.TrimPrefix(r.Target, "/"), found+1
		}
	}
	if found != 1 || wbPath != partWorkbook {
		return decline(partRootRels, "workbook part not at "+partWorkbook)
	}
	var wb xmlWorkbook
	if err := w.unmarshal(partWorkbook, &wb); err != nil {
		return err
	}
	if wb.WorkbookPr != nil && wb.WorkbookPr.Date1904 != "" {
		b, err := strconv.ParseBool(wb.WorkbookPr.Date1904)
		if err != nil {
			return decline(partWorkbook, "date1904="+wb.WorkbookPr.Date1904)
		}
		w.date1904 = b
	}
	var wbRels xmlRels
	if err := w.unmarshal(partWorkbookRel, &wbRels); err != nil {
		return err
	}
	targets := map[string]string{}
	for _, r := range wbRels.Rels {
		if _, dup := targets[r.ID]; dup {
			return decline(partWorkbookRel, "two relationships "+r.ID)
		}
		targets[r.ID] = r.Target
	}
	for i, s := range wb.Sheets {
		for _, o := range wb.Sheets[:i] {
			if strings.EqualFold(o.Name, s.Name) {
				return decline(partWorkbook, "two sheets named "+s.Name)
			}
		}
		sh := sheet{name: s.Name}
		if target, ok := targets[s.ID]; ok {
			p := strings.TrimPrefix(path.Clean("xl/"+target), "/")
			if strings.HasPrefix(target, "/") {
				p = strings.TrimPrefix(path.Clean(target), "/")
			}
			if w.files[p] != nil && !strings.Contains(target, `\`) {
				sh.part = p
			}
		}
		w.sheets = append(w.sheets, sh)
	}
	return nil
}

// unmarshal reads a small index part with encoding/xml; a missing or
// unreadable one is declined.
func (w *Workbook) unmarshal(name string, v any) error {
	f := w.files[name]
	if f == nil {
		return decline(name, "missing")
	}
	if f.UncompressedSize64 > 16<<20 {
		return decline(name, "index part over 16 MiB")
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return err
	}
	if err := xml.Unmarshal(b, v); err != nil {
		return decline(name, err.Error())
	}
	return nil
}

// readSharedStrings reads the shared-string table as a stream into one
// byte slice.
func (w *Workbook) readSharedStrings(f *zip.File, name string) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	win := newWindow(rc, name)
	if err := win.prolog(); err != nil {
		return err
	}
	root, _, ok := readTag(win.data(), 0)
	if !ok || string(root.name) != "sst" || !validAttrs(root.attrs) || !typedAttrsOK(root.name, root.attrs) {
		return decline(name, "root element is not <sst>")
	}
	ns := ""
	eachAttr(root.attrs, func(n, v []byte) bool {
		if string(n) == "xmlns" {
			ns = string(v)
		}
		return true
	})
	if ns != nsMain {
		return decline(name, "namespace "+ns)
	}
	if root.empty {
		return win.drain()
	}
	_, next, _ := readTag(win.data(), 0)
	win.pos += next
	for {
		more, err := win.skipSpace()
		if err != nil {
			return err
		}
		if !more {
			return decline(name, "cut short")
		}
		if closeTag(win.data(), 0, "sst") {
			break
		}
		if size, ok := w.sst.appendPlain(win.data()); ok {
			win.pos += size
		} else {
			t, whole, err := win.element()
			if err != nil {
				return err
			}
			if string(t.name) != "si" || !validAttrs(t.attrs) {
				return decline(name, "element <"+string(t.name)+">")
			}
			if !t.empty {
				_, next, _ := readTag(whole, 0)
				w.sst.grow(len(whole))
				if w.sst.text, ok = appendRichText(w.sst.text, whole[next:len(whole)-len("</si>")]); !ok {
					return decline(name, fmt.Sprintf("string item %d", len(w.sst.ends)))
				}
			}
		}
		if uint64(len(w.sst.text)) > 1<<32-1 {
			return decline(name, "table over 4 GiB")
		}
		w.sst.ends = append(w.sst.ends, uint32(len(w.sst.text)))
	}
	if len(w.sst.text) < cap(w.sst.text)*3/4 {
		// Doubling may leave up to half the capacity unused, for as long
		// as the workbook is open: one copy gives it back.
		w.sst.text = bytes.Clone(w.sst.text)
	}
	return win.drain()
}

// xmlStyles is what is read of the styles part: the number format of each
// cell style.
type xmlStyles struct {
	NumFmts []struct {
		ID   int    `xml:"numFmtId,attr"`
		Code string `xml:"formatCode,attr"`
	} `xml:"numFmts>numFmt"`
	CellXfs []struct {
		NumFmtID int `xml:"numFmtId,attr"`
	} `xml:"cellXfs>xf"`
}

// readStyles notes which cell styles show a number as a date or time. A
// workbook without a styles part has no date cells.
func (w *Workbook) readStyles() error {
	if w.files[partStyles] == nil {
		return nil
	}
	var st xmlStyles
	if err := w.unmarshal(partStyles, &st); err != nil {
		return err
	}
	custom := map[int]string{}
	for _, f := range st.NumFmts {
		custom[f.ID] = f.Code
	}
	w.dateXf = make([]bool, len(st.CellXfs))
	for i, xf := range st.CellXfs {
		if code, ok := custom[xf.NumFmtID]; ok {
			w.dateXf[i] = dateFormat(code)
		} else {
			w.dateXf[i] = builtInDate(xf.NumFmtID)
		}
	}
	return nil
}
