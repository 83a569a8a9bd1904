package cli

import (
	"runtime/debug"
	"strings"

	"github.com/cmq-greencity/greencity/lang"
)

// devVersion is the version of a binary that Go built without version
// control information (go run, go test, a copy of the sources).
const devVersion = "version de développement"

// modifiedMark follows the commit of a binary built with uncommitted
// changes.
const modifiedMark = " (modifiée)"

// versionIn is Version as a report in the language of l says it: the
// words around the commit in that language.
func versionIn(l *lang.Printer) string {
	v := Version()
	if v == devVersion {
		return l.T("report.dev_version")
	}
	if rev, ok := strings.CutSuffix(v, modifiedMark); ok {
		return l.T("report.modified_version", "Version", rev)
	}
	return v
}

// Version is the version of this greencity binary, as the Go toolchain
// stamped it: the module version of a tagged or `go install`ed build, else
// the git commit the binary was built from (go build in a clone). No build
// step has to set it, so every binary says where it comes from.
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return devVersion
	}
	return versionOf(info)
}

// versionOf reads the version out of build information.
func versionOf(info *debug.BuildInfo) string {
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return devVersion
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		// Built from a clone with uncommitted changes: the commit alone
		// would not say what the binary holds.
		return rev + modifiedMark
	}
	return rev
}
