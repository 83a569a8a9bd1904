package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// clock is a settable time for importProgress.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// TestImportProgress_Bar feeds the progress of a long read to a bar
// written to a buffer, as it would be to a terminal: nothing in the first
// second, then the file's name and how far its reading went.
func TestImportProgress_Bar(t *testing.T) {
	var buf bytes.Buffer
	c := &clock{time.Date(2026, 1, 15, 10, 0, 0, 0, time.UTC)}
	p := &importProgress{w: &buf, shown: true, now: c.now, delay: time.Second}
	p.update("data/2025/participations/grand.xlsx", 0, 1000)
	c.t = c.t.Add(500 * time.Millisecond)
	p.update("data/2025/participations/grand.xlsx", 100, 1000)
	if buf.Len() != 0 {
		t.Fatalf("bar before the first second: %q, want nothing", buf.String())
	}
	c.t = c.t.Add(time.Second)
	p.update("data/2025/participations/grand.xlsx", 500, 1000)
	got := buf.String()
	if !strings.Contains(got, "lecture de grand.xlsx") || !strings.Contains(got, "50%") {
		t.Fatalf("bar after a second and a half = %q, want the file's name and 50%%", got)
	}
	p.done()
	if p.bar != nil || p.file != "" {
		t.Errorf("after done: bar %v, file %q, want none", p.bar, p.file)
	}
	// The next file gets its own second before a bar.
	buf.Reset()
	p.update("data/2025/participations/petit.xlsx", 10, 20)
	if strings.Contains(buf.String(), "petit.xlsx") {
		t.Errorf("bar of a file just started: %q, want none", buf.String())
	}
}

// TestImportProgress_QuietWhenNotTerminal: written to a buffer or a file
// (a log, a scheduled run), the progress of even a long read writes nothing.
func TestImportProgress_QuietWhenNotTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "log.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	for name, p := range map[string]*importProgress{"buffer": newImportProgress(&buf), "file": newImportProgress(f)} {
		c := &clock{time.Date(2026, 1, 15, 10, 0, 0, 0, time.UTC)}
		p.now = c.now
		for read := int64(0); read <= 1000; read += 100 {
			p.update("data/2025/participations/grand.xlsx", read, 1000)
			c.t = c.t.Add(time.Second)
		}
		p.done()
		if p.shown || p.bar != nil {
			t.Errorf("%s: shown %t, bar %v, want no bar", name, p.shown, p.bar)
		}
	}
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 0 || st.Size() != 0 {
		t.Errorf("progress wrote %q to a buffer and %d bytes to a file, want nothing", buf.String(), st.Size())
	}
}
