package cli

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/xuri/excelize/v2"
)

// smallYear writes a sound year 2025 under data: a catalogue, an
// attendance workbook and a questionnaire.
func smallYear(t *testing.T, data string) {
	t.Helper()
	dir := filepath.Join(data, "2025")
	xlsxtest.Write(t, filepath.Join(dir, "actions.xlsx"), xlsxtest.Sheet{Name: "actions", Rows: [][]any{
		{"action", "axe", "type", "programme", "financeurs"},
		{"Fresque du climat", "attractivité", "atelier", "JET Cities", "Région BFC"},
		{"Engagement tour - Lycée", "compétences", "stage", "RICET", ""},
		{"Visite du projet RESPONSE", "territoires", "visite", "", "Net Zero Cities"},
	}})
	xlsxtest.Write(t, filepath.Join(dir, "participations", "lycees.xlsx"), goodSheet())
	xlsxtest.Write(t, filepath.Join(dir, "questionnaires", "et.xlsx"),
		xlsxtest.Sheet{Name: "enquete", Rows: [][]any{{"action", "Engagement tour - Lycée"}, {"population", 10}, {"titre", "ET 2025"}}},
		xlsxtest.Sheet{Name: "questions", Rows: [][]any{{"id", "libelle", "type"},
			{"interet_sciences_energie", "Intérêt", "likert5"}, {"renforce_orientation", "Orientation", "likert5"}, {"recommande", "Recommande", "oui_non"}}},
		xlsxtest.Sheet{Name: "pre", Rows: [][]any{{"code", "interet_sciences_energie"}, {"A1", 2}, {"A2", 3}, {"A3", 3}}},
		xlsxtest.Sheet{Name: "post", Rows: [][]any{{"code", "interet_sciences_energie", "renforce_orientation", "recommande"},
			{"a1", 4, 5, "oui"}, {"A2", 4, 4, "non"}, {"A3", 3, 2, "Oui"}}},
	)
}

// goodSheet is a sound attendance sheet, the base of the faulty ones.
func goodSheet(rows ...[]any) xlsxtest.Sheet {
	if rows == nil {
		rows = [][]any{
			{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycée", "lycéens", 28, 12},
			{"Visite du projet RESPONSE", xlsxtest.Serial(2025, 3, 12), "Collège Bachelard", "collège", "collégiens", 24, 10},
		}
	}
	return xlsxtest.Sheet{Name: "Feuil1", Rows: append([][]any{
		{"action", "date", "etablissement", "type_etablissement", "public", "participants", "dont_filles"}}, rows...)}
}

// edit reopens a workbook with excelize, applies fn and saves it.
func edit(t *testing.T, path string, fn func(f *excelize.File) error) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := fn(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// patchPart rewrites one part of an xlsx file with a regular expression.
func patchPart(t *testing.T, path, part, re, repl string) {
	t.Helper()
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == part {
			rx := regexp.MustCompile(re)
			if !rx.Match(body) {
				t.Fatalf("%s: no %s in %s", path, re, part)
			}
			body = rx.ReplaceAll(body, []byte(repl))
		}
		w, _ := zw.Create(f.Name)
		w.Write(body)
	}
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func fileSum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestCheck_HeldOut is the acceptance test of bad input: a year imported,
// then a held-out folder of workbooks each with planted faults, one rule
// each, checked in one run. Every fault is named with its cell (or, for a
// file that is not a workbook, in one line), the exit status says some
// files would be refused, the faulty workbooks get annotated copies, and the
// database is left byte for byte as it was, with the same indicators.
func TestCheck_HeldOut(t *testing.T) {
	data := t.TempDir()
	smallYear(t, data)
	h := newHarness(t, data, "2025")
	h.mustRun("run")
	db := h.env["GREENCITY_DATABASE"]
	indicatorsBefore := h.mustRun("indicators", "--year", "2025", "--format", "json")
	sumBefore := fileSum(t, db)

	held := filepath.Join(t.TempDir(), "2025")
	part := filepath.Join(held, "participations")
	d := xlsxtest.Serial(2025, 11, 5)
	xlsxtest.Write(t, filepath.Join(held, "actions.xlsx"), xlsxtest.Sheet{Name: "actions", Rows: [][]any{
		{"action", "axe", "type"},
		{"Fresque du climat", "attractivité", "atelier"},
		{"FRESQUE du climat", "attractivité", "atelier"},
		{"Escape game rénovation", "orientation", "escape game"},
		{"Engagement tour - Lycée", "compétences", "stage"},
		{"Visite du projet RESPONSE", "territoires", "visite"},
	}})
	xlsxtest.Write(t, filepath.Join(part, "bon.xlsx"), goodSheet())
	xlsxtest.Write(t, filepath.Join(part, "valeurs.xlsx"), goodSheet(
		[]any{"Fresque du climat", d, "Lycée Eiffel", "lycée", "lycéens", "12 élèves", nil},
		[]any{"Fresque du climat", d, "Lycée Eiffel", "lycée", "lycéens", "N/A", nil},
		[]any{"Fresque du climat", d, "Lycée Eiffel", "lycée", "lycéens", -3, nil},
		[]any{"Fresque du climat", d, "Lycée Eiffel", "lycée", "lycéens", 12.5, nil},
		[]any{"Fresque du climat", d, "Lycée Eiffel", "lycée", "lycéens", 20, 21},
		[]any{"Fresque du climat", "31/02/2026", "Lycée Eiffel", "lycée", "lycéens", 20, nil},
		[]any{"Fresque du climat", xlsxtest.Serial(2024, 12, 31), "Lycée Eiffel", "lycée", "lycéens", 20, nil},
		[]any{"Fresque du climatt", d, "Lycée Eiffel", "lycée", "lycéens", 20, nil},
		[]any{"Escape gam rénovation", d, "Lycée Eiffel", "école", "élèves", 20, nil},
		[]any{nil, nil, nil, nil, "Total", 60},
	))
	xlsxtest.Write(t, filepath.Join(part, "entetes.xlsx"), xlsxtest.Sheet{Name: "Feuil1", Rows: [][]any{
		{"Action", "Date", "Public", "Dont filles", "dont_filles", "Remarque"},
		{"Fresque du climat", d, "lycéens", 3, 3, "x"},
	}})
	fusion := filepath.Join(part, "fusion.xlsx")
	xlsxtest.Write(t, fusion, goodSheet(
		[]any{"Fresque du climat", d, "Lycée Eiffel", "lycée", "lycéens", 28, 12},
		[]any{nil, d, "Lycée Mathias", "lycée", "lycéens", 20, 8},
		[]any{nil, d, "Lycée Carnot", "lycée", "lycéens", 22, 9},
	))
	edit(t, fusion, func(f *excelize.File) error { return f.MergeCell("Feuil1", "A2", "A4") })
	masquee := filepath.Join(part, "ligne-masquee.xlsx")
	xlsxtest.Write(t, masquee, goodSheet())
	edit(t, masquee, func(f *excelize.File) error { return f.SetRowVisible("Feuil1", 3, false) })
	feuille := filepath.Join(part, "feuille-masquee.xlsx")
	xlsxtest.Write(t, feuille, goodSheet(), xlsxtest.Sheet{Name: "Synthèse", Rows: [][]any{{"Total", 52}}})
	edit(t, feuille, func(f *excelize.File) error { f.SetActiveSheet(1); return f.SetSheetVisible("Feuil1", false) })
	formules := filepath.Join(part, "formules.xlsx")
	xlsxtest.Write(t, formules, goodSheet())
	edit(t, formules, func(f *excelize.File) error {
		if err := f.SetCellFormula("Feuil1", "F2", "20+8"); err != nil {
			return err
		}
		return f.SetCellFormula("Feuil1", "G3", "F3/0")
	})
	// F2 loses its cached value (as openpyxl or excelize leave it), G3
	// caches an error (as a spreadsheet does).
	patchPart(t, formules, "xl/worksheets/sheet1.xml", `<c r="F2"( s="\d+")?( t="\w+")?><f>20\+8</f>(<v>[^<]*</v>)?</c>`, `<c r="F2"$1><f>20+8</f></c>`)
	patchPart(t, formules, "xl/worksheets/sheet1.xml", `<c r="G3"( s="\d+")?( t="\w+")?><f>F3/0</f>(<v>[^<]*</v>)?</c>`, `<c r="G3"$1 t="e"><f>F3/0</f><v>#DIV/0!</v></c>`)
	xlsxtest.WriteForeign(t, filepath.Join(part, "long.xlsx"), false, goodSheet(
		[]any{"Fresque du climat", d, strings.Repeat("a", 40000), "lycée", "lycéens", 28, 12},
	))
	ligne := filepath.Join(part, "ligne.xlsx")
	xlsxtest.Write(t, ligne, goodSheet())
	patchPart(t, ligne, "xl/worksheets/sheet1.xml", `r="([A-Z]*)3"`, `r="${1}99999999"`)
	if err := os.WriteFile(filepath.Join(part, "csv.xlsx"), []byte("action;date;public;participants\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	xls := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	if err := os.WriteFile(filepath.Join(part, "ancien.xlsx"), append(xls, "W\x00o\x00r\x00k\x00b\x00o\x00o\x00k\x00"...), 0o644); err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"action", "date", "public", "participants"})
	if err := f.SaveAs(filepath.Join(part, "protege.xlsx"), excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	good, _ := os.ReadFile(filepath.Join(part, "bon.xlsx"))
	os.WriteFile(filepath.Join(part, "tronque.xlsx"), good[:len(good)/2], 0o644)
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	zeros := make([]byte, 1<<20)
	for i := 0; i < 1100; i++ {
		w.Write(zeros)
	}
	zw.Close()
	os.WriteFile(filepath.Join(part, "bombe.xlsx"), bomb.Bytes(), 0o644)
	xlsxtest.Write(t, filepath.Join(held, "questionnaires", "et.xlsx"),
		xlsxtest.Sheet{Name: "enquete", Rows: [][]any{{"action", "Engagement tour - Lycée"}, {"population", 10}}},
		xlsxtest.Sheet{Name: "questions", Rows: [][]any{{"id", "libelle", "type"},
			{"interet_sciences_energie", "Intérêt", "likert5"}, {"recommande", "Recommande", "oui_non"}}},
		xlsxtest.Sheet{Name: "pre", Rows: [][]any{{"code", "interet_sciences_energie", "humeur"}, {"A1", 6, "bonne"}, {"a1", 3, nil}}},
		xlsxtest.Sheet{Name: "post", Rows: [][]any{{"code", "recommande"}, {"A1", "peut-être"}, {"A2", "OUI"}}},
	)

	annotated := filepath.Join(t.TempDir(), "annotes")
	out, errs, code := h.run("check", held, "--annotate", annotated)
	if code != 1 {
		t.Errorf("check exit status = %d, want 1", code)
	}
	p := func(name string) string { return filepath.Join(part, name) }
	want := []string{
		"  refusé     " + filepath.Join(held, "actions.xlsx") + " : 2 problèmes, 5 lignes lues",
		"    feuille « actions », cellule A3 (action) : « FRESQUE du climat » trouvé, attendu un nom d'action unique : déjà présent ligne 2",
		"    feuille « actions », cellule B4 (axe) : « orientation » trouvé, attendu un axe parmi : projets structurants, compétences, attractivité, territoires",
		"  illisible  " + p("ancien.xlsx") + " : ancien format Excel 97-2003 (.xls), que greencity ne lit pas ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format « Classeur Excel (.xlsx) »",
		"  illisible  " + p("bombe.xlsx") + " : classeur trop volumineux une fois décompressé (plus de 1024 Mio) : ce n'est pas un classeur de suivi ordinaire ; vérifiez son contenu",
		"  bon        " + p("bon.xlsx") + " : 2 lignes lues, 2 à importer",
		"  illisible  " + p("csv.xlsx") + " : ce n'est pas un classeur Excel (.xlsx) mais un fichier texte (CSV ?) ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format « Classeur Excel (.xlsx) »",
		"  refusé     " + p("entetes.xlsx") + " : 2 problèmes, 0 ligne lue",
		"    feuille « Feuil1 », cellule E1 : « dont_filles » trouvé, attendu des en-têtes tous différents : la colonne D s'appelle déjà « Dont filles »",
		"    feuille « Feuil1 », ligne 1 : attendu une colonne « participants » (obligatoire) dans la ligne d'en-tête",
		"    note : feuille « Feuil1 », cellule F1 : « Remarque » trouvé, attendu une colonne connue ; celle-ci est conservée à part et n'entre dans aucun indicateur",
		"  refusé     " + p("feuille-masquee.xlsx") + " : 2 problèmes, 2 lignes lues",
		"    feuille « Feuil1 » : feuille masquée, attendu une feuille visible : ses lignes seraient importées sans que vous les voyiez ; affichez-la (clic droit sur un onglet, « Afficher »)",
		"    feuille « Synthèse », ligne 1 : feuille non lue qui contient des données, attendu une ligne d'en-tête des présences (action, date, etablissement, type_etablissement, commune, public, niveau, participants, dont_filles, dont_qpv_zrr) ; ses lignes n'entreraient dans aucun chiffre : renommez-la ou corrigez son en-tête, ou masquez-la (clic droit sur l'onglet, « Masquer ») si elle ne doit pas compter",
		"  refusé     " + p("formules.xlsx") + " : 2 problèmes, 2 lignes lues",
		"    feuille « Feuil1 », cellule F2 (participants) : formule =20+8 sans valeur calculée, attendu une valeur : ce fichier a été enregistré par un programme qui ne calcule pas les formules ; ouvrez-le dans Excel ou LibreOffice puis enregistrez-le",
		"    feuille « Feuil1 », cellule G3 (dont_filles) : formule =F3/0 en erreur #DIV/0! (division par zéro), attendu une valeur : corrigez la formule ou remplacez-la par la valeur voulue",
		"  refusé     " + p("fusion.xlsx") + " : 1 problème, 3 lignes lues",
		"    feuille « Feuil1 », cellule A2 (action) : cellules fusionnées A2:A4, attendu une valeur dans chaque cellule : seule A2 porte la valeur, les autres cellules de la plage seraient lues vides ; défusionnez et recopiez la valeur dans chaque cellule",
		"  refusé     " + p("ligne-masquee.xlsx") + " : 1 problème, 2 lignes lues",
		"    feuille « Feuil1 », ligne 3 : ligne masquée, attendu une ligne visible : elle serait importée sans que vous la voyiez ; affichez-la (ou retirez le filtre), puis supprimez-la si elle ne doit pas compter",
		"  illisible  " + p("ligne.xlsx") + " : la feuille « Feuil1 » a une ligne numérotée au-delà de 1\u202f048\u202f576, la dernière ligne d'une feuille Excel : classeur abîmé ou écrit par un autre programme ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau",
		"  refusé     " + p("long.xlsx") + " : 1 problème, 1 ligne lue",
		"    feuille « Feuil1 », cellule C2 (etablissement) : texte de 40\u202f000 caractères, attendu au plus 32\u202f767 caractères, la limite d'une cellule Excel : ce texte n'a pas été écrit dans un tableur ; raccourcissez-le",
		"  illisible  " + p("protege.xlsx") + " : classeur protégé par un mot de passe, que greencity ne peut pas lire ; ouvrez-le, retirez le mot de passe (Fichier > Informations > Protéger le classeur) et enregistrez-le",
		"  illisible  " + p("tronque.xlsx") + " : classeur abîmé ou incomplet (copie ou téléchargement interrompu ?) ; recopiez-le depuis l'original, ou ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau",
		"  refusé     " + p("valeurs.xlsx") + " : 11 problèmes, 10 lignes lues",
		"    feuille « Feuil1 », cellule F2 (participants) : « 12 élèves » trouvé, attendu un nombre entier ≥ 0",
		"    feuille « Feuil1 », cellule F3 (participants) : « N/A » trouvé, attendu un nombre entier ≥ 0",
		"    feuille « Feuil1 », cellule F4 (participants) : « -3 » trouvé, attendu un nombre entier ≥ 0",
		"    feuille « Feuil1 », cellule F5 (participants) : « 12.5 » trouvé, attendu un nombre entier ≥ 0",
		"    feuille « Feuil1 », cellule G6 (dont_filles) : « 21 » trouvé, attendu au plus le nombre de participants (20)",
		"    feuille « Feuil1 », cellule B7 (date) : « 31/02/2026 » trouvé, attendu une date (cellule date, jj/mm/aaaa ou aaaa-mm-jj)",
		"    feuille « Feuil1 », cellule B8 (date) : « 31/12/2024 » trouvé, attendu une date de l'année 2025",
		"    feuille « Feuil1 », cellule A9 (action) : « Fresque du climatt » trouvé, attendu une action du catalogue 2025 ; vouliez-vous dire « Fresque du climat » ?",
		"    feuille « Feuil1 », cellule A10 (action) : « Escape gam rénovation » trouvé, attendu une action du catalogue 2025 ; vouliez-vous dire « Escape game rénovation » ?",
		"    feuille « Feuil1 », cellule E10 (public) : « élèves » trouvé, attendu un public parmi : collégiens, lycéens, étudiants, demandeurs d'emploi, grand public, enseignants, professionnels, parents",
		"    feuille « Feuil1 », cellule D10 (type_etablissement) : « école » trouvé, attendu un type d'établissement parmi : collège, lycée, supérieur, entreprise, association, autre",
		"    note : feuille « Feuil1 », ligne 11 : « 60 » trouvé, attendu une ligne par groupe : ligne sans action mais avec un nombre, prise pour une ligne de total et ignorée",
		"  refusé     " + filepath.Join(held, "questionnaires", "et.xlsx") + " : 4 problèmes, 4 lignes lues",
		"    feuille « pre », cellule C1 : « humeur » trouvé, attendu un identifiant de question déclaré dans la feuille « questions »",
		"    feuille « pre », cellule B2 (interet_sciences_energie) : « 6 » trouvé, attendu une réponse de 1 à 5 (échelle de Likert)",
		"    feuille « pre », cellule A3 : « a1 » trouvé, attendu un code unique dans la feuille : déjà ligne 2",
		"    feuille « post », cellule B2 (recommande) : « peut-être » trouvé, attendu oui ou non",
		"",
		"16 fichiers vérifiés : 1 bon, 15 refusés.",
	}
	got := strings.Split(strings.TrimSpace(out), "\n")[1:] // after the title line
	var lines []string
	for _, l := range got {
		if !strings.HasPrefix(l, "    copie annotée : ") {
			lines = append(lines, l)
		}
	}
	for i := 0; i < max(len(want), len(lines)); i++ {
		var w, g string
		if i < len(want) {
			w = want[i]
		}
		if i < len(lines) {
			g = lines[i]
		}
		if w != g {
			t.Errorf("line %d:\n got %q\nwant %q", i+1, g, w)
		}
	}
	if want := "greencity : 15 fichiers sur 16 seraient refusés à l'import : corrigez-les (voir ci-dessus) puis relancez greencity check\n"; errs != want {
		t.Errorf("stderr = %q, want %q", errs, want)
	}
	for _, name := range []string{"actions.xlsx", "participations/entetes.xlsx", "participations/valeurs.xlsx", "participations/fusion.xlsx",
		"participations/formules.xlsx", "questionnaires/et.xlsx"} {
		dst := filepath.Join(annotated, "2025", filepath.FromSlash(name))
		if !strings.Contains(out, "    copie annotée : "+dst+"\n") {
			t.Errorf("output does not give the annotated copy %s", dst)
		}
		if _, err := os.Stat(dst); err != nil {
			t.Errorf("annotated copy: %v", err)
		}
	}

	// The database: not a byte changed, and the same figures.
	if sum := fileSum(t, db); sum != sumBefore {
		t.Errorf("check changed the database file")
	}
	if after := h.mustRun("indicators", "--year", "2025", "--format", "json"); after != indicatorsBefore {
		t.Errorf("indicators changed by check:\n%s\nwant\n%s", after, indicatorsBefore)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(db), "greencity.key")); err != nil {
		t.Errorf("the run that imported a questionnaire made no key file: %v", err)
	}
}

// TestCheck_ShippedData checks the demonstration data before any import (no
// database): the attendance workbooks and the questionnaire are checked
// against the catalogue checked with them, and every file is good.
func TestCheck_ShippedData(t *testing.T) {
	data, err := filepath.Abs("../../data")
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, data, "2025")
	out := h.mustRun("check", filepath.Join(data, "2025"))
	if !strings.HasSuffix(out, "\n7 fichiers vérifiés : 7 bons, 0 refusé.\n") || strings.Count(out, "\n  bon        ") != 7 {
		t.Errorf("check data/2025:\n%s", out)
	}
	if _, err := os.Stat(h.env["GREENCITY_DATABASE"]); err == nil {
		t.Error("check created the database")
	}
}

// TestCheck_AnnotateInsideData refuses to write annotated copies where the
// next run would import them.
func TestCheck_AnnotateInsideData(t *testing.T) {
	data := t.TempDir()
	smallYear(t, data)
	h := newHarness(t, data, "2025")
	_, errs, code := h.run("check", filepath.Join(data, "2025"), "--annotate", filepath.Join(data, "2025", "corrections"))
	want := "greencity : --annotate " + filepath.Join(data, "2025", "corrections") + " : choisissez un dossier hors de " + data + ", sinon les copies annotées seraient importées avec les données\n"
	if code != 2 || errs != want {
		t.Errorf("check --annotate inside data_dir: exit %d, stderr %q; want 2 and %q", code, errs, want)
	}
}

// TestImport_RowsPerFile prints, for each file imported, its rows read,
// imported and rejected, which add up.
func TestImport_RowsPerFile(t *testing.T) {
	data := t.TempDir()
	smallYear(t, data)
	att := filepath.Join(data, "2025", "participations", "lycees.xlsx")
	xlsxtest.Write(t, att, goodSheet(
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycée", "lycéens", 28, 12},
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 6), "Lycée Eiffel", "lycée", "lycéens", 20, 10},
		[]any{nil, nil, nil, nil, nil, 48},
	))
	h := newHarness(t, data, "2025")
	out := h.mustRun("import", filepath.Join(data, "2025", "actions.xlsx"), att)
	want := "  importé    2025/actions.xlsx : 3 lignes lues, 3 importées\n" +
		"  importé    2025/participations/lycees.xlsx : 3 lignes lues, 2 importées, 1 écartée\n" +
		"    note : feuille « Feuil1 », ligne 4 : « 48 » trouvé, attendu une ligne par groupe : ligne sans action mais avec un nombre, prise pour une ligne de total et ignorée\n"
	if out != want {
		t.Errorf("import output:\n%s\nwant\n%s", out, want)
	}
}
