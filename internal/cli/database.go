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
