package pipeline

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
)

// Rows counted twice.
//
// A workbook re-saved by another program, an older version kept in a
// subfolder (participations/ancien/), a re-download "fichier (1).xlsx": its
// bytes differ from the file it repeats, so only its rows tell. Each row is
// reduced to what the importer keeps of it, its texts compared as names are
// (Key): its row key. A file is refused when at least overlapMinRows of its
// rows are rows of one other file of the same year, and they make at least
// overlapPercent of either file's rows (this one is mostly a copy of the
// other, or the other mostly a part of this one): importing both would
// count those rows twice. Two sessions that happen to look alike stay far
// below that. A row repeated inside one file is only noted, with both row
// numbers: two groups of one session may well be alike.
const (
	overlapPercent = 80
	overlapMinRows = 3
)

// rowKey is a row reduced to what the importer keeps of it, its texts
// compared as names are (Key), hashed (SHA-256, first 12 bytes): a million
// rows take 12 MB instead of a string each, and two different rows never
// share one in practice (a chance in 2^57 for a million rows).
type rowKey [12]byte

// keyedRows are the rows of a file by row key, in reading order, with the
// sheet and row of each: 16 bytes a row, in chunks of a fixed size, so that
// a million rows take 16 MB and never a copy of them all while they grow.
// A file's rows come sheet by sheet: the sheet of a row is kept once per
// run of rows (spans).
type keyedRows struct {
	chunks [][]keyedRow
	n      int
	spans  []sheetSpan
	byKey  []int32 // positions sorted by key, then position; once sorted (sorted)
}

// keyedRow is one row of a file, by its row key.
type keyedRow struct {
	key rowKey
	row uint32
}

// sheetSpan says that the rows from position from on are of sheet.
type sheetSpan struct {
	from  int
	sheet string
}

// keyedChunk is how many rows a chunk of keyedRows holds (1 MB).
const keyedChunk = 1 << 16

// add keeps the row key of the next row, row of sheet.
func (k *keyedRows) add(sheet string, row int, key rowKey) {
	if len(k.spans) == 0 || k.spans[len(k.spans)-1].sheet != sheet {
		k.spans = append(k.spans, sheetSpan{k.n, sheet})
	}
	if k.n%keyedChunk == 0 {
		k.chunks = append(k.chunks, make([]keyedRow, 0, keyedChunk))
	}
	c := &k.chunks[len(k.chunks)-1]
	*c = append(*c, keyedRow{key, uint32(row)})
	k.n++
	k.byKey = nil
}

// len is the number of rows.
func (k *keyedRows) len() int { return k.n }

// at is the row at position i.
func (k *keyedRows) at(i int) keyedRow { return k.chunks[uint(i)/keyedChunk][uint(i)%keyedChunk] }

// sheet is the sheet of the row at position i.
func (k *keyedRows) sheet(i int) string {
	j, _ := slices.BinarySearchFunc(k.spans, i, func(s sheetSpan, i int) int { return cmp.Compare(s.from, i+1) })
	return k.spans[j-1].sheet
}

// sorted returns the positions of the rows sorted by key, and by position
// among rows of the same key: 4 bytes a row, kept for the next caller.
func (k *keyedRows) sorted() []int32 {
	if k.byKey != nil || k.n == 0 {
		return k.byKey
	}
	order := make([]int32, k.n)
	for i := range order {
		order[i] = int32(i)
	}
	key := func(i int32) *rowKey { return &k.chunks[uint32(i)/keyedChunk][uint32(i)%keyedChunk].key }
	slices.SortFunc(order, func(a, b int32) int {
		if c := compareKeys(key(a), key(b)); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	k.byKey = order
	return order
}

// compareKeys orders row keys as bytes.Compare would, in two integer
// compares: a million rows' keys are sorted at the end of their parse.
func compareKeys(a, b *rowKey) int {
	if c := cmp.Compare(binary.BigEndian.Uint64(a[:8]), binary.BigEndian.Uint64(b[:8])); c != 0 {
		return c
	}
	return cmp.Compare(binary.BigEndian.Uint32(a[8:]), binary.BigEndian.Uint32(b[8:]))
}

// keyOf hashes the fields of a row key, separated by a unit separator.
func keyOf(fields ...string) rowKey {
	var scratch [256]byte // most rows fit: no allocation
	b := scratch[:0]
	for i, f := range fields {
		if i > 0 {
			b = append(b, 0x1f)
		}
		b = append(b, f...)
	}
	return hashKey(b)
}

// hashKey is the row key of the bytes of a row's fields, joined by a unit
// separator (keyOf, participationKey): the first 12 bytes of their SHA-256.
func hashKey(b []byte) rowKey {
	sum := sha256.Sum256(b)
	return rowKey(sum[:12])
}

// participationKey is the row key of an attendance row; n remembers the
// keys of its texts (nil: computed each time).
func participationKey(r participationRow, n *names) rowKey {
	if n == nil {
		n = newNames()
	}
	// The bytes keyOf would hash, built without a string per number or date:
	// a million rows are keyed in an import.
	var scratch [256]byte // most rows fit: no allocation
	b := append(scratch[:0], r.Key...)
	b = r.Date.AppendFormat(append(b, 0x1f), "2006-01-02")
	for _, f := range []string{n.key(r.Etablissement), r.TypeEtab, n.key(r.Commune), r.Public, n.key(r.Niveau)} {
		b = append(append(b, 0x1f), f...)
	}
	b = strconv.AppendInt(append(b, 0x1f), int64(r.Participants), 10)
	for _, c := range []*int{r.DontFilles, r.DontQPV} {
		b = append(b, 0x1f)
		if c != nil {
			b = strconv.AppendInt(b, int64(*c), 10)
		}
	}
	return hashKey(b)
}

func formationKey(f formationRow) rowKey {
	return keyOf(strconv.Itoa(f.Annee), Key(f.Etablissement), Key(f.Formation),
		strconv.Itoa(f.Places), strconv.Itoa(f.Candidats), strconv.Itoa(f.Inscrits), optCount(f.DontFilles))
}

func optCount(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

// rowKeys are the rows a file brings, by row key, in their order; none for
// the kinds whose rows are not compared (catalogue, questionnaire). The
// attendance rows were keyed as they were read (parseParticipations): they
// are not kept.
func (p *parsed) rowKeys() *keyedRows {
	if len(p.formations) == 0 {
		return &p.keyed
	}
	if p.formationKeys == nil {
		p.formationKeys = &keyedRows{}
		for _, f := range p.formations {
			p.formationKeys.add(f.Sheet, f.Row, formationKey(f))
		}
	}
	return p.formationKeys
}

// repeatedRowNotes notes each row that repeats an earlier row of the same
// file, naming both, in notes (which keeps the first of each sheet and
// counts the others). The rows are sorted by key (positions, not the rows:
// 4 bytes a row) rather than put in a map, for a million rows' sake.
func repeatedRowNotes(rows *keyedRows, notes *noteList) {
	order := rows.sorted()
	// firstOf[i] is the position of the first row with the key of row i:
	// i itself for a row not repeated.
	firstOf := make([]int32, len(order))
	first := int32(0)
	for i, cur := range order {
		if i == 0 || rows.at(int(order[i-1])).key != rows.at(int(cur)).key {
			first = cur // the group's first row: sorted by position within a key
		}
		firstOf[cur] = first
	}
	for i, f := range firstOf {
		if int(f) == i {
			continue
		}
		r, sheet := rows.at(i), rows.sheet(i)
		if !notes.room(noteRepeatedRow, sheet, int(r.row)) {
			continue // only counted: no message built
		}
		firstRow, firstSheet := rows.at(int(f)).row, rows.sheet(int(f))
		where := fmt.Sprintf("la ligne %d", firstRow)
		if firstSheet != sheet {
			where = fmt.Sprintf("la ligne %d de la feuille « %s »", firstRow, firstSheet)
		}
		notes.put(noteRepeatedRow, Problem{Sheet: sheet, Row: int(r.row), Fault: "mêmes valeurs que " + where,
			Expected: "une ligne par groupe : elle est importée et comptée, supprimez-la si c'est un doublon"})
	}
}

// repeats returns the problem of a file whose rows repeat those of another
// file of the same year (others: file -> its row keys, sorted here in
// place), or nil. When several files qualify, the one sharing the most rows
// is named. The rows in common are counted walking both files' keys in
// order, each row of one matched with at most one of the other.
func repeats(rows *keyedRows, others map[string][]rowKey) *Problem {
	best, bestShared, bestLen := "", 0, 0
	order := rows.sorted()
	for file, keys := range others {
		slices.SortFunc(keys, func(a, b rowKey) int { return compareKeys(&a, &b) })
		shared := 0
		for i, j := 0, 0; i < len(order) && j < len(keys); {
			k := rows.at(int(order[i])).key
			switch c := compareKeys(&k, &keys[j]); {
			case c < 0:
				i++
			case c > 0:
				j++
			default:
				shared++
				i++
				j++
			}
		}
		mostly := shared*100 >= overlapPercent*len(order) || shared*100 >= overlapPercent*len(keys)
		if shared >= overlapMinRows && mostly && (shared > bestShared || (shared == bestShared && file < best)) {
			best, bestShared, bestLen = file, shared, len(keys)
		}
	}
	if best == "" {
		return nil
	}
	return &Problem{
		Fault: fmt.Sprintf("%d de ses %d lignes se retrouvent à l'identique dans %s (%d lignes)", bestShared, len(order), best, bestLen),
		Expected: "des lignes qu'aucun autre fichier de l'année n'apporte : une ancienne version, une copie ré-enregistrée " +
			"ou re-téléchargée compterait ces lignes deux fois ; gardez un seul des deux fichiers dans le dossier de l'année",
	}
}

// onDisk tells whether the file a source key names is still there.
func (im *Importer) onDisk(source string) bool {
	path := filepath.FromSlash(source)
	if !filepath.IsAbs(path) {
		path = filepath.Join(im.DataDir, path)
	}
	_, err := os.Stat(path)
	return err == nil
}

// storedRowKeys returns the row keys of the files of a year in the
// database, except source and the files no longer on disk (a file renamed,
// or replaced by a new version, is not a copy of its former self).
func (im *Importer) storedRowKeys(ctx context.Context, year int, source string) (map[string][]rowKey, error) {
	out := map[string][]rowKey{}
	if im.Store == nil {
		return out, nil
	}
	add := func(file string, key rowKey) { out[file] = append(out[file], key) }
	n := newNames()
	args := []any{sql.Named("campus", im.Campus), sql.Named("year", year), sql.Named("source_file", source)}
	err := scanRows(ctx, im.Store.DB, "sql/year_participations.sql", args, func(rows *sql.Rows) error {
		var file string
		var r participationRow
		var girls, qpv sql.NullInt64
		if err := rows.Scan(&file, &r.Row, &r.Action, &r.Key, &r.Date, &r.Etablissement, &r.TypeEtab, &r.Commune,
			&r.Public, &r.Niveau, &r.Participants, &girls, &qpv); err != nil {
			return err
		}
		r.DontFilles, r.DontQPV = countOf(girls), countOf(qpv)
		add(file, participationKey(r, n))
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = scanRows(ctx, im.Store.DB, "sql/year_formations.sql", args, func(rows *sql.Rows) error {
		var file string
		var f formationRow
		var girls sql.NullInt64
		if err := rows.Scan(&file, &f.Row, &f.Annee, &f.Etablissement, &f.Formation, &f.Places, &f.Candidats, &f.Inscrits, &girls); err != nil {
			return err
		}
		f.DontFilles = countOf(girls)
		add(file, formationKey(f))
		return nil
	})
	if err != nil {
		return nil, err
	}
	for file := range out {
		if !im.onDisk(file) {
			delete(out, file)
		}
	}
	return out, nil
}

// scanRows runs the query of an embedded SQL file and calls scan on each row.
func scanRows(ctx context.Context, db *sql.DB, name string, args []any, scan func(*sql.Rows) error) error {
	stmt := query(name)
	rows, err := db.QueryContext(ctx, stmt, argsFor(stmt, args)...)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func countOf(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	v := int(n.Int64)
	return &v
}
