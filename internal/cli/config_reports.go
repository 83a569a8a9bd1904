package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cmq-greencity/greencity/lang"
	"github.com/cmq-greencity/greencity/pipeline"
)

// ReportConfig is one entry of the reports key of config.yaml: a report of
// one programme or one funder that run writes each year beside the
// campus's, in report_dir/<year>/<programme-…|financeur-…>/.
//
//	reports:
//	  - funder: Net Zero Cities (UE)
//	    lang: fr
//	    title: Net Zero Cities — rapport au financeur
//	    statement: Funded by the European Union…
//	    logo: data/logos/eu.svg
type ReportConfig struct {
	Programme string `mapstructure:"programme"`
	Funder    string `mapstructure:"funder"`
	// Lang is the language of the report, its workbook and its PDF: fr or
	// en (package lang); empty, that of the campus's report (lang).
	Lang string `mapstructure:"lang"`
	// Title replaces "Programme RICET" or "Financeur : Région BFC".
	Title string `mapstructure:"title"`
	// Statement is a funding statement shown at the top of the report, and
	// Logo the path of an image (PNG, JPEG, GIF, WebP, SVG) embedded in it.
	Statement string `mapstructure:"statement"`
	Logo      string `mapstructure:"logo"`
}

// request is the scope an entry asks for.
func (r ReportConfig) request() scopeRequest {
	req := scopeRequest{Kind: pipeline.ScopeProgramme, Name: strings.TrimSpace(r.Programme), Title: r.Title,
		Statement: r.Statement, Logo: r.Logo, Lang: r.Lang}
	if r.Funder != "" {
		req.Kind, req.Name = pipeline.ScopeFunder, strings.TrimSpace(r.Funder)
	}
	return req
}

// validateReports checks every entry of reports, naming the key at fault
// as reports[2].lang. Whether the programme or funder is in a catalogue,
// and whether the logo is an image, are checked when the reports are
// written (run checks the logos before importing).
func validateReports(rs []ReportConfig) error {
	folders := map[string]int{}
	for i, r := range rs {
		key := func(k string) string { return fmt.Sprintf("reports[%d].%s", i, k) }
		switch {
		case strings.TrimSpace(r.Programme) == "" && strings.TrimSpace(r.Funder) == "":
			return &ConfigError{Key: fmt.Sprintf("reports[%d]", i), Value: "", Err: errors.New("attendu programme: (un programme du catalogue) ou funder: (un financeur du catalogue)")}
		case r.Programme != "" && r.Funder != "":
			return &ConfigError{Key: fmt.Sprintf("reports[%d]", i), Value: r.Programme + " / " + r.Funder,
				Err: errors.New("un rapport suit soit un programme (programme:), soit un financeur (funder:), pas les deux")}
		case r.Lang != "" && !slices.Contains(lang.Codes, r.Lang):
			return &ConfigError{Key: key("lang"), Value: r.Lang, Err: errors.New("attendu fr (français) ou en (anglais)")}
		}
		f := r.request().folder()
		if j, dup := folders[f]; dup {
			return &ConfigError{Key: fmt.Sprintf("reports[%d]", i), Value: r.request().Name,
				Err: fmt.Errorf("même rapport que reports[%d] (dossier %s)", j, f)}
		}
		folders[f] = i
	}
	return nil
}
