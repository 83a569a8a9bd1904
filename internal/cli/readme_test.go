package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadme_quickStart reads the README as a newcomer does: its first
// commands are the two that run the demonstration and the tests, then the
// French quick start gives the yearly cycle in six numbered steps, each
// ./greencity line of which names a command that exists with options it
// takes (greencity help COMMAND answers; an unknown option would be refused).
func TestReadme_quickStart(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	first := strings.SplitN(strings.SplitN(readme, "```sh\n", 2)[1], "```", 2)[0]
	lines := strings.Split(strings.TrimSpace(first), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "go run ./cmd/greencity run ") || !strings.HasPrefix(lines[1], "go test ./... ") {
		t.Errorf("README's first commands are %q, want go run ./cmd/greencity run, then go test ./...", lines)
	}
	_, section, ok := strings.Cut(readme, "## Démarrage rapide : le cycle d'une année\n")
	if !ok {
		t.Fatal("README has no « Démarrage rapide : le cycle d'une année »")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	var steps []string
	for _, m := range regexp.MustCompile(`(?m)^# (\d+)\. `).FindAllStringSubmatch(section, -1) {
		steps = append(steps, m[1])
	}
	if want := []string{"1", "2", "3", "4", "5", "6"}; strings.Join(steps, " ") != strings.Join(want, " ") {
		t.Errorf("quick start steps numbered %v, want %v", steps, want)
	}
	commands := regexp.MustCompile(`(?m)^\./greencity (.*?)(?:\s+#.*)?$`).FindAllStringSubmatch(section, -1)
	if len(commands) < 5 {
		t.Fatalf("quick start has %d ./greencity commands, want the cycle's (template, import, check, run)", len(commands))
	}
	root := newRootCmd(noEnv)
	for _, m := range commands {
		args := strings.Fields(m[1])
		cmd, rest, err := root.Find(args)
		if err != nil || cmd == root {
			t.Errorf("quick start: ./greencity %s: no such command (%v)", m[1], err)
			continue
		}
		if err := cmd.ParseFlags(rest); err != nil {
			t.Errorf("quick start: ./greencity %s: %v", m[1], err)
		}
	}
}
