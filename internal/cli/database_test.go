package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestRun_DatabaseFileAlone runs the yearly job and keeps only the database
// file: every write ended with a checkpoint, so no journal (.wal) holding
// data is left beside it, and a copy of the file alone gives the figures.
func TestRun_DatabaseFileAlone(t *testing.T) {
	data := t.TempDir()
	smallYear(t, data)
	h := newHarness(t, data, "2025")
	h.mustRun("run")
	db := h.env["GREENCITY_DATABASE"]
	if st, err := os.Stat(db + ".wal"); err == nil && st.Size() > 0 {
		t.Errorf("after run, %s.wal holds %d bytes, want no journal", db, st.Size())
	}
	content, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	alone := filepath.Join(t.TempDir(), "copie.duckdb")
	if err := os.WriteFile(alone, content, 0o644); err != nil {
		t.Fatal(err)
	}
	h.env["GREENCITY_DATABASE"] = alone
	if v, _, _, _ := h.indicators("2025").find(t, "participants", map[string]string{}); v != 52 {
		t.Errorf("participants from the database file alone = %v, want 52", v)
	}
}

// TestRun_DatabaseNotDuckDB points --database at files that are not a
// DuckDB database: each command says what the file is, in French, and
// leaves it as it was (DuckDB is never asked to open it, so it never tries
// to fetch the extension that would read it).
func TestRun_DatabaseNotDuckDB(t *testing.T) {
	data := t.TempDir()
	smallYear(t, data)
	h := newHarness(t, data, "2025")
	for _, tt := range []struct {
		name, head, what string
	}{
		{"base.sqlite", "SQLite format 3\x00", "un fichier SQLite"},
		{"base.duckdb", "PK\x03\x04\x14\x00\x06\x00", "une archive zip (un classeur xlsx ?)"},
		{"notes.duckdb", "des notes de réunion, pas une base", "un fichier d'un autre type"},
	} {
		db := filepath.Join(t.TempDir(), tt.name)
		content := append([]byte(tt.head), make([]byte, 4096)...)
		if err := os.WriteFile(db, content, 0o644); err != nil {
			t.Fatal(err)
		}
		h.env["GREENCITY_DATABASE"] = db
		want := "greencity : " + db + " n'est pas une base greencity (DuckDB) : c'est " + tt.what +
			" ; indiquez le fichier .duckdb de greencity (clé database), ou un nom de fichier nouveau pour en créer un\n"
		for _, args := range [][]string{{"run"}, {"indicators", "--year", "2025"}, {"report", "--year", "2025"}, {"check", data}} {
			_, errs, code := h.run(args...)
			if code != 1 || errs != want {
				t.Errorf("%s with %s: exit %d, stderr %q\nwant 1 and %q", strings.Join(args, " "), tt.name, code, errs, want)
			}
		}
		if got, _ := os.ReadFile(db); !bytes.Equal(got, content) {
			t.Errorf("%s was changed", tt.name)
		}
		if _, err := os.Stat(db + ".wal"); err == nil {
			t.Errorf("a journal was created beside %s", tt.name)
		}
	}
}

// TestCLIHelperProcess is not a test: it is the greencity command run as a
// child process (with the arguments of GREENCITY_TEST_ARGS, separated by
// newlines), for the tests that run it as another user.
func TestCLIHelperProcess(t *testing.T) {
	args := os.Getenv("GREENCITY_TEST_ARGS")
	if args == "" {
		return
	}
	os.Exit(Run(context.Background(), strings.Split(args, "\n"), os.Stdout, os.Stderr))
}

// TestReadingCommands_ReadOnlyDatabase runs indicators and report on a
// database the user cannot write (a 0444 file in a 0555 folder): both read
// it and succeed, the report says its figures could not be recorded, and
// the file is left byte for byte as it was. Root ignores file permissions,
// so as root the commands run as the user nobody.
func TestReadingCommands_ReadOnlyDatabase(t *testing.T) {
	root, err := os.MkdirTemp("", "greencity-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.Walk(root, func(p string, _ os.FileInfo, _ error) error { os.Chmod(p, 0o755); return nil })
		os.RemoveAll(root)
	})
	for _, d := range []string{root, filepath.Join(root, "db"), filepath.Join(root, "out")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		os.Chmod(d, 0o755)
	}
	os.Chmod(filepath.Join(root, "out"), 0o777)
	data := filepath.Join(root, "data")
	smallYear(t, data)
	db := filepath.Join(root, "db", "test.duckdb")
	h := newHarness(t, data, "2025")
	h.env["GREENCITY_DATABASE"] = db
	h.mustRun("run")
	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Dir(db), 0o555); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, db)
	cfg := filepath.Join(root, "config.yaml")
	if err := os.WriteFile(cfg, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	bin, cred := os.Args[0], (*syscall.Credential)(nil)
	if os.Geteuid() == 0 {
		bin, cred = filepath.Join(root, "cli.test"), &syscall.Credential{Uid: 65534, Gid: 65534}
		b, err := os.ReadFile(os.Args[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(bin, b, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	as := func(args ...string) (string, string, int) {
		t.Helper()
		cmd := exec.Command(bin, "-test.run=^TestCLIHelperProcess$")
		cmd.Env = append(os.Environ(), "GREENCITY_TEST_ARGS="+strings.Join(append(args, "--config", cfg), "\n"),
			"GREENCITY_DATABASE="+db, "GREENCITY_DATA_DIR="+data, "GREENCITY_YEARS=2025", "HOME="+filepath.Join(root, "out"))
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		var out, errs bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errs
		if err := cmd.Start(); err != nil {
			t.Skipf("cannot start a helper process as an unprivileged user here: %v", err)
		}
		code := 0
		if err := cmd.Wait(); err != nil {
			code = cmd.ProcessState.ExitCode()
		}
		return out.String(), errs.String(), code
	}

	out, errs, code := as("indicators", "--year", "2025", "--format", "json")
	var doc indicatorsDoc
	if code != 0 || json.Unmarshal([]byte(out), &doc) != nil {
		t.Fatalf("indicators on a read-only database: exit %d\n%s%s", code, out, errs)
	}
	if v, _, _, _ := doc.find(t, "participants", map[string]string{}); v != 52 {
		t.Errorf("participants = %v, want 52", v)
	}
	if _, errs, code := as("indicators", "--year", "all"); code != 0 {
		t.Errorf("indicators --year all on a read-only database: exit %d\n%s", code, errs)
	}
	if _, errs, code := as("targets"); code != 0 {
		t.Errorf("targets on a read-only database: exit %d\n%s", code, errs)
	}
	reportDir := filepath.Join(root, "out", "2025")
	out, errs, code = as("report", "--year", "2025", "--out", reportDir)
	want := "  note : la base " + db + " est en lecture seule : le rapport est écrit, mais ses chiffres ne sont pas enregistrés pour la comparaison des années\n" +
		"Rapport 2025 : " + filepath.Join(reportDir, "index.html") + "\n" +
		"Classeur 2025 : " + filepath.Join(reportDir, "indicateurs.xlsx") + "\n"
	if code != 0 || out != want {
		t.Errorf("report on a read-only database: exit %d\n%s%s\nwant 0 and\n%s", code, out, errs, want)
	}
	if _, err := os.Stat(filepath.Join(reportDir, "index.html")); err != nil {
		t.Errorf("report on a read-only database: %v", err)
	}
	if fileSum(t, db) != before {
		t.Errorf("the read-only database was changed")
	}
}
