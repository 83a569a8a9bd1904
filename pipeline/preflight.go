package pipeline

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"path"
	"strings"
	"unicode/utf8"
)

// Before excelize sees a file, preflight makes sure it is an xlsx workbook at
// all and that every part of it inflates whole and within limits. excelize
// cannot be trusted with that: it reads a part with its errors ignored, so a
// damaged sheet reads as a shorter one with no error (FACTS.md), and what it
// says of a CSV or an old .xls is a bare "zip: not a valid zip file". Each
// refusal here is one French sentence saying what the file is and what to do.

// Magic numbers of the formats an evaluator may rename to .xlsx.
var (
	zipMagic      = []byte("PK\x03\x04")
	emptyZipMagic = []byte("PK\x05\x06")
	// OLE2 compound file: old .xls, and also a password-protected .xlsx,
	// which Office encrypts into such a container.
	ole2Magic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Reasons a file is refused before it is read, in French.
const (
	reasonEmpty       = "fichier vide (0 octet) : ce n'est pas un classeur ; recopiez-le depuis l'original"
	reasonXLS         = "ancien format Excel 97-2003 (.xls), que greencity ne lit pas ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format « Classeur Excel (.xlsx) »"
	reasonPassword    = "classeur protégé par un mot de passe, que greencity ne peut pas lire ; ouvrez-le, retirez le mot de passe (Fichier > Informations > Protéger le classeur) et enregistrez-le"
	reasonOLE         = "ancien format Office qui n'est pas un classeur Excel (.xlsx) ; ouvrez-le et enregistrez-le au format « Classeur Excel (.xlsx) »"
	reasonText        = "ce n'est pas un classeur Excel (.xlsx) mais un fichier texte (CSV ?) ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format « Classeur Excel (.xlsx) »"
	reasonHTML        = "ce n'est pas un classeur Excel (.xlsx) mais une page web (HTML) ; ouvrez-la dans Excel ou LibreOffice et enregistrez-la au format « Classeur Excel (.xlsx) »"
	reasonUnknown     = "ce n'est pas un classeur Excel (.xlsx) : format inconnu"
	reasonDamaged     = "classeur abîmé ou incomplet (copie ou téléchargement interrompu ?) ; recopiez-le depuis l'original, ou ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau"
	reasonODS         = "classeur LibreOffice (.ods), pas un classeur Excel (.xlsx) ; dans LibreOffice, « Enregistrer sous » au format « Excel 2007-365 (.xlsx) »"
	reasonXLSB        = "classeur Excel binaire (.xlsb), que greencity ne lit pas ; enregistrez-le au format « Classeur Excel (.xlsx) »"
	reasonNotWorkbook = "archive zip qui n'est pas un classeur Excel (.xlsx)"
)

// reasonTooBig is the refusal of a file that inflates past the limits: a zip
// bomb, or anything but a campus workbook.
func reasonTooBig() string {
	return fmt.Sprintf("classeur trop volumineux une fois décompressé (plus de %d Mio) : ce n'est pas un classeur de suivi ordinaire ; vérifiez son contenu", unzipSizeLimit>>20)
}

// xlsxPackage is the zip package of a workbook, checked whole.
type xlsxPackage struct {
	zr     *zip.Reader
	sheets []sheetEntry
	parts  map[string]*partInfo // worksheet parts, by zip entry name
	// sharedStrings is the number of strings in the shared string table
	// (0 when the workbook has none): a cell pointing past it reads as ""
	// with no error from excelize (FACTS.md).
	sharedStrings int
	// invisible are the cell styles (indexes into cellXfs) whose number
	// format shows nothing, such as ";;;".
	invisible map[int]invisibleFormat
	layouts   map[string]Layout // by sheet, once scanned (layout)
	// sheetBytes is what the worksheet parts inflate to, as the archive
	// declares it: the length of a progress bar.
	sheetBytes int64
}

// Parts excelize reads at fixed paths, whatever the relationships say.
const (
	sharedStringsPart = "xl/sharedstrings.xml"
	stylesPart        = "xl/styles.xml"
)

// sheetEntry is a sheet as the workbook part lists it.
type sheetEntry struct {
	name   string
	hidden bool   // state="hidden" or "veryHidden"
	part   string // zip entry of its worksheet XML; "" for a chart sheet
}

// partInfo is what preflight learnt of a worksheet part while inflating it.
type partInfo struct {
	// needsLayout: the part mentions merged cells, hidden rows or columns,
	// formulas or error values, so it gets a full scan (scanLayout). Most
	// files do not, and are spared a second parse.
	needsLayout bool
	// lastRow is the number of the last row the part declares, -1 when it
	// could not be told. The streaming reader stops silently at XML it
	// cannot parse; EachRow compares the last row it reached with this.
	lastRow int
	// maxShared is about the largest shared-string index the part's cells
	// refer to (-1: none), a cheap upper guess: when it reaches past the
	// shared string table, the part gets a full scan that tells which cells.
	maxShared int
	// verified: the part was inflated whole and scanned (the fields above
	// are known).
	verified bool
}

// inspectPackage checks content before excelize reads it: it tells the
// formats a workbook is mistaken for, refuses a damaged or oversized zip,
// inflates every part once to prove it whole (CRC and size), and notes which
// worksheets need a layout scan.
func inspectPackage(content []byte) (*xlsxPackage, error) {
	pkg, err := openPackage(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		return nil, err
	}
	if err := pkg.verifyAll(); err != nil {
		return nil, err
	}
	return pkg, nil
}

// openPackage is inspectPackage but for its worksheet parts, which are
// verified later (verify, verifyAll): a sheet's rows read whole by
// xlsxstream are scanned as they are read (watch), rather than inflated
// twice. The file is read in place (r, size bytes): a million-row workbook
// is 40 MB that need not be in memory.
func openPackage(r io.ReaderAt, size int64) (*xlsxPackage, error) {
	head := make([]byte, min(size, 4096))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return nil, err
	}
	switch {
	case size == 0:
		return nil, &UnreadableError{Reason: reasonEmpty}
	case bytes.HasPrefix(head, ole2Magic):
		// Not a zip: an old Office file, small, whose directory is searched
		// whole.
		content, err := io.ReadAll(io.NewSectionReader(r, 0, size))
		if err != nil {
			return nil, err
		}
		switch {
		case bytes.Contains(content, utf16le("EncryptedPackage")):
			return nil, &UnreadableError{Reason: reasonPassword}
		case bytes.Contains(content, utf16le("Workbook")), bytes.Contains(content, utf16le("Book")):
			return nil, &UnreadableError{Reason: reasonXLS}
		}
		return nil, &UnreadableError{Reason: reasonOLE}
	case !bytes.HasPrefix(head, zipMagic) && !bytes.HasPrefix(head, emptyZipMagic):
		return nil, &UnreadableError{Reason: notZipReason(head)}
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, &UnreadableError{Reason: reasonDamaged, Err: err}
	}
	// Declared sizes first: an honest zip bomb is refused before anything
	// is inflated. A dishonest one is caught below, where archive/zip stops
	// at the declared size.
	var declared uint64
	for _, f := range zr.File {
		declared += f.UncompressedSize64
		if f.UncompressedSize64 > unzipSizeLimit || declared > unzipSizeLimit {
			return nil, &UnreadableError{Reason: reasonTooBig()}
		}
	}
	byName := map[string]*zip.File{}
	for _, f := range zr.File {
		byName[entryName(f)] = f
	}
	if f := byName["mimetype"]; f != nil {
		if b, _ := readPart(f, 256); bytes.HasPrefix(b, []byte("application/vnd.oasis.opendocument.spreadsheet")) {
			return nil, &UnreadableError{Reason: reasonODS}
		}
		return nil, &UnreadableError{Reason: reasonNotWorkbook}
	}
	pkg := &xlsxPackage{zr: zr, parts: map[string]*partInfo{}}
	wbPart, err := pkg.readSheets(byName)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(wbPart, ".bin") {
		return nil, &UnreadableError{Reason: reasonXLSB}
	}
	sst := &siCounter{}
	for _, f := range zr.File {
		if pkg.parts[entryName(f)] != nil {
			pkg.sheetBytes += int64(f.UncompressedSize64)
			continue // worksheets: verify, or the reading of their rows
		}
		var counter io.Writer
		if entryName(f) == sharedStringsPart {
			counter = sst
		}
		if _, err := inflate(f, unzipSizeLimit, nil, counter); err != nil {
			return nil, inflateError(f, err)
		}
	}
	pkg.sharedStrings = sst.n
	if f := byName[stylesPart]; f != nil {
		b, err := readPart(f, smallPart)
		if err != nil {
			return nil, &UnreadableError{Reason: reasonDamaged, Err: err}
		}
		pkg.invisible = invisibleStyles(b)
	}
	return pkg, nil
}

// inflateError is the refusal of a part that did not inflate whole.
func inflateError(f *zip.File, err error) error {
	if errors.Is(err, errTooBig) {
		return &UnreadableError{Reason: reasonTooBig()}
	}
	return &UnreadableError{Reason: reasonDamaged, Err: fmt.Errorf("%s: %w", f.Name, err)}
}

// verifyAll inflates and scans the worksheet parts not yet verified, in
// the order of the archive: after it, the package is checked whole, as
// inspectPackage promises.
func (pkg *xlsxPackage) verifyAll() error {
	for _, f := range pkg.zr.File {
		if err := pkg.verify(entryName(f)); err != nil {
			return err
		}
	}
	return nil
}

// verify inflates a worksheet part, unless its rows were read whole
// already (watch), proving it whole and noting what partInfo holds.
func (pkg *xlsxPackage) verify(part string) error {
	info := pkg.parts[part]
	if info == nil || info.verified {
		return nil
	}
	for _, f := range pkg.zr.File {
		if entryName(f) != part {
			continue
		}
		m := &partScanner{shared: sharedRefs{max: -1}}
		if _, err := inflate(f, unzipSizeLimit, m, nil); err != nil {
			return inflateError(f, err)
		}
		pkg.scanned(info, m)
	}
	return nil
}

// scanned records in info what m found in the whole of its part.
func (pkg *xlsxPackage) scanned(info *partInfo, m *partScanner) {
	info.needsLayout, info.lastRow, info.maxShared = m.found, m.lastRow, m.shared.max
	if m.lost {
		info.lastRow = -1
	}
	// A style that shows nothing may be on any cell, and a cell may point
	// past the shared strings: the layout scan finds which.
	if len(pkg.invisible) > 0 || info.maxShared >= pkg.sharedStrings {
		info.needsLayout = true
	}
	info.verified = true
}

// watch returns what the reader of a sheet's rows writes the inflated
// bytes of part into, so that verify is spared another inflating of it, or
// nil when part needs no scan. done is to be called once the rows were read
// to the end of the part, its checksum checked (EachRow returned nil).
func (pkg *xlsxPackage) watch(part string) (w io.Writer, done func()) {
	info := pkg.parts[strings.ToLower(part)]
	if info == nil || info.verified {
		return nil, func() {}
	}
	m := &partScanner{shared: sharedRefs{max: -1}}
	return m, func() {
		// Cut short: left to verify, which says so as preflight does.
		if m.complete() {
			pkg.scanned(info, m)
		}
	}
}

// notZipReason tells what a file that is not a zip probably is, from its
// first bytes (head, up to 4 KiB): text (a CSV, in any encoding), a web
// page, or something else.
func notZipReason(head []byte) string {
	lower := bytes.ToLower(bytes.TrimLeft(head, " \t\r\n\ufeff"))
	if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) {
		return reasonHTML
	}
	control := 0
	for _, c := range head {
		if c == 0 {
			return reasonUnknown
		}
		if c < 0x20 && c != '\t' && c != '\r' && c != '\n' {
			control++
		}
	}
	// Latin-1 CSV (what French Excel writes) is not valid UTF-8 but has no
	// control characters: still text.
	if control == 0 || (utf8.Valid(head) && control*100 < len(head)) {
		return reasonText
	}
	return reasonUnknown
}

// utf16le encodes an ASCII name as OLE2 directory entries store it.
func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

var errTooBig = errors.New("too big")

// inflate reads a zip entry to its end, at most limit bytes, so that a
// damaged entry (bad CRC, cut short, longer than declared) is an error here
// rather than a silently shorter sheet later. For a worksheet part (m not
// nil) the bytes go to m, which notes whether a layout scan is needed, and
// the XML must not be cut short. Other entries go to w when it is not nil.
func inflate(f *zip.File, limit uint64, m *partScanner, w io.Writer) (uint64, error) {
	rc, err := f.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	if w == nil {
		w = io.Discard
	}
	if m != nil {
		w = m
	}
	n, err := io.Copy(w, io.LimitReader(rc, int64(min(limit, unzipSizeLimit))+1))
	if err != nil {
		return uint64(n), err
	}
	if uint64(n) > limit {
		return uint64(n), errTooBig
	}
	if m != nil && !m.complete() {
		return uint64(n), errors.New("worksheet XML cut short")
	}
	return uint64(n), nil
}

// layoutMarkers are the byte strings whose presence in a worksheet part
// calls for a layout scan. A false alarm only costs time.
var layoutMarkers = [][]byte{
	[]byte("mergeCell"), []byte("hidden"), []byte(`t="e"`), []byte(`t='e'`),
	[]byte("<f>"), []byte("<f "), []byte("<f/"), []byte(":f>"), []byte(":f "), []byte(":f/"),
	// Boolean cells, which the raw reader gives as 1 and 0 (booleanText).
	[]byte(`t="b"`), []byte(`t='b'`),
}

// hasLayoutMarker reports whether b holds one of layoutMarkers. It finds
// them in five searches instead of one per marker, measured as most of the
// time of this scan: the type markers by their letter ('e', 'b'), which the
// cells of numbers and shared strings do not hold, and the formula tags by
// their 'f', which no other tag of a sheet's cells holds; each hit is
// checked against the marker around it.
func hasLayoutMarker(b []byte) bool {
	if bytes.Contains(b, []byte("mergeCell")) || bytes.Contains(b, []byte("hidden")) {
		return true
	}
	// <f>, <f , <f/ and :f>, :f , :f/ (a prefixed element).
	if eachByte(b, 'f', func(i int) bool {
		return i > 0 && (b[i-1] == '<' || b[i-1] == ':') && i+1 < len(b) && (b[i+1] == '>' || b[i+1] == ' ' || b[i+1] == '/')
	}) {
		return true
	}
	// t="e", t='e', t="b", t='b'.
	typed := func(i int) bool {
		return i >= 3 && i+1 < len(b) && (b[i-1] == '"' || b[i-1] == '\'') && b[i+1] == b[i-1] && b[i-2] == '=' && b[i-3] == 't'
	}
	return eachByte(b, 'e', typed) || eachByte(b, 'b', typed)
}

// eachByte calls hit at each index of c in b, and reports whether one hit.
func eachByte(b []byte, c byte, hit func(i int) bool) bool {
	for i := 0; ; i++ {
		j := bytes.IndexByte(b[i:], c)
		if j < 0 {
			return false
		}
		if i += j; hit(i) {
			return true
		}
	}
}

// partScanner reads a worksheet part as it is inflated, without parsing
// it: it looks for layoutMarkers, follows the row numbers of its <row> tags,
// and keeps the end of the stream to check it is complete.
type partScanner struct {
	found   bool
	lastRow int    // r of the last <row> tag, or its position when it has none
	lost    bool   // a tag too long to follow: lastRow unknown
	carry   []byte // unprocessed end of the previous chunk
	buf     []byte // carry then the chunk, reused from chunk to chunk
	tail    []byte // last bytes seen
	shared  sharedRefs
}

const markerTail = 64

func (m *partScanner) Write(p []byte) (int, error) {
	m.shared.feed(p)
	m.buf = append(append(m.buf[:0], m.carry...), p...)
	data := m.buf
	if !m.found {
		m.found = hasLayoutMarker(data)
	}
	next := 0
	for {
		i := indexRowTag(data[next:])
		if i < 0 {
			break
		}
		i += next
		j := bytes.IndexByte(data[i:], '>')
		if j < 0 {
			next = i
			if len(data)-i > 4096 {
				m.lost, next = true, len(data)
			}
			break
		}
		m.lastRow++
		if r, ok := rowNumber(data[i : i+j]); ok {
			m.lastRow = r
		}
		next = i + j + 1
	}
	// Keep what may start a tag cut by the chunk boundary.
	keep := max(next, len(data)-8)
	m.carry = append(m.carry[:0], data[keep:]...)
	m.tail = append(m.tail, p[max(0, len(p)-markerTail):]...)
	if len(m.tail) > markerTail {
		m.tail = append(m.tail[:0:0], m.tail[len(m.tail)-markerTail:]...)
	}
	return len(p), nil
}

// sharedRefs follows, byte by byte across chunks, the cells of type
// shared string (t="s") to the index in their <v>, and keeps the largest.
// It parses no XML: a t="s" written in a text may pair with the next cell's
// value, which only costs a layout scan, where the cells are read properly.
type sharedRefs struct {
	max    int  // largest index seen, -1 when none
	state  int  // 0: looking for t="s"; 1: for the <v> that follows; 2: reading its digits
	pos    int  // bytes of the pattern matched so far
	quote  byte // the quote t="s" was written with
	n, len int  // the index read so far and its number of digits
}

func (s *sharedRefs) feed(p []byte) {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if s.state == 0 && s.pos <= 1 && c != 't' {
			// Nothing before the next "t" can start the pattern: jump to
			// it (most bytes of a sheet), with pos as the byte before it
			// leaves it.
			j := bytes.IndexByte(p[i:], 't')
			if j < 0 {
				s.pos = spaceAt(p, len(p)-1)
				return
			}
			i += j
			c, s.pos = 't', spaceAt(p, i-1)
		}
		switch s.state {
		case 0: // ` t="s"` or ` t='s'`
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r':
				s.pos = 1
			case s.pos == 1 && c == 't', s.pos == 2 && c == '=', s.pos == 4 && c == 's':
				s.pos++
			case s.pos == 3 && (c == '"' || c == '\''):
				s.pos, s.quote = 4, c
			case s.pos == 5 && c == s.quote:
				s.state, s.pos = 1, 0
			default:
				s.pos = 0
			}
		case 1: // "<v>" or "<x:v>"
			switch {
			case c == '<' || c == ':':
				s.pos = 1
			case s.pos == 1 && c == 'v':
				s.pos = 2
			case s.pos == 2 && c == '>':
				s.state, s.pos, s.n, s.len = 2, 0, 0, 0
			default:
				s.pos = 0
			}
		case 2:
			if c >= '0' && c <= '9' && s.len < 9 {
				s.n, s.len = s.n*10+int(c-'0'), s.len+1
				continue
			}
			if s.len == 0 && (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
				continue
			}
			n := s.n
			if s.len == 0 || (c >= '0' && c <= '9') || c != '<' && c != ' ' {
				n = math.MaxInt32 // not an index: let the scan say so
			}
			s.max = max(s.max, n)
			s.state, s.pos = 0, 0
		}
	}
}

// spaceAt is 1 when p[i] is a blank, else 0: the state of sharedRefs' search
// for t="s" after that byte.
func spaceAt(p []byte, i int) int {
	if c := p[i]; c == ' ' || c == '\t' || c == '\n' || c == '\r' {
		return 1
	}
	return 0
}

// siCounter counts the strings of the shared string table as it is
// inflated: its <si> elements (with or without a namespace prefix). Text
// inside cannot hold a "<", so a byte count is exact.
type siCounter struct {
	n       int
	closing bool    // in an end tag
	last    [3]byte // the bytes before the current one
}

func (c *siCounter) Write(p []byte) (int, error) {
	for _, b := range p {
		if c.last[2] == '<' {
			c.closing = b == '/'
		}
		if !c.closing && (c.last[0] == '<' || c.last[0] == ':') && c.last[1] == 's' && c.last[2] == 'i' &&
			(b == '>' || b == ' ' || b == '/' || b == '\t' || b == '\n' || b == '\r') {
			c.n++
		}
		c.last = [3]byte{c.last[1], c.last[2], b}
	}
	return len(p), nil
}

// indexRowTag finds the next <row> start tag (with or without a namespace
// prefix), -1 when there is none.
func indexRowTag(b []byte) int {
	from := 0
	for {
		i := bytes.Index(b[from:], []byte("row"))
		if i < 0 {
			return -1
		}
		i += from
		end := i + 3
		if i > 0 && (b[i-1] == '<' || b[i-1] == ':') && end < len(b) && strings.IndexByte(" \t\r\n>/", b[end]) >= 0 {
			// For a prefixed tag, go back to its "<".
			start := i - 1
			if b[start] == ':' {
				k := bytes.LastIndexByte(b[:start], '<')
				if k < 0 || bytes.ContainsAny(b[k:start], " \t\r\n>/") {
					from = end
					continue
				}
				start = k
			}
			return start
		}
		from = end
	}
}

// rowNumber reads the r attribute of a <row ...> tag.
func rowNumber(tag []byte) (int, bool) {
	for _, q := range []string{`r="`, `r='`} {
		i := bytes.Index(tag, []byte(" "+q))
		if i < 0 {
			continue
		}
		n, digits := 0, 0
		for _, c := range tag[i+1+len(q):] {
			if c < '0' || c > '9' || digits > 9 {
				break
			}
			n, digits = n*10+int(c-'0'), digits+1
		}
		return n, digits > 0
	}
	return 0, false
}

// complete tells whether the XML ends with the worksheet's end tag, with
// or without a namespace prefix: a sheet cut short does not.
func (m *partScanner) complete() bool {
	end := bytes.TrimSpace(m.tail)
	return bytes.HasSuffix(end, []byte("worksheet>")) && bytes.Contains(end, []byte("</"))
}

// readPart reads a small part whole, at most limit bytes.
func readPart(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit))
	if err != nil {
		return nil, err
	}
	if f.CRC32 != 0 && int64(len(b)) == int64(f.UncompressedSize64) && crc32.ChecksumIEEE(b) != f.CRC32 {
		return nil, zip.ErrChecksum
	}
	return b, nil
}

// smallPart is the most a workbook's index parts (relationships, the list
// of sheets) may take; they are a few kilobytes.
const smallPart = 16 << 20

type relationships struct {
	Rels []struct {
		ID         string `xml:"Id,attr"`
		Type       string `xml:"Type,attr"`
		Target     string `xml:"Target,attr"`
		TargetMode string `xml:"TargetMode,attr"`
	} `xml:"Relationship"`
}

type workbookSheets struct {
	Sheets []struct {
		Name  string     `xml:"name,attr"`
		State string     `xml:"state,attr"`
		Attrs []xml.Attr `xml:",any,attr"`
	} `xml:"sheets>sheet"`
}

// readSheets finds the workbook part through the package relationships,
// then each sheet's worksheet part through the workbook's, as excelize does.
// It returns the workbook part's name.
func (pkg *xlsxPackage) readSheets(byName map[string]*zip.File) (string, error) {
	rels, err := readRels(byName, "_rels/.rels")
	if err != nil {
		return "", err
	}
	wbPart := ""
	for _, r := range rels.Rels {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			wbPart = resolvePart("", r.Target)
		}
	}
	switch {
	case strings.HasPrefix(wbPart, "word/"):
		return "", &UnreadableError{Reason: "document Word, pas un classeur ; les données doivent être dans un classeur Excel (.xlsx)"}
	case strings.HasPrefix(wbPart, "ppt/"):
		return "", &UnreadableError{Reason: "présentation PowerPoint, pas un classeur ; les données doivent être dans un classeur Excel (.xlsx)"}
	case wbPart == "" || byName[wbPart] == nil:
		return "", &UnreadableError{Reason: reasonNotWorkbook}
	case strings.HasSuffix(wbPart, ".bin"):
		return wbPart, nil
	}
	b, err := readPart(byName[wbPart], smallPart)
	if err != nil {
		return "", &UnreadableError{Reason: reasonDamaged, Err: err}
	}
	var wb workbookSheets
	if err := xml.Unmarshal(b, &wb); err != nil {
		return "", &UnreadableError{Reason: reasonDamaged, Err: err}
	}
	wbRels, err := readRels(byName, path.Join(path.Dir(wbPart), "_rels", path.Base(wbPart)+".rels"))
	if err != nil {
		return "", err
	}
	targets := map[string]string{}
	for _, r := range wbRels.Rels {
		if r.TargetMode != "External" && strings.HasSuffix(r.Type, "/worksheet") {
			targets[r.ID] = resolvePart(path.Dir(wbPart), r.Target)
		}
	}
	for _, s := range wb.Sheets {
		e := sheetEntry{name: s.Name, hidden: s.State == "hidden" || s.State == "veryHidden"}
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && targets[a.Value] != "" && byName[targets[a.Value]] != nil {
				e.part = targets[a.Value]
				pkg.parts[e.part] = &partInfo{}
			}
		}
		pkg.sheets = append(pkg.sheets, e)
	}
	return wbPart, nil
}

// readRels reads a relationships part; a missing one is empty.
func readRels(byName map[string]*zip.File, name string) (relationships, error) {
	var rels relationships
	f := byName[name]
	if f == nil {
		return rels, nil
	}
	b, err := readPart(f, smallPart)
	if err == nil {
		err = xml.Unmarshal(b, &rels)
	}
	if err != nil {
		return rels, &UnreadableError{Reason: reasonDamaged, Err: err}
	}
	return rels, nil
}

// resolvePart turns a relationship target into a zip entry name (lower
// case, as byName is keyed): absolute targets start at the package root,
// relative ones at the folder of the part that refers to them.
func resolvePart(dir, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") {
		return strings.ToLower(strings.TrimPrefix(path.Clean(target), "/"))
	}
	return strings.ToLower(strings.TrimPrefix(path.Join("/", dir, target), "/"))
}

// sheet returns the entry of a sheet by its name.
func (pkg *xlsxPackage) sheet(name string) (sheetEntry, bool) {
	for _, s := range pkg.sheets {
		if s.name == name {
			return s, true
		}
	}
	return sheetEntry{}, false
}

// open opens a worksheet part by its (lower-case) name.
func (pkg *xlsxPackage) open(part string) (io.ReadCloser, error) {
	for _, f := range pkg.zr.File {
		if entryName(f) == part {
			return f.Open()
		}
	}
	return nil, fmt.Errorf("part %s not found", part)
}

// entryName is the name a zip entry is looked up by: lower case, with
// forward slashes and no leading one, as excelize tolerates.
func entryName(f *zip.File) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/"))
}
