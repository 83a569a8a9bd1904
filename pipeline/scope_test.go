package pipeline_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/cmq-greencity/greencity/queries"
	"github.com/google/go-cmp/cmp"
)

func TestSplitNames(t *testing.T) {
	cases := []struct {
		cell string
		want []string
	}{
		{"JET Cities, RICET", []string{"JET Cities", "RICET"}},
		{"Net Zero Cities (UE) ; Région BFC", []string{"Net Zero Cities (UE)", "Région BFC"}},
		{"EDF / Dijon Métropole + Région BFC", []string{"EDF", "Dijon Métropole", "Région BFC"}},
		{"RICET\nVIRI", []string{"RICET", "VIRI"}},
		// " et " is no separator, nor a slash or plus inside a word.
		{"Collectif d'entreprises pour une ville durable et bas carbone", []string{"Collectif d'entreprises pour une ville durable et bas carbone"}},
		{"Bac+3/Licence", []string{"Bac+3/Licence"}},
		{" , RICET,, ", []string{"RICET"}},
		{"", nil},
	}
	for _, tc := range cases {
		if got := pipeline.SplitNames(tc.cell); !cmp.Equal(got, tc.want) {
			t.Errorf("SplitNames(%q) = %q, want %q", tc.cell, got, tc.want)
		}
	}
}

// scopeData imports a catalogue of four actions over two years, one line of
// attendance each, into a real DuckDB file.
func scopeData(t *testing.T) *pipeline.Importer {
	t.Helper()
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	xlsxtest.Write(t, filepath.Join(data, "2024", "actions.xlsx"), catalogue(
		[]any{"Fresque du climat", "attractivité", "atelier", "ricet", "Région BFC"},
	))
	xlsxtest.Write(t, filepath.Join(data, "2025", "actions.xlsx"), catalogue(
		[]any{"Fresque du climat", "attractivité", "atelier", "JET Cities, RICET", "Région BFC"},
		// A new line between two names, as Alt+Enter writes it in a cell.
		[]any{"Engagement tour - Lycée", "compétences", "stage", "RICET", "Net Zero Cities (UE)\nRégion BFC"},
		[]any{"Visite du projet RESPONSE", "territoires", "visite", "JET Cities", "Net Zero Cities (UE)"},
		[]any{"Club des réseaux", "compétences", "réunion", "VIRI", "Collectif d'entreprises pour une ville durable et bas carbone"},
	))
	for _, y := range []string{"2024", "2025"} {
		mustImport(t, im, filepath.Join(data, y, "actions.xlsx"))
	}
	xlsxtest.Write(t, filepath.Join(data, "2025", "participations", "suivi.xlsx"), attendance(
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 3, 5), "Lycée Eiffel", "lycéens", 20, 10},
		[]any{"Engagement tour - Lycée", xlsxtest.Serial(2025, 4, 5), "Lycée Carnot", "lycéens", 30, 12},
		[]any{"Visite du projet RESPONSE", xlsxtest.Serial(2025, 5, 5), "Collège Rameau", "collégiens", 40, 20},
		[]any{"Club des réseaux", xlsxtest.Serial(2025, 6, 5), "Lycée Hippolyte Fontaine", "enseignants", 7, 3},
	))
	xlsxtest.Write(t, filepath.Join(data, "2024", "participations", "suivi.xlsx"), attendance(
		[]any{"Fresque du climat", xlsxtest.Serial(2024, 3, 5), "Lycée Eiffel", "lycéens", 11, 5},
	))
	for _, y := range []string{"2024", "2025"} {
		mustImport(t, im, filepath.Join(data, y, "participations", "suivi.xlsx"))
	}
	return im
}

// TestResolveScope checks that a programme or funder is found in every
// year's catalogue however it is written, with the actions it shares.
func TestResolveScope(t *testing.T) {
	im := scopeData(t)
	ctx := context.Background()
	s, err := pipeline.ResolveScope(ctx, im.Store.DB, campus, pipeline.ScopeProgramme, "  Ricet ")
	if err != nil {
		t.Fatalf("ResolveScope(programme Ricet): %v", err)
	}
	want := pipeline.ActionScope{Campus: campus, Kind: pipeline.ScopeProgramme, Name: "RICET", Actions: []pipeline.ScopedAction{
		{Year: 2024, Key: "fresqueduclimat", Name: "Fresque du climat"},
		{Year: 2025, Key: "engagementtour-lycee", Name: "Engagement tour - Lycée"},
		{Year: 2025, Key: "fresqueduclimat", Name: "Fresque du climat", Others: []string{"JET Cities"}},
	}}
	if d := cmp.Diff(want, s); d != "" {
		t.Errorf("ResolveScope(programme Ricet) (-want +got):\n%s", d)
	}
	// The funder written on a second line of its cell.
	s, err = pipeline.ResolveScope(ctx, im.Store.DB, campus, pipeline.ScopeFunder, "region bfc")
	if err != nil {
		t.Fatalf("ResolveScope(financeur region bfc): %v", err)
	}
	var got []string
	for _, a := range s.InYear(2025) {
		got = append(got, a.Name+" + "+strings.Join(a.Others, ", "))
	}
	if d := cmp.Diff([]string{"Engagement tour - Lycée + Net Zero Cities (UE)", "Fresque du climat + "}, got); d != "" {
		t.Errorf("ResolveScope(financeur region bfc) 2025 actions (-want +got):\n%s", d)
	}
	names, err := pipeline.ScopeNames(ctx, im.Store.DB, campus, pipeline.ScopeFunder)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"Collectif d'entreprises pour une ville durable et bas carbone", "Net Zero Cities (UE)", "Région BFC"}, names); d != "" {
		t.Errorf("ScopeNames(financeurs) (-want +got):\n%s", d)
	}
}

// TestResolveScope_unknown checks the error of a misspelt programme: the
// closest name, in French, and the names there are.
func TestResolveScope_unknown(t *testing.T) {
	im := scopeData(t)
	_, err := pipeline.ResolveScope(context.Background(), im.Store.DB, campus, pipeline.ScopeProgramme, "JET Citie")
	want := "programme « JET Citie » : absent des catalogues d'actions ; vouliez-vous dire « JET Cities » ? ; programmes des catalogues : « JET Cities », « RICET », « VIRI »"
	if err == nil || err.Error() != want || !errors.Is(err, pipeline.ErrUnknownScope) {
		t.Errorf("ResolveScope(programme JET Citie) = %v,\nwant %s (ErrUnknownScope)", err, want)
	}
}

// TestComputeScoped checks that a programme's figures are those of its
// actions alone, year by year, and that the attractiveness of the training
// programmes, about the whole campus, is left out and named.
func TestComputeScoped(t *testing.T) {
	im := scopeData(t)
	ctx := context.Background()
	participations := func(s *pipeline.ActionScope, year int) float64 {
		t.Helper()
		var rows []pipeline.Row
		var err error
		if s == nil {
			rows, err = pipeline.Compute(ctx, im.Store.DB, queries.FS, campus, year)
		} else {
			var left []queries.Indicator
			rows, left, err = pipeline.ComputeScoped(ctx, im.Store.DB, queries.FS, year, *s)
			if len(left) != 1 || left[0].ID != "attractiveness" {
				t.Errorf("ComputeScoped left out %v, want attractiveness only", left)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.ID == "participants" && r.Dimension == "" {
				return r.Value
			}
		}
		return 0
	}
	scope := func(kind pipeline.ScopeKind, name string) *pipeline.ActionScope {
		s, err := pipeline.ResolveScope(ctx, im.Store.DB, campus, kind, name)
		if err != nil {
			t.Fatal(err)
		}
		return &s
	}
	ricet, jet, viri := scope(pipeline.ScopeProgramme, "RICET"), scope(pipeline.ScopeProgramme, "JET Cities"), scope(pipeline.ScopeProgramme, "VIRI")
	cases := []struct {
		name string
		got  float64
		want float64
	}{
		{"RICET 2025: the Fresque and the Engagement tour", participations(ricet, 2025), 20 + 30},
		{"RICET 2024: the Fresque of 2024", participations(ricet, 2024), 11},
		{"JET Cities 2025: the Fresque and the visit", participations(jet, 2025), 20 + 40},
		{"VIRI 2024: no action that year", participations(viri, 2024), 0},
		{"funder Collectif 2025", participations(scope(pipeline.ScopeFunder, "Collectif d'entreprises pour une ville durable et bas carbone"), 2025), 7},
		// Whole campus, computed again after a scope on the same database.
		{"campus 2025", participations(nil, 2025), 20 + 30 + 40 + 7},
		// The programmes add up to the campus less what two of them share.
		{"RICET + JET Cities + VIRI - shared Fresque = campus", participations(ricet, 2025) + participations(jet, 2025) + participations(viri, 2025) - 20, participations(nil, 2025)},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("%s: participations = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}
