package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/cmq-greencity/greencity/queries"
	"github.com/spf13/cobra"
)

func (a *app) newIndicatorsCmd() *cobra.Command {
	var year int
	var format string
	cmd := &cobra.Command{
		Use:   "indicators --year ANNÉE",
		Short: "Affiche les indicateurs d'une année (table, json ou csv)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if year == 0 {
				return usageError{fmt.Errorf("précisez --year (par exemple --year 2025)")}
			}
			if format != "table" && format != "json" && format != "csv" {
				return usageError{fmt.Errorf("--format %q : attendu table, json ou csv", format)}
			}
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			rows, err := computeYear(cmd.Context(), cfg, year)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			switch format {
			case "json":
				return writeJSON(out, year, rows)
			case "csv":
				return writeCSV(out, rows)
			}
			return writeTable(out, rows)
		},
	}
	cmd.Flags().IntVar(&year, "year", 0, "année")
	cmd.Flags().StringVar(&format, "format", "table", "table, json ou csv")
	return cmd
}

// computeYear opens the database and computes one year's indicators.
func computeYear(ctx context.Context, cfg Config, year int) ([]pipeline.Row, error) {
	store, err := pipeline.OpenStore(ctx, cfg.Database)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	return computeRows(ctx, store, cfg, year)
}

func computeRows(ctx context.Context, store *pipeline.Store, cfg Config, year int) ([]pipeline.Row, error) {
	rows, err := pipeline.Compute(ctx, store.DB, queries.FS, cfg.Campus, year)
	if err != nil {
		return nil, err
	}
	sortForDisplay(rows)
	if len(rows) == 0 {
		return nil, fmt.Errorf("aucune donnée pour %d dans %s (campus %q) : lancez d'abord greencity run ou greencity import", year, cfg.Database, cfg.Campus)
	}
	return rows, nil
}

// jsonRow is one indicator as DESIGN.md fixes it for --format json.
type jsonRow struct {
	ID        string            `json:"id"`
	Breakdown map[string]string `json:"breakdown"`
	Value     float64           `json:"value"`
	N         int64             `json:"n"`
	CILow     *float64          `json:"ci_low,omitempty"`
	CIHigh    *float64          `json:"ci_high,omitempty"`
	Unit      string            `json:"unit"`
}

func writeJSON(w io.Writer, year int, rows []pipeline.Row) error {
	doc := struct {
		Year       int       `json:"year"`
		Indicators []jsonRow `json:"indicators"`
	}{Year: year, Indicators: []jsonRow{}}
	for _, r := range rows {
		b := map[string]string{}
		if r.Survey != "" {
			b["survey"] = r.Survey
		}
		if r.Dimension != "" {
			b[r.Dimension] = r.Category
		}
		doc.Indicators = append(doc.Indicators, jsonRow{ID: r.ID, Breakdown: b, Value: r.Value, N: r.N, CILow: r.CILow, CIHigh: r.CIHigh, Unit: r.Unit})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func writeCSV(w io.Writer, rows []pipeline.Row) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"year", "id", "survey", "dimension", "category", "value", "n", "ci_low", "ci_high", "unit"})
	for _, r := range rows {
		cw.Write([]string{strconv.Itoa(r.Year), r.ID, safeCell(r.Survey), r.Dimension, safeCell(r.Category),
			strconv.FormatFloat(r.Value, 'f', -1, 64), strconv.FormatInt(r.N, 10), optFloat(r.CILow), optFloat(r.CIHigh), r.Unit})
	}
	cw.Flush()
	return cw.Error()
}

// safeCell keeps a text from a spreadsheet from being run as a formula when
// the export is opened in a spreadsheet (CSV injection): a leading = + - @,
// tab or carriage return gets a quote in front.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r\n", rune(s[0])) {
		return "'" + s
	}
	return s
}

func optFloat(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func writeTable(w io.Writer, rows []pipeline.Row) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "indicateur\tenquête\tventilation\tvaleur\tn\tIC 95 %\t")
	for _, r := range rows {
		breakdown := ""
		if r.Dimension != "" {
			breakdown = r.Dimension + " = " + r.Category
		}
		ci := ""
		if r.CILow != nil && r.CIHigh != nil {
			ci = formatValue(*r.CILow, r.Unit) + " – " + formatValue(*r.CIHigh, r.Unit)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t\n", r.ID, r.Survey, breakdown, formatValue(r.Value, r.Unit), r.N, ci)
	}
	return tw.Flush()
}

// formatValue writes a figure the French way for people reading a terminal:
// shares as percents with one decimal ("83,3 %"), thousands grouped ("4 604").
func formatValue(v float64, unit string) string {
	switch {
	case unit == "part":
		return frenchNumber(v*100, 1) + "\u202f%"
	case v == math.Trunc(v):
		return frenchNumber(v, 0)
	default:
		return frenchNumber(v, 2)
	}
}

// frenchNumber groups thousands with a narrow no-break space and uses a
// decimal comma.
func frenchNumber(v float64, decimals int) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && s != strconv.FormatFloat(0, 'f', decimals, 64) {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("," + frac)
	}
	return b.String()
}

// displayOrder is the order of the seed report: activity first, then
// surveys, then programmes.
var displayOrder = []string{"animations", "participants", "establishments", "girls_share", "qpv_share",
	"orientation_confirmed_rate", "interest_uplift", "response_rate", "immersion_periods", "attractiveness"}

// sortForDisplay orders rows as the report does; indicators it does not
// know come last, by id.
func sortForDisplay(rows []pipeline.Row) {
	rank := func(id string) int {
		for i, o := range displayOrder {
			if o == id {
				return i
			}
		}
		return len(displayOrder)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		ri, rj := rank(rows[i].ID), rank(rows[j].ID)
		if ri != rj {
			return ri < rj
		}
		return rows[i].ID < rows[j].ID
	})
}

// printHeadlines prints the headline figures after a run.
func printHeadlines(w io.Writer, rows []pipeline.Row) {
	for _, r := range rows {
		if r.Dimension == "" {
			label := r.Label
			if r.Survey != "" {
				label += " (" + r.Survey + ")"
			}
			fmt.Fprintf(w, "  %s : %s (n = %s)\n", label, formatValue(r.Value, r.Unit), frenchNumber(float64(r.N), 0))
		}
	}
}
