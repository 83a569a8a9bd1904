package export

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/cmq-greencity/greencity/charts"
)

// SheetCover is the first sheet of the workbook: what the page's cover says
// about the report (charts.Cover), then the sheets that follow.
const SheetCover = "Présentation"

// coverLines are the facts of the cover sheet, one line each: a title in
// column A and its value in column B. A fact the report does not have
// (no cover in r) is left out rather than shown empty.
func coverLines(r charts.Report) [][2]string {
	lines := [][2]string{
		{"Indicateurs", Title(r)},
		{"Campus", r.Campus},
		{"Année", strconv.Itoa(r.Year)},
	}
	// A programme's or funder's workbook says what its page's part
	// « Périmètre » says: which actions it counts, shares, leaves out.
	if s := r.Scope; s != nil {
		for i, l := range charts.ScopeLines(*s, r.Year) {
			title := ""
			if i == 0 {
				title = "Périmètre"
			}
			lines = append(lines, [2]string{title, l})
		}
	}
	if c := r.Cover; c != nil {
		status := charts.NotFinalText(*c)
		if status == "" {
			status = "Données définitives."
		}
		lines = append(lines,
			[2]string{"Période couverte", c.Period},
			[2]string{"Données arrêtées au", c.CutOff},
			[2]string{"Réalisé par", c.Producer},
			[2]string{"Contact", c.Contact},
			[2]string{"Statut des données", status},
		)
	}
	return append(lines, [2]string{"Version de greencity", r.Version})
}

// Title is the workbook's title: "Indicateurs 2025 – campus", or for a
// programme's or funder's report its heading ("Programme RICET — 2025 –
// campus", charts.Heading).
func Title(r charts.Report) string {
	if r.Scope != nil {
		return fmt.Sprintf("%s – %s", charts.Heading(r), r.Campus)
	}
	return fmt.Sprintf("Indicateurs %d – %s", r.Year, r.Campus)
}

// writeCover writes the cover sheet as the first sheet of f: the facts of
// coverLines, then the list of the sheets that follow.
func writeCover(f *excelize.File, r charts.Report, sheets []table, titleStyle int) error {
	if err := f.SetSheetName(f.GetSheetName(0), SheetCover); err != nil {
		return err
	}
	if err := printSetup(f, SheetCover, false); err != nil {
		return err
	}
	if err := f.SetColWidth(SheetCover, "A", "A", 24); err != nil {
		return err
	}
	if err := f.SetColWidth(SheetCover, "B", "B", 90); err != nil {
		return err
	}
	lines := coverLines(r)
	lines = append(lines, [2]string{}, [2]string{"Feuilles", sheets[0].name})
	for _, t := range sheets[1:] {
		lines = append(lines, [2]string{"", t.name})
	}
	for i, l := range lines {
		row := i + 1
		if err := f.SetSheetRow(SheetCover, "A"+strconv.Itoa(row), &[]any{Neutralize(l[0]), Neutralize(l[1])}); err != nil {
			return err
		}
		if l[0] != "" {
			if err := f.SetCellStyle(SheetCover, "A"+strconv.Itoa(row), "A"+strconv.Itoa(row), titleStyle); err != nil {
				return err
			}
		}
	}
	return nil
}

// printSetup makes a sheet print on landscape pages as wide as the sheet
// (fit to one page wide, as many pages tall as needed) and, for a table,
// with its header row at the top of every page.
func printSetup(f *excelize.File, sheet string, header bool) error {
	landscape, wide, tall, fit := "landscape", 1, 0, true
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
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
