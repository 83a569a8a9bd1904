package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/spf13/cobra"
)

func (a *app) newCheckCmd() *cobra.Command {
	var year int
	var annotate string
	cmd := &cobra.Command{
		Use:     "check CHEMIN... [--annotate DOSSIER]",
		Aliases: []string{"verifier", "vérifier"},
		Short:   "Vérifie des classeurs ou des dossiers sans rien écrire dans la base",
		Long: `Vérifie chaque classeur (ou chaque classeur d'un dossier) comme un import le ferait,
et liste tous les problèmes de tous les fichiers : feuille, cellule, valeur trouvée, ce qui
était attendu, et une suggestion quand il y en a une. Rien n'est écrit dans la base (elle
est seulement lue, pour le catalogue des actions déjà importé ; un catalogue vérifié en
même temps le remplace). Le code de sortie est 1 si un fichier serait refusé à l'import.

Avec --annotate DOSSIER, chaque classeur refusé est recopié dans DOSSIER avec ses
cellules fautives en rouge et un commentaire Excel par problème, pour le renvoyer à
la personne qui l'a rempli.`,
		Args: somePaths,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			if annotate != "" && inside(annotate, cfg.DataDir) {
				return usageError{fmt.Errorf("--annotate %s : choisissez un dossier hors de %s, sinon les copies annotées seraient importées avec les données", annotate, cfg.DataDir)}
			}
			store, err := pipeline.OpenStoreReadOnly(cmd.Context(), cfg.Database)
			if err != nil {
				return err
			}
			if store != nil {
				defer store.Close()
			}
			progress := newImportProgress(cmd.ErrOrStderr())
			im := newImporter(store, cfg, progress)
			out := cmd.OutOrStdout()
			var files []string
			var results []pipeline.Checked
			for _, arg := range args {
				if st, err := os.Stat(arg); err == nil && st.IsDir() {
					found, err := pipeline.YearFiles(arg)
					if err != nil {
						results = append(results, pipeline.Checked{Result: pipeline.Result{File: arg}, Err: err})
					}
					files = append(files, found...)
					continue
				}
				files = append(files, arg)
			}
			fmt.Fprintln(out, "Vérification (rien n'est écrit dans la base) :")
			results = append(results, im.Check(cmd.Context(), files, year)...)
			progress.done()
			refused := 0
			for _, c := range results {
				if c.Err != nil {
					refused++
				}
				printChecked(out, c)
				if annotate == "" {
					continue
				}
				var fe *pipeline.FileError
				if !errors.As(c.Err, &fe) {
					continue
				}
				dst := annotatedPath(annotate, c.Result)
				if err := pipeline.Annotate(c.File, dst, fe.Problems, ""); err != nil {
					fmt.Fprintf(out, "    copie annotée impossible : %v\n", err)
					continue
				}
				fmt.Fprintf(out, "    copie annotée : %s\n", dst)
			}
			fmt.Fprintf(out, "\n%s vérifié%s : %d bon%s, %d refusé%s.\n", plural(len(results), "fichier", "fichiers"),
				s(len(results)), len(results)-refused, s(len(results)-refused), refused, s(refused))
			switch {
			case refused == 1:
				return fmt.Errorf("1 fichier sur %d serait refusé à l'import : corrigez-le (voir ci-dessus) puis relancez greencity check", len(results))
			case refused > 1:
				return fmt.Errorf("%d fichiers sur %d seraient refusés à l'import : corrigez-les (voir ci-dessus) puis relancez greencity check", refused, len(results))
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&year, "year", 0, "`année` des données (sinon prise du chemin data/<année>/...)")
	cmd.Flags().StringVar(&annotate, "annotate", "", "`dossier` où écrire une copie annotée de chaque classeur refusé")
	return cmd
}

// printChecked prints the outcome of checking one file: rows read and what
// an import would do with them, then its problems and notes.
func printChecked(out io.Writer, c pipeline.Checked) {
	r := c.Result
	var fe *pipeline.FileError
	switch {
	case c.Err == nil:
		fmt.Fprintf(out, "  bon        %s : %s, %d à importer", r.File, plural(r.RowsRead, "ligne lue", "lignes lues"), r.RowsImported)
		if r.RowsRejected > 0 {
			fmt.Fprintf(out, ", %d écartée%s", r.RowsRejected, s(r.RowsRejected))
		}
		fmt.Fprintln(out)
	case errors.As(c.Err, &fe):
		fmt.Fprintf(out, "  refusé     %s : %s, %s\n", r.File, plural(len(fe.Problems), "problème", "problèmes"), plural(r.RowsRead, "ligne lue", "lignes lues"))
		for _, p := range fe.Problems {
			fmt.Fprintf(out, "    %s\n", p)
		}
	case errors.Is(c.Err, pipeline.ErrUnreadable):
		fmt.Fprintf(out, "  illisible  %s\n", c.Err)
	default:
		fmt.Fprintf(out, "  refusé     %s\n", strings.ReplaceAll(c.Err.Error(), "\n", "\n    "))
	}
	for _, n := range r.Notes {
		fmt.Fprintf(out, "    note : %s\n", n)
	}
}

// annotatedPath is where the annotated copy of a file goes: under dir, at
// its path relative to the data directory when it lies in it, else at its
// path from its year folder on (2025/participations/x.xlsx), else by name.
func annotatedPath(dir string, r pipeline.Result) string {
	if !filepath.IsAbs(filepath.FromSlash(r.SourceFile)) {
		return filepath.Join(dir, filepath.FromSlash(r.SourceFile))
	}
	parts := strings.Split(filepath.ToSlash(r.File), "/")
	for i := len(parts) - 2; i >= 0; i-- {
		if yearName.MatchString(parts[i]) {
			return filepath.Join(append([]string{dir}, parts[i:]...)...)
		}
	}
	return filepath.Join(dir, filepath.Base(r.File))
}

// inside tells whether path lies in dir (or is dir).
func inside(path, dir string) bool {
	p, err1 := filepath.Abs(path)
	d, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// plural writes a count with its noun agreed, the French way: 0 and 1 take
// the singular.
func plural(n int, one, many string) string {
	if n > 1 {
		return fmt.Sprintf("%d %s", n, many)
	}
	return fmt.Sprintf("%d %s", n, one)
}

func s(n int) string {
	if n > 1 {
		return "s"
	}
	return ""
}
