package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// spreadsheetExts are the files of a year folder that are taken for
// workbooks. Only xlsx is read, but a sheet saved as .ods, .xls or .csv
// beside them is listed too, so that it is refused with a message saying how
// to save it, instead of being skipped while the report goes out without it.
var spreadsheetExts = map[string]bool{".xlsx": true, ".xlsm": true, ".xls": true, ".ods": true, ".csv": true}

// YearFiles lists the workbooks of a year folder (data/2025) in the order
// they must be imported: the catalogue first, since attendance workbooks and
// questionnaires are checked against it. Hidden files and Excel's lock files
// (~$x.xlsx) are skipped.
func YearFiles(dir string) ([]string, error) {
	var first, middle, last []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if path != dir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || strings.HasPrefix(name, "~$") || !spreadsheetExts[strings.ToLower(filepath.Ext(name))] {
			return nil
		}
		switch nameKey(name) {
		case "actions":
			first = append(first, path)
		case "formations":
			middle = append(middle, path)
		default:
			last = append(last, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(last)
	return append(append(first, middle...), last...), nil
}

// ImportYear imports every workbook of a year folder and forgets the files
// imported from it before that are no longer there, so the database follows
// the folder. It goes on past a bad file: the error joins every file's
// problems, and the results say what happened to the others.
func (im *Importer) ImportYear(ctx context.Context, dir string, year int) ([]Result, []string, error) {
	files, err := YearFiles(dir)
	if err != nil {
		return nil, nil, err
	}
	var results []Result
	var errs []error
	present := map[string]bool{}
	for _, f := range files {
		present[im.sourceKey(f)] = true
		r, err := im.ImportFile(ctx, f, year)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		results = append(results, r)
	}
	forgotten, err := im.forgetMissing(ctx, dir, year, present)
	if err != nil {
		errs = append(errs, err)
	}
	return results, forgotten, errors.Join(errs...)
}

// forgetMissing removes what files once imported from dir brought, when they
// are no longer in it.
func (im *Importer) forgetMissing(ctx context.Context, dir string, year int, present map[string]bool) ([]string, error) {
	prefix := strings.TrimSuffix(im.sourceKey(filepath.Join(dir, "x")), "x")
	rows, err := im.Store.DB.QueryContext(ctx, query("sql/year_files.sql"), sql.Named("campus", im.Campus), sql.Named("year", year))
	if err != nil {
		return nil, fmt.Errorf("files imported for %d: %w", year, err)
	}
	var gone []string
	for rows.Next() {
		var f string
		if err := rows.Scan(&f); err != nil {
			rows.Close()
			return nil, fmt.Errorf("files imported for %d: %w", year, err)
		}
		if strings.HasPrefix(f, prefix) && !present[f] {
			gone = append(gone, f)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("files imported for %d: %w", year, err)
	}
	for _, f := range gone {
		err := im.Store.inTx(ctx, func(conn *sql.Conn) error {
			return im.Store.execFile(ctx, conn, "sql/forget_file.sql", sql.Named("campus", im.Campus), sql.Named("source_file", f))
		})
		if err != nil {
			return nil, im.Store.writeError(fmt.Sprintf("l'oubli de %s (retiré du dossier) a été annulé", f), err)
		}
	}
	return gone, nil
}
