package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/cmq-greencity/greencity/pipeline"
)

// openReading opens the database read-only, for the commands that only read
// it (indicators, targets, and report on a database it cannot write): they
// work on a file the evaluator may not write, a copy received read-only or
// a database on a read-only medium, and change nothing in it.
func openReading(ctx context.Context, cfg Config) (*pipeline.Store, error) {
	store, err := pipeline.OpenStoreReadOnly(ctx, cfg.Database)
	if err != nil {
		return nil, err
	}
	if store == nil {
		return nil, fmt.Errorf("%w dans %s (campus %q) : lancez d'abord greencity run ou greencity import", errNoData, cfg.Database, cfg.Campus)
	}
	return store, nil
}

// closeWritten ends a command that wrote to the database: it checkpoints,
// so that the database file alone holds what was written (not its .wal
// journal), then closes. A failure of either is added to *err: the command
// must not pass for a success.
func closeWritten(ctx context.Context, store *pipeline.Store, err *error) {
	cerr := store.Checkpoint(ctx)
	if e := store.Close(); cerr == nil && e != nil {
		cerr = fmt.Errorf("fermeture de la base : %w", e)
	}
	if cerr != nil {
		*err = errors.Join(*err, cerr)
	}
}

// errIncompleteRun means the last `greencity run` of a year did not end, or
// refused files: the year's rows are not those of its folder.
var errIncompleteRun = errors.New("données de l'année incomplètes")

// checkLastRun refuses to show the figures of a year whose last run was
// killed part way (some of its files imported, others not) or refused files
// (their rows are those of an older version, or none): a report or a figure
// from it would be wrong without a word. A year never imported by run (only
// by import) is not judged.
func checkLastRun(ctx context.Context, store *pipeline.Store, cfg Config, year int) error {
	r, err := store.LastRun(ctx, cfg.Campus, year)
	if err != nil || r == nil {
		return err
	}
	when := r.Started.Local().Format("02/01/2006 à 15:04")
	switch {
	case !r.Finished:
		return fmt.Errorf("%w : la dernière exécution de greencity run pour %d, commencée le %s, ne s'est pas terminée (arrêtée ou interrompue en cours d'import) ; relancez greencity run", errIncompleteRun, year, when)
	case r.Refused > 0:
		return fmt.Errorf("%w : la dernière exécution de greencity run pour %d, le %s, a refusé %s, dont les lignes ne sont pas celles du dossier ; corrigez-les (greencity check) puis relancez greencity run", errIncompleteRun, year, when, plural(r.Refused, "fichier", "fichiers"))
	}
	return nil
}
