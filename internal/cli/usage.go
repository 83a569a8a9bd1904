package cli

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The evaluator reads French: cobra's usage text, its help command and its
// command-line errors are given in French here.

// usageTemplate is cobra's default usage template, translated.
const usageTemplate = `Utilisation :{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [commande]{{end}}{{if .HasExample}}

Exemples :
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

Commandes :{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Options :
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

Options communes à toutes les commandes :
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableSubCommands}}

« {{.CommandPath}} [commande] --help » donne l'aide d'une commande.{{end}}
`

// frenchCLI gives the root command and all its subcommands French usage,
// help and argument checks.
func frenchCLI(root *cobra.Command) {
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetUsageTemplate(usageTemplate)
	root.PersistentFlags().BoolP("help", "h", false, "affiche l'aide de la commande")
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [commande]",
		Short: "Affiche l'aide d'une commande",
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := c.Root().Find(args)
			if err != nil || len(rest) > 0 {
				return usageError{fmt.Errorf("commande inconnue : %s (voir greencity --help)", strings.Join(args, " "))}
			}
			return cmd.Help()
		},
	})
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{frenchFlagError(err)} })
	for _, c := range root.Commands() {
		c.DisableFlagsInUseLine = true
	}
	// pflag would print defaults as (default "table"), in English; the
	// usage texts say them in French instead.
	clearDefaults := func(f *pflag.Flag) {
		if f.Value.Type() == "string" {
			f.DefValue = ""
		}
	}
	root.PersistentFlags().VisitAll(clearDefaults)
	for _, c := range root.Commands() {
		c.Flags().VisitAll(clearDefaults)
	}
}

// noArgs refuses arguments to a command that takes none.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("greencity %s ne prend pas d'argument (reçu : %s) ; voir greencity %s --help",
			cmd.Name(), strings.Join(args, " "), cmd.Name())}
	}
	return nil
}

// somePaths requires at least one file or folder.
func somePaths(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return usageError{fmt.Errorf("précisez au moins un classeur ou un dossier, par exemple : greencity %s data/2025", cmd.Name())}
	}
	return nil
}

var (
	unknownFlag     = regexp.MustCompile(`^unknown (?:shorthand )?flag: (?:'.' in )?(\S+)`)
	invalidArgument = regexp.MustCompile(`^invalid argument "(.*)" for "(.+?)" flag`)
	needsArgument   = regexp.MustCompile(`^flag needs an argument: (?:'.' in )?(\S+)`)
	unknownCommand  = regexp.MustCompile(`^unknown command "(.*)" for "(.*)"`)
)

// frenchFlagError translates the command-line errors of cobra and pflag.
func frenchFlagError(err error) error {
	msg := err.Error()
	switch {
	case unknownFlag.MatchString(msg):
		return fmt.Errorf("option inconnue : %s (voir --help)", unknownFlag.FindStringSubmatch(msg)[1])
	case invalidArgument.MatchString(msg):
		m := invalidArgument.FindStringSubmatch(msg)
		return fmt.Errorf("valeur « %s » invalide pour %s", m[1], m[2])
	case needsArgument.MatchString(msg):
		return fmt.Errorf("l'option %s attend une valeur", needsArgument.FindStringSubmatch(msg)[1])
	case unknownCommand.MatchString(msg):
		return fmt.Errorf("commande inconnue « %s » (voir greencity --help)", unknownCommand.FindStringSubmatch(msg)[1])
	}
	return err
}

// isCommandLineError tells cobra's own errors about the command line, which
// reach Execute without passing through the flag error function.
func isCommandLineError(err error) bool {
	var u usageError
	return errors.As(err, &u) || unknownCommand.MatchString(err.Error())
}
