package cli

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/agnivade/levenshtein"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The evaluator reads French: cobra's usage text, its help command and its
// command-line errors are given in French here.

// usageTemplate is cobra's default usage template, translated.
const usageTemplate = `Utilisation :{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [commande]{{end}}{{if gt (len .Aliases) 0}}

Aussi : {{.NameAndAliases}}{{end}}{{if .HasExample}}

Exemples :
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

Commandes :{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .NameAndAliases 26}} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

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
				return usageError{fmt.Errorf("commande inconnue : %s%s (voir greencity --help)", strings.Join(args, " "), didYouMean(closest(strings.Join(args, " "), commandNames(c.Root()))))}
			}
			return cmd.Help()
		},
	})
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{frenchFlagError(c, err)} })
	// cobra's own --version flag would be described in English.
	root.SetVersionTemplate("greencity {{.Version}}\n")
	root.Flags().BoolP("version", "v", false, "affiche la version de greencity")
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

// frenchFlagError translates the command-line errors of cobra and pflag
// about cmd, suggesting the closest option or command to a mistyped one.
func frenchFlagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	switch {
	case unknownFlag.MatchString(msg):
		flag := unknownFlag.FindStringSubmatch(msg)[1]
		return fmt.Errorf("option inconnue : %s%s (voir --help)", flag, didYouMean(closest(flag, flagNames(cmd))))
	case invalidArgument.MatchString(msg):
		m := invalidArgument.FindStringSubmatch(msg)
		return fmt.Errorf("valeur « %s » invalide pour %s", m[1], m[2])
	case needsArgument.MatchString(msg):
		return fmt.Errorf("l'option %s attend une valeur", needsArgument.FindStringSubmatch(msg)[1])
	case unknownCommand.MatchString(msg):
		name := unknownCommand.FindStringSubmatch(msg)[1]
		return fmt.Errorf("commande inconnue « %s »%s (voir greencity --help)", name, didYouMean(closest(name, commandNames(cmd.Root()))))
	}
	return err
}

// isCommandLineError tells cobra's own errors about the command line, which
// reach Execute without passing through the flag error function.
func isCommandLineError(err error) bool {
	var u usageError
	return errors.As(err, &u) || unknownCommand.MatchString(err.Error())
}

// closest returns the candidate nearest to word in edit distance, "" when
// none is within about half of word: a suggestion far from what was typed
// would mislead more than help. Ties go to the first in alphabetical order.
func closest(word string, candidates []string) string {
	best, bestDist := "", len(word)/2+1
	for _, c := range candidates {
		if d := levenshtein.ComputeDistance(word, c); d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	return best
}

// didYouMean is the suggestion added to a command-line error, "" without one.
func didYouMean(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf(" ; vouliez-vous dire « %s » ?", s)
}

// commandNames are the names and aliases of root's commands.
func commandNames(root *cobra.Command) []string {
	var names []string
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
			names = append(names, c.Aliases...)
		}
	}
	return names
}

// flagNames are the options cmd accepts, as typed (--year, -h).
func flagNames(cmd *cobra.Command) []string {
	var names []string
	add := func(f *pflag.Flag) {
		names = append(names, "--"+f.Name)
	}
	cmd.Flags().VisitAll(add)
	cmd.InheritedFlags().VisitAll(add)
	return names
}
