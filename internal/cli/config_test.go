package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/google/go-cmp/cmp"
	"github.com/spf13/pflag"
)

func writeConfig(tb testing.TB, body string) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

func noEnv(string) string { return "" }

func flagSet(args ...string) *pflag.FlagSet {
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	for flag := range flagKeys {
		fs.String(flag, "", "")
	}
	if err := fs.Parse(args); err != nil {
		panic(err)
	}
	return fs
}

func TestLoadConfig_Precedence(t *testing.T) {
	path := writeConfig(t, "campus: CMQ A\ndatabase: file.duckdb\ndata_dir: donnees\nyears: [2024, 2025]\n")
	env := map[string]string{"GREENCITY_DATABASE": "env.duckdb", "GREENCITY_REPORT_DIR": "env-report"}
	got, err := loadConfig(path, true, flagSet("--report-dir", "flag-report"), func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	want := Config{Campus: "CMQ A", DataDir: "donnees", Database: "env.duckdb", ReportDir: "flag-report", Years: []int{2024, 2025}, YearBoundary: "calendar", MinCellSize: 10, TargetsStatus: "définitif", Lang: "fr"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("loadConfig (-want +got):\n%s", d)
	}
}

// TestLoadConfig_lang: the language of the report comes from config.yaml,
// GREENCITY_LANG or --lang, and one without a catalogue is refused naming
// the key.
func TestLoadConfig_lang(t *testing.T) {
	path := writeConfig(t, "lang: en\n")
	if got, err := loadConfig(path, true, flagSet(), noEnv); err != nil || got.Lang != "en" {
		t.Errorf("lang: en gives %q, %v", got.Lang, err)
	}
	if got, err := loadConfig(path, true, flagSet("--lang", "fr"), noEnv); err != nil || got.Lang != "fr" {
		t.Errorf("--lang fr over lang: en gives %q, %v", got.Lang, err)
	}
	_, err := loadConfig(path, true, flagSet(), func(k string) string { return map[string]string{"GREENCITY_LANG": "de"}[k] })
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Key != "lang" || ce.Value != "de" {
		t.Errorf("GREENCITY_LANG=de: %v, want a ConfigError on lang naming de", err)
	}
}

func TestLoadConfig_EnvYearsAndDataDir(t *testing.T) {
	env := map[string]string{"GREENCITY_YEARS": "2023,2025", "GREENCITY_DATA_DIR": "/srv/data"}
	got, err := loadConfig(filepath.Join(t.TempDir(), "absent.yaml"), false, flagSet(), func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]int{2023, 2025}, got.Years); d != "" || got.DataDir != "/srv/data" {
		t.Errorf("loadConfig years %v data_dir %q, want [2023 2025] and /srv/data", got.Years, got.DataDir)
	}
}

func TestLoadConfig_Errors(t *testing.T) {
	tests := []struct {
		name, body, want string
		key              string
	}{
		{"unknown key", "databse: x.duckdb\n", "databse", ""},
		{"unknown key in French", "databse: x.duckdb\n", "config.yaml : clé inconnue « databse » (vouliez-vous dire « database » ?)", ""},
		{"unknown keys", "reprot_dir: r\ntarget: []\nzzz: 1\n", "config.yaml : clé inconnue « reprot_dir » (vouliez-vous dire « report_dir » ?), clé inconnue « target » (vouliez-vous dire « targets » ?), clé inconnue « zzz »", ""},
		{"wrong type", "years: [deux mille]\n", "config.yaml : valeur du mauvais type : ", ""},
		{"not YAML", "years: [\n", "config.yaml : ce n'est pas du YAML valide : ", ""},
		{"bad boundary", "year_boundary: fiscal\n", "configuration year_boundary = fiscal : attendu calendar (année civile) ou school (année scolaire)", "year_boundary"},
		{"bad year", "years: [25]\n", "configuration years = 25 : attendu une année comme 2025", "years"},
		{"empty campus", "campus: ''\n", "configuration campus =  : le nom du campus est obligatoire", "campus"},
		{"bad data status", "data_status:\n  2023: exemple\n", "configuration data_status.2023 = exemple : attendu définitif, provisoire ou démonstration", "data_status.2023"},
		{"data status of no year", "data_status:\n  vingt: démonstration\n", "configuration data_status = vingt : attendu une année comme 2025, puis son statut", "data_status"},
		{"bad targets status", "targets_status: provisoire\n", "configuration targets_status = provisoire : attendu définitif, ou démonstration pour des cibles d'exemple", "targets_status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadConfig(writeConfig(t, tt.body), true, flagSet(), noEnv)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("loadConfig: err = %v, want it to contain %q", err, tt.want)
			}
			var ce *ConfigError
			if tt.key != "" && (!errors.As(err, &ce) || ce.Key != tt.key) {
				t.Errorf("loadConfig: err = %#v, want a *ConfigError on key %s", err, tt.key)
			}
		})
	}
	if _, err := loadConfig(filepath.Join(t.TempDir(), "absent.yaml"), true, flagSet(), noEnv); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("loadConfig of a missing --config file: err = %v, want not exist", err)
	}
}

func TestConfiguredYears_MissingDataDir(t *testing.T) {
	_, err := configuredYears(Config{DataDir: filepath.Join(t.TempDir(), "data"), Years: []int{2025}})
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Key != "data_dir" || !strings.Contains(err.Error(), "lancez greencity depuis le dossier qui contient config.yaml et data/") {
		t.Errorf("configuredYears with no data folder: err = %v, want a data_dir error saying where to start greencity", err)
	}
}

// TestLoadConfig_Shipped checks the shipped config.yaml marks its made-up
// years and targets as demonstration data, for the cover and the PDF.
func TestLoadConfig_Shipped(t *testing.T) {
	cfg, err := loadConfig("../../config.yaml", true, flagSet(), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{cfg.yearStatus(2023), cfg.yearStatus(2024), cfg.yearStatus(2025), cfg.TargetsStatus}
	if d := cmp.Diff([]string{"démonstration", "démonstration", "définitif", "démonstration"}, got); d != "" {
		t.Errorf("statuses of 2023, 2024, 2025 and the targets (-want +got):\n%s", d)
	}
	if want := "Données de démonstration pour 2023 et 2024 ; cibles d'exemple : à ne pas citer comme résultats."; charts.NotFinalText(french, statusCover(cfg)) != want {
		t.Errorf("PDF mark = %q, want %q", charts.NotFinalText(french, statusCover(cfg)), want)
	}
}

func TestPeriodText(t *testing.T) {
	for _, tt := range []struct{ boundary, want string }{
		{"calendar", "du 1er janvier au 31 décembre 2025 (année civile)"},
		{"school", "du 1er septembre 2024 au 31 août 2025 (année scolaire 2024-2025)"},
	} {
		if got := periodText(french, tt.boundary, 2025); got != tt.want {
			t.Errorf("periodText(%s, 2025) = %q, want %q", tt.boundary, got, tt.want)
		}
	}
}
