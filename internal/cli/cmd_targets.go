package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/cmq-greencity/greencity/lang"
	"github.com/spf13/cobra"
)

func (a *app) newTargetsCmd() *cobra.Command {
	var format string
	var year int
	cmd := &cobra.Command{
		Use:     "targets [--format table|json] [--year ANNÉE]",
		Aliases: []string{"cibles"},
		Short:   "Dit où en est chaque cible 2030 de config.yaml (sur la trajectoire, en retard, atteinte)",
		Long: `Pour chaque cible de la clé targets de config.yaml : la valeur de référence, la cible,
la dernière valeur connue, la part du chemin parcourue, le rythme annuel nécessaire
pour atteindre la cible, et le statut, jugé par rapport à la trajectoire en ligne droite
de la référence à la cible. --year juge la situation telle qu'elle était cette année-là.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "table" && format != "json" {
				return usageError{fmt.Errorf("--format %q : attendu table ou json", format)}
			}
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			store, err := openReading(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			defer store.Close()
			v, err := loadYears(cmd.Context(), store, cfg, year)
			if err != nil {
				return err
			}
			// The terminal speaks French, whatever the language of the report.
			rs, err := evaluateTargets(cfg, lang.MustNew(lang.French), v, year)
			if err != nil {
				return err
			}
			if format == "json" {
				return writeTargetsJSON(cmd.OutOrStdout(), rs)
			}
			return writeTargetsTable(cmd.OutOrStdout(), rs)
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "`format` : table (par défaut) ou json")
	cmd.Flags().IntVar(&year, "year", 0, "juger la situation de cette `année` (défaut : la dernière année connue)")
	return cmd
}

// targetJSON is one target of targets --format json. A figure that cannot
// be known (no baseline, no value since the baseline year) is null.
type targetJSON struct {
	Indicator          string   `json:"indicator"`
	BaselineYear       int      `json:"baseline_year"`
	Baseline           *float64 `json:"baseline"`
	TargetYear         int      `json:"target_year"`
	Target             *float64 `json:"target"`
	CurrentYear        *int     `json:"current_year"`
	Current            *float64 `json:"current"`
	Progress           *float64 `json:"progress"`
	RequiredYearlyRate *float64 `json:"required_yearly_rate"`
	Status             string   `json:"status"`
	// Reason says, for no_data, which year is missing and why.
	Reason string `json:"reason,omitempty"`
}

func writeTargetsJSON(w io.Writer, rs []targetResult) error {
	out := []targetJSON{}
	for _, r := range rs {
		res := r.Result
		t := targetJSON{Indicator: res.Target.Indicator, BaselineYear: res.Target.BaselineYear, Baseline: res.Baseline,
			TargetYear: res.Target.TargetYear, Target: res.Goal, Current: res.Current, Progress: res.Progress,
			RequiredYearlyRate: res.RequiredYearlyRate, Status: string(res.Status), Reason: res.Reason}
		if res.CurrentYear != 0 {
			y := res.CurrentYear
			t.CurrentYear = &y
		}
		out = append(out, t)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func writeTargetsTable(w io.Writer, rs []targetResult) error {
	if len(rs) == 0 {
		_, err := fmt.Fprintln(w, "Aucune cible : ajoutez-en sous la clé targets de config.yaml.")
		return err
	}
	// The terminal speaks French, whatever the language of the report.
	fr := lang.MustNew(lang.French)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "objectif\tindicateur\tenquête\tréférence\tcible\tdernière valeur\tattendu\tprogression\trythme annuel nécessaire\tstatut\t")
	var notes []string
	for _, r := range rs {
		res, unit := r.Result, r.Unit
		val := func(year int, v *float64) string {
			if v == nil {
				return "—"
			}
			s := formatValue(*v, unit)
			if year != 0 {
				s += " (" + strconv.Itoa(year) + ")"
			}
			return s
		}
		progress, rate := "—", "—"
		if res.Progress != nil {
			progress = formatValue(*res.Progress, "part")
		}
		if res.RequiredYearlyRate != nil {
			rate = formatRate(*res.RequiredYearlyRate, unit)
		}
		expected := "—"
		if res.Expected != nil {
			expected = formatValue(*res.Expected, unit)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.Config.Label, res.Target.Indicator, res.Target.Survey,
			val(res.Target.BaselineYear, res.Baseline), val(res.Target.TargetYear, res.Goal), val(res.CurrentYear, res.Current),
			expected, progress, rate, charts.StatusText(fr, res.Status))
		if res.Reason != "" {
			notes = append(notes, fmt.Sprintf("%s : pas de données pour juger : %s", r.Config.Label, res.Reason))
		}
		// A survey's value: where it probably lies, in the report's words.
		if s := charts.IntervalSentence(fr, trajectories(fr, []targetResult{r})[0]); s != "" {
			name := r.Config.Label
			if name == "" {
				name = r.Label
			}
			notes = append(notes, name+" — "+s)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintln(w, n)
	}
	return nil
}

// formatRate writes the yearly change a target needs: "+1,3 point par an" for
// a share (it moves by points, not by percent of itself), "+3,3 % par an" for
// a relative change, "+0,23 par an" otherwise.
func formatRate(v float64, unit string) string {
	if unit == "part" {
		return signedNumber(v*100, 1) + " point par an"
	}
	return signedValue(v, unit) + " par an"
}
