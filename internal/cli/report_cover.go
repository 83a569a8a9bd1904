package cli

import (
	"strconv"
	"time"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/cmq-greencity/greencity/export"
	"github.com/cmq-greencity/greencity/lang"
	"github.com/cmq-greencity/greencity/pdf"
	"github.com/cmq-greencity/greencity/pipeline"
)

// cover is the cover of a year's report: what it covers, when its data
// stop (the year's last import), who made it, what is not final, and the
// PDF beside it when withPDF (it is printed), in the language of l.
func cover(cfg Config, l *lang.Printer, year int, log []pipeline.LogEntry, withPDF bool) *charts.Cover {
	c := statusCover(cfg)
	c.Period = periodText(l, cfg.YearBoundary, year)
	c.Producer, c.Contact = cfg.Producer, cfg.Contact
	c.Workbook = export.FileName
	if withPDF {
		c.PDF = pdf.FileName(year)
	}
	var last time.Time
	for _, e := range log {
		if e.Year == year && e.ImportedAt.After(last) {
			last = e.ImportedAt
		}
	}
	if !last.IsZero() {
		c.CutOff = l.DateTime(last.Local())
	}
	return &c
}

// statusCover holds only which data of cfg are not final: the years whose
// data_status is not définitif, and illustrative targets.
func statusCover(cfg Config) charts.Cover {
	c := charts.Cover{TargetsDemo: cfg.TargetsStatus == statusDemo && len(cfg.Targets) > 0}
	for y, st := range cfg.DataStatus {
		if n, err := strconv.Atoi(y); err == nil && st != statusFinal {
			if c.NotFinal == nil {
				c.NotFinal = map[int]string{}
			}
			c.NotFinal[n] = st
		}
	}
	return c
}

// periodText says which dates a year's report covers (year_boundary).
func periodText(l *lang.Printer, boundary string, year int) string {
	if boundary == "school" {
		return l.T("cover.period_school", "Start", year-1, "End", year)
	}
	return l.T("cover.period_calendar", "Year", year)
}
