package queries_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"testing"
	"testing/fstest"

	"github.com/cmq-greencity/greencity/queries"
)

// sha256File is what sha256sum prints for the file at path.
func sha256File(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// TestLoad_shippedHeaders: every shipped indicator says its numerator and
// denominator in words, and its SHA256 is what sha256sum gives for its file
// in the sources, as the methods annex tells an auditor to check.
func TestLoad_shippedHeaders(t *testing.T) {
	all, err := queries.Load(queries.FS)
	if err != nil {
		t.Fatalf("Load(FS): %v", err)
	}
	for _, ind := range all {
		if ind.Numerator == "" || ind.Denominator == "" {
			t.Errorf("%s: numerator %q, denominator %q; want both said in words", ind.File, ind.Numerator, ind.Denominator)
		}
		if want := sha256File(t, ind.File); ind.SHA256 != want {
			t.Errorf("%s: SHA256 = %s, want %s (sha256sum of the file)", ind.File, ind.SHA256, want)
		}
	}
}

func TestLoad_headersOptional(t *testing.T) {
	fsys := fstest.MapFS{"indicators/x.sql": {Data: []byte("-- id: x\n-- label: X\n-- version: 1\n-- definition: d\n-- numerator: des filles\nselect 1\n")}}
	all, err := queries.Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got := all[0]; got.Numerator != "des filles" || got.Denominator != "" {
		t.Errorf("Load: numerator %q, denominator %q; want \"des filles\" and none", got.Numerator, got.Denominator)
	}
}

func TestStagingDigests(t *testing.T) {
	got, err := queries.StagingDigests(queries.FS)
	if err != nil {
		t.Fatalf("StagingDigests: %v", err)
	}
	if len(got) == 0 {
		t.Fatal("StagingDigests(FS): no file")
	}
	for _, d := range got {
		if want := sha256File(t, d.Path); d.SHA256 != want {
			t.Errorf("%s: SHA256 = %s, want %s (sha256sum of the file)", d.Path, d.SHA256, want)
		}
	}
}
