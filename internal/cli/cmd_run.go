package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/spf13/cobra"
)

func (a *app) newRunCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "run",
		Aliases: []string{"lancer"},
		Short:   "Importe les années configurées, calcule les indicateurs et écrit les rapports",
		Long: `Importe chaque dossier d'année de data_dir (data/2025/...), calcule les indicateurs
et écrit report/<année>/index.html. Un fichier inchangé n'est pas relu ; un fichier
modifié remplace ce qu'il avait apporté ; un fichier retiré du dossier est oublié.
Si un fichier est refusé, ses problèmes sont listés et aucun rapport n'est écrit.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			return run(cmd.Context(), cfg, a.findChromium, cmd.OutOrStdout(), newImportProgress(cmd.ErrOrStderr()))
		},
	}
}

func run(ctx context.Context, cfg Config, findChromium func() (string, error), out io.Writer, progress *importProgress) (err error) {
	years, err := configuredYears(cfg)
	if err != nil {
		return err
	}
	// A logo that cannot be shown stops the run before anything is done.
	if err := checkLogos(cfg); err != nil {
		return err
	}
	store, err := pipeline.OpenStore(ctx, cfg.Database)
	if err != nil {
		return err
	}
	defer closeWritten(ctx, store, &err)
	im := newImporter(store, cfg, progress)
	for _, dir := range unlistedYearDirs(cfg) {
		fmt.Fprintf(out, "  note : le dossier %s n'est pas dans la liste years de la configuration : il n'est pas importé\n", dir)
	}
	var failed []error
	for _, y := range years {
		dir := filepath.Join(cfg.DataDir, strconv.Itoa(y))
		started, err := store.StartRun(ctx, cfg.Campus, y, time.Now())
		if err != nil {
			return err
		}
		results, forgotten, err := im.ImportYear(ctx, dir, y)
		progress.done()
		printResults(out, results)
		for _, f := range forgotten {
			fmt.Fprintf(out, "  oublié     %s (retiré du dossier)\n", f)
		}
		refused := 0
		if err != nil {
			failed = append(failed, err)
			refused = 1
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				refused = len(j.Unwrap())
			}
		}
		if err := store.FinishRun(ctx, cfg.Campus, y, started, refused, time.Now()); err != nil {
			return err
		}
	}
	if err := forgetRemovedYears(ctx, im, cfg, out); err != nil {
		return err
	}
	if len(failed) > 0 {
		return fmt.Errorf("des fichiers ont été refusés ; corrigez-les puis relancez (les rapports n'ont pas été écrits) :\n%w", errors.Join(failed...))
	}
	// Every programme and funder of reports is found in the catalogues
	// before any report is written.
	scopes, err := configuredScopes(ctx, store, cfg)
	if err != nil {
		return err
	}
	// The PDFs are printed when a Chromium is there to print them.
	chromium, noPDF := findChromium()
	if noPDF != nil {
		chromium = ""
	}
	for _, y := range years {
		files, rows, err := writeReport(ctx, store, cfg, y, filepath.Join(cfg.ReportDir, strconv.Itoa(y)), chromium, out)
		if err != nil {
			return err
		}
		fmt.Fprintln(out)
		files.print(out, y)
		printHeadlines(out, rows)
	}
	// The reports of programmes and funders are those of the latest year:
	// funders ask for the year just ended; report --programme (or --funder)
	// writes an earlier year's.
	if len(scopes) > 0 {
		fmt.Fprintln(out)
	}
	last := slices.Max(years)
	for _, sc := range scopes {
		// A programme or funder absent from the year's catalogue has no
		// report, rather than one of empty pages.
		if len(sc.actions.InYear(last)) == 0 {
			fmt.Fprintf(out, "%s %d : aucune action au catalogue %d, pas de rapport\n", sc.title(), last, last)
			continue
		}
		dir := filepath.Join(cfg.ReportDir, strconv.Itoa(last), sc.req.folder())
		files, _, err := writeScopedReport(ctx, store, cfg, last, sc, dir, chromium)
		if err != nil {
			return fmt.Errorf("rapport %s %d : %w", sc.title(), last, err)
		}
		files.printScoped(out, last, sc)
	}
	if noPDF != nil {
		fmt.Fprintf(out, "\nPDF non écrit%s : %v\n", s(len(years)), noPDF)
	}
	return nil
}

var yearName = regexp.MustCompile(`^(19|20)\d\d$`)

// configuredYears is the years key, or every year folder of data_dir.
func configuredYears(cfg Config) ([]int, error) {
	if st, err := os.Stat(cfg.DataDir); err != nil || !st.IsDir() {
		// Most often greencity was started from another folder than the
		// project's, where config.yaml and data/ are.
		wd, _ := os.Getwd()
		return nil, &ConfigError{Key: "data_dir", Value: cfg.DataDir, Err: fmt.Errorf(
			"ce dossier n'existe pas (dossier courant : %s) ; lancez greencity depuis le dossier qui contient config.yaml et data/, ou précisez --config ou --data-dir", wd)}
	}
	if len(cfg.Years) > 0 {
		for _, y := range cfg.Years {
			dir := filepath.Join(cfg.DataDir, strconv.Itoa(y))
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				return nil, &ConfigError{Key: "years", Value: y, Err: fmt.Errorf("le dossier %s n'existe pas", dir)}
			}
		}
		return cfg.Years, nil
	}
	years, err := yearFolders(cfg.DataDir)
	if err != nil {
		return nil, &ConfigError{Key: "data_dir", Value: cfg.DataDir, Err: err}
	}
	if len(years) == 0 {
		return nil, &ConfigError{Key: "data_dir", Value: cfg.DataDir, Err: errors.New("aucun dossier d'année (comme 2025) dedans")}
	}
	return years, nil
}

// unlistedYearDirs are the year folders of data_dir that the years key
// leaves out: a folder added for a new year is otherwise ignored without a
// word.
func unlistedYearDirs(cfg Config) []string {
	if len(cfg.Years) == 0 {
		return nil
	}
	years, err := yearFolders(cfg.DataDir)
	if err != nil {
		return nil
	}
	var out []string
	for _, y := range years {
		if !slices.Contains(cfg.Years, y) {
			out = append(out, filepath.Join(cfg.DataDir, strconv.Itoa(y)))
		}
	}
	return out
}

// yearFolders lists the year folders of dataDir (2025), in order. A
// symbolic link to a folder is followed like the folder itself, and one that
// leads nowhere is an error rather than a year silently left out.
func yearFolders(dataDir string) ([]int, error) {
	entries, err := os.ReadDir(dataDir)
	if err != nil {
		return nil, err
	}
	var years []int
	for _, e := range entries {
		if !yearName.MatchString(e.Name()) {
			continue
		}
		st, err := os.Stat(filepath.Join(dataDir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("le dossier d'année %s ne peut pas être ouvert (lien symbolique cassé ?) : %w", filepath.Join(dataDir, e.Name()), err)
		}
		if st.IsDir() {
			y, _ := strconv.Atoi(e.Name())
			years = append(years, y)
		}
	}
	sort.Ints(years)
	return years, nil
}

// forgetRemovedYears forgets every year of the database whose folder is no
// longer in data_dir, as ImportYear forgets a file removed from its folder:
// the comparison of years then shows that year as missing, not with the
// figures of files that are gone.
func forgetRemovedYears(ctx context.Context, im *pipeline.Importer, cfg Config, out io.Writer) error {
	years, err := im.Store.DataYears(ctx, cfg.Campus)
	if err != nil {
		return err
	}
	for _, y := range years {
		dir := filepath.Join(cfg.DataDir, strconv.Itoa(y))
		if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
			continue
		}
		gone, err := im.ForgetYear(ctx, dir, y)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "  oublié     %d : le dossier %s n'existe plus (%d fichiers)\n", y, dir, len(gone))
	}
	return nil
}

// newImporter is the importer of cfg; progress, when not nil, shows the
// reading of long files.
func newImporter(store *pipeline.Store, cfg Config, progress *importProgress) *pipeline.Importer {
	im := &pipeline.Importer{Store: store, Campus: cfg.Campus, DataDir: cfg.DataDir, SchoolYear: cfg.YearBoundary == "school",
		RespondentKey: cfg.respondentKey, SurveyFormats: cfg.surveyFormats(), Version: Version()}
	if progress != nil {
		im.Progress = progress.update
	}
	return im
}

// respondentKey is the key respondent codes are hashed with: respondent_key
// when set, else the key of the file greencity.key beside the database,
// created on first use. A fresh clone thus imports its questionnaire with no
// setup, and the key never enters the database it protects: the database,
// sent or exported alone, leads back to no one.
func (c Config) respondentKey() ([]byte, error) {
	if c.RespondentKey != "" {
		return []byte(c.RespondentKey), nil
	}
	return pipeline.RespondentKeyFile(filepath.Join(filepath.Dir(c.Database), "greencity.key"))
}

func printResults(out io.Writer, results []pipeline.Result) {
	for _, r := range results {
		if r.Unchanged {
			fmt.Fprintf(out, "  inchangé   %s\n", r.SourceFile)
			continue
		}
		if r.RenamedFrom != "" {
			fmt.Fprintf(out, "  renommé    %s → %s : même contenu, %s, %d importée%s", r.RenamedFrom, r.SourceFile, plural(r.RowsRead, "ligne lue", "lignes lues"), r.RowsImported, s(r.RowsImported))
		} else {
			fmt.Fprintf(out, "  importé    %s : %s, %d importée%s", r.SourceFile, plural(r.RowsRead, "ligne lue", "lignes lues"), r.RowsImported, s(r.RowsImported))
		}
		if r.RowsRejected > 0 {
			fmt.Fprintf(out, ", %d écartée%s", r.RowsRejected, s(r.RowsRejected))
		}
		fmt.Fprintln(out)
		for _, n := range r.Notes {
			fmt.Fprintf(out, "    note : %s\n", n)
		}
	}
}
