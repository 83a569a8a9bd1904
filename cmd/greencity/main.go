// Command greencity is the yearly impact pipeline of a Campus des métiers et
// des qualifications: spreadsheets → DuckDB → indicators → HTML report.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/cmq-greencity/greencity/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
