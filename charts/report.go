// Package charts turns computed indicators into the self-contained HTML report
// that funders open offline. It knows nothing of the database: it takes plain
// result structs.
package charts

// Report is everything the HTML report of one campus and one year shows.
type Report struct {
	// Lang is the language of the report: "fr" (or "", the default) or
	// "en" (package lang); the page, its charts and its words follow it,
	// the data's own words (names of actions, schools, questions) do not.
	Lang      string `json:",omitempty"`
	Campus    string
	Year      int
	Generated string   // when the figures were computed, already formatted for display
	Version   string   `json:",omitempty"` // of the greencity that made the report, said on the page and in the workbook
	Sources   []string // files the figures come from, for the footer
	Figures   []Figure // every indicator row, as computed by queries/indicators
	// Trajectories are the 2030 targets, drawn on the first page
	// ("Trajectoire 2030"); Comparison sets every year side by side
	// (trajectory.go). Both may be empty.
	Trajectories []Trajectory `json:",omitempty"`
	Comparison   *Comparison  `json:",omitempty"`
	// Cover is what the first part of the report says about it (cover.go);
	// nil: no cover.
	Cover *Cover `json:",omitempty"`
	// Actions are the year's actions, one sheet each in the part "Fiches
	// action" (actions.go); empty: no such part.
	Actions []ActionSheet `json:",omitempty"`
	// MinCellSize is the threshold of the small-cell rule in force, quoted
	// by the footer; 0 says nothing of it.
	MinCellSize int `json:",omitempty"`
	// Annex is what an auditor needs to compute the figures again, shown at
	// the end of "Méthodes" (methods.go) and in the workbook; nil: none.
	Annex *Annex `json:",omitempty"`
	// Scope restricts the report to one programme's or funder's actions
	// (scope.go); nil: the whole campus.
	Scope *Scope `json:",omitempty"`
}

// Annex is the provenance of a report's figures: the definition files of
// its indicators, the files it was computed from and the settings that
// change figures, each with its SHA-256, so that an auditor holding the same
// files, the same greencity version and the same settings can compute
// every figure again and check that nothing differs.
type Annex struct {
	Indicators []IndicatorSource // every indicator greencity computes, in any order
	Views      []SQLFile         // the staging views the indicators read
	Sources    []SourceFile      // the files of the year, as imported
	Config     ConfigDigest
}

// IndicatorSource is the definition file of one indicator.
type IndicatorSource struct {
	ID                     string
	Version                int    // the "-- version:" line of the file
	File                   string // queries/indicators/<id>.sql
	SHA256                 string // of the file's bytes
	Numerator, Denominator string // in words, from the file's header
}

// SQLFile is one SQL file of greencity's sources and its SHA-256.
type SQLFile struct {
	Path, SHA256 string
}

// SourceFile is one imported file, as the import log records it.
type SourceFile struct {
	Path       string // relative to the data folder: 2025/participations/lycees.xlsx
	Kind       string // actions | participations | questionnaire | formations
	SHA256     string // of the file's bytes when imported
	RowsRead   int
	Rows       int    // rows imported
	ImportedAt string // when, formatted
	ImportedBy string // version of the greencity that imported it; "" unknown
}

// ConfigDigest is the SHA-256 of the canonical form of the settings that
// change figures: Covered are their keys; LeftOut the keys of the other
// settings, the respondent key among them, which the canonical form leaves
// out.
type ConfigDigest struct {
	SHA256    string
	Canonical string // the exact text hashed
	Covered   []string
	LeftOut   []string
}

// Figure is one row of one indicator (see package queries for the columns).
// Survey, Dimension and Category are empty for a headline figure.
type Figure struct {
	ID         string // stable indicator id: animations, participants, ...
	Label      string // French label from the SQL header (translated by Localize)
	Definition string // French definition from the SQL header (translated by Localize)
	Survey     string
	Dimension  string
	Category   string
	Value      float64
	N          int64
	CILow      *float64
	CIHigh     *float64
	Unit       string

	// Questionnaire figures (see pipeline.Row; laid out by survey.go).
	// Question and Wave (avant | après) locate a figure about one question;
	// Pairs, PreOnly and PostOnly are set on a figure comparing the same
	// people before and after, Test (wilcoxon | mcnemar) and PValue on its
	// paired test. Note says what limits the figure. WithheldBelow > 0
	// means the small-cell rule withheld it: it is shown as "< WithheldBelow"
	// with Note as the reason, and its Value and N mean nothing.
	Question      string   `json:",omitempty"`
	QuestionLabel string   `json:",omitempty"`
	Wave          string   `json:",omitempty"`
	Pairs         *int64   `json:",omitempty"`
	PreOnly       *int64   `json:",omitempty"`
	PostOnly      *int64   `json:",omitempty"`
	Test          string   `json:",omitempty"`
	PValue        *float64 `json:",omitempty"`
	PAdjusted     *float64 `json:",omitempty"` // PValue adjusted by Holm for the survey's other tests
	Note          string   `json:",omitempty"`
	WithheldBelow int      `json:",omitempty"`
	// Coverage is set on a share computed on part of the whole it describes
	// (the groups where a count was given): its n over that whole, 0 to 1
	// (coverage.go).
	Coverage *float64 `json:",omitempty"`
	// WithheldUnanimous says that the group disclosure rule withheld the
	// figure, not the small-cell rule (pipeline.Row): it is shown as
	// "non publié" (WithheldText), WithheldBelow giving the threshold in
	// force.
	WithheldUnanimous bool `json:",omitempty"`
}
