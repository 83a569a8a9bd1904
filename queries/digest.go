package queries

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
)

// FileDigest is one SQL file and the SHA-256 of its bytes.
type FileDigest struct {
	Path   string // inside the fs.FS: staging/stg_participations.sql
	SHA256 string // hex, as sha256sum prints it
}

// StagingDigests returns the SHA-256 of every staging/*.sql file of fsys, in
// the order of their names. A staging view has no version of its own (see
// the package doc): its digest is what tells an auditor that the views
// behind a figure are the ones of the sources they hold.
func StagingDigests(fsys fs.FS) ([]FileDigest, error) {
	names, err := fs.Glob(fsys, "staging/*.sql")
	if err != nil {
		return nil, err
	}
	var out []FileDigest
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("digest %s: %w", name, err)
		}
		sum := sha256.Sum256(b)
		out = append(out, FileDigest{Path: name, SHA256: hex.EncodeToString(sum[:])})
	}
	return out, nil
}
