package pipeline

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Workbook is all the importers need from a spreadsheet: its sheet names and
// the raw text of each cell, row by row. Validation is written against this
// interface only, so a faster reader can replace excelize's without touching
// it.
type Workbook interface {
	// SheetNames lists the sheets in workbook order.
	SheetNames() []string
	// EachRow calls fn for every row of sheet, in order, with its 1-based row
	// number and its raw cell values: numbers unformatted, date cells as their
	// serial number, formula cells as their cached value. A row may be shorter
	// than the header (trailing empty cells are dropped). Returning an error
	// from fn stops the walk and EachRow returns it.
	EachRow(sheet string, fn func(row int, cells []string) error) error
	// Date1904 tells whether date serials count from 1904 (old Mac workbooks).
	Date1904() bool
	Close() error
}

// Limits keep a hostile or broken file from exhausting memory or disk: a
// normal campus workbook is well under a megabyte.
const (
	unzipSizeLimit    = 1 << 30  // whole archive, inflated
	unzipXMLSizeLimit = 64 << 20 // one sheet kept in memory before excelize spills it to a temp file
)

// excelWorkbook reads xlsx files with excelize's streaming Rows iterator.
type excelWorkbook struct {
	f        *excelize.File
	date1904 bool
}

// OpenWorkbook opens an xlsx workbook from r for streaming reads of raw
// values (FACTS.md: formatted reads turn dates into "09-28-22").
func OpenWorkbook(r io.Reader) (Workbook, error) {
	f, err := excelize.OpenReader(r, excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    unzipSizeLimit,
		UnzipXMLSizeLimit: unzipXMLSizeLimit,
	})
	if err != nil {
		return nil, err
	}
	props, err := f.GetWorkbookProps()
	if err != nil {
		f.Close()
		return nil, err
	}
	w := &excelWorkbook{f: f}
	if props.Date1904 != nil {
		w.date1904 = *props.Date1904
	}
	return w, nil
}

func (w *excelWorkbook) SheetNames() []string { return w.f.GetSheetList() }
func (w *excelWorkbook) Date1904() bool       { return w.date1904 }
func (w *excelWorkbook) Close() error         { return w.f.Close() }

func (w *excelWorkbook) EachRow(sheet string, fn func(int, []string) error) (err error) {
	rows, err := w.f.Rows(sheet)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
	}()
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			return fmt.Errorf("row %d: %w", n, err)
		}
		if err := fn(n, cells); err != nil {
			return err
		}
	}
	return rows.Error()
}

// cell returns the trimmed value of column i of a row, "" past its end.
func cell(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[i])
}

// blankRow tells whether every cell of a row is empty.
func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// parseCount reads a whole number >= 0. Spreadsheet software may store 12 as
// "12" or "12.0"; anything else ("12 élèves", "N/A", -3, 12.5) is refused.
func parseCount(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 0 && n <= math.MaxInt32
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f != math.Trunc(f) || f > math.MaxInt32 {
		return 0, false
	}
	return int(f), true
}

// parseDate reads a date cell: an Excel serial (a real date cell, in either
// date system) or text written as dd/mm/yyyy or yyyy-mm-dd, with an optional
// midnight time that some software appends.
func parseDate(s string, date1904 bool) (time.Time, bool) {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		// Serial 1 is 1900-01-01; below that, or beyond 9999, it is not a date.
		if f < 1 || f > 2958465 {
			return time.Time{}, false
		}
		t, err := excelize.ExcelDateToTime(f, date1904)
		if err != nil {
			return time.Time{}, false
		}
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "T00:00:00"), " 00:00:00")
	for _, layout := range []string{"02/01/2006", "2/1/2006", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// columnName gives the spreadsheet letter of a 0-based column index.
func columnName(i int) string {
	name, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return "?"
	}
	return name
}
