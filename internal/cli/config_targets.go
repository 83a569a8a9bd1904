package cli

import (
	"github.com/cmq-greencity/greencity/lang"

	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cmq-greencity/greencity/queries"
	"github.com/cmq-greencity/greencity/targets"
)

// TargetConfig is one entry of the targets key of config.yaml:
//
//	targets:
//	  - indicator: attractiveness
//	    label: Doubler l'attractivité des formations
//	    baseline: {year: 2023, value: 1.4}
//	    target: {year: 2030, multiplier: 2}
//	    direction: up
type TargetConfig struct {
	Indicator string `mapstructure:"indicator"`
	// Label is the target in the campus's words, shown in the report.
	Label string `mapstructure:"label"`
	// LabelEN is the same in English, for a report in English (lang: en).
	LabelEN string `mapstructure:"label_en"`
	// Survey names the survey of a questionnaire indicator: its title
	// without the year ("Engagement tour lycée" follows "Engagement tour
	// lycée 2024", then "... 2025").
	Survey    string         `mapstructure:"survey"`
	Baseline  BaselineConfig `mapstructure:"baseline"`
	Target    GoalConfig     `mapstructure:"target"`
	Direction string         `mapstructure:"direction"` // up (default) | down
}

// labelIn is the label of the target in the language of l: label_en in
// English, "" when it has none (the report then names the target by its
// indicator).
func (t TargetConfig) labelIn(l *lang.Printer) string {
	if l.Code() == lang.English {
		return t.LabelEN
	}
	return t.Label
}

// BaselineConfig is where a target starts. Without a value, the baseline is
// the indicator's own value in that year.
type BaselineConfig struct {
	Year  int      `mapstructure:"year"`
	Value *float64 `mapstructure:"value"`
}

// GoalConfig is where a target ends: a value, or a multiple of the baseline
// (multiplier: 2 for "doubler").
type GoalConfig struct {
	Year       int      `mapstructure:"year"`
	Value      *float64 `mapstructure:"value"`
	Multiplier *float64 `mapstructure:"multiplier"`
}

// validateTargets checks every target, naming the key at fault as
// targets[2].indicator. An indicator is known when a file of queries.FS
// defines it.
func validateTargets(ts []TargetConfig) error {
	if len(ts) == 0 {
		return nil
	}
	inds, err := queries.Load(queries.FS)
	if err != nil {
		return err
	}
	var known []string
	for _, ind := range inds {
		known = append(known, ind.ID)
	}
	for i, t := range ts {
		key := func(k string) string { return fmt.Sprintf("targets[%d].%s", i, k) }
		bad := func(k string, v any, msg string, args ...any) error {
			return &ConfigError{Key: key(k), Value: v, Err: fmt.Errorf(msg, args...)}
		}
		switch {
		case strings.TrimSpace(t.Indicator) == "":
			return bad("indicator", t.Indicator, "indicateur manquant ; attendu l'un de : %s", strings.Join(known, ", "))
		case !slices.Contains(known, t.Indicator):
			return bad("indicator", t.Indicator, "indicateur inconnu ; attendu l'un de : %s", strings.Join(known, ", "))
		case t.Baseline.Year < 1990 || t.Baseline.Year > 2100:
			return bad("baseline.year", t.Baseline.Year, "attendu l'année de référence, comme 2023")
		case t.Target.Year <= t.Baseline.Year || t.Target.Year > 2100:
			return bad("target.year", t.Target.Year, "attendu l'année cible, après l'année de référence %d", t.Baseline.Year)
		case (t.Target.Value == nil) == (t.Target.Multiplier == nil):
			return &ConfigError{Key: key("target"), Value: "value/multiplier",
				Err: errors.New("attendu soit value (la valeur visée), soit multiplier (un multiple de la référence, 2 pour doubler), l'un ou l'autre")}
		case t.Direction != "" && t.Direction != string(targets.Up) && t.Direction != string(targets.Down):
			return bad("direction", t.Direction, "attendu up (plus est mieux) ou down (moins est mieux)")
		}
		down := t.Direction == string(targets.Down)
		if m := t.Target.Multiplier; m != nil {
			if *m <= 0 || (!down && *m <= 1) || (down && *m >= 1) {
				want := "supérieur à 1"
				if down {
					want = "entre 0 et 1"
				}
				return bad("target.multiplier", *m, "attendu un multiple %s avec direction %s", want, directionName(down))
			}
		}
		if b, g := t.Baseline.Value, t.Target.Value; b != nil && g != nil {
			if err := wrongSide(i, t, *b, *g, ""); err != nil {
				return err
			}
		}
	}
	return nil
}

// wrongSide refuses target i when its value cannot be reached by moving
// from baseline in its direction: the same rule for a baseline written in
// config.yaml (from "") and one read in the data (from names the year).
func wrongSide(i int, t TargetConfig, baseline, goal float64, from string) error {
	down := t.Direction == string(targets.Down)
	if (!down && goal > baseline) || (down && goal < baseline) {
		return nil
	}
	side := "au-dessus"
	if down {
		side = "en dessous"
	}
	return &ConfigError{Key: fmt.Sprintf("targets[%d].target.value", i), Value: goal,
		Err: fmt.Errorf("attendu une cible %s de la référence %v%s avec direction %s", side, baseline, from, directionName(down))}
}

func directionName(down bool) string {
	if down {
		return string(targets.Down)
	}
	return string(targets.Up)
}

// targetOf turns a configured target into the targets package's.
func targetOf(t TargetConfig) targets.Target {
	out := targets.Target{
		Indicator: t.Indicator, Survey: t.Survey,
		BaselineYear: t.Baseline.Year, BaselineValue: t.Baseline.Value,
		TargetYear: t.Target.Year, TargetValue: t.Target.Value, Multiplier: t.Target.Multiplier,
		Direction: targets.Up,
	}
	if t.Direction == string(targets.Down) {
		out.Direction = targets.Down
	}
	return out
}
