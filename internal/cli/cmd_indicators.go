package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/cmq-greencity/greencity/lang"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/cmq-greencity/greencity/queries"
	"github.com/spf13/cobra"
)

func (a *app) newIndicatorsCmd() *cobra.Command {
	var yearArg string
	var format string
	var lake string
	var programme, funder string
	cmd := &cobra.Command{
		Use:     "indicators --year ANNÉE|all [--programme NOM | --funder NOM] [--lake DOSSIER [--campus NOM|all]]",
		Aliases: []string{"indicateurs"},
		Short:   "Affiche les indicateurs d'une année, ou de toutes (--year all), en table, json ou csv (csv-excel : pour Excel en français)",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if yearArg == "" {
				return usageError{fmt.Errorf("précisez --year (par exemple --year 2025, ou --year all pour toutes les années)")}
			}
			year, err := strconv.Atoi(yearArg)
			if yearArg != "all" && (err != nil || year < 1990 || year > 2100) {
				return usageError{fmt.Errorf("--year %q : attendu une année comme 2025, ou all", yearArg)}
			}
			if !slices.Contains([]string{"table", "json", formatCSV, formatCSVExcel}, format) {
				return usageError{fmt.Errorf("--format %q : attendu table, json, csv ou csv-excel", format)}
			}
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			if err := checkLakeCampus(cfg, lake); err != nil {
				return err
			}
			if yearArg == "all" && lake != "" {
				return usageError{fmt.Errorf("--year all ne s'emploie pas avec --lake : précisez une année")}
			}
			req, err := scopeFlags(programme, funder, lake)
			if err != nil {
				return err
			}
			if yearArg == "all" && req != nil {
				return usageError{fmt.Errorf("--year all ne s'emploie pas avec --programme ou --funder : précisez une année")}
			}
			if yearArg == "all" {
				return writeAllYears(cmd.Context(), cfg, format, cmd.OutOrStdout())
			}
			var rows []pipeline.Row
			if lake != "" {
				rows, err = lakeIndicators(cmd.Context(), cfg, lake, year)
			} else {
				rows, err = computeYear(cmd.Context(), cfg, year, req)
			}
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			switch format {
			case "json":
				return writeJSON(out, year, rows)
			case formatCSV, formatCSVExcel:
				return writeCSV(out, rows, format == formatCSVExcel)
			}
			return writeTable(out, rows)
		},
	}
	cmd.Flags().StringVar(&yearArg, "year", "", "`année` (2025), ou all pour toutes les années")
	cmd.Flags().StringVar(&lake, "lake", "", "`dossier` d'un lac Parquet (greencity export --parquet) à lire au lieu de la base ; --campus all : l'ensemble de ses campus")
	scopeFlagsOf(cmd, &programme, &funder)
	cmd.Flags().StringVar(&format, "format", "table", "`format` : table (par défaut), json, csv, ou csv-excel (point-virgule, virgule décimale, en-têtes en français : s'ouvre dans Excel d'un double clic)")
	return cmd
}

// computeYear opens the database and computes one year's indicators, of
// the whole campus, or restricted to req when it is not nil.
func computeYear(ctx context.Context, cfg Config, year int, req *scopeRequest) ([]pipeline.Row, error) {
	store, err := openReading(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	if err := checkLastRun(ctx, store, cfg, year); err != nil {
		return nil, err
	}
	if req != nil {
		sc, err := resolveScope(ctx, store, cfg, *req)
		if err != nil {
			return nil, err
		}
		rows, _, err := computeScopedRows(ctx, store, cfg, year, sc)
		return rows, err
	}
	return computeRows(ctx, store, cfg, year)
}

func computeRows(ctx context.Context, store *pipeline.Store, cfg Config, year int) ([]pipeline.Row, error) {
	rows, err := computeFigures(ctx, store, cfg.Campus, year, cfg.MinCellSize)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%w pour %d dans %s (campus %q) : lancez d'abord greencity run ou greencity import", errNoData, year, cfg.Database, cfg.Campus)
	}
	return rows, nil
}

// computeFigures computes the figures of a campus's year in the order of the
// report, with the small-cell rule applied.
func computeFigures(ctx context.Context, store *pipeline.Store, campus string, year, minCellSize int) ([]pipeline.Row, error) {
	rows, err := pipeline.Compute(ctx, store.DB, queries.FS, campus, year)
	if err != nil {
		return nil, err
	}
	sortForDisplay(rows)
	// Before any output: no report or export may show a figure of fewer
	// respondents than min_cell_size.
	return pipeline.WithholdSmallCells(rows, minCellSize), nil
}

// errNoData means that a year has no figure at all in the database.
var errNoData = errors.New("aucune donnée")

// jsonRow is one indicator as DESIGN.md fixes it for --format json. A
// questionnaire figure about one question carries it and its wave in its
// breakdown; a paired figure carries pairs, pre_only, post_only and its test;
// a withheld figure has a null value and n, "withheld": "< 10" (small-cell
// rule, with "withheld_below": 10, the threshold in force) or "non publié"
// (group disclosure rule), "withheld_rule" saying which, and the reason in
// its note; a share computed on part of the whole it describes carries its
// coverage.
type jsonRow struct {
	ID        string            `json:"id"`
	Breakdown map[string]string `json:"breakdown"`
	Value     *float64          `json:"value"`
	N         *int64            `json:"n"`
	CILow     *float64          `json:"ci_low,omitempty"`
	CIHigh    *float64          `json:"ci_high,omitempty"`
	Unit      string            `json:"unit"`
	Pairs     *int64            `json:"pairs,omitempty"`
	PreOnly   *int64            `json:"pre_only,omitempty"`
	PostOnly  *int64            `json:"post_only,omitempty"`
	Test      string            `json:"test,omitempty"`
	PValue    *float64          `json:"p_value,omitempty"`
	Coverage  *float64          `json:"coverage,omitempty"`
	PAdjusted *float64          `json:"p_adjusted,omitempty"`
	Withheld  string            `json:"withheld,omitempty"`
	// WithheldBelow is the threshold of the small-cell rule that withheld
	// the figure; WithheldRule is small_cell or unanimous.
	WithheldBelow int    `json:"withheld_below,omitempty"`
	WithheldRule  string `json:"withheld_rule,omitempty"`
	Note          string `json:"note,omitempty"`
}

func writeJSON(w io.Writer, year int, rows []pipeline.Row) error {
	doc := struct {
		Year       int       `json:"year"`
		Indicators []jsonRow `json:"indicators"`
	}{Year: year, Indicators: []jsonRow{}}
	for _, r := range rows {
		doc.Indicators = append(doc.Indicators, toJSONRow(r))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// toJSONRow is one row of --format json; --year all uses it too.
func toJSONRow(r pipeline.Row) jsonRow {
	b := map[string]string{}
	if r.Survey != "" {
		b["survey"] = r.Survey
	}
	if r.Question != "" {
		b["question"] = r.Question
	}
	if r.Wave != "" {
		b["vague"] = r.Wave
	}
	if r.Dimension != "" {
		b[r.Dimension] = r.Category
	}
	j := jsonRow{ID: r.ID, Breakdown: b, CILow: r.CILow, CIHigh: r.CIHigh, Unit: r.Unit,
		Pairs: r.Pairs, PreOnly: r.PreOnly, PostOnly: r.PostOnly, Test: r.Test, PValue: r.PValue, Coverage: r.Coverage, PAdjusted: r.PAdjusted, Note: r.Note}
	if r.WithheldBelow > 0 {
		j.Withheld, j.WithheldRule = r.WithheldText(), withheldRule(r)
		if !r.WithheldUnanimous {
			j.WithheldBelow = r.WithheldBelow
		}
	} else {
		j.Value, j.N = &r.Value, &r.N
	}
	return j
}

// withheldRule names, for programs, the rule that withheld a figure.
func withheldRule(r pipeline.Row) string {
	if r.WithheldUnanimous {
		return "unanimous"
	}
	return "small_cell"
}

// withheldColumns close the csv of one year: what stands for a withheld
// figure ("< 10", "non publié"), the rule, and the threshold of the
// small-cell rule; the value and n of a withheld figure are left empty.
var withheldColumns = []csvColumn{{"withheld", "Non publié"}, {"withheld_rule", "Règle"}, {"withheld_below", "Seuil de publication"}}

// withheldCells are the withheldColumns of a row, in the csv's language.
func withheldCells(r pipeline.Row, excel bool) []string {
	if r.WithheldBelow <= 0 {
		return []string{"", "", ""}
	}
	rule, below := withheldRule(r), ""
	if excel {
		rule = "petit effectif"
		if r.WithheldUnanimous {
			rule = "réponse commune"
		}
	}
	if !r.WithheldUnanimous {
		below = strconv.Itoa(r.WithheldBelow)
	}
	return []string{r.WithheldText(), rule, below}
}

// writeCSV writes rows as csv, in the csv-excel format when excel is set (csv.go).
func writeCSV(w io.Writer, rows []pipeline.Row, excel bool) error {
	o, err := newCSVOut(w, excel)
	if err != nil {
		return err
	}
	o.header(figureColumns, []csvColumn{{"pairs", "Paires"}, {"pre_only", "Avant seulement"}, {"post_only", "Après seulement"},
		{"test", "Test apparié"}, {"p_value", "p"}, {"p_adjusted", "p ajusté (Holm)"}, {"note", "Remarque"}, {"coverage", "Couverture"}},
		withheldColumns)
	for _, r := range rows {
		cells := append(o.figureCells(r), optInt(r.Pairs), optInt(r.PreOnly), optInt(r.PostOnly), o.test(r.Test),
			o.optFloat(r.PValue), o.optFloat(r.PAdjusted), r.Note, o.optFloat(r.Coverage))
		o.row(append(cells, withheldCells(r, o.excel)...)...)
	}
	return o.flush()
}

func optInt(n *int64) string {
	if n == nil {
		return ""
	}
	return strconv.FormatInt(*n, 10)
}

// pValueText writes a p-value with four decimals, or "p < 0,0001" rather
// than a p of zero.
func pValueText(p float64) string {
	if p < 0.0001 {
		return "p < 0,0001"
	}
	return "p = " + frenchNumber(p, 4)
}

// breakdownText says what part of an indicator a row is, for the tables:
// "question = connait_metiers, vague = avant, réponse = 3"; category is the
// one to show for the row's dimension.
func breakdownText(r pipeline.Row, category string) string {
	var parts []string
	if r.Question != "" {
		parts = append(parts, "question = "+r.Question)
	}
	if r.Wave != "" {
		parts = append(parts, "vague = "+r.Wave)
	}
	if r.Dimension != "" {
		parts = append(parts, r.Dimension+" = "+category)
	}
	return strings.Join(parts, ", ")
}

func writeTable(w io.Writer, rows []pipeline.Row) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "indicateur\tenquête\tventilation\tvaleur\tn\tcouverture\tIC 95 %\ttest\tnote\t")
	for _, r := range rows {
		ci := ""
		if r.CILow != nil && r.CIHigh != nil {
			ci = formatValue(*r.CILow, r.Unit) + " – " + formatValue(*r.CIHigh, r.Unit)
		}
		test := ""
		if r.Test != "" && r.PValue != nil && r.Pairs != nil {
			test = fmt.Sprintf("%s %s (%d paires)", r.Test, pValueText(*r.PValue), *r.Pairs)
			if r.PAdjusted != nil {
				test += ", ajusté (Holm) " + pValueText(*r.PAdjusted)
			}
		}
		value, n := formatValue(r.Value, r.Unit), frenchNumber(float64(r.N), 0)
		if r.WithheldBelow > 0 {
			value, n = r.WithheldText(), r.WithheldText()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.ID, r.Survey, breakdownText(r, r.Category), value, n,
			coverageText(r.N, r.Coverage), ci, test, r.Note)
	}
	return tw.Flush()
}

// coverageText writes the coverage of a share computed on part of the
// whole it describes: "15,0 % de 4 604, moins de la moitié"; "" for any
// other figure.
func coverageText(n int64, coverage *float64) string {
	whole, ok := charts.CoverageWhole(n, coverage)
	if !ok {
		return ""
	}
	s := formatValue(*coverage, "part") + " de " + frenchNumber(float64(whole), 0)
	if charts.IsLowCoverage(coverage) {
		s += ", moins de la moitié"
	}
	return s
}

// formatValue writes a figure the French way for people reading a terminal:
// shares as percents with one decimal ("83,3 %"), thousands grouped ("4 604").
func formatValue(v float64, unit string) string {
	switch {
	case unit == "part":
		return frenchNumber(v*100, 1) + "\u202f%"
	case unit == "évolution":
		return signedNumber(v*100, 1) + "\u202f%"
	case unit == "écart de part":
		return signedNumber(v*100, 1) + " points"
	case v == math.Trunc(v):
		return frenchNumber(v, 0)
	default:
		return frenchNumber(v, 2)
	}
}

// signedValue is formatValue with a "+" before a rise. Units "évolution" and
// "écart de part" are signed by formatValue already: they get no second one.
func signedValue(v float64, unit string) string {
	s := formatValue(v, unit)
	if v > 0 && !strings.HasPrefix(s, "+") && strings.Trim(s, "0, \u202f%") != "" {
		s = "+" + s
	}
	return s
}

// signedNumber is frenchNumber with a "+" before a rise.
func signedNumber(v float64, decimals int) string {
	s := frenchNumber(v, decimals)
	if v > 0 && strings.Trim(s, "0,") != "" {
		s = "+" + s
	}
	return s
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

// displayRank is the place of an indicator in displayOrder.
func displayRank(id string) int {
	if i := slices.Index(displayOrder, id); i >= 0 {
		return i
	}
	return len(displayOrder)
}

// sortForDisplay orders rows as the report does; indicators it does not
// know come last, by id.
func sortForDisplay(rows []pipeline.Row) {
	slices.SortStableFunc(rows, func(a, b pipeline.Row) int {
		if d := displayRank(a.ID) - displayRank(b.ID); d != 0 {
			return d
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// printHeadlines prints the headline figures after a run. The change of
// interest of a survey is said as the report's survey section says it, by
// the share of the same people agreeing before and after ("23,5 % →
// 76,5 %"): its relative change of a mean ("+33,3 %") is easily read as a
// share of people, and stays in the annex and the exports with its
// definition.
func printHeadlines(w io.Writer, rows []pipeline.Row) {
	figs, fr := figuresOf(rows), lang.MustNew(lang.French)
	for i, r := range rows {
		// The figures of each question of a survey are in the report.
		if r.Dimension == "" && r.Question == "" {
			label := r.Label
			if r.Survey != "" {
				label += " (" + r.Survey + ")"
			}
			if r.WithheldBelow > 0 {
				fmt.Fprintf(w, "  %s : %s (%s)\n", label, r.WithheldText(), r.Note)
				continue
			}
			if before, after, _, ok := charts.AgreeShares(figs, r.Survey); ok && r.ID == "interest_uplift" {
				fmt.Fprintf(w, "  Répondants intéressés par les sciences et l'énergie (4 ou 5 sur 5), avant → après (%s) : %s → %s (les mêmes %s personnes avant et après)\n",
					r.Survey, formatValue(before.Value, before.Unit), formatValue(after.Value, after.Unit), frenchNumber(float64(after.N), 0))
				continue
			}
			// What the figure rests on, in the report's words: the
			// evaluator is no statistician either.
			var basis []string
			if b := charts.Basis(fr, figs[i]); b != "" {
				basis = append(basis, b)
			}
			if cov := coverageText(r.N, r.Coverage); cov != "" {
				basis = append(basis, "couverture "+cov)
			}
			if len(basis) == 0 {
				fmt.Fprintf(w, "  %s : %s\n", label, formatValue(r.Value, r.Unit))
				continue
			}
			fmt.Fprintf(w, "  %s : %s (%s)\n", label, formatValue(r.Value, r.Unit), strings.Join(basis, ", "))
		}
	}
}
