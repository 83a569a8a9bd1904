package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/cmq-greencity/greencity/lang"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// Config is config.yaml, after the GREENCITY_* environment and the flags
// have overridden it.
type Config struct {
	Campus       string `mapstructure:"campus"`
	DataDir      string `mapstructure:"data_dir"`
	Database     string `mapstructure:"database"`
	ReportDir    string `mapstructure:"report_dir"`
	Years        []int  `mapstructure:"years"`         // empty: every data_dir/<year> folder
	YearBoundary string `mapstructure:"year_boundary"` // calendar | school
	// RespondentKey hashes respondent codes before they are stored
	// (pipeline.HashRespondent). Empty: the key of the file greencity.key
	// beside the database, created on the first questionnaire import, so
	// that a fresh clone just works and the key stays out of the database.
	RespondentKey string `mapstructure:"respondent_key"`
	// Targets are the 2030 targets (config_targets.go); config.yaml only,
	// no GREENCITY_* variable.
	Targets []TargetConfig `mapstructure:"targets"`
	// MinCellSize: a questionnaire figure resting on fewer respondents is
	// withheld from every report and export (pipeline.WithholdSmallCells).
	MinCellSize int `mapstructure:"min_cell_size"`
	// SurveyFormats read the exports of Google Forms and LimeSurvey
	// (config_surveys.go); config.yaml only, no GREENCITY_* variable.
	SurveyFormats []SurveyFormatConfig `mapstructure:"survey_formats"`
	// Producer and Contact are said on the report's cover: who made the
	// report and whom a funder asks about it.
	Producer string `mapstructure:"producer"`
	Contact  string `mapstructure:"contact"`
	// DataStatus is the status of each year's data (year -> définitif,
	// provisoire or démonstration; définitif when absent): a year that is
	// not final is marked on the cover, on the charts that show it and on
	// every PDF page. TargetsStatus is the same for the targets (définitif,
	// or démonstration for illustrative targets). config.yaml only.
	DataStatus    map[string]string `mapstructure:"data_status"`
	TargetsStatus string            `mapstructure:"targets_status"`
	// Reports are the reports of one programme or funder that run writes
	// beside the campus's (config_reports.go); config.yaml only.
	Reports []ReportConfig `mapstructure:"reports"`
	// Lang is the language of the report, its workbook and its PDF: fr
	// (default) or en (package lang). The command line speaks French
	// whatever it is.
	Lang string `mapstructure:"lang"`
}

// Data statuses (data_status, targets_status).
const (
	statusFinal       = "définitif"
	statusProvisional = "provisoire"
	statusDemo        = "démonstration"
)

// yearStatus is the status of year's data.
func (c Config) yearStatus(year int) string {
	if s, ok := c.DataStatus[strconv.Itoa(year)]; ok {
		return s
	}
	return statusFinal
}

// ConfigError names the config key at fault.
type ConfigError struct {
	Key   string
	Value any
	Err   error
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("configuration %s = %v : %v", e.Key, e.Value, e.Err)
}

func (e *ConfigError) Unwrap() error { return e.Err }

var defaults = map[string]any{
	"campus":         "CMQ Green City BFC",
	"data_dir":       "data",
	"database":       "greencity.duckdb",
	"report_dir":     "report",
	"years":          []int{},
	"year_boundary":  "calendar",
	"respondent_key": "",
	"min_cell_size":  pipeline.DefaultMinCellSize,
	"producer":       "",
	"contact":        "",
	"targets_status": statusFinal,
	"lang":           lang.French,
}

// flagKeys maps command-line flags to config keys.
var flagKeys = map[string]string{
	"campus":     "campus",
	"data-dir":   "data_dir",
	"database":   "database",
	"report-dir": "report_dir",
	"lang":       "lang",
}

// loadConfig reads path (a missing config.yaml is fine when it is the
// default one: the defaults apply), then GREENCITY_<KEY> variables from
// getenv, then the flags that were set. Unknown keys are errors, so a typo in
// config.yaml does not silently fall back to a default.
func loadConfig(path string, explicit bool, flags *pflag.FlagSet, getenv func(string) string) (Config, error) {
	v := viper.New()
	for k, d := range defaults {
		v.SetDefault(k, d)
	}
	v.SetConfigType("yaml")
	if f, err := os.Open(path); err == nil {
		err = v.ReadConfig(f)
		f.Close()
		if err != nil {
			return Config{}, fmt.Errorf("%s : ce n'est pas du YAML valide : %w", path, err)
		}
	} else if explicit || !errors.Is(err, fs.ErrNotExist) {
		return Config{}, err
	}
	// Environment read through getenv rather than viper.AutomaticEnv, so tests
	// need not touch the process environment.
	for k := range defaults {
		if val := getenv("GREENCITY_" + strings.ToUpper(k)); val != "" {
			v.Set(k, val)
		}
	}
	for flag, key := range flagKeys {
		if f := flags.Lookup(flag); f != nil && f.Changed {
			v.Set(key, f.Value.String())
		}
	}
	var cfg Config
	if err := v.UnmarshalExact(&cfg); err != nil {
		if keys := invalidKeys.FindStringSubmatch(err.Error()); keys != nil {
			return Config{}, unknownKeysError(path, strings.Split(keys[1], ", "))
		}
		// The detail, in English, names the key; the evaluator first reads
		// what it means.
		return Config{}, fmt.Errorf("%s : valeur du mauvais type : %w", path, err)
	}
	// A logo is named from config.yaml: a relative path is relative to it,
	// wherever greencity is started from.
	for i, r := range cfg.Reports {
		if r.Logo != "" && !filepath.IsAbs(r.Logo) {
			cfg.Reports[i].Logo = filepath.Join(filepath.Dir(path), r.Logo)
		}
	}
	return cfg, cfg.Validate()
}

// invalidKeys finds the keys mapstructure names in its error about keys
// that Config does not have.
var invalidKeys = regexp.MustCompile(`has invalid keys: ([^\n]+)`)

// unknownKeysError names each unknown key of the configuration, with the
// known key it most resembles: a typo must not fall back to a default.
func unknownKeysError(path string, keys []string) error {
	var msgs []string
	for _, k := range keys {
		msg := fmt.Sprintf("clé inconnue « %s »", k)
		if best := closest(k, configKeys()); best != "" {
			msg += fmt.Sprintf(" (vouliez-vous dire « %s » ?)", best)
		}
		msgs = append(msgs, msg)
	}
	return fmt.Errorf("%s : %s", path, strings.Join(msgs, ", "))
}

// configKeys are the keys of config.yaml, read from the tags of Config.
func configKeys() []string {
	var keys []string
	t := reflect.TypeOf(Config{})
	for i := range t.NumField() {
		if k := t.Field(i).Tag.Get("mapstructure"); k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}

// Validate checks values that would otherwise fail late and obscurely.
func (c Config) Validate() error {
	switch {
	case strings.TrimSpace(c.Campus) == "":
		return &ConfigError{Key: "campus", Value: c.Campus, Err: errors.New("le nom du campus est obligatoire")}
	case c.DataDir == "":
		return &ConfigError{Key: "data_dir", Value: c.DataDir, Err: errors.New("dossier des données vide")}
	case c.Database == "":
		return &ConfigError{Key: "database", Value: c.Database, Err: errors.New("chemin de la base vide")}
	case c.ReportDir == "":
		return &ConfigError{Key: "report_dir", Value: c.ReportDir, Err: errors.New("dossier des rapports vide")}
	case c.RespondentKey != "" && len(c.RespondentKey) < 16:
		// The key itself is never printed.
		return &ConfigError{Key: "respondent_key", Value: "(masquée)", Err: errors.New("clé trop courte : au moins 16 caractères")}
	case c.YearBoundary != "calendar" && c.YearBoundary != "school":
		return &ConfigError{Key: "year_boundary", Value: c.YearBoundary, Err: errors.New("attendu calendar (année civile) ou school (année scolaire)")}
	}
	for _, y := range c.Years {
		if y < 1990 || y > 2100 {
			return &ConfigError{Key: "years", Value: y, Err: errors.New("attendu une année comme 2025")}
		}
	}
	if c.MinCellSize < 1 {
		return &ConfigError{Key: "min_cell_size", Value: c.MinCellSize, Err: errors.New("attendu un nombre entier ≥ 1 de répondants (10 par défaut)")}
	}
	for y, st := range c.DataStatus {
		if n, err := strconv.Atoi(y); err != nil || n < 1990 || n > 2100 {
			return &ConfigError{Key: "data_status", Value: y, Err: errors.New("attendu une année comme 2025, puis son statut")}
		}
		if st != statusFinal && st != statusProvisional && st != statusDemo {
			return &ConfigError{Key: "data_status." + y, Value: st, Err: errors.New("attendu définitif, provisoire ou démonstration")}
		}
	}
	if c.TargetsStatus != statusFinal && c.TargetsStatus != statusDemo {
		return &ConfigError{Key: "targets_status", Value: c.TargetsStatus, Err: errors.New("attendu définitif, ou démonstration pour des cibles d'exemple")}
	}
	if _, err := lang.New(c.Lang); err != nil {
		return &ConfigError{Key: "lang", Value: c.Lang, Err: errors.New("attendu fr (français) ou en (anglais)")}
	}
	if err := validateSurveyFormats(c.SurveyFormats); err != nil {
		return err
	}
	if err := validateReports(c.Reports); err != nil {
		return err
	}
	return validateTargets(c.Targets)
}
