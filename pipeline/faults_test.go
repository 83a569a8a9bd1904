package pipeline_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cmq-greencity/greencity/internal/xlsxtest"
	"github.com/cmq-greencity/greencity/pipeline"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// goodAttendance is a valid attendance sheet, the base of the faulty ones.
func goodAttendance() xlsxtest.Sheet {
	return attendance(
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), "Lycée Eiffel", "lycéens", 28, 12},
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 6), "Lycée Mathias", "lycéens", 30, 14},
	)
}

// zipBomb writes a zip that inflates past the limit from a couple of
// megabytes: one entry of zeros, honest about its size.
func zipBomb(tb testing.TB, path string) {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		tb.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for n := 0; n <= pipeline.UnzipSizeLimit; n += len(zeros) {
		if _, err := w.Write(zeros); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	if buf.Len() > 4<<20 {
		tb.Fatalf("zip bomb of %d bytes, want a small file", buf.Len())
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// lyingZip writes a workbook with one more entry, which claims to inflate
// to 100 bytes but inflates to 100 MiB: archive/zip must stop at the claim.
func lyingZip(tb testing.TB, path string, good []byte) {
	tb.Helper()
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestSpeed)
	fw.Write(bytes.Repeat([]byte("<row/>"), 100<<20/6))
	fw.Close()
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			tb.Fatal(err)
		}
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/media/image1.png", Method: zip.Deflate,
		CompressedSize64: uint64(deflated.Len()), UncompressedSize64: 100})
	if err != nil {
		tb.Fatal(err)
	}
	w.Write(deflated.Bytes())
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// TestImportFile_FileFaults gives the importer files that are not readable
// workbooks, or that only a broken or hostile program would write. Each is
// refused with one French line naming the file, nothing is imported, no
// panic escapes, and excelize's temp files are gone afterwards.
func TestImportFile_FileFaults(t *testing.T) {
	data := t.TempDir()
	tmp := t.TempDir()
	im := mustOpenImporter(t, data)
	im.TmpDir = tmp
	mustImport(t, im, writeCatalogue(t, data))
	before := dump(t, im.Store.DB, "select * from imports order by source_file")

	dir := filepath.Join(data, "2025", "participations")
	write := func(name string, content []byte) string {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	good := filepath.Join(t.TempDir(), "good.xlsx")
	xlsxtest.Write(t, good, goodAttendance())
	goodBytes, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		build func() string
		want  string // after "<path> : "
	}{
		{"csv renamed", func() string {
			return write("csv.xlsx", []byte("action;date;public;participants\nFresque du climat;05/11/2025;lycéens;28\n"))
		}, "ce n'est pas un classeur Excel (.xlsx) mais un fichier texte (CSV ?) ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format « Classeur Excel (.xlsx) »"},
		{"latin-1 csv renamed", func() string {
			return write("latin1.xlsx", []byte("action;public\nFresque du climat;lyc\xe9ens\n"))
		}, "ce n'est pas un classeur Excel (.xlsx) mais un fichier texte (CSV ?) ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format « Classeur Excel (.xlsx) »"},
		{"old xls", func() string {
			// The OLE2 header of a BIFF8 workbook and its "Workbook" stream name.
			b := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
			b = append(b, []byte("W\x00o\x00r\x00k\x00b\x00o\x00o\x00k\x00")...)
			return write("ancien.xlsx", append(b, make([]byte, 512)...))
		}, "ancien format Excel 97-2003 (.xls), que greencity ne lit pas ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format « Classeur Excel (.xlsx) »"},
		{"password", func() string {
			path := filepath.Join(dir, "protege.xlsx")
			f := excelize.NewFile()
			f.SetSheetRow("Sheet1", "A1", &[]any{"action", "date", "public", "participants"})
			if err := f.SaveAs(path, excelize.Options{Password: "secret"}); err != nil {
				t.Fatal(err)
			}
			f.Close()
			return path
		}, "classeur protégé par un mot de passe, que greencity ne peut pas lire ; ouvrez-le, retirez le mot de passe (Fichier > Informations > Protéger le classeur) et enregistrez-le"},
		{"truncated", func() string {
			return write("tronque.xlsx", goodBytes[:len(goodBytes)*2/3])
		}, "classeur abîmé ou incomplet (copie ou téléchargement interrompu ?) ; recopiez-le depuis l'original, ou ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau"},
		{"empty", func() string { return write("vide.xlsx", nil) },
			"fichier vide (0 octet) : ce n'est pas un classeur ; recopiez-le depuis l'original"},
		{"html", func() string {
			return write("web.xlsx", []byte("<!DOCTYPE html><html><body><table><tr><td>action</td></tr></table></body></html>"))
		}, "ce n'est pas un classeur Excel (.xlsx) mais une page web (HTML) ; ouvrez-la dans Excel ou LibreOffice et enregistrez-la au format « Classeur Excel (.xlsx) »"},
		{"ods", func() string {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			w, _ := zw.Create("mimetype")
			w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
			w, _ = zw.Create("content.xml")
			w.Write([]byte("<office:document-content/>"))
			zw.Close()
			return write("libre.xlsx", buf.Bytes())
		}, "classeur LibreOffice (.ods), pas un classeur Excel (.xlsx) ; dans LibreOffice, « Enregistrer sous » au format « Excel 2007-365 (.xlsx) »"},
		{"zip bomb", func() string {
			path := filepath.Join(dir, "bombe.xlsx")
			zipBomb(t, path)
			return path
		}, "classeur trop volumineux une fois décompressé (plus de 1024 Mio) : ce n'est pas un classeur de suivi ordinaire ; vérifiez son contenu"},
		{"zip lying about its size", func() string {
			path := filepath.Join(dir, "menteur.xlsx")
			lyingZip(t, path, goodBytes)
			return path
		}, "classeur abîmé ou incomplet (copie ou téléchargement interrompu ?) ; recopiez-le depuis l'original, ou ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau"},
		{"sheet cut short inside a sound zip", func() string {
			path := write("coupe.xlsx", goodBytes)
			rewriteParts(t, path, func(name string, body []byte) []byte {
				if name == "xl/worksheets/sheet1.xml" {
					return body[:bytes.Index(body, []byte("<row r=\"3\""))]
				}
				return body
			})
			return path
		}, "classeur abîmé ou incomplet (copie ou téléchargement interrompu ?) ; recopiez-le depuis l'original, ou ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau"},
		{"sheet XML broken in the middle", func() string {
			// The zip is sound, the XML is not: the streaming reader would
			// end the rows there with no error.
			path := write("casse.xlsx", goodBytes)
			replaceInPart(t, path, "xl/worksheets/sheet1.xml", `<row r="3"`, `<row r="3" <<`)
			return path
		}, "classeur abîmé : la lecture de la feuille « Feuil1 » s'arrête à la ligne 2 alors qu'elle va jusqu'à la ligne 3 ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau"},
		{"row 99 999 999", func() string {
			path := write("ligne.xlsx", goodBytes)
			replaceInPart(t, path, "xl/worksheets/sheet1.xml", `r="([A-Z]*)3"`, `r="${1}99999999"`)
			return path
		}, "la feuille « Feuil1 » a une ligne numérotée au-delà de 1\u202f048\u202f576, la dernière ligne d'une feuille Excel : classeur abîmé ou écrit par un autre programme ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.build()
			_, err := im.ImportFile(context.Background(), path, 0)
			if !errors.Is(err, pipeline.ErrUnreadable) {
				t.Fatalf("ImportFile: err = %v, want ErrUnreadable", err)
			}
			if got, want := err.Error(), path+" : "+tt.want; got != want {
				t.Errorf("ImportFile: err =\n%s\nwant\n%s", got, want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("ImportFile: the explanation takes several lines")
			}
			os.Remove(path)
		})
	}
	if d := cmp.Diff(before, dump(t, im.Store.DB, "select * from imports order by source_file")); d != "" {
		t.Errorf("import log changed by refused files (-before +after):\n%s", d)
	}
	if n := dump(t, im.Store.DB, "select count(*) from participations"); n[0][0] != "0" {
		t.Errorf("refused files imported %s rows", n[0][0])
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("temp file left behind: %s", e.Name())
	}
}

// TestImportFile_LongCell refuses a cell longer than any spreadsheet can
// hold, at its cell, quoting the start of it only.
func TestImportFile_LongCell(t *testing.T) {
	data := t.TempDir()
	im := mustOpenImporter(t, data)
	mustImport(t, im, writeCatalogue(t, data))
	path := filepath.Join(data, "2025", "participations", "long.xlsx")
	long := strings.Repeat("é", 40000)
	xlsxtest.WriteForeign(t, path, false, attendance(
		[]any{"Fresque du climat", xlsxtest.Serial(2025, 11, 5), long, "lycéens", 28, 12},
	))
	_, err := im.ImportFile(context.Background(), path, 0)
	want := path + " : 1 problème, rien n'a été importé de ce fichier (1 ligne lue)\n" +
		"  feuille « Feuil1 », cellule C2 (etablissement) : texte de 40\u202f000 caractères, attendu au plus 32\u202f767 caractères, la limite d'une cellule Excel : ce texte n'a pas été écrit dans un tableur ; raccourcissez-le"
	if err == nil || err.Error() != want {
		t.Errorf("ImportFile: err =\n%v\nwant\n%s", err, want)
	}
}
