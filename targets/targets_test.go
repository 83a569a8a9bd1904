package targets

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func f(v float64) *float64 { return &v }
func b(v bool) *bool       { return &v }

// approx compares the figures to 1e-12: (0.4-0.3)/(0.35-0.3) is
// 2.0000000000000004 in binary, and is 2.
var approx = cmpopts.EquateApprox(0, 1e-12)

func TestEvaluate(t *testing.T) {
	// The targets of config.yaml on the shipped data.
	attractiveness := Target{Indicator: "attractiveness", BaselineYear: 2023, BaselineValue: f(1.4), TargetYear: 2030, Multiplier: f(2)}
	immersion := Target{Indicator: "immersion_periods", BaselineYear: 2023, TargetYear: 2030, Multiplier: f(2.5)}
	girls := Target{Indicator: "girls_share", BaselineYear: 2023, TargetYear: 2030, TargetValue: f(0.35)}
	orientation := Target{Indicator: "orientation_confirmed_rate", Survey: "Engagement tour lycée", BaselineYear: 2024, TargetYear: 2030, TargetValue: f(0.9)}

	tests := []struct {
		name   string
		target Target
		series []Point
		asOf   int
		want   Result
	}{
		{
			// 1.4 in 2023 to 2.8 in 2030: 1.8 expected in 2025, 1.63 found.
			name: "behind", target: attractiveness, asOf: 2025,
			series: []Point{{Year: 2023, Value: 1.4}, {Year: 2024, Value: 1.52}, {Year: 2025, Value: 1.63}},
			want: Result{Target: attractiveness, Baseline: f(1.4), Goal: f(2.8), CurrentYear: 2025, Current: f(1.63),
				Expected: f(1.8), Progress: f(0.23 / 1.4), RequiredYearlyRate: f(1.17 / 5), Status: Behind},
		},
		{
			// Baseline read in the data (24 in 2023), x2.5 = 60 in 2030:
			// 24 + 36 × 2/7 expected in 2025, 42 found.
			name: "on track, baseline from the data", target: immersion, asOf: 2025,
			series: []Point{{Year: 2025, Value: 42}, {Year: 2023, Value: 24}, {Year: 2024, Value: 41}},
			want: Result{Target: immersion, Baseline: f(24), Goal: f(60), CurrentYear: 2025, Current: f(42),
				Expected: f(24 + 36*2.0/7), Progress: f(0.5), RequiredYearlyRate: f(3.6), Status: OnTrack},
		},
		{
			name: "achieved", target: girls, asOf: 2025,
			series: []Point{{Year: 2023, Value: 0.30}, {Year: 2025, Value: 0.40}},
			want: Result{Target: girls, Baseline: f(0.30), Goal: f(0.35), CurrentYear: 2025, Current: f(0.40),
				Expected: f(0.30 + 0.05*2/7), Progress: f(2), RequiredYearlyRate: f(0), Status: Achieved},
		},
		{
			// The later year is left out of a report of 2024, and the
			// missing 2024 is not zero, nor stood in for by the baseline.
			name: "as of an earlier year, a year missing", target: immersion, asOf: 2024,
			series: []Point{{Year: 2023, Value: 24}, {Year: 2025, Value: 42}},
			want:   Result{Target: immersion, Baseline: f(24), Goal: f(60), Status: NoData, Reason: "aucune valeur en 2024"},
		},
		{
			name: "only the baseline year's value", target: immersion,
			series: []Point{{Year: 2023, Value: 24}},
			want: Result{Target: immersion, Baseline: f(24), Goal: f(60), Status: NoData,
				Reason: "seule la valeur de l'année de référence 2023 est connue : aucune année après elle pour juger"},
		},
		{
			// A withheld 2025 is no figure: 2024 does not stand in for it.
			name: "current year withheld", target: orientation, asOf: 2025,
			series: []Point{{Year: 2024, Value: 0.7}, {Year: 2025, Value: 0.8, Withheld: true}},
			want: Result{Target: orientation, Baseline: f(0.7), Goal: f(0.9), Status: NoData,
				Reason: "valeur 2025 non publiée (trop peu de répondants)"},
		},
		{
			// The reason given with the figure is the one said.
			name: "current year withheld, reason given", target: orientation, asOf: 2025,
			series: []Point{{Year: 2024, Value: 0.7}, {Year: 2025, Value: 0.8, Withheld: true, WithheldWhy: "moins de 12 répondants"}},
			want: Result{Target: orientation, Baseline: f(0.7), Goal: f(0.9), Status: NoData,
				Reason: "valeur 2025 non publiée (moins de 12 répondants)"},
		},
		{
			name: "baseline year withheld", target: orientation, asOf: 2025,
			series: []Point{{Year: 2024, Value: 0.7, Withheld: true}, {Year: 2025, Value: 0.8}},
			want: Result{Target: orientation, Status: NoData,
				Reason: "valeur de référence 2024 non publiée (trop peu de répondants)"},
		},
		{
			name: "no data for the baseline year", target: immersion, asOf: 2025,
			series: []Point{{Year: 2024, Value: 41}, {Year: 2025, Value: 42}},
			want:   Result{Target: immersion, Status: NoData, Reason: "aucune valeur en 2023, l'année de référence"},
		},
		{
			name: "no value since the baseline", target: attractiveness, asOf: 2025,
			series: []Point{{Year: 2022, Value: 1.3}},
			want:   Result{Target: attractiveness, Baseline: f(1.4), Goal: f(2.8), Status: NoData, Reason: "aucune valeur en 2025"},
		},
		{
			// Survey: 83 % (IC 61 %-94 %) against 70 % + 20 points × 1/6:
			// the interval straddles the path, the survey cannot tell.
			name: "survey uncertain, interval over the path", target: orientation, asOf: 2025,
			series: []Point{{Year: 2024, Value: 0.7, CILow: f(0.481), CIHigh: f(0.855)}, {Year: 2025, Value: 15.0 / 18, CILow: f(0.608), CIHigh: f(0.942)}},
			want: Result{Target: orientation, Baseline: f(0.7), Goal: f(0.9), CurrentYear: 2025, Current: f(15.0 / 18),
				CILow: f(0.608), CIHigh: f(0.942), Expected: f(0.7 + 0.2/6), Progress: f((15.0/18 - 0.7) / 0.2),
				RequiredYearlyRate: f((0.9 - 15.0/18) / 5), Status: Uncertain, IntervalOverlapsPath: b(true)},
		},
		{
			// The whole interval on or above the path (73,3 %), not the target.
			name: "survey on track, interval above the path", target: orientation, asOf: 2025,
			series: []Point{{Year: 2024, Value: 0.7}, {Year: 2025, Value: 0.92, CILow: f(0.75), CIHigh: f(0.98)}},
			want: Result{Target: orientation, Baseline: f(0.7), Goal: f(0.9), CurrentYear: 2025, Current: f(0.92),
				CILow: f(0.75), CIHigh: f(0.98), Expected: f(0.7 + 0.2/6), Progress: f(1.1),
				RequiredYearlyRate: f(-0.004), Status: OnTrack, IntervalOverlapsPath: b(false)},
		},
		{
			name: "survey achieved, interval clears the target", target: orientation, asOf: 2025,
			series: []Point{{Year: 2024, Value: 0.7}, {Year: 2025, Value: 0.95, CILow: f(0.9), CIHigh: f(0.99)}},
			want: Result{Target: orientation, Baseline: f(0.7), Goal: f(0.9), CurrentYear: 2025, Current: f(0.95),
				CILow: f(0.9), CIHigh: f(0.99), Expected: f(0.7 + 0.2/6), Progress: f(1.25),
				RequiredYearlyRate: f(0), Status: Achieved, IntervalOverlapsPath: b(false)},
		},
		{
			// Less is better: the interval's upper end must be on or under the path.
			name:   "down, interval straddles the path",
			target: Target{Indicator: "dropout", BaselineYear: 2023, BaselineValue: f(0.2), TargetYear: 2030, TargetValue: f(0.1), Direction: Down},
			asOf:   2025, series: []Point{{Year: 2025, Value: 0.15, CILow: f(0.1), CIHigh: f(0.2)}},
			want: Result{Target: Target{Indicator: "dropout", BaselineYear: 2023, BaselineValue: f(0.2), TargetYear: 2030, TargetValue: f(0.1), Direction: Down},
				Baseline: f(0.2), Goal: f(0.1), CurrentYear: 2025, Current: f(0.15), CILow: f(0.1), CIHigh: f(0.2),
				Expected: f(0.2 - 0.1*2/7), Progress: f(0.5), RequiredYearlyRate: f(-0.01), Status: Uncertain, IntervalOverlapsPath: b(true)},
		},
		{
			// Short of the path, but the path is inside the interval: the
			// survey cannot tell behind from on track.
			name: "survey uncertain, value below the path", target: orientation, asOf: 2025,
			series: []Point{{Year: 2024, Value: 0.7}, {Year: 2025, Value: 0.65, CILow: f(0.45), CIHigh: f(0.81)}},
			want: Result{Target: orientation, Baseline: f(0.7), Goal: f(0.9), CurrentYear: 2025, Current: f(0.65),
				CILow: f(0.45), CIHigh: f(0.81), Expected: f(0.7 + 0.2/6), Progress: f(-0.25),
				RequiredYearlyRate: f(0.05), Status: Uncertain, IntervalOverlapsPath: b(true)},
		},
		{
			name: "survey behind beyond the interval", target: orientation, asOf: 2025,
			series: []Point{{Year: 2024, Value: 0.7}, {Year: 2025, Value: 0.6, CILow: f(0.5), CIHigh: f(0.7)}},
			want: Result{Target: orientation, Baseline: f(0.7), Goal: f(0.9), CurrentYear: 2025, Current: f(0.6),
				CILow: f(0.5), CIHigh: f(0.7), Expected: f(0.7 + 0.2/6), Progress: f(-0.5),
				RequiredYearlyRate: f(0.06), Status: Behind, IntervalOverlapsPath: b(false)},
		},
		{
			// Less is better: 20 % to 10 %, 17 % in 2025 against 20 - 10 × 2/7.
			name:   "down, on track",
			target: Target{Indicator: "dropout", BaselineYear: 2023, BaselineValue: f(0.2), TargetYear: 2030, TargetValue: f(0.1), Direction: Down},
			asOf:   2025, series: []Point{{Year: 2025, Value: 0.17}},
			want: Result{Target: Target{Indicator: "dropout", BaselineYear: 2023, BaselineValue: f(0.2), TargetYear: 2030, TargetValue: f(0.1), Direction: Down},
				Baseline: f(0.2), Goal: f(0.1), CurrentYear: 2025, Current: f(0.17), Expected: f(0.2 - 0.1*2/7),
				Progress: f(0.3), RequiredYearlyRate: f(-0.014), Status: OnTrack},
		},
		{
			name:   "down, behind",
			target: Target{Indicator: "dropout", BaselineYear: 2023, BaselineValue: f(0.2), TargetYear: 2030, TargetValue: f(0.1), Direction: Down},
			asOf:   2025, series: []Point{{Year: 2025, Value: 0.19}},
			want: Result{Target: Target{Indicator: "dropout", BaselineYear: 2023, BaselineValue: f(0.2), TargetYear: 2030, TargetValue: f(0.1), Direction: Down},
				Baseline: f(0.2), Goal: f(0.1), CurrentYear: 2025, Current: f(0.19), Expected: f(0.2 - 0.1*2/7),
				Progress: f(0.1), RequiredYearlyRate: f(-0.018), Status: Behind},
		},
		{
			// Exactly on the path counts as on track, despite 1.4 × 2 and
			// the path's fractions not being exact in binary.
			name: "exactly on the path", target: attractiveness, asOf: 2025,
			series: []Point{{Year: 2025, Value: 1.8}},
			want: Result{Target: attractiveness, Baseline: f(1.4), Goal: f(2.8), CurrentYear: 2025, Current: f(1.8),
				Expected: f(1.8), Progress: f(0.4 / 1.4), RequiredYearlyRate: f(0.2), Status: OnTrack},
		},
		{
			// The target year is past and the target missed: no yearly rate
			// can make up for it.
			name: "target year past", target: attractiveness,
			series: []Point{{Year: 2031, Value: 2.5}},
			want: Result{Target: attractiveness, Baseline: f(1.4), Goal: f(2.8), CurrentYear: 2031, Current: f(2.5),
				Expected: f(2.8), Progress: f(1.1 / 1.4), Status: Behind},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Evaluate(tt.target, tt.series, tt.asOf)
			if d := cmp.Diff(tt.want, got, approx); d != "" {
				t.Errorf("Evaluate (-want +got):\n%s", d)
			}
		})
	}
}

func TestResult_PathAt(t *testing.T) {
	r := Evaluate(Target{BaselineYear: 2023, BaselineValue: f(1.4), TargetYear: 2030, Multiplier: f(2)}, nil, 0)
	for _, tt := range []struct {
		year int
		want float64
	}{{2020, 1.4}, {2023, 1.4}, {2024, 1.6}, {2027, 2.2}, {2030, 2.8}, {2035, 2.8}} {
		got, ok := r.PathAt(tt.year)
		if !ok || !cmp.Equal(tt.want, got, approx) {
			t.Errorf("PathAt(%d) = %v, %v; want %v, true", tt.year, got, ok, tt.want)
		}
	}
	if _, ok := Evaluate(Target{BaselineYear: 2023, TargetYear: 2030, Multiplier: f(2)}, nil, 0).PathAt(2025); ok {
		t.Error("PathAt with no baseline: ok = true, want false")
	}
}
