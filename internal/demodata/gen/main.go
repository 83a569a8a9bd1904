// Command gen regenerates the shipped demonstration workbooks:
//
//	go run ./internal/demodata/gen data
//
// writes data/2025/... from the tables of package demodata, and the
// illustrative earlier years data/2023/... and data/2024/... (earlier.go).
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/cmq-greencity/greencity/internal/demodata"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: go run ./internal/demodata/gen DATA_DIR")
		return 2
	}
	if err := demodata.Write(args[0]); err != nil {
		fmt.Fprintln(stderr, "gen:", err)
		return 1
	}
	return 0
}
