package cli

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteAtomically_failure leaves the previous report in place, and no
// temporary file beside it, when the new one cannot be written whole.
func TestWriteAtomically_failure(t *testing.T) {
	dir := t.TempDir()
	dst := filepath.Join(dir, "index.html")
	if err := os.WriteFile(dst, []byte("rapport précédent"), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := errors.New("rendu impossible")
	err := writeAtomically(dst, ".index-*.html", func(w io.Writer) error {
		if _, err := io.WriteString(w, "<!DOCTYPE html> la moitié"); err != nil {
			return err
		}
		return broken
	})
	if !errors.Is(err, broken) {
		t.Errorf("writeAtomically = %v, want %v", err, broken)
	}
	if b, err := os.ReadFile(dst); err != nil || string(b) != "rapport précédent" {
		t.Errorf("index.html = %q (%v), want the previous report untouched", b, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("folder holds %d files, want index.html alone", len(entries))
	}
}

// TestWriteAtomically_success replaces the file with what was written,
// readable by all as a report to share.
func TestWriteAtomically_success(t *testing.T) {
	dst := filepath.Join(t.TempDir(), "index.html")
	if err := writeAtomically(dst, ".index-*.html", func(w io.Writer) error {
		_, err := io.WriteString(w, "<!DOCTYPE html>")
		return err
	}); err != nil {
		t.Fatalf("writeAtomically: %v", err)
	}
	b, err := os.ReadFile(dst)
	if err != nil || string(b) != "<!DOCTYPE html>" {
		t.Errorf("index.html = %q (%v), want <!DOCTYPE html>", b, err)
	}
	st, err := os.Stat(dst)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o644 {
		t.Errorf("index.html mode %v, want -rw-r--r--", st.Mode().Perm())
	}
}
