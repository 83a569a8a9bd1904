package cli

import (
	"bytes"
	"context"
	"runtime/debug"
	"strings"
	"testing"
)

// TestRun_CommandLineErrorsInFrench checks that mistakes on the command line
// are told in French, with exit status 2, and the closest command or option
// suggested.
func TestRun_CommandLineErrorsInFrench(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"run", "--yaer", "2025"}, "greencity : option inconnue : --yaer (voir --help)\n"},
		{[]string{"report", "--year", "abc"}, "greencity : valeur « abc » invalide pour --year\n"},
		{[]string{"report", "--year"}, "greencity : l'option --year attend une valeur\n"},
		{[]string{"import"}, "greencity : précisez au moins un classeur ou un dossier, par exemple : greencity import data/2025\n"},
		{[]string{"parquet", "x"}, "greencity : commande inconnue « parquet » (voir greencity --help)\n"},
		{[]string{"run", "extra"}, "greencity : greencity run ne prend pas d'argument (reçu : extra) ; voir greencity run --help\n"},
		{[]string{"indicators", "--year", "2025", "--format", "xlsx"}, "greencity : --format \"xlsx\" : attendu table, json, csv ou csv-excel\n"},
		// A mistyped command or option: the closest one, none when all are far.
		{[]string{"raport"}, "greencity : commande inconnue « raport » ; vouliez-vous dire « rapport » ? (voir greencity --help)\n"},
		{[]string{"indicatrs", "--year", "2025"}, "greencity : commande inconnue « indicatrs » ; vouliez-vous dire « indicators » ? (voir greencity --help)\n"},
		{[]string{"lancr"}, "greencity : commande inconnue « lancr » ; vouliez-vous dire « lancer » ? (voir greencity --help)\n"},
		{[]string{"help", "cibel"}, "greencity : commande inconnue : cibel ; vouliez-vous dire « cibles » ? (voir greencity --help)\n"},
		{[]string{"indicators", "--formt", "csv"}, "greencity : option inconnue : --formt ; vouliez-vous dire « --format » ? (voir --help)\n"},
		{[]string{"rapport", "--data-dri", "x"}, "greencity : option inconnue : --data-dri ; vouliez-vous dire « --data-dir » ? (voir --help)\n"},
		{[]string{"xyzzy"}, "greencity : commande inconnue « xyzzy » (voir greencity --help)\n"},
		{[]string{"run", "--zzzzzz"}, "greencity : option inconnue : --zzzzzz (voir --help)\n"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := RunEnv(context.Background(), tt.args, &out, &errb, noEnv)
		if code != 2 || errb.String() != tt.want {
			t.Errorf("greencity %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(tt.args, " "), code, errb.String(), tt.want)
		}
	}
}

// TestRun_HelpInFrench checks the help of a command reads in French, its
// defaults included.
func TestRun_HelpInFrench(t *testing.T) {
	var out, errb bytes.Buffer
	if code := RunEnv(context.Background(), []string{"indicators", "--help"}, &out, &errb, noEnv); code != 0 {
		t.Fatalf("greencity indicators --help: exit %d, %s", code, errb.String())
	}
	help := out.String()
	for _, w := range []string{"Utilisation :", "Options :", "Options communes à toutes les commandes :", "fichier de configuration (par défaut config.yaml)"} {
		if !strings.Contains(help, w) {
			t.Errorf("indicators --help lacks %q:\n%s", w, help)
		}
	}
	for _, english := range []string{"Usage:", "Flags:", "(default", "help for"} {
		if strings.Contains(help, english) {
			t.Errorf("indicators --help still says %q:\n%s", english, help)
		}
	}
}

// TestRun_FrenchAliases checks each command answers to its French name.
func TestRun_FrenchAliases(t *testing.T) {
	for alias, name := range map[string]string{"lancer": "run", "importer": "import", "verifier": "check", "vérifier": "check",
		"indicateurs": "indicators", "rapport": "report", "cibles": "targets", "modele": "template", "modèle": "template"} {
		var out, errb bytes.Buffer
		if code := RunEnv(context.Background(), []string{alias, "--help"}, &out, &errb, noEnv); code != 0 {
			t.Fatalf("greencity %s --help: exit %d, %s", alias, code, errb.String())
		}
		if want := "Utilisation :\n  greencity " + name; !strings.Contains(out.String(), want) {
			t.Errorf("greencity %s --help does not show the help of %s:\n%s", alias, name, out.String())
		}
	}
}

// TestRun_Version checks --version and -v print the version of the binary.
func TestRun_Version(t *testing.T) {
	for _, arg := range []string{"--version", "-v"} {
		var out, errb bytes.Buffer
		if code := RunEnv(context.Background(), []string{arg}, &out, &errb, noEnv); code != 0 {
			t.Fatalf("greencity %s: exit %d, %s", arg, code, errb.String())
		}
		if want := "greencity " + Version() + "\n"; out.String() != want {
			t.Errorf("greencity %s printed %q, want %q", arg, out.String(), want)
		}
	}
}

// TestVersionOf checks the version read from each kind of build.
func TestVersionOf(t *testing.T) {
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "5640642abcdef0123456789"}, {Key: "vcs.modified", Value: modified}}
	}
	tests := []struct {
		name string
		info debug.BuildInfo
		want string
	}{
		{"go install of a tag", debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "v1.2.0"},
		{"go build in a clean clone", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("false")}, "5640642abcde"},
		{"go build with changes", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("true")}, "5640642abcde (modifiée)"},
		{"go run, go test", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "version de développement"},
	}
	for _, tt := range tests {
		if got := versionOf(&tt.info); got != tt.want {
			t.Errorf("%s: versionOf = %q, want %q", tt.name, got, tt.want)
		}
	}
}
