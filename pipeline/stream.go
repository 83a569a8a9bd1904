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
	pkg      *xlsxPackage
	s        *xlsxstream.Workbook
	progress *readProgress // nil when nobody follows the reading
}

// openStream opens a checked package with xlsxstream; a workbook it
// declines gives an error wrapping xlsxstream.ErrDeclined. progress, when
// not nil, is told how far the reading of the sheets went (readProgress).
func openStream(pkg *xlsxPackage, progress func(read, total int64)) (*streamWorkbook, error) {
	s, err := xlsxstream.Open(pkg.zr)
	if err != nil {
		return nil, err
	}
	w := &streamWorkbook{pkg: pkg, s: s}
	if progress != nil {
		w.progress = &readProgress{report: progress, total: pkg.sheetBytes, reached: map[string]int64{}}
	}
	return w, nil
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
		if w.progress != nil {
			tee = &partCounter{progress: w.progress, part: part, next: tee}
		}
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

// readProgress follows how far the reading of a workbook's sheets went, in
// bytes of their inflated XML against the total the archive declares for
// them, for a progress bar on a long import (Importer.Progress). A sheet
// read again (a glance at its first rows, then the whole) counts once, as
// far as it was read.
type readProgress struct {
	report  func(read, total int64)
	total   int64
	read    int64
	reached map[string]int64 // worksheet part -> furthest byte read
}

// partCounter counts the bytes of one reading of a part, then passes them
// on to next (when not nil).
type partCounter struct {
	progress *readProgress
	part     string
	n        int64
	next     io.Writer
}

func (c *partCounter) Write(b []byte) (int, error) {
	c.n += int64(len(b))
	p := c.progress
	if far := p.reached[c.part]; c.n > far {
		p.read += c.n - far
		p.reached[c.part] = c.n
		p.report(min(p.read, p.total), p.total)
	}
	if c.next == nil {
		return len(b), nil
	}
	return c.next.Write(b)
}
