package pipeline

import (
	"errors"
	"io"

	"github.com/cmq-greencity/greencity/xlsxstream"
)

// streamWorkbook reads cells with xlsxstream, ten times faster than
// excelize and in flat memory, and gives them as excelize would (its
// differential tests hold it to that). What xlsxstream is not sure to read
// like excelize it declines, and the whole file is then read again with
// excelize, the reader of record (Importer.parse): nothing read from the
// declined sheet is kept.
type streamWorkbook struct {
	pkg *xlsxPackage
	s   *xlsxstream.Workbook
}

// openStream opens a checked package with xlsxstream; a workbook it
// declines gives an error wrapping xlsxstream.ErrDeclined.
func openStream(pkg *xlsxPackage) (*streamWorkbook, error) {
	s, err := xlsxstream.Open(pkg.zr)
	if err != nil {
		return nil, err
	}
	return &streamWorkbook{pkg: pkg, s: s}, nil
}

func (w *streamWorkbook) SheetNames() []string                { return w.s.SheetNames() }
func (w *streamWorkbook) Date1904() bool                      { return w.s.Date1904() }
func (w *streamWorkbook) Layout(sheet string) (Layout, error) { return w.pkg.layout(sheet) }
func (w *streamWorkbook) Close() error                        { return nil }

func (w *streamWorkbook) EachRow(sheet string, fn func(int, []string) error) error {
	// The rows read to the end of their part spare the package's check
	// another inflating of it (xlsxPackage.watch).
	var done func()
	watch := func(part string) io.Writer {
		var tee io.Writer
		tee, done = w.pkg.watch(part)
		return tee
	}
	err := w.s.EachRowWatched(sheet, watch, func(n int, cells []xlsxstream.Cell) error {
		// A new slice per row: the parsers may keep a row (the header).
		values := make([]string, len(cells))
		for i, c := range cells {
			values[i] = c.Value
			if c.Type == xlsxstream.Bool {
				values[i] = booleanText(c.Value)
			}
		}
		return fn(n, values)
	})
	if err == nil && done != nil {
		done()
	}
	return err
}

// declined tells whether err is xlsxstream declining a workbook or sheet.
func declined(err error) bool { return errors.Is(err, xlsxstream.ErrDeclined) }
