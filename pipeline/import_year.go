package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
)

// spreadsheetExts are the files of a year folder that are taken for
// workbooks. Only xlsx is read, but a sheet saved as .ods, .xls or .csv
// beside them is listed too, so that it is refused with a message saying how
// to save it, instead of being skipped while the report goes out without it.
var spreadsheetExts = map[string]bool{".xlsx": true, ".xlsm": true, ".xls": true, ".ods": true, ".csv": true}

// YearFiles lists the workbooks of a year folder (data/2025) in the order
// they must be imported: the catalogue first, since attendance workbooks and
// questionnaires are checked against it. Hidden files and Excel's lock files
// (~$x.xlsx) are skipped. Symbolic links are followed, to folders as to
// files (a participations/ folder kept elsewhere and linked in must not be
// skipped while the report goes out without its rows); a link back to a
// folder that holds it is an error (ErrLinkLoop), and so is a link that
// leads nowhere (ErrBrokenLink).
func YearFiles(dir string) ([]string, error) {
	var first, middle, last []string
	err := walkFiles(dir, nil, func(path string) {
		name := filepath.Base(path)
		if strings.HasPrefix(name, "~$") || !spreadsheetExts[strings.ToLower(filepath.Ext(name))] {
			return
		}
		switch nameKey(name) {
		case "actions":
			first = append(first, path)
		case "formations":
			middle = append(middle, path)
		default:
			last = append(last, path)
		}
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(last)
	return append(append(first, middle...), last...), nil
}

// walkFiles calls fn for each file under dir, in lexical order, skipping
// hidden files and folders, and following symbolic links (filepath.WalkDir
// does not). ancestors are the real paths of the folders being walked,
// which a link must not lead back to.
func walkFiles(dir string, ancestors []string, fn func(path string)) error {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return linkError(dir, err)
	}
	if slices.Contains(ancestors, real) {
		return fmt.Errorf("%s : %w : ce lien mène à %s, un dossier qui le contient ; remplacez-le par le dossier lui-même ou faites-le pointer ailleurs", dir, ErrLinkLoop, real)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	ancestors = append(ancestors, real)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			st, err := os.Stat(path)
			if err != nil {
				return linkError(path, err)
			}
			isDir = st.IsDir()
		}
		if !isDir {
			fn(path)
			continue
		}
		if err := walkFiles(path, ancestors, fn); err != nil {
			return err
		}
	}
	return nil
}

// linkError tells why the symbolic link at path cannot be followed.
func linkError(path string, err error) error {
	target, lerr := os.Readlink(path)
	switch {
	case lerr != nil:
		return err
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s : %w : il mène à %s, qui n'existe pas ; recréez le lien ou retirez-le", path, ErrBrokenLink, target)
	case errors.Is(err, syscall.ELOOP):
		return fmt.Errorf("%s : %w : il mène à %s, qui mène de lien en lien sans fin ; remplacez-le par le dossier ou le fichier lui-même", path, ErrLinkLoop, target)
	}
	return err
}

// ImportYear imports every workbook of a year folder (ImportFiles: read on
// every core, written one by one) and forgets the files imported from it
// before that are no longer there, so the database follows the folder. It goes on past a bad file: the error joins every file's
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
	}
	im.ImportFiles(ctx, files, year, func(r Result, err error) {
		if err != nil {
			errs = append(errs, err)
			return
		}
		results = append(results, r)
	})
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
