// Package cli wires the greencity commands: it reads the configuration once
// and hands plain values to the pipeline and the report.
package cli

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

// Run executes the greencity command line and returns the exit status.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return RunEnv(ctx, args, stdout, stderr, os.Getenv)
}

// RunEnv is Run with the environment read through getenv, for tests.
func RunEnv(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	root := newRootCmd(getenv)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.ExecuteContext(ctx); err != nil {
		if isCommandLineError(err) {
			fmt.Fprintln(stderr, "greencity :", frenchFlagError(root, err))
			return 2
		}
		fmt.Fprintln(stderr, "greencity :", err)
		return 1
	}
	return 0
}

// usageError marks a command-line mistake (exit status 2).
type usageError struct{ error }

type app struct {
	getenv     func(string) string
	configPath string
}

func newRootCmd(getenv func(string) string) *cobra.Command {
	a := &app{getenv: getenv}
	root := &cobra.Command{
		Use:           "greencity",
		Short:         "Pipeline d'impact annuel du CMQ Green City : tableurs → DuckDB → indicateurs → rapport HTML",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       Version(),
	}
	pf := root.PersistentFlags()
	pf.StringVar(&a.configPath, "config", "config.yaml", "`fichier` de configuration (par défaut config.yaml)")
	pf.String("campus", "", "`nom` du campus (clé campus)")
	pf.String("data-dir", "", "`dossier` des données, un sous-dossier par année (clé data_dir)")
	pf.String("database", "", "`fichier` DuckDB (clé database)")
	pf.String("report-dir", "", "`dossier` des rapports (clé report_dir)")
	root.AddCommand(a.newRunCmd(), a.newImportCmd(), a.newCheckCmd(), a.newIndicatorsCmd(), a.newReportCmd(), a.newTargetsCmd(), a.newTemplateCmd(), a.newExportCmd())
	frenchCLI(root)
	return root
}

// config loads the configuration for a command.
func (a *app) config(cmd *cobra.Command) (Config, error) {
	explicit := cmd.Flags().Changed("config")
	return loadConfig(a.configPath, explicit, cmd.Flags(), a.getenv)
}
