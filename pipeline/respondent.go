package pipeline

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// Respondent codes are pseudonymous, but teachers often build them from
// initials and birth dates, which a list of pupils turns back into names.
// They are therefore stored as HMAC-SHA256 under a key kept outside the
// database: the database (or a Parquet export of it) alone re-identifies no
// one, while the same code still gives the same hash, so pre and post pair.
//
// The hash is keyed per campus as well: the campus's name is hashed with
// the code. Two campuses given the same key (one respondent_key for a
// region) and the same codes (a template's "E01") still store different
// hashes, so that a lake gathering them links no pupil of one campus to a
// pupil of another.

// ErrNoRespondentKey means a questionnaire was to be imported with no key to
// hash its respondent codes.
var ErrNoRespondentKey = errors.New("aucune clé pour pseudonymiser les codes des répondants (clé respondent_key)")

// respondentKeyBytes is the size of a generated key: that of the hash.
const respondentKeyBytes = 32

// respondentHashScheme names how HashRespondent hashes, in what a
// questionnaire's import is checked against (Importer.checkedAgainst): a
// questionnaire imported under an earlier scheme is imported again, so that
// all the answers of a campus pair under one scheme.
const respondentHashScheme = "hmac-sha256(key, len(campus):campus code-key)"

// HashRespondent returns what is stored for a respondent code of a campus:
// the hex HMAC-SHA256 of the campus's name, preceded by its length in bytes
// and a colon, then the code's normalised form (Key: "ETL-01", "etl-01" and
// " Etl-01 " are the same respondent, as the duplicate check of a wave
// already treats them). The length keeps campus "A" with code "b1" apart
// from campus "Ab" with code "1".
func HashRespondent(key []byte, campus, code string) string {
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "%d:%s", len(campus), campus)
	m.Write([]byte(Key(code)))
	return hex.EncodeToString(m.Sum(nil))
}

// RespondentKeyFile returns the key kept in the file at path, creating the
// file with a new random key (hex, readable by its owner only) when there is
// none yet. The file must be kept: a questionnaire's two waves pair only if
// hashed with the same key, and the exports of survey tools bring them in
// two files, imported at different times.
func RespondentKeyFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return createKeyFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("clé des répondants : %w", err)
	}
	return parseKey(path, b)
}

func parseKey(path string, b []byte) ([]byte, error) {
	key, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) < 16 {
		return nil, fmt.Errorf("clé des répondants %s illisible : attendu au moins 32 caractères hexadécimaux ; supprimez le fichier pour en créer une nouvelle", path)
	}
	return key, nil
}

func createKeyFile(path string) ([]byte, error) {
	key := make([]byte, respondentKeyBytes)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	// O_EXCL: two processes creating the key at once must not end up with
	// two keys; the loser reads the winner's.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return RespondentKeyFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("impossible de créer la clé des répondants : %w ; donnez-en une par la configuration (respondent_key) ou GREENCITY_RESPONDENT_KEY", err)
	}
	_, err = f.WriteString(hex.EncodeToString(key) + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("impossible d'écrire la clé des répondants : %w", err)
	}
	return key, nil
}
