package export

import (
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/cmq-greencity/greencity/lang"
)

// The first sheet of the workbook (SheetCover in French) says what the
// page's cover says about the report (charts.Cover), then lists the sheets
// that follow.

// coverLines are the facts of the cover sheet, one line each: a title in
// column A and its value in column B. A fact the report does not have
// (no cover in r) is left out rather than shown empty.
func coverLines(l *lang.Printer, r charts.Report) [][2]string {
	c := func(key string) string { return l.T("workbook.cover." + key) }
	lines := [][2]string{
		{c("indicators"), Title(l, r)},
		{c("campus"), r.Campus},
		{c("year"), strconv.Itoa(r.Year)},
	}
	// A programme's or funder's workbook says what its page's part
	// « Périmètre » says: which actions it counts, shares, leaves out.
	if s := r.Scope; s != nil {
		for i, line := range charts.ScopeLines(l, *s, r.Year) {
			title := ""
			if i == 0 {
				title = l.T("scope.part_title")
			}
			lines = append(lines, [2]string{title, line})
		}
	}
	if cv := r.Cover; cv != nil {
		status := charts.NotFinalText(l, *cv)
		if status == "" {
			status = c("final")
		}
		lines = append(lines,
			[2]string{c("period"), cv.Period},
			[2]string{c("cutoff"), cv.CutOff},
			[2]string{c("producer"), cv.Producer},
			[2]string{c("contact"), cv.Contact},
			[2]string{c("status"), status},
		)
	}
	return append(lines, [2]string{c("version"), r.Version})
}

// Title is the workbook's title: "Indicateurs 2025 – campus", or for a
// programme's or funder's report its heading ("Programme RICET — 2025 –
// campus", charts.Heading).
func Title(l *lang.Printer, r charts.Report) string {
	if r.Scope != nil {
		return l.T("report.title", "Heading", charts.Heading(l, r), "Campus", r.Campus)
	}
	return l.T("workbook.title", "Year", r.Year, "Campus", r.Campus)
}

// writeCover writes the cover sheet as the first sheet of f: the facts of
// coverLines, then the list of the sheets that follow.
func writeCover(f *excelize.File, l *lang.Printer, r charts.Report, sheets []table, titleStyle int) error {
	sheet := sheetName(l, sheetCover)
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return err
	}
	if err := printSetup(f, sheet, false); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "A", "A", 24); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "B", "B", 90); err != nil {
		return err
	}
	lines := coverLines(l, r)
	lines = append(lines, [2]string{}, [2]string{l.T("workbook.cover.sheets"), sheets[0].name})
	for _, t := range sheets[1:] {
		lines = append(lines, [2]string{"", t.name})
	}
	for i, line := range lines {
		row := i + 1
		if err := f.SetSheetRow(sheet, "A"+strconv.Itoa(row), &[]any{Neutralize(line[0]), Neutralize(line[1])}); err != nil {
			return err
		}
		if line[0] != "" {
			if err := f.SetCellStyle(sheet, "A"+strconv.Itoa(row), "A"+strconv.Itoa(row), titleStyle); err != nil {
				return err
			}
		}
	}
	return nil
}

// paperA4 is A4's number among the paper sizes of Office Open XML.
const paperA4 = 9

// printSetup makes a sheet print on landscape A4 pages as wide as the
// sheet (fit to one page wide, as many pages tall as needed) and, for a
// table, with its header row at the top of every page. A4 is said: a
// workbook that does not name its paper prints on the spreadsheet's
// default, US Letter in LibreOffice.
func printSetup(f *excelize.File, sheet string, header bool) error {
	landscape, wide, tall, fit, a4 := "landscape", 1, 0, true, paperA4
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if !header {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: "'" + sheet + "'!$1:$1"})
}
