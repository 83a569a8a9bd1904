package pipeline_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"regexp"
	"testing"
)

// rewriteParts rewrites the parts of an xlsx file through edit, which gets
// each part's name and content and returns the new content: the way to
// plant, in a workbook written by excelize, what only other software or a
// damaged file would contain.
func rewriteParts(tb testing.TB, path string, edit func(name string, body []byte) []byte) {
	tb.Helper()
	content, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write(edit(f.Name, body)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// replaceInPart applies a regular expression replacement to one part.
func replaceInPart(tb testing.TB, path, part, re, repl string) {
	tb.Helper()
	rx := regexp.MustCompile(re)
	found := false
	rewriteParts(tb, path, func(name string, body []byte) []byte {
		if name != part {
			return body
		}
		if !rx.Match(body) {
			tb.Fatalf("%s: %s has no match for %s", path, part, re)
		}
		found = true
		return rx.ReplaceAll(body, []byte(repl))
	})
	if !found {
		tb.Fatalf("%s: no part %s", path, part)
	}
}
