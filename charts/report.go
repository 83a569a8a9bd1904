// Package charts turns computed indicators into the self-contained HTML report
// that funders open offline. It knows nothing of the database: it takes plain
// result structs.
package charts

// Report is everything the HTML report of one campus and one year shows.
type Report struct {
	Campus    string
	Year      int
	Generated string   // when the figures were computed, already formatted for display
	Sources   []string // files the figures come from, for the footer
	Figures   []Figure // every indicator row, as computed by queries/indicators
}

// Figure is one row of one indicator (see package queries for the columns).
// Survey, Dimension and Category are empty for a headline figure.
type Figure struct {
	ID         string // stable indicator id: animations, participants, ...
	Label      string // French label from the SQL header
	Definition string // French definition from the SQL header
	Survey     string
	Dimension  string
	Category   string
	Value      float64
	N          int64
	CILow      *float64
	CIHigh     *float64
	Unit       string
}
