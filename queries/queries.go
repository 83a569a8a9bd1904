// Package queries holds the SQL of greencity: one indicator per file under
// indicators/, embedded in the binary so that the pipeline runs with nothing
// but the executable and the spreadsheets.
//
// Every indicator file starts with a header comment that the runner reads:
//
//	-- id: participants
//	-- label: Personnes impactées
//	-- version: 1
//	-- definition: Somme des participants de toutes les animations de l'année.
//
// and ends with a single select that takes the named parameters $campus and
// $year and returns exactly these columns, in this order:
//
//	survey     varchar  survey title for questionnaire figures, else null
//	dimension  varchar  breakdown dimension (public, axe, action, mois, ...), null for the headline
//	category   varchar  breakdown value, null for the headline
//	value      double   the figure (rates are fractions: 0.83, not 83)
//	n          bigint   how many people or rows the figure rests on
//	ci_low     double   lower bound of the 95 % interval, or null
//	ci_high    double   upper bound of the 95 % interval, or null
//	unit       varchar  personnes, animations, établissements, part, ...
//
// A questionnaire indicator may add, after unit, any of the columns of
// Extras, by name: the question a row is about, its wording, the wave, and
// for a figure that compares the same people before and after, how many were
// present in both waves, before only and after only.
//
// A header line "-- interval: wilson" asks the runner to give every row of
// the indicator the 95 % Wilson interval of its share (value = k / n): the
// interval is computed in Go (package stats), once for all indicators, rather
// than written out in SQL in each file.
package queries

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// FS holds the embedded SQL files.
//
//go:embed indicators/*.sql
var FS embed.FS

// Indicator is one indicator file: its header and its SQL text.
type Indicator struct {
	ID         string
	Label      string
	Definition string
	Version    int
	Interval   string // "wilson" or "": the interval the runner adds to each row
	File       string // path inside the fs.FS, for error messages
	SQL        string
}

// Columns are the columns every indicator query must return, in order.
var Columns = []string{"survey", "dimension", "category", "value", "n", "ci_low", "ci_high", "unit"}

// Extras are the optional columns a questionnaire indicator may return after
// Columns, in any order:
//
//	question        varchar  id of the question the row is about
//	question_label  varchar  its wording, as the questionnaire asks it
//	wave            varchar  avant | après, for a figure of one wave
//	pairs           bigint   paired figure: people who answered in both waves
//	pre_only        bigint   paired figure: people who answered before only
//	post_only       bigint   paired figure: people who answered after only
var Extras = []string{"question", "question_label", "wave", "pairs", "pre_only", "post_only"}

// Load reads every indicators/*.sql file of fsys, parses its header and
// returns them sorted by id. Every malformed file is reported, not just the
// first.
func Load(fsys fs.FS) ([]Indicator, error) {
	names, err := fs.Glob(fsys, "indicators/*.sql")
	if err != nil {
		return nil, err
	}
	var out []Indicator
	var errs []error
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ind, err := parse(name, string(b))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, ind)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func parse(name, text string) (Indicator, error) {
	ind := Indicator{File: name, SQL: text}
	sc := bufio.NewScanner(strings.NewReader(text))
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(l, "--") {
			break
		}
		key, val, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(l, "--")), ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		switch strings.TrimSpace(key) {
		case "id":
			ind.ID = val
		case "label":
			ind.Label = val
		case "definition":
			ind.Definition = val
		case "version":
			v, err := strconv.Atoi(val)
			if err != nil {
				return ind, fmt.Errorf("%s:%d: version %q is not a whole number", name, line, val)
			}
			// Version 0 would read as "no version line" below; say what is wrong instead.
			if v < 1 {
				return ind, fmt.Errorf("%s:%d: version %d is not 1 or more", name, line, v)
			}
			ind.Version = v
		case "interval":
			if val != "wilson" {
				return ind, fmt.Errorf("%s:%d: interval %q is not wilson", name, line, val)
			}
			ind.Interval = val
		}
	}
	// A line too long for the scanner would end the header early and be
	// reported as a missing id or label; report the real cause.
	if err := sc.Err(); err != nil {
		return ind, fmt.Errorf("%s:%d: read header: %w", name, line+1, err)
	}
	want := strings.TrimSuffix(path.Base(name), ".sql")
	switch {
	case ind.ID == "":
		return ind, fmt.Errorf("%s:1: header has no \"-- id:\" line", name)
	case ind.ID != want:
		return ind, fmt.Errorf("%s:1: id %q does not match the file name %q", name, ind.ID, want)
	case ind.Label == "":
		return ind, fmt.Errorf("%s:1: header has no \"-- label:\" line", name)
	case ind.Definition == "":
		return ind, fmt.Errorf("%s:1: header has no \"-- definition:\" line", name)
	case ind.Version == 0:
		return ind, fmt.Errorf("%s:1: header has no \"-- version:\" line", name)
	}
	return ind, nil
}
