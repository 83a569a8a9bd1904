package pipeline

import "context"

// What the tests of package pipeline_test need from inside the package.

// UnzipSizeLimit is the most a workbook may inflate to.
const UnzipSizeLimit = unzipSizeLimit

// SetHook makes im call fn at the stages of an import ("written": every row
// of a file appended, just before its commit).
func SetHook(im *Importer, fn func(stage string)) { im.hook = fn }

// CheckedAgainst is what an import of the file at path is checked against
// besides its content, as greencity stored it before respondent hashes were
// keyed per campus.
func CheckedAgainst(ctx context.Context, im *Importer, path string, year int) (string, error) {
	return im.checkedAgainst(ctx, path, year)
}
