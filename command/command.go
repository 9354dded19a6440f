// Package command implements the ties command line: one function per
// subcommand, each parsing its own flags.
package command

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
)

// Env is what a subcommand reads and writes besides its arguments.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Logger         *slog.Logger
	// Getenv reads environment variables (TIES_TOKEN, TIES_STORE…).
	Getenv func(string) string
}

type subcommand struct {
	name, usage string
	run         func(ctx context.Context, env *Env, args []string) error
}

func subcommands() []subcommand {
	return []subcommand{
		{"serve", "serve [--addr 127.0.0.1:8080] [--store PATH|memory|postgres://…] [--token T] [--max-size BYTES] [PATH…]", runServe},
		{"load", "load [--store PATH|memory|postgres://…] [--max-size BYTES] PATH…", runLoad},
		{"extract", "extract [--max-size BYTES] PATH…|-", runExtract},
		{"rm", "rm [--store PATH|memory|postgres://…] DOCUMENT…", runRm},
		{"stats", "stats [--store PATH|memory|postgres://…] [--json]", runStats},
		{"export", exportUsage, runExport},
		{"bench", benchUsage, runBench},
	}
}

// Main runs the ties command with args (without the program name) and
// returns the process exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr,
		Logger: slog.New(slog.NewTextHandler(stderr, nil)), Getenv: os.Getenv}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		return 2
	}
	for _, c := range subcommands() {
		if c.name == args[0] {
			if err := c.run(ctx, env, args[1:]); err != nil {
				fmt.Fprintf(stderr, "ties %s: %v\n", c.name, err)
				return 1
			}
			return 0
		}
	}
	fmt.Fprintf(stderr, "ties: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: ties COMMAND [FLAGS] [ARGS]\n\ncommands:")
	for _, c := range subcommands() {
		fmt.Fprintf(w, "  ties %s\n", c.usage)
	}
}
