package lang

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// Some texts reach a report already written in French: the notes that
// package pipeline stores with each figure in the database ("petit
// échantillon (12 répondants, moins de 30) : à lire avec prudence") and the
// reasons package targets gives. They are written from the section
// "notes" of fr.toml (Notes), so Reword can read them back: it finds the
// French message a text was made from, and writes the same message, with
// the same values, in the printer's language.

// notesSection is the section of the catalogues whose French messages
// Reword recognises.
const notesSection = "notes"

// notePattern is one French message of the section notes, as a regular
// expression whose named groups are its placeholders.
type notePattern struct {
	id    string
	re    *regexp.Regexp
	names []string
}

// placeholder is {{.Name}} in a message.
var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// readNotes makes the patterns of the French notes.
func readNotes() ([]notePattern, error) {
	buf, err := catalogues.ReadFile(French + ".toml")
	if err != nil {
		return nil, err
	}
	var raw map[string]any
	if err := toml.Unmarshal(buf, &raw); err != nil {
		return nil, fmt.Errorf("catalogue %s.toml: %w", French, err)
	}
	section, _ := raw[notesSection].(map[string]any)
	ids := make([]string, 0, len(section))
	for id := range section {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var out []notePattern
	for _, id := range ids {
		text, ok := section[id].(string)
		if !ok {
			return nil, fmt.Errorf("catalogue %s.toml: %s.%s: a note has one form, not plural forms", French, notesSection, id)
		}
		var names []string
		var expr strings.Builder
		expr.WriteString("^")
		last := 0
		for _, m := range placeholder.FindAllStringSubmatchIndex(text, -1) {
			expr.WriteString(regexp.QuoteMeta(text[last:m[0]]))
			expr.WriteString("(.+?)")
			names = append(names, text[m[2]:m[3]])
			last = m[1]
		}
		expr.WriteString(regexp.QuoteMeta(text[last:]) + "$")
		re, err := regexp.Compile(expr.String())
		if err != nil {
			return nil, fmt.Errorf("catalogue %s.toml: %s.%s: %w", French, notesSection, id, err)
		}
		out = append(out, notePattern{id: notesSection + "." + id, re: re, names: names})
	}
	return out, nil
}

// Note writes a note of the section notes: what package pipeline and
// package targets store in French, and Reword reads back.
func (p *Printer) Note(id string, args ...any) string {
	return p.T(notesSection+"."+id, args...)
}

// Reword writes in the printer's language a text made of French notes
// joined by " ; ": each part that one of them made is written again from
// the same values, any other part is left as it is. A French printer
// returns the text unchanged.
func (p *Printer) Reword(text string) string {
	if p.code == French || strings.TrimSpace(text) == "" {
		return text
	}
	parts := strings.Split(text, " ; ")
	for i, part := range parts {
		parts[i] = p.rewordPart(part)
	}
	return strings.Join(parts, p.T("list.semicolon"))
}

func (p *Printer) rewordPart(part string) string {
	for _, n := range p.notes {
		m := n.re.FindStringSubmatch(part)
		if m == nil {
			continue
		}
		var args []any
		for i, name := range n.names {
			args = append(args, name, p.rewordPart(m[i+1]))
		}
		return p.T(n.id, args...)
	}
	return part
}

// NoteID returns the id, in the section notes, of the French note that
// made text ("small_sample_pairs"), "" when none did: the report gathers
// some notes of a survey into one caution.
func (p *Printer) NoteID(text string) string {
	for _, n := range p.notes {
		if n.re.MatchString(text) {
			return strings.TrimPrefix(n.id, notesSection+".")
		}
	}
	return ""
}
