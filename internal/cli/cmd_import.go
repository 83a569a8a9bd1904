package cli

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/spf13/cobra"
)

func (a *app) newImportCmd() *cobra.Command {
	var year int
	cmd := &cobra.Command{
		Use:     "import CHEMIN...",
		Aliases: []string{"importer"},
		Short:   "Importe des classeurs ou des dossiers dans la base",
		Long: `Importe chaque classeur (ou chaque classeur d'un dossier, catalogue d'abord).
L'année est prise du chemin (data/2025/...) ou de --year. Chaque fichier est importé
en entier ou pas du tout ; un fichier refusé laisse la base telle qu'elle était.`,
		Args: somePaths,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			store, err := pipeline.OpenStore(cmd.Context(), cfg.Database)
			if err != nil {
				return err
			}
			defer closeWritten(cmd.Context(), store, &err)
			if err := store.LimitImportMemory(cmd.Context()); err != nil {
				return err
			}
			// Before closeWritten's checkpoint (deferred calls run last
			// first), which needs more memory than the import.
			defer func() {
				if e := store.EndImportMemory(cmd.Context()); e != nil {
					err = errors.Join(err, e)
				}
			}()
			defer limitGoMemory()()
			progress := newImportProgress(cmd.ErrOrStderr())
			im := newImporter(store, cfg, progress)
			out := cmd.OutOrStdout()
			// The files of every argument are imported together, so that they
			// are read on every core; a folder that cannot be listed stops
			// the command after the files of the arguments before it.
			var files []string
			var listErr error
			for _, arg := range args {
				if st, err := os.Stat(arg); err == nil && st.IsDir() {
					found, err := pipeline.YearFiles(arg)
					if err != nil {
						listErr = err
						break
					}
					files = append(files, found...)
					continue
				}
				files = append(files, arg)
			}
			var errs []error
			im.ImportFiles(cmd.Context(), files, year, func(r pipeline.Result, err error) {
				progress.done()
				if err != nil {
					errs = append(errs, err)
					return
				}
				printResults(out, []pipeline.Result{r})
			})
			if listErr != nil {
				return listErr
			}
			if len(errs) > 0 {
				return fmt.Errorf("des fichiers ont été refusés :\n%w", errors.Join(errs...))
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&year, "year", 0, "`année` des données (sinon prise du chemin data/<année>/...)")
	return cmd
}

// importGoMemory is the soft limit of the Go heap while importing: a
// million-row workbook's rows in flight and row keys take ~35 MB live (the
// file is read in place, not held), and Go's default lets the heap grow to
// twice what is live before it collects. Above the live heap, so that the
// collector does not run without end; measured on a 1M-row workbook
// (README, Tests): peak RSS 185 MiB with 128 MiB, 158 MiB with 48 MiB, for
// the same CPU time.
const importGoMemory = 48 << 20

// limitGoMemory sets importGoMemory as the process's soft memory limit,
// unless GOMEMLIMIT already says another: it is the command's choice, for
// the process it runs, not the importer's. The returned func puts back the
// previous limit, so that a process running other commands after the import
// (the tests do) is not held to it.
func limitGoMemory() (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	previous := debug.SetMemoryLimit(importGoMemory)
	return func() { debug.SetMemoryLimit(previous) }
}
