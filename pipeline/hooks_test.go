package pipeline

// What the tests of package pipeline_test need from inside the package.

// UnzipSizeLimit is the most a workbook may inflate to.
const UnzipSizeLimit = unzipSizeLimit

// SetHook makes im call fn at the stages of an import ("written": every row
// of a file appended, just before its commit).
func SetHook(im *Importer, fn func(stage string)) { im.hook = fn }
