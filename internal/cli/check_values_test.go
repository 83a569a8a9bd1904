package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/google/go-cmp/cmp"
)

// TestCheck_ValuesNotWhatTheySeem checks a folder of workbooks whose
// values are not what they seem: each refusal names the file, the sheet,
// the cell, the value found and what was expected; the cells that are what
// they seem (ISO date cells, names with invisible characters) pass.
func TestCheck_ValuesNotWhatTheySeem(t *testing.T) {
	data := t.TempDir()
	year := filepath.Join(data, "2025")
	part := filepath.Join(year, "participations")
	d := xlsxtest.Serial(2025, 11, 5)
	xlsxtest.Write(t, filepath.Join(year, "actions.xlsx"), xlsxtest.Sheet{Name: "actions", Rows: [][]any{
		{"action", "axe", "type"}, {"Fresque du climat", "attractivité", "atelier"},
	}})
	row := func(date, etab, participants, girls any) []any {
		return []any{"Fresque du climat", date, etab, "lycée", "lycéens", participants, girls}
	}
	xlsxtest.WriteForeign(t, filepath.Join(part, "booleens.xlsx"), false, goodSheet(row(d, "Lycée Eiffel", xlsxtest.Bool(true), nil)))
	xlsxtest.Write(t, filepath.Join(part, "nombres.xlsx"), goodSheet(row(d, "Lycée Eiffel", "1e3", "0x1p4"), row(d, "Lycée Eiffel", "1_000", nil)))
	xlsxtest.WriteForeign(t, filepath.Join(part, "masque.xlsx"), false, goodSheet(row(d, "Lycée Eiffel", xlsxtest.Invisible{Value: 40}, nil)))
	xlsxtest.WriteForeign(t, filepath.Join(part, "partages.xlsx"), false, goodSheet(row(d, xlsxtest.SharedString{Index: 2}, 20, nil)))
	xlsxtest.WriteForeign(t, filepath.Join(part, "dates-iso.xlsx"), false, goodSheet(row(xlsxtest.ISODate("2025-11-05T10:30:00Z"), "Lycée Eiffel", 20, 10)))
	xlsxtest.Write(t, filepath.Join(part, "invisibles.xlsx"), goodSheet(row(d, "Lycée\u200b Eiffel", "20\u00ad", 10), row(d, "Lycée Eiffel", 20, 10)))
	xlsxtest.Write(t, filepath.Join(year, "formations.xlsx"), xlsxtest.Sheet{Name: "formations", Rows: [][]any{
		{"annee", "etablissement", "formation", "places", "candidats", "inscrits", "dont_filles"},
		{2024, "Lycée Eiffel", "BTS Électrotechnique", 24, 60, 22, 3},
		{2025, "Lycée Eiffel", "BTS Fluides", 0, 40, 0, nil},
		{2025, "Lycée Eiffel", "Bac pro MELEC", 30, 12, 14, 2},
	}})

	h := newHarness(t, data, "2025")
	out, _, code := h.run("check", year)
	if code != 1 {
		t.Errorf("check exit status = %d, want 1", code)
	}
	p := func(name string) string { return filepath.Join(part, name) }
	want := []string{
		"  bon        " + filepath.Join(year, "actions.xlsx") + " : 1 ligne lue, 1 à importer",
		"  refusé     " + filepath.Join(year, "formations.xlsx") + " : 3 problèmes, 3 lignes lues",
		"    feuille « formations », cellule A2 (annee) : « 2024 » trouvé, attendu l'année du dossier, 2025 : les formations d'une autre année vont dans le formations.xlsx de son dossier",
		"    feuille « formations », cellule D3 (places) : « 0 » trouvé, attendu un nombre de places > 0 pour 40 candidats : sans places, la formation ne peut pas entrer dans l'attractivité (candidats par place)",
		"    feuille « formations », cellule F4 (inscrits) : « 14 » trouvé, attendu au plus le nombre de candidats (12) : un inscrit a d'abord été candidat",
		"  refusé     " + p("booleens.xlsx") + " : 1 problème, 1 ligne lue",
		"    feuille « Feuil1 », cellule F2 (participants) : « VRAI » trouvé, attendu un nombre entier ≥ 0",
		"  bon        " + p("dates-iso.xlsx") + " : 1 ligne lue, 1 à importer",
		"  bon        " + p("invisibles.xlsx") + " : 2 lignes lues, 2 à importer",
		// Once the invisible characters are gone the two rows are one: the
		// repeated-row note shows that they were read as the same school.
		"    note : feuille « Feuil1 », ligne 3 : mêmes valeurs que la ligne 2, attendu une ligne par groupe : elle est importée et comptée, supprimez-la si c'est un doublon",
		"  refusé     " + p("masque.xlsx") + " : 1 problème, 1 ligne lue",
		"    feuille « Feuil1 », cellule F2 (participants) : valeur masquée par son format de nombre (« ;;; » : rien ne s'affiche ni ne s'imprime), attendu une valeur visible : elle serait importée sans que vous la voyiez ; remettez le format « Standard » (Format de cellule > Nombre), puis supprimez-la si elle ne doit pas compter",
		"  refusé     " + p("nombres.xlsx") + " : 3 problèmes, 2 lignes lues",
		"    feuille « Feuil1 », cellule F2 (participants) : « 1e3 » trouvé, attendu un nombre entier ≥ 0",
		"    feuille « Feuil1 », cellule G2 (dont_filles) : « 0x1p4 » trouvé, attendu un nombre entier ≥ 0, ou rien",
		"    feuille « Feuil1 », cellule F3 (participants) : « 1_000 » trouvé, attendu un nombre entier ≥ 0",
		"  refusé     " + p("partages.xlsx") + " : 1 problème, 1 ligne lue",
		"    feuille « Feuil1 », cellule C2 (etablissement) : texte partagé n° 2 introuvable : le classeur n'a pas de table des textes partagés, attendu un texte lisible : le classeur est abîmé et cette cellule serait lue vide ; recopiez le fichier depuis l'original, ou ouvrez-le dans Excel ou LibreOffice, vérifiez la cellule et enregistrez-le à nouveau",
		"",
		"8 fichiers vérifiés : 3 bons, 5 refusés.",
	}
	got := strings.Split(strings.TrimSpace(out), "\n")[1:] // after the title line
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("check output (-want +got):\n%s", d)
	}
}
