package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/cmq-greencity/greencity/charts"
	"github.com/cmq-greencity/greencity/pipeline"
	"golang.org/x/text/unicode/norm"
)

// Reading a Parquet lake (greencity export --parquet) instead of the
// database: report --lake and indicators --lake. The indicators are those of
// the database, computed by the same SQL over the lake's rows
// (pipeline.OpenLake); --campus all adds the region, all the campuses of the
// lake read as one.

// allCampuses is the value of --campus that asks for every campus of a lake
// and their union.
const allCampuses = "all"

// checkLakeCampus refuses --campus all without --lake: a database holds
// one campus's figures.
func checkLakeCampus(cfg Config, lake string) error {
	if cfg.Campus == allCampuses && lake == "" {
		return usageError{fmt.Errorf("--campus all ne s'emploie qu'avec --lake DOSSIER (un lac Parquet de plusieurs campus)")}
	}
	return nil
}

// regionName is the name the union of campuses is shown under.
func regionName(campuses []string) string {
	if len(campuses) == 1 {
		return "Ensemble (1 campus)"
	}
	return fmt.Sprintf("Ensemble des %d campus", len(campuses))
}

// region holds the figures of one year of every campus of a lake that has
// any, and of their union, with the stores they were read from.
type region struct {
	name     string
	campuses []string
	figures  [][]pipeline.Row // by campus
	union    []pipeline.Row
	// each reads every campus as itself, whole their union as one.
	each, whole *pipeline.Store
}

func (r *region) Close() error {
	return errors.Join(r.each.Close(), r.whole.Close())
}

// computeRegion computes the figures of year of every campus of the lake,
// and of their union, with the small-cell rule applied to each and between
// the union and the campuses (pipeline.WithholdAcrossCampuses).
func computeRegion(ctx context.Context, cfg Config, lake string, year int) (_ *region, err error) {
	campuses, err := pipeline.LakeCampuses(ctx, lake)
	if err != nil {
		return nil, err
	}
	r := &region{name: regionName(campuses)}
	if r.each, err = pipeline.OpenLake(ctx, lake, pipeline.LakeOptions{}); err != nil {
		return nil, err
	}
	if r.whole, err = pipeline.OpenLake(ctx, lake, pipeline.LakeOptions{Region: r.name}); err != nil {
		r.each.Close()
		return nil, err
	}
	defer func() {
		if err != nil {
			r.Close()
		}
	}()
	for _, c := range campuses {
		rows, err := computeFigures(ctx, r.each, c, year, cfg.MinCellSize)
		if err != nil {
			return nil, fmt.Errorf("campus %s : %w", c, err)
		}
		if len(rows) > 0 { // a campus with nothing that year has no column
			r.campuses = append(r.campuses, c)
			r.figures = append(r.figures, rows)
		}
	}
	if r.union, err = computeFigures(ctx, r.whole, r.name, year, cfg.MinCellSize); err != nil {
		return nil, err
	}
	if len(r.union) == 0 {
		return nil, fmt.Errorf("%w pour %d dans le lac %s (campus : %s)", errNoData, year, lake, strings.Join(campuses, ", "))
	}
	r.union = pipeline.WithholdAcrossCampuses(r.union, r.figures, cfg.MinCellSize)
	return r, nil
}

// openLakeCampus opens the lake for the campus of cfg alone.
func openLakeCampus(ctx context.Context, cfg Config, lake string) (*pipeline.Store, error) {
	return pipeline.OpenLake(ctx, lake, pipeline.LakeOptions{Campuses: []string{cfg.Campus}})
}

// lakeCampusRows computes the figures of year of the campus of cfg from
// the lake.
func lakeCampusRows(ctx context.Context, store *pipeline.Store, cfg Config, lake string, year int) ([]pipeline.Row, error) {
	rows, err := computeFigures(ctx, store, cfg.Campus, year, cfg.MinCellSize)
	if err == nil && len(rows) == 0 {
		err = fmt.Errorf("%w pour %d dans le lac %s (campus %q)", errNoData, year, lake, cfg.Campus)
	}
	return rows, err
}

// lakeIndicators computes the figures that indicators --lake prints: those
// of the campus of cfg, or with --campus all those of the union.
func lakeIndicators(ctx context.Context, cfg Config, lake string, year int) ([]pipeline.Row, error) {
	if cfg.Campus == allCampuses {
		r, err := computeRegion(ctx, cfg, lake, year)
		if err != nil {
			return nil, err
		}
		defer r.Close()
		return r.union, nil
	}
	store, err := openLakeCampus(ctx, cfg, lake)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	return lakeCampusRows(ctx, store, cfg, lake, year)
}

// writeLakeReports writes the reports of report --lake under dir: the
// campus of cfg's, or with --campus all one per campus (dir/<campus>/), the
// union's (dir/ensemble/) and the page that sets them side by side
// (dir/index.html). A lake report has no comparison of years nor
// trajectory: the targets of config.yaml are one campus's, and a region's
// years would escape the small-cell rule between campuses.
func writeLakeReports(ctx context.Context, cfg Config, lake string, year int, dir string, out io.Writer) error {
	cfg.Targets = nil
	now := time.Now()
	if cfg.Campus != allCampuses {
		store, err := openLakeCampus(ctx, cfg, lake)
		if err != nil {
			return err
		}
		defer store.Close()
		rows, err := lakeCampusRows(ctx, store, cfg, lake, year)
		if err != nil {
			return err
		}
		files, err := writeReportOf(ctx, store, cfg, year, rows, now, false, dir, "", nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "Rapport %d de %s (lac %s) : %s\n", year, cfg.Campus, lake, files.HTML)
		return nil
	}
	r, err := computeRegion(ctx, cfg, lake, year)
	if err != nil {
		return err
	}
	defer r.Close()
	page := charts.Regional{Year: year, Region: r.name, Campuses: r.campuses, UnionLink: unionFolder + "/index.html",
		MinCellSize: cfg.MinCellSize, Generated: now.Format("02/01/2006 à 15:04"), Version: Version()}
	for i, c := range r.campuses {
		folder := campusFolder(c)
		cc := cfg
		cc.Campus = c
		files, err := writeReportOf(ctx, r.each, cc, year, r.figures[i], now, false, filepath.Join(dir, folder), "", nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "Rapport %d de %s : %s\n", year, c, files.HTML)
		page.Reports = append(page.Reports, folder+"/index.html")
		page.Figures = append(page.Figures, figuresOf(r.figures[i]))
	}
	cu := cfg
	cu.Campus = r.name
	files, err := writeReportOf(ctx, r.whole, cu, year, r.union, now, false, filepath.Join(dir, unionFolder), "", nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Rapport %d de l'ensemble (%s) : %s\n", year, r.name, files.HTML)
	page.Union = figuresOf(r.union)
	index := filepath.Join(dir, "index.html")
	err = writeAtomically(index, ".index-*.html", func(w io.Writer) error {
		if err := charts.RenderRegional(w, page); err != nil {
			return fmt.Errorf("report %d: %w", year, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Campus côte à côte %d : %s\n", year, index)
	return nil
}

// unionFolder is the folder of the union's report, beside the campuses'.
const unionFolder = "ensemble"

// campusFolder is the folder of a campus's report: its name in lower case,
// without accents, with a dash for every run of other characters ("CMQ
// Green City BFC" is cmq-green-city-bfc), never the union's.
func campusFolder(campus string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(campus) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(unicode.ToLower(r))
			dash = false
		default:
			dash = true
		}
	}
	name := b.String()
	if name == "" || name == unionFolder {
		name = "campus-" + name
	}
	return name
}

// defaultLakeDir is where report --lake writes when --out is not given:
// report_dir/lac/<year>, or for one campus report_dir/lac/<year>/<campus>.
func defaultLakeDir(cfg Config, year int) string {
	dir := filepath.Join(cfg.ReportDir, "lac", strconv.Itoa(year))
	if cfg.Campus != allCampuses {
		dir = filepath.Join(dir, campusFolder(cfg.Campus))
	}
	return dir
}
