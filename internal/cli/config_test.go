package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	want := Config{Campus: "CMQ A", DataDir: "donnees", Database: "env.duckdb", ReportDir: "flag-report", Years: []int{2024, 2025}, YearBoundary: "calendar", MinCellSize: 10}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("loadConfig (-want +got):\n%s", d)
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
