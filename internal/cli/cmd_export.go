package cli

import (
	"fmt"

	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/spf13/cobra"
)

func (a *app) newExportCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:     "export --parquet DOSSIER",
		Aliases: []string{"exporter"},
		Short:   "Exporte la base en Parquet, partitionnée par campus et année",
		Long: `Écrit chaque table dont dépendent les indicateurs (catalogue, participations, formations,
questionnaires et réponses, journal des imports) en Parquet compressé zstd, dans
DOSSIER/<table>/campus=<campus>/year=<année>/, avec un _manifest.json par partition.
Les codes des répondants n'y sont que sous leur forme chiffrée (hachée), comme dans la base.
Une partition déjà présente est remplacée en entier ; une exportation interrompue n'en
laisse aucune à moitié écrite.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if dir == "" {
				return usageError{fmt.Errorf("précisez le dossier de l'export, par exemple : greencity export --parquet lac")}
			}
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			store, err := pipeline.OpenStoreReadOnly(cmd.Context(), cfg.Database)
			if err != nil {
				return err
			}
			if store == nil {
				return fmt.Errorf("%s : la base ne contient encore aucune donnée ; importez d'abord (greencity run ou greencity import)", cfg.Database)
			}
			defer store.Close()
			manifests, err := store.ExportParquet(cmd.Context(), dir, Version())
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			for _, m := range manifests {
				fmt.Fprintf(out, "%s campus=%s year=%d : %d lignes\n", m.Table, m.Campus, m.Year, m.Rows)
			}
			fmt.Fprintf(out, "%d partitions écrites dans %s\n", len(manifests), dir)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "parquet", "", "`dossier` où écrire les tables en Parquet")
	return cmd
}
