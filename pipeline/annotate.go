package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The colours of Excel's own "Mauvais" (Bad) cell style: a light red fill
// with dark red text, which every Excel user reads as "wrong" and which
// keeps the value legible.
const (
	badFill = "FFC7CE"
	badFont = "9C0006"
)

// Annotate writes to dst a copy of the workbook at src in which the cell of
// each problem is filled red and carries an Excel comment explaining it, so
// that the evaluator can send the file back to whoever filled it in. A
// problem about a whole row is put on its first cell, one about a sheet on
// A1 (of the first sheet when the sheet itself is missing). Hidden rows and
// sheets with a problem are shown, or the comment could not be read.
// tmpBase is where the spreadsheet library may spill ("" for the system's
// temp directory). dst is written whole or not at all.
func Annotate(src, dst string, problems []Problem, tmpBase string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &UnreadableError{File: src, Reason: fmt.Sprintf("copie annotée impossible (%v)", r)}
		}
	}()
	content, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if _, err := inspectPackage(content); err != nil {
		if ue, ok := err.(*UnreadableError); ok {
			ue.File = src
		}
		return err
	}
	dir, err := os.MkdirTemp(tmpBase, "greencity-xlsx-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	f, err := excelize.OpenReader(bytes.NewReader(content), excelize.Options{
		UnzipSizeLimit: unzipSizeLimit, UnzipXMLSizeLimit: unzipXMLSizeLimit, TmpDir: dir,
	})
	if err != nil {
		if f != nil {
			f.Close()
		}
		return &UnreadableError{File: src, Reason: reasonDamaged, Err: err}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return &UnreadableError{File: src, Reason: "classeur sans aucune feuille"}
	}
	type spot struct{ sheet, cell string }
	var order []spot
	messages := map[spot][]string{}
	for _, p := range problems {
		s := spot{sheet: p.Sheet, cell: "A1"}
		if !slices.Contains(sheets, p.Sheet) {
			s.sheet = sheets[0]
		}
		switch {
		case p.Row > 0 && p.Column != "":
			s.cell = p.Cell()
		case p.Row > 0:
			s.cell = "A" + fmt.Sprint(p.Row)
		}
		if _, seen := messages[s]; !seen {
			order = append(order, s)
		}
		msg := p.Message()
		if s.sheet != p.Sheet && p.Sheet != "" {
			msg = fmt.Sprintf("feuille « %s » : %s", p.Sheet, msg)
		}
		messages[s] = append(messages[s], msg)
		if p.Fault == faultHiddenRow {
			if err := f.SetRowVisible(s.sheet, p.Row, true); err != nil {
				return fmt.Errorf("annotate %s: %w", src, err)
			}
		}
		if p.Fault == faultHiddenSheet && s.sheet == p.Sheet {
			if err := f.SetSheetVisible(s.sheet, true); err != nil {
				return fmt.Errorf("annotate %s: %w", src, err)
			}
		}
	}
	for _, s := range order {
		if err := markCell(f, s.sheet, s.cell, messages[s]); err != nil {
			return fmt.Errorf("annotate %s %s!%s: %w", src, s.sheet, s.cell, err)
		}
	}
	return saveAtomically(f, dst)
}

// markCell fills a cell red, keeping the rest of its style (a date stays a
// date), and adds a comment listing its problems after any comment already
// there.
func markCell(f *excelize.File, sheet, cell string, messages []string) error {
	idx, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		return err
	}
	style, err := f.GetStyle(idx)
	if err != nil {
		return err
	}
	style.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{badFill}}
	if style.Font == nil {
		style.Font = &excelize.Font{}
	}
	style.Font.Color = badFont
	red, err := f.NewStyle(style)
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, cell, cell, red); err != nil {
		return err
	}
	text := "greencity : " + strings.Join(messages, "\ngreencity : ")
	comments, err := f.GetComments(sheet)
	if err != nil {
		return err
	}
	for _, c := range comments {
		if c.Cell == cell {
			old := c.Text
			for _, r := range c.Paragraph {
				old += r.Text
			}
			if err := f.DeleteComment(sheet, cell); err != nil {
				return err
			}
			text = old + "\n" + text
		}
	}
	lines := strings.Count(text, "\n") + 1 + len(text)/60
	return f.AddComment(sheet, excelize.Comment{Cell: cell, Author: "greencity", Text: text,
		Width: 360, Height: uint(min(20+16*lines, 400))})
}

// saveAtomically writes the workbook to a temporary file beside dst, then
// renames it: an interrupted write never leaves half a workbook at dst.
func saveAtomically(f *excelize.File, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".annote-*.xlsx")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := f.WriteTo(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// CreateTemp makes the file readable by its owner only; the copy is
	// meant to be sent back to whoever filled the workbook in.
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}
