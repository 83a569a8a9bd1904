package pipeline

import (
	"io/fs"
	"strings"
	"testing"
)

// TestStatements_OneEach checks that every embedded SQL file splits into
// statements of exactly one statement each: a multi-statement Exec that
// fails part-way leaves the statements before it committed (FACTS.md).
func TestStatements_OneEach(t *testing.T) {
	files, err := fs.Glob(sqlFS, "*/*.sql")
	if err != nil || len(files) < 5 {
		t.Fatalf("embedded SQL files: %v, %v", files, err)
	}
	for _, name := range files {
		stmts := statements(name)
		if len(stmts) == 0 {
			t.Errorf("%s: no statement", name)
		}
		for i, s := range stmts {
			var lines []string
			for _, l := range strings.Split(s, "\n") {
				l, _, _ = strings.Cut(l, "--") // a comment may say "a; b"
				lines = append(lines, l)
			}
			body := strings.TrimSpace(strings.Join(lines, "\n"))
			if strings.Count(body, ";") != 1 || !strings.HasSuffix(body, ";") {
				t.Errorf("%s, statement %d holds %d statements:\n%s", name, i+1, strings.Count(body, ";"), body)
			}
		}
	}
}
