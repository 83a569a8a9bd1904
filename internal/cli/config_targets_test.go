package cli

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadConfig_Targets(t *testing.T) {
	path := writeConfig(t, `targets:
  - indicator: attractiveness
    label: Doubler l'attractivité des formations
    baseline: {year: 2023, value: 1.4}
    target: {year: 2030, multiplier: 2}
  - indicator: orientation_confirmed_rate
    survey: Engagement tour lycée
    baseline: {year: 2024}
    target: {year: 2030, value: 0.9}
    direction: up
`)
	got, err := loadConfig(path, true, flagSet(), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	v := func(f float64) *float64 { return &f }
	want := []TargetConfig{
		{Indicator: "attractiveness", Label: "Doubler l'attractivité des formations",
			Baseline: BaselineConfig{Year: 2023, Value: v(1.4)}, Target: GoalConfig{Year: 2030, Multiplier: v(2)}},
		{Indicator: "orientation_confirmed_rate", Survey: "Engagement tour lycée",
			Baseline: BaselineConfig{Year: 2024}, Target: GoalConfig{Year: 2030, Value: v(0.9)}, Direction: "up"},
	}
	if d := cmp.Diff(want, got.Targets); d != "" {
		t.Errorf("targets (-want +got):\n%s", d)
	}
}

// TestLoadConfig_TargetErrors checks that every mistake in a target is an
// error naming its key, as targets[2].indicator.
func TestLoadConfig_TargetErrors(t *testing.T) {
	const ok = "  - indicator: attractiveness\n    baseline: {year: 2023, value: 1.4}\n    target: {year: 2030, multiplier: 2}\n"
	tests := []struct {
		name, target, key, want string
	}{
		{"unknown indicator", "  - indicator: attractivness\n    baseline: {year: 2023}\n    target: {year: 2030, value: 3}\n",
			"targets[2].indicator", "configuration targets[2].indicator = attractivness : indicateur inconnu ; attendu l'un de : animations, attractiveness,"},
		{"no indicator", "  - baseline: {year: 2023}\n    target: {year: 2030, value: 3}\n",
			"targets[2].indicator", "configuration targets[2].indicator =  : indicateur manquant ; attendu l'un de : animations,"},
		{"no baseline year", "  - indicator: attractiveness\n    baseline: {value: 1.4}\n    target: {year: 2030, value: 3}\n",
			"targets[2].baseline.year", "configuration targets[2].baseline.year = 0 : attendu l'année de référence, comme 2023"},
		{"target before baseline", "  - indicator: attractiveness\n    baseline: {year: 2023}\n    target: {year: 2023, value: 3}\n",
			"targets[2].target.year", "configuration targets[2].target.year = 2023 : attendu l'année cible, après l'année de référence 2023"},
		{"value and multiplier", "  - indicator: attractiveness\n    baseline: {year: 2023}\n    target: {year: 2030, value: 3, multiplier: 2}\n",
			"targets[2].target", "configuration targets[2].target = value/multiplier : attendu soit value (la valeur visée), soit multiplier"},
		{"neither", "  - indicator: attractiveness\n    baseline: {year: 2023}\n    target: {year: 2030}\n",
			"targets[2].target", "configuration targets[2].target = value/multiplier : attendu soit value (la valeur visée), soit multiplier (un multiple de la référence, 2 pour doubler), l'un ou l'autre"},
		{"bad direction", "  - indicator: attractiveness\n    baseline: {year: 2023}\n    target: {year: 2030, value: 3}\n    direction: higher\n",
			"targets[2].direction", "configuration targets[2].direction = higher : attendu up (plus est mieux) ou down (moins est mieux)"},
		{"halving upwards", "  - indicator: attractiveness\n    baseline: {year: 2023}\n    target: {year: 2030, multiplier: 0.5}\n",
			"targets[2].target.multiplier", "configuration targets[2].target.multiplier = 0.5 : attendu un multiple supérieur à 1 avec direction up"},
		{"target below baseline", "  - indicator: attractiveness\n    baseline: {year: 2023, value: 1.4}\n    target: {year: 2030, value: 1.2}\n",
			"targets[2].target.value", "configuration targets[2].target.value = 1.2 : attendu une cible au-dessus de la référence 1.4 avec direction up"},
		{"doubling downwards", "  - indicator: qpv_share\n    baseline: {year: 2023}\n    target: {year: 2030, multiplier: 2}\n    direction: down\n",
			"targets[2].target.multiplier", "configuration targets[2].target.multiplier = 2 : attendu un multiple entre 0 et 1 avec direction down"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadConfig(writeConfig(t, "targets:\n"+ok+ok+tt.target), true, flagSet(), noEnv)
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.Key != tt.key {
				t.Fatalf("loadConfig: err = %v, want a *ConfigError on key %s", err, tt.key)
			}
			if got := err.Error(); !strings.HasPrefix(got, tt.want) {
				t.Errorf("loadConfig: err = %q, want it to start with %q", got, tt.want)
			}
		})
	}
	// A key the target does not know is refused, as anywhere in config.yaml.
	_, err := loadConfig(writeConfig(t, "targets:\n  - indicator: attractiveness\n    baseline: {year: 2023}\n    target: {year: 2030, valeur: 3}\n"), true, flagSet(), noEnv)
	if err == nil || !strings.Contains(err.Error(), "valeur") {
		t.Errorf("loadConfig with target.valeur: err = %v, want it refused, naming valeur", err)
	}
}
