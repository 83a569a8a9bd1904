package xlsxtest

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// ReadWithLibreOffice opens an xlsx file in LibreOffice (headless), saves
// every sheet as CSV and returns the rows of each sheet by name: what a
// LibreOffice user finds in the workbook. Numbers come out raw, except that
// LibreOffice writes a cell with a percentage format as "83.3333333333333%".
// The test is skipped when LibreOffice is not installed (apt-get install -y
// libreoffice-calc-nogui), unless GREENCITY_REQUIRE_LIBREOFFICE=1.
func ReadWithLibreOffice(tb testing.TB, path string) map[string][][]string {
	tb.Helper()
	return readWithLibreOffice(tb, path, "false")
}

// ShownByLibreOffice is ReadWithLibreOffice with every cell as LibreOffice
// shows it, through its number format, in LibreOffice's default locale
// (en-US here: "0.004", "83.3%", "+1.59").
func ShownByLibreOffice(tb testing.TB, path string) map[string][][]string {
	tb.Helper()
	return readWithLibreOffice(tb, path, "true")
}

// readWithLibreOffice saves every sheet of path as CSV; asShown is the
// CSV filter's "as shown" option, "true" or "false".
func readWithLibreOffice(tb testing.TB, path, asShown string) map[string][][]string {
	tb.Helper()
	out := tb.TempDir()
	// CSV filter options: comma, double quote, UTF-8, from row 1, standard
	// cell formats, ..., "as shown" (formatted numbers) or not (raw), ...,
	// -1: every sheet, each to <file>-<sheet>.csv. A fresh profile keeps
	// runs independent.
	cmd := exec.Command(soffice(tb), "--headless", "--norestore", "-env:UserInstallation=file://"+tb.TempDir(),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,"+asShown+",false,false,-1",
		"--outdir", out, path)
	if b, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("soffice: %v\n%s", err, b)
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	files, err := filepath.Glob(filepath.Join(out, base+"-*.csv"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("LibreOffice wrote no CSV for %s (%v)", path, err)
	}
	sheets := map[string][][]string{}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(b))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil {
			tb.Fatalf("%s: %v", file, err)
		}
		sheets[strings.TrimSuffix(strings.TrimPrefix(filepath.Base(file), base+"-"), ".csv")] = recs
	}
	return sheets
}

// soffice is the path of LibreOffice's command; without it the test is
// skipped, or fails when GREENCITY_REQUIRE_LIBREOFFICE=1.
func soffice(tb testing.TB) string {
	tb.Helper()
	path, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("GREENCITY_REQUIRE_LIBREOFFICE") == "1" {
			tb.Fatal("soffice not found and GREENCITY_REQUIRE_LIBREOFFICE=1: apt-get install -y libreoffice-calc-nogui")
		}
		tb.Skip("LibreOffice not installed: apt-get install -y libreoffice-calc-nogui")
	}
	return path
}
