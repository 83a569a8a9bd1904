package cli

import (
	"fmt"
	"time"

	"github.com/cmq-greencity/greencity/collect"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/spf13/cobra"
)

func (a *app) newTemplateCmd() *cobra.Command {
	var year int
	cmd := &cobra.Command{
		Use:     "template DOSSIER [--year ANNÉE]",
		Aliases: []string{"modele", "modèle"},
		Short:   "Écrit les classeurs vierges d'une année à envoyer aux partenaires (listes déroulantes, aide)",
		Long: `Écrit dans DOSSIER les modèles de l'année : actions.xlsx, participations.xlsx,
questionnaire.xlsx (enquete, questions, pre, post, avec les questions standard) et
formations.xlsx. Chaque modèle a des listes déroulantes pour les listes fermées (axe, type,
public, type_etablissement) et pour les actions du catalogue de l'année déjà importé dans
la base (lue seulement), des règles sur les nombres et les dates de l'année, une bulle
d'aide sur chaque en-tête et une feuille « aide » avec une ligne d'exemple.

L'année est --year, sinon l'année en cours (l'année scolaire en cours avec
year_boundary: school). DOSSIER doit être hors du dossier des données : les modèles
vides n'ont pas à être importés. Un fichier déjà présent n'est jamais remplacé.`,
		Example: `  greencity template modeles/2026 --year 2026
  greencity modele modeles`,
		Args: oneFolder,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			dir := args[0]
			if inside(dir, cfg.DataDir) {
				return usageError{fmt.Errorf("%s : choisissez un dossier hors de %s, sinon les modèles vides seraient importés avec les données", dir, cfg.DataDir)}
			}
			school := cfg.YearBoundary == "school"
			if year == 0 {
				year = currentYear(time.Now(), school)
			}
			store, err := pipeline.OpenStoreReadOnly(cmd.Context(), cfg.Database)
			if err != nil {
				return err
			}
			if store != nil {
				defer store.Close()
			}
			actions, err := newImporter(store, cfg, nil).Catalogue(cmd.Context(), year)
			if err != nil {
				return err
			}
			paths, err := collect.Write(dir, collect.Options{Year: year, School: school, Actions: actions})
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			first, last := pipeline.YearDates(year, school)
			fmt.Fprintf(out, "Modèles %d (dates du %s au %s) :\n", year, first.Format("02/01/2006"), last.Format("02/01/2006"))
			for _, p := range paths {
				fmt.Fprintf(out, "  %s\n", p)
			}
			if len(actions) == 0 {
				fmt.Fprintf(out, "Aucun catalogue %d dans la base (%s) : la colonne action n'a pas de liste déroulante.\n"+
					"Importez d'abord le catalogue (greencity import %s/%d/actions.xlsx) puis relancez greencity template pour l'avoir.\n",
					year, cfg.Database, cfg.DataDir, year)
			} else {
				fmt.Fprintf(out, "Liste des actions : %s du catalogue %d.\n", plural(len(actions), "action", "actions"), year)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&year, "year", 0, "`année` des modèles (défaut : l'année en cours)")
	return cmd
}

// currentYear is the year of the pipeline that today belongs to: the
// calendar year, or the school year ending in the next summer (from 1 Sept
// 2025 on, 2026).
func currentYear(now time.Time, school bool) int {
	if school && now.Month() >= time.September {
		return now.Year() + 1
	}
	return now.Year()
}

// oneFolder requires exactly one folder.
func oneFolder(cmd *cobra.Command, args []string) error {
	switch {
	case len(args) == 0:
		return usageError{fmt.Errorf("précisez le dossier où écrire les modèles, par exemple : greencity %s modeles/2026", cmd.Name())}
	case len(args) > 1:
		return usageError{fmt.Errorf("greencity %s prend un seul dossier (reçu : %d arguments) ; voir greencity %s --help", cmd.Name(), len(args), cmd.Name())}
	}
	return nil
}
