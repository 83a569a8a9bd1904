package pipeline_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
)

// The tests below run a second process: this test binary again, told by
// GREENCITY_TEST_CHILD what to do in TestHelperProcess.

// TestHelperProcess is not a test: it is the child process of the tests
// that need one, and does nothing unless GREENCITY_TEST_CHILD is set.
//
//	hold:    open the database GREENCITY_TEST_DB, say "ready", wait for stdin to close
//	import:  import GREENCITY_TEST_FILE into it; when every row is written, say
//	         "written" and wait to be killed before the commit
//	try:     open it and import GREENCITY_TEST_FILE, print the error or "ok"
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv("GREENCITY_TEST_CHILD")
	if mode == "" {
		return
	}
	ctx := context.Background()
	store, err := pipeline.OpenStore(ctx, os.Getenv("GREENCITY_TEST_DB"))
	if err != nil {
		fmt.Println(err)
		os.Exit(0)
	}
	im := &pipeline.Importer{Store: store, Campus: campus, DataDir: os.Getenv("GREENCITY_TEST_DATA")}
	switch mode {
	case "hold":
		fmt.Println("ready")
		io.Copy(io.Discard, os.Stdin)
	case "import":
		pipeline.SetHook(im, func(stage string) {
			fmt.Println(stage)
			time.Sleep(time.Hour) // killed here, before the commit
		})
		_, err := im.ImportFile(ctx, os.Getenv("GREENCITY_TEST_FILE"), 0)
		fmt.Println("not killed:", err)
	case "try":
		if _, err := im.ImportFile(ctx, os.Getenv("GREENCITY_TEST_FILE"), 0); err != nil {
			fmt.Println(err)
		} else {
			fmt.Println("ok")
		}
	}
	store.Close()
	os.Exit(0)
}

// child starts the test binary as a helper process in mode.
func child(t *testing.T, bin, mode string, env ...string) (*exec.Cmd, *bufio.Reader, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(bin, "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), append([]string{"GREENCITY_TEST_CHILD=" + mode}, env...)...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, bufio.NewReader(stdout), stdin
}

// expectLine reads the child's next line, which must be want.
func expectLine(t *testing.T, r *bufio.Reader, want string) {
	t.Helper()
	line, err := r.ReadString('\n')
	if strings.TrimSpace(line) != want {
		t.Fatalf("child said %q (%v), want %q", line, err, want)
	}
}

// figures are what an import must leave as they were when it fails.
func figures(t *testing.T, db string) [][]string {
	t.Helper()
	store, err := pipeline.OpenStore(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	return append(dump(t, store.DB, "select count(*), coalesce(sum(participants), 0), count(distinct source_file) from participations"),
		dump(t, store.DB, "select source_file, sha256, rows_read, rows_imported from imports order by source_file")...)
}

// importOnce imports files into the database at db and closes it.
func importOnce(t *testing.T, db, data string, files ...string) {
	t.Helper()
	store, err := pipeline.OpenStore(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	im := &pipeline.Importer{Store: store, Campus: campus, DataDir: data}
	for _, f := range files {
		if _, err := im.ImportFile(context.Background(), f, 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestImportFile_KilledMidImport kills (SIGKILL) a process importing a
// large workbook once every row is written, just before the commit: the
// database reopens with the figures it had before, and takes imports again.
func TestImportFile_KilledMidImport(t *testing.T) {
	data := t.TempDir()
	db := filepath.Join(t.TempDir(), "test.duckdb")
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	xlsxtest.Write(t, path, goodAttendance())
	importOnce(t, db, data, writeCatalogue(t, data), path)
	before := figures(t, db)
	if before[0][0] != "2" {
		t.Fatalf("participations before = %v, want 2 rows", before)
	}

	// More than one DuckDB row group (122 880 rows), which DuckDB may write
	// to the file before the commit.
	xlsxtest.WriteAttendance(t, path, 130_000, benchActions)
	cmd, out, _ := child(t, os.Args[0], "import", "GREENCITY_TEST_DB="+db, "GREENCITY_TEST_DATA="+data, "GREENCITY_TEST_FILE="+path)
	expectLine(t, out, "written")
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("child exit: %v, want killed", err)
	}

	if d := cmp.Diff(before, figures(t, db)); d != "" {
		t.Errorf("after kill -9 mid-import (-before +after):\n%s", d)
	}
	xlsxtest.Write(t, path, attendance([]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycéens", 27, 12}))
	importOnce(t, db, data, path)
	if got := figures(t, db); got[0][0] != "1" || got[0][1] != "27" {
		t.Errorf("after a new import: %v, want the corrected file's row", got)
	}
}

// TestOpenStore_InUse opens a database another process holds: the message
// names that process.
func TestOpenStore_InUse(t *testing.T) {
	db := filepath.Join(t.TempDir(), "test.duckdb")
	importOnce(t, db, t.TempDir())
	cmd, out, stdin := child(t, os.Args[0], "hold", "GREENCITY_TEST_DB="+db)
	expectLine(t, out, "ready")
	_, err := pipeline.OpenStore(context.Background(), db)
	want := db + " : base de données utilisée par un autre processus (PID " + strconv.Itoa(cmd.Process.Pid) + ", sans doute un autre greencity en cours) ; attendez qu'il se termine ou arrêtez-le, puis relancez"
	if !errors.Is(err, pipeline.ErrInUse) || err.Error() != want {
		t.Errorf("OpenStore = %v\nwant %s", err, want)
	}
	_, err = pipeline.OpenStoreReadOnly(context.Background(), db)
	if !errors.Is(err, pipeline.ErrInUse) {
		t.Errorf("OpenStoreReadOnly = %v, want ErrInUse", err)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	store, err := pipeline.OpenStore(context.Background(), db)
	if err != nil {
		t.Fatalf("OpenStore once the other process ended: %v", err)
	}
	store.Close()
}

// unprivileged returns the path of this test binary that a helper process
// can run with file permissions in force: root ignores them, so as root the
// binary is copied where the user nobody can run it, and credentials are
// given for it.
func unprivileged(t *testing.T, dir string) (string, *syscall.Credential) {
	t.Helper()
	if os.Geteuid() != 0 {
		return os.Args[0], nil
	}
	bin := filepath.Join(dir, "pipeline.test")
	b, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, &syscall.Credential{Uid: 65534, Gid: 65534}
}

// tryAs runs the "try" helper: open db and import file, as an unprivileged
// user, and returns what it printed.
func tryAs(t *testing.T, bin string, cred *syscall.Credential, db, data, file string) string {
	t.Helper()
	cmd := exec.Command(bin, "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "GREENCITY_TEST_CHILD=try", "GREENCITY_TEST_DB="+db, "GREENCITY_TEST_DATA="+data,
		"GREENCITY_TEST_FILE="+file, "HOME="+filepath.Dir(bin))
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		// A temp folder mounted noexec, or no right to change user.
		t.Skipf("cannot start a helper process as an unprivileged user here: %v", err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper: %v\n%s", err, out.String())
	}
	return strings.TrimSpace(out.String())
}

// TestImportFile_ReadOnly imports into a database that cannot be written:
// a read-only file, a read-only folder holding it (DuckDB writes its
// journal beside the file), a read-only folder where it should be created.
// Each aborts with a French message and leaves the database as it was.
func TestImportFile_ReadOnly(t *testing.T) {
	root, err := os.MkdirTemp("", "greencity-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.Walk(root, func(p string, _ os.FileInfo, _ error) error { os.Chmod(p, 0o755); return nil })
		os.RemoveAll(root)
	})
	if err := os.Chmod(root, 0o755); err != nil {
		t.Fatal(err)
	}
	bin, cred := unprivileged(t, root)
	data := filepath.Join(root, "data")
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	xlsxtest.Write(t, path, goodAttendance())
	cat := writeCatalogue(t, data)
	filepath.Walk(data, func(p string, info os.FileInfo, _ error) error {
		if info.IsDir() {
			return os.Chmod(p, 0o755)
		}
		return os.Chmod(p, 0o644)
	})

	// A read-only file.
	roFile := filepath.Join(root, "file", "test.duckdb")
	os.MkdirAll(filepath.Dir(roFile), 0o755)
	importOnce(t, roFile, data, cat)
	before := figures(t, roFile)
	must(t, os.Chmod(roFile, 0o444))
	got := tryAs(t, bin, cred, roFile, data, path)
	want := roFile + " : base de données en lecture seule : le fichier ou son dossier ne peut pas être écrit ; vérifiez les droits, ou choisissez un autre emplacement (clé database)"
	if got != want {
		t.Errorf("read-only file:\n%s\nwant\n%s", got, want)
	}
	if d := cmp.Diff(before, figures(t, roFile)); d != "" {
		t.Errorf("read-only file changed (-before +after):\n%s", d)
	}

	// A writable file in a read-only folder: the import fails at its
	// commit, when DuckDB creates its journal.
	roDir := filepath.Join(root, "dir", "test.duckdb")
	os.MkdirAll(filepath.Dir(roDir), 0o755)
	importOnce(t, roDir, data, cat)
	before = figures(t, roDir)
	must(t, os.Chmod(roDir, 0o666))
	must(t, os.Chmod(filepath.Dir(roDir), 0o555))
	got = tryAs(t, bin, cred, roDir, data, path)
	want = roDir + " : base de données en lecture seule, l'import de " + path + " a été annulé et la base est restée telle qu'elle était ; vérifiez les droits du fichier et de son dossier, ou choisissez un autre emplacement (clé database)"
	if got != want {
		t.Errorf("read-only folder:\n%s\nwant\n%s", got, want)
	}
	must(t, os.Chmod(filepath.Dir(roDir), 0o755))
	if d := cmp.Diff(before, figures(t, roDir)); d != "" {
		t.Errorf("database in a read-only folder changed (-before +after):\n%s", d)
	}

	// No database yet, in a read-only folder.
	none := filepath.Join(root, "none", "test.duckdb")
	os.MkdirAll(filepath.Dir(none), 0o555)
	got = tryAs(t, bin, cred, none, data, path)
	want = none + " : base de données en lecture seule : le fichier ou son dossier ne peut pas être écrit ; vérifiez les droits, ou choisissez un autre emplacement (clé database)"
	if got != want {
		t.Errorf("read-only folder, no database:\n%s\nwant\n%s", got, want)
	}
}

// TestImportFile_DiskFull imports when the disk is full: DuckDB's journal
// is /dev/full, where every write fails with "No space left on device".
func TestImportFile_DiskFull(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full on this system")
	}
	data := t.TempDir()
	db := filepath.Join(t.TempDir(), "test.duckdb")
	path := filepath.Join(data, "2025", "participations", "a.xlsx")
	xlsxtest.Write(t, path, goodAttendance())
	importOnce(t, db, data, writeCatalogue(t, data), path)
	before := figures(t, db)
	if _, err := os.Stat(db + ".wal"); err == nil {
		t.Fatal("DuckDB left its journal after closing: cannot put /dev/full in its place")
	}

	store, err := pipeline.OpenStore(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	must(t, os.Symlink("/dev/full", db+".wal"))
	xlsxtest.Write(t, path, attendance([]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycéens", 27, 12}))
	im := &pipeline.Importer{Store: store, Campus: campus, DataDir: data}
	_, err = im.ImportFile(context.Background(), path, 0)
	want := db + " : disque plein, l'import de " + path + " a été annulé et la base est restée telle qu'elle était ; libérez de la place puis relancez"
	if !errors.Is(err, pipeline.ErrDiskFull) || err.Error() != want {
		t.Errorf("ImportFile on a full disk = %v\nwant %s", err, want)
	}
	store.Close()
	must(t, os.Remove(db+".wal"))
	if d := cmp.Diff(before, figures(t, db)); d != "" {
		t.Errorf("after a full disk (-before +after):\n%s", d)
	}
}
