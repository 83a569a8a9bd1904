package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Workbook is all the importers need from a spreadsheet: its sheet names,
// the raw text of each cell, row by row, and what those values do not show
// (its layout). Validation is written against this interface only, so a
// faster reader can replace excelize's without touching it.
type Workbook interface {
	// SheetNames lists the sheets in workbook order.
	SheetNames() []string
	// EachRow calls fn for every row of sheet, in order, with its 1-based row
	// number and its raw cell values: numbers unformatted, date cells as their
	// serial number, formula cells as their cached value. A row may be shorter
	// than the header (trailing empty cells are dropped). Returning an error
	// from fn stops the walk and EachRow returns it.
	EachRow(sheet string, fn func(row int, cells []string) error) error
	// Layout tells what the values of a sheet do not: hidden sheet, rows and
	// columns, merged cells, formulas never computed or in error.
	Layout(sheet string) (Layout, error)
	// Date1904 tells whether date serials count from 1904 (old Mac workbooks).
	Date1904() bool
	// Close releases the workbook and removes its temporary files.
	Close() error
}

// Limits keep a hostile or broken file from exhausting memory or disk: a
// normal campus workbook is well under a megabyte, and a million-row export
// inflates to about 500 MB.
const (
	unzipSizeLimit    = 1 << 30  // whole archive, inflated
	unzipXMLSizeLimit = 64 << 20 // one sheet kept in memory before excelize spills it to a temp file
	maxCellChars      = 32767    // the most a cell of Excel holds: longer text was not written by a spreadsheet
)

// excelWorkbook reads xlsx files with excelize's streaming Rows iterator.
type excelWorkbook struct {
	f        *excelize.File
	pkg      *xlsxPackage
	date1904 bool
	tmpDir   string // excelize's temp files go here, removed with it on Close
}

// OpenWorkbook opens an xlsx workbook from r for streaming reads of raw
// values (FACTS.md: formatted reads turn dates into "09-28-22"). A file that
// is not a readable xlsx gives an *UnreadableError saying what it is.
// Temporary files go to the system's temp directory and are removed by
// Close.
func OpenWorkbook(r io.Reader) (Workbook, error) {
	content, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return openWorkbook(content, "")
}

// openWorkbook checks content (inspectPackage) then opens it with excelize,
// whose temp files (a sheet over unzipXMLSizeLimit is inflated to disk) go
// to a folder of their own under tmpBase ("" for the system's), removed
// whole on Close or on failure: excelize leaves its temp files behind when
// it fails half-way through opening a file.
func openWorkbook(content []byte, tmpBase string) (*excelWorkbook, error) {
	pkg, err := inspectPackage(content)
	if err != nil {
		return nil, err
	}
	return openExcelize(pkg, bytes.NewReader(content), tmpBase)
}

// openExcelize opens a checked package with excelize (see openWorkbook),
// which reads content whole into memory.
func openExcelize(pkg *xlsxPackage, content io.Reader, tmpBase string) (*excelWorkbook, error) {
	// excelize reads parts with their errors ignored: every one is proved
	// whole first.
	if err := pkg.verifyAll(); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(tmpBase, "greencity-xlsx-")
	if err != nil {
		return nil, err
	}
	opened := false
	defer func() {
		if !opened { // failed, or panicked: the caller recovers, the folder must go
			os.RemoveAll(dir)
		}
	}()
	f, err := excelize.OpenReader(content, excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    unzipSizeLimit,
		UnzipXMLSizeLimit: unzipXMLSizeLimit,
		TmpDir:            dir,
	})
	if err != nil {
		if f != nil {
			f.Close()
		}
		return nil, &UnreadableError{Reason: reasonDamaged, Err: err}
	}
	w := &excelWorkbook{f: f, pkg: pkg, tmpDir: dir}
	props, err := f.GetWorkbookProps()
	if err != nil {
		f.Close()
		return nil, &UnreadableError{Reason: reasonDamaged, Err: err}
	}
	if props.Date1904 != nil {
		w.date1904 = *props.Date1904
	}
	opened = true
	return w, nil
}

func (w *excelWorkbook) SheetNames() []string { return w.f.GetSheetList() }
func (w *excelWorkbook) Date1904() bool       { return w.date1904 }

func (w *excelWorkbook) Close() error {
	err := w.f.Close()
	if rerr := os.RemoveAll(w.tmpDir); err == nil {
		err = rerr
	}
	return err
}

func (w *excelWorkbook) Layout(sheet string) (Layout, error) { return w.pkg.layout(sheet) }

// layout is the Layout of a sheet of the package, whichever reader reads
// its cells; scanned once, since EachRow needs it before the rows (its
// boolean cells) and inspect after.
func (pkg *xlsxPackage) layout(sheet string) (Layout, error) {
	if l, ok := pkg.layouts[sheet]; ok {
		return l, nil
	}
	l, err := pkg.scan(sheet)
	if err != nil {
		return l, err
	}
	if pkg.layouts == nil {
		pkg.layouts = map[string]Layout{}
	}
	pkg.layouts[sheet] = l
	return l, nil
}

// scan reads the layout of a sheet, scanning its part when preflight saw a
// sign of one.
func (pkg *xlsxPackage) scan(sheet string) (Layout, error) {
	e, ok := pkg.sheet(sheet)
	if !ok {
		return Layout{}, nil
	}
	if err := pkg.verify(e.part); err != nil {
		return Layout{}, err
	}
	info := pkg.parts[e.part]
	if info == nil || !info.needsLayout {
		return Layout{Hidden: e.hidden}, nil
	}
	rc, err := pkg.open(e.part)
	if err != nil {
		return Layout{}, err
	}
	defer rc.Close()
	l, err := scanLayout(rc, pkg)
	if err != nil {
		return Layout{}, &UnreadableError{Reason: fmt.Sprintf("classeur abîmé : la feuille « %s » n'est pas lisible ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau", sheet), Err: err}
	}
	l.Hidden = e.hidden
	return l, nil
}

func (w *excelWorkbook) EachRow(sheet string, fn func(int, []string) error) (err error) {
	layout, err := w.Layout(sheet)
	if err != nil {
		return err
	}
	rows, err := w.f.Rows(sheet)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
		if errors.Is(err, excelize.ErrMaxRows) {
			err = &UnreadableError{Reason: fmt.Sprintf("la feuille « %s » a une ligne numérotée au-delà de 1\u202f048\u202f576, la dernière ligne d'une feuille Excel : classeur abîmé ou écrit par un autre programme ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau", sheet), Err: err}
		}
	}()
	last := 0
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			return fmt.Errorf("row %d: %w", n, err)
		}
		for _, c := range layout.booleans[n] {
			if c < len(cells) {
				cells[c] = booleanText(cells[c])
			}
		}
		if err := fn(n, cells); err != nil {
			return err
		}
		last = n
	}
	if err := rows.Error(); err != nil {
		return err
	}
	// The reader ends the rows quietly where the XML stops making sense:
	// check it went as far as the sheet declares.
	if e, ok := w.pkg.sheet(sheet); ok {
		if info := w.pkg.parts[e.part]; info != nil && info.lastRow > last {
			return &UnreadableError{Reason: fmt.Sprintf("classeur abîmé : la lecture de la feuille « %s » s'arrête à la ligne %d alors qu'elle va jusqu'à la ligne %d ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau", sheet, last, info.lastRow)}
		}
	}
	return nil
}

// booleanText is the value of a boolean cell (t="b") as a French
// spreadsheet shows it. The raw reader gives 1 and 0, which would count as
// numbers: a TRUE ticked in a participants column is no count of one. As
// text, it is refused where a number is expected and read as yes where a
// yes/no answer is.
func booleanText(raw string) string {
	switch strings.TrimSpace(raw) {
	case "1":
		return "VRAI"
	case "0":
		return "FAUX"
	}
	return raw
}

// cell returns the value of column i of a row, "" past its end, trimmed and
// without its invisible characters (visible).
func cell(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return strings.TrimSpace(visible(cells[i]))
}

// blankRow tells whether every cell of a row is empty, or holds only blanks
// and invisible characters.
func blankRow(cells []string) bool {
	for i := range cells {
		if cell(cells, i) != "" {
			return false
		}
	}
	return true
}

// parseCount reads a whole number >= 0, written in plain digits (plainNumber).
// Spreadsheet software may store 12 as "12" or "12.0"; anything else ("12
// élèves", "N/A", -3, 12.5, "1e3", "0x10", "+4", "NaN") is refused. "1.000"
// and "1,000" are refused too: they read as a thousand to whoever wrote them.
func parseCount(s string) (int, bool) {
	f, ok := plainNumber(s, false)
	if !ok || strings.HasPrefix(s, "-") || f != math.Trunc(f) || f > math.MaxInt32 {
		return 0, false
	}
	if _, frac, found := strings.Cut(s, "."); found && len(frac) == 3 {
		return 0, false
	}
	return int(f), true
}

// plainNumber reads a number as a person writes it: an optional minus sign,
// digits (in groups of three separated by spaces allowed: "1 000"), then an
// optional decimal part after a point, or a comma when decimalComma is set.
// Go's parsers accept much more that no one means as a number in a cell
// ("1e3", "0x1p4", "1_000", "+5", "Inf", "NaN"): those are refused, so a
// value is never read as something else than what it shows.
func plainNumber(s string, decimalComma bool) (float64, bool) {
	body, negative := strings.CutPrefix(s, "-")
	seps := "."
	if decimalComma {
		seps = ".,"
	}
	intPart, frac, hasFrac := body, "", false
	if i := strings.IndexAny(body, seps); i >= 0 {
		intPart, frac, hasFrac = body[:i], body[i+1:], true
	}
	digits, ok := groupedDigits(intPart)
	if !ok || (hasFrac && !allDigits(frac)) {
		return 0, false
	}
	if hasFrac {
		digits += "." + frac
	}
	f, err := strconv.ParseFloat(digits, 64)
	if err != nil { // out of range
		return 0, false
	}
	if negative {
		f = -f
	}
	return f, true
}

// groupedDigits reads the whole part of a number, "1000" or grouped by
// thousands with one space (or a non-breaking one, as French software
// writes it) between groups: "1 000", "12 345 678". It returns the digits.
func groupedDigits(s string) (string, bool) {
	if allDigits(s) {
		return s, true // most numbers, spared building the replacer
	}
	groups := strings.Split(strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s), " ")
	for i, g := range groups {
		if !allDigits(g) || (len(groups) > 1 && (len(g) > 3 || (i > 0 && len(g) != 3))) {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

// allDigits tells whether s is one or more ASCII digits.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// parseDate reads a date cell: an Excel serial (a real date cell, in either
// date system), an ISO 8601 date cell (t="d", as some programs write them:
// "2025-11-05T00:00:00Z"), or text written as dd/mm/yyyy or yyyy-mm-dd. A
// time of day, after a space or a "T", is allowed and dropped, as it is from
// a serial ("45966.5").
func parseDate(s string, date1904 bool) (time.Time, bool) {
	if f, ok := plainNumber(s, false); ok {
		// Serial 1 is 1900-01-01; below that or beyond 9999 it is not a date.
		if !(f >= 1 && f <= 2958465) {
			return time.Time{}, false
		}
		t, err := excelize.ExcelDateToTime(f, date1904)
		if err != nil {
			return time.Time{}, false
		}
		y, m, d := t.Date()
		if y > 9999 { // the 1904 system reaches 10000 before serial 2958465
			return time.Time{}, false
		}
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
	}
	day, clock, hasClock := strings.Cut(s, "T")
	if !hasClock {
		day, clock, hasClock = strings.Cut(s, " ")
	}
	if hasClock && !timeOfDay(clock) {
		return time.Time{}, false
	}
	for _, layout := range []string{"02/01/2006", "2/1/2006", "2006-01-02"} {
		if t, err := time.Parse(layout, day); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// timeOfDay tells whether s is a time of day as ISO 8601 and spreadsheets
// write it: "10:30", "10:30:00", with a fraction of a second ("10:30:00.000")
// and a time zone ("Z", "+01:00") allowed.
func timeOfDay(s string) bool {
	for _, layout := range []string{"15:04:05Z07:00", "15:04:05", "15:04Z07:00", "15:04"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// columnName gives the spreadsheet letter of a 0-based column index.
func columnName(i int) string {
	name, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return "?"
	}
	return name
}
