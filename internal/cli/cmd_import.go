package cli

import (
	"errors"
	"fmt"
	"os"

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
			progress := newImportProgress(cmd.ErrOrStderr())
			im := newImporter(store, cfg, progress)
			out := cmd.OutOrStdout()
			var errs []error
			for _, arg := range args {
				files := []string{arg}
				if st, err := os.Stat(arg); err == nil && st.IsDir() {
					if files, err = pipeline.YearFiles(arg); err != nil {
						return err
					}
				}
				for _, f := range files {
					r, err := im.ImportFile(cmd.Context(), f, year)
					progress.done()
					if err != nil {
						errs = append(errs, err)
						continue
					}
					printResults(out, []pipeline.Result{r})
				}
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
