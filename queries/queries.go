// Package queries holds the SQL of greencity: one indicator per file under
// indicators/, and the staging views they read under staging/, embedded in
// the binary so that the pipeline runs with nothing but the executable and
// the spreadsheets.
//
// Every indicator file starts with a header comment that the runner reads:
//
//	-- id: participants
//	-- label: Personnes impactées
//	-- version: 1
//	-- definition: Somme des participants de toutes les animations de l'année.
//	-- numerator: Participants de chaque groupe, additionnés.
//	-- denominator: Aucun : un comptage.
//
// The numerator and denominator lines say in words what the figure divides
// (or counts): the methods annex of the report lists them beside the n and
// the version, for an auditor. They may be absent from a file of tests; the
// shipped files all have them (TestLoad_shippedHeaders).
//
// The version is raised by hand when a change of the file moves a figure;
// the annex gives beside it the SHA-256 of the file as embedded (SHA256),
// which any change changes, and which an auditor checks with sha256sum on
// the file of the greencity version the report names.
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
// An indicator may add, after unit, any of the columns of Extras, by name:
// the question a row is about, its wording, the wave, for a figure that
// compares the same people before and after, how many were present in both
// waves, before only and after only, and for a share computed on part of the
// whole it describes, its coverage.
//
// A header line "-- interval: wilson" asks the runner to give every row of
// the indicator the 95 % Wilson interval of its share (value = k / n): the
// interval is computed in Go (package stats), once for all indicators, rather
// than written out in SQL in each file.
//
// # Staging views
//
// The indicators do not clean the imported tables themselves: they read the
// views of staging/ (dbt's staging models), where each cleaning rule is
// written once. A file staging/stg_<name>.sql starts with a header
//
//	-- id: stg_participations
//	-- definition: One row per attendance row ... (for developers: never shown)
//
// and holds one plain select, with no parameter: CreateStaging wraps it as
// "create or replace temp view stg_<name> as ...", the name coming from the
// file name, never from a spreadsheet. A view cannot take $campus and $year,
// so every view keeps the campus and year columns of its rows and an
// indicator filters them: "from stg_participations where campus = $campus
// and year = $year". DuckDB inlines a view into the query that reads it, so
// the filter still applies before any join or aggregate of the view.
//
// A view may read another: CreateStaging creates each after the views it
// reads (the names after a from or a join of its text). Load follows the
// views down to the imported tables each indicator reads (Indicator.Reads),
// whose files the workbook lists as the sources of its figures: a view reads
// only what all of its readers need, which is why the catalogue is joined
// in stg_participations_catalogued and not in stg_participations.
//
// The views are temporary, created on the connection that is about to run
// the indicators (pipeline.Compute) rather than stored in the database file:
//   - a database opened read-only (the check command, OpenStoreReadOnly)
//     cannot take a "create view", but a temporary one lives in memory and
//     works there too;
//   - nothing but imported rows and recorded figures is written to the
//     evaluator's file, and a file written by an older greencity never holds
//     views that an upgrade would have to replace;
//   - creating them only binds their text: they cost nothing to create
//     again for each computation.
//
// The price is that a temporary view exists on one connection only: whoever
// runs an indicator must run CreateStaging on the same connection first (a
// *sql.Conn, or a *sql.DB limited to one connection in tests).
//
// A staging view has no version of its own: a change that moves a figure
// bumps the "-- version:" of every indicator that reads the view.
package queries

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// FS holds the embedded SQL files: indicators/*.sql, staging/*.sql and
// sheets/*.sql (sheets.go).
//
//go:embed indicators/*.sql staging/*.sql sheets/*.sql
var FS embed.FS

// Indicator is one indicator file: its header and its SQL text.
type Indicator struct {
	ID         string
	Label      string
	Definition string
	Version    int
	Interval   string // "wilson" or "": the interval the runner adds to each row
	// Numerator and Denominator say in words what the figure divides, for
	// the methods annex; "" when the file does not say.
	Numerator, Denominator string
	File                   string // path inside the fs.FS, for error messages
	SQL                    string
	// SHA256 is the hex SHA-256 of the file's bytes: what `sha256sum
	// queries/indicators/<id>.sql` prints in the sources of this greencity.
	SHA256 string
	// Reads are the tables the indicator reads, directly or through the
	// staging views of its fs.FS, sorted: the imported tables, so that a
	// reader of the figures can be told which files they come from.
	Reads []string
	// FollowsScope tells that the indicator reads the scope of the report
	// through the staging views (Scope): restricted to one programme's or
	// funder's actions when the report is. One that does not, such as the
	// attractiveness of the training programmes, is about the whole campus.
	FollowsScope bool
}

// Columns are the columns every indicator query must return, in order.
var Columns = []string{"survey", "dimension", "category", "value", "n", "ci_low", "ci_high", "unit"}

// Extras are the optional columns an indicator may return after
// Columns, in any order:
//
//	question        varchar  id of the question the row is about
//	question_label  varchar  its wording, as the questionnaire asks it
//	wave            varchar  avant | après, for a figure of one wave
//	pairs           bigint   paired figure: people who answered in both waves
//	pre_only        bigint   paired figure: people who answered before only
//	post_only       bigint   paired figure: people who answered after only
//	coverage        double   a share whose n is a part of the whole it
//	                         describes (the groups where a count was given):
//	                         n over that whole, 0 to 1
var Extras = []string{"question", "question_label", "wave", "pairs", "pre_only", "post_only", "coverage"}

// Load reads every indicators/*.sql file of fsys, parses its header and
// returns them sorted by id, with the tables each reads through the staging
// views of fsys. Every malformed file is reported, not just the first, and
// so is a malformed staging file.
func Load(fsys fs.FS) ([]Indicator, error) {
	out, err := parseFiles(fsys, "indicators/*.sql", parse)
	views, verr := loadStaging(fsys)
	if err := errors.Join(err, verr); err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Reads = tablesOf(refsOf(out[i].SQL), views)
		out[i].FollowsScope = followsScope(refsOf(out[i].SQL), views)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// parseFiles reads the files of fsys that match pattern and parses each
// with parse. Every file that fails is reported, not just the first.
func parseFiles[T any](fsys fs.FS, pattern string, parse func(name, text string) (T, error)) ([]T, error) {
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		return nil, err
	}
	var out []T
	var errs []error
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		v, err := parse(name, string(b))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, v)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

func parse(name, text string) (Indicator, error) {
	sum := sha256.Sum256([]byte(text))
	ind := Indicator{File: name, SQL: text, SHA256: hex.EncodeToString(sum[:])}
	header, readErr := readHeader(name, text)
	for _, h := range header {
		line, val := h.line, h.val
		switch h.key {
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
		case "numerator":
			ind.Numerator = val
		case "denominator":
			ind.Denominator = val
		case "interval":
			if val != "wilson" {
				return ind, fmt.Errorf("%s:%d: interval %q is not wilson", name, line, val)
			}
			ind.Interval = val
		}
	}
	if readErr != nil {
		return ind, readErr
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

// headerLine is one "-- key: value" line of the comments that open a SQL
// file, with its line number.
type headerLine struct {
	key, val string
	line     int
}

// readHeader returns the "-- key: value" lines of the comments that open
// text, up to its first line that is not a comment; name is the file, for
// errors. The lines read before a failure are returned with the error, so
// that a caller reports a bad line above it first, as it would have met it.
func readHeader(name, text string) ([]headerLine, error) {
	sc := bufio.NewScanner(strings.NewReader(text))
	line := 0
	var out []headerLine
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
		out = append(out, headerLine{key: strings.TrimSpace(key), val: strings.TrimSpace(val), line: line})
	}
	// A line too long for the scanner would end the header early and be
	// reported as a missing id or label; report the real cause.
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("%s:%d: read header: %w", name, line+1, err)
	}
	return out, nil
}
