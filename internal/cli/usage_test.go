package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestRun_CommandLineErrorsInFrench checks that mistakes on the command line
// are told in French, with exit status 2.
func TestRun_CommandLineErrorsInFrench(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"run", "--yaer", "2025"}, "greencity : option inconnue : --yaer (voir --help)\n"},
		{[]string{"report", "--year", "abc"}, "greencity : valeur « abc » invalide pour --year\n"},
		{[]string{"report", "--year"}, "greencity : l'option --year attend une valeur\n"},
		{[]string{"import"}, "greencity : précisez au moins un classeur ou un dossier, par exemple : greencity import data/2025\n"},
		{[]string{"template", "x"}, "greencity : commande inconnue « template » (voir greencity --help)\n"},
		{[]string{"run", "extra"}, "greencity : greencity run ne prend pas d'argument (reçu : extra) ; voir greencity run --help\n"},
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
