package cli

import (
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progressDelay is how long a file is read before its progress bar shows:
// the campus's workbooks are read in a blink, and a bar flashing on each
// would only clutter the terminal.
const progressDelay = time.Second

// importProgress shows a progress bar for the files whose reading takes
// more than progressDelay, on a terminal only: written to a file or a pipe
// (a scheduled run, a log), it writes nothing. Its update is the
// Importer's Progress.
type importProgress struct {
	w     io.Writer
	shown bool             // w is a terminal (or a test says to show the bar)
	now   func() time.Time // clock, for tests
	delay time.Duration

	file  string    // the file being read
	start time.Time // when its reading started
	bar   *progressbar.ProgressBar
}

// newImportProgress follows imports on w, shown only when w is a terminal.
func newImportProgress(w io.Writer) *importProgress {
	return &importProgress{w: w, shown: isTerminal(w), now: time.Now, delay: progressDelay}
}

// isTerminal tells whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// update is told that read bytes of the sheets of file were read, out of
// total.
func (p *importProgress) update(file string, read, total int64) {
	if !p.shown {
		return
	}
	if file != p.file {
		p.done()
		p.file, p.start = file, p.now()
	}
	if p.bar == nil {
		if p.now().Sub(p.start) < p.delay {
			return
		}
		p.bar = progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription("lecture de "+filepath.Base(file)),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	p.bar.Set64(read)
}

// done takes the bar of the last file off the terminal, before the lines
// that say what was imported.
func (p *importProgress) done() {
	if p.bar != nil {
		p.bar.Finish()
		p.bar = nil
	}
	p.file = ""
}
