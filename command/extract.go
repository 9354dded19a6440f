package command

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
)

// runExtract is `ties extract PATH…`: no store; every document's records as
// JSON lines on stdout, in argument order (folders in lexical order), the
// document being the file's base name; "-" reads one document named
// "stdin" from standard input, its format sniffed. Failures go to stderr and
// the others continue; any failure makes the exit code 1.
func runExtract(ctx context.Context, env *Env, args []string) error {
	fset := flag.NewFlagSet("extract", flag.ContinueOnError)
	fset.SetOutput(env.Stderr)
	maxSize := fset.Int64("max-size", loaders.DefaultMaxSize, "largest file to read, in bytes")
	fset.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: ties extract [--max-size BYTES] PATH…|-")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return err
	}
	if fset.NArg() == 0 {
		fset.Usage()
		return errors.New("no paths to extract")
	}
	reg, err := newLoader(ctx, env, false)
	if err != nil {
		return err
	}
	reg.MaxSize = *maxSize
	w := bufio.NewWriter(env.Stdout)
	failed, total := 0, 0
	fail := func(err error) {
		failed++
		fmt.Fprintf(env.Stderr, "ties: %v\n", err)
	}
	write := func(xs []graph.Extraction) error {
		for _, x := range xs {
			if err := loaders.WriteRecords(w, loaders.Records(x)); err != nil {
				return fmt.Errorf("write records: %w", err)
			}
		}
		return nil
	}
	paths := fset.Args()
	for i := 0; i < len(paths); {
		if paths[i] == "-" {
			i++
			total++
			x, err := readStdin(ctx, env, reg)
			if err != nil {
				fail(err)
				continue
			}
			if err := write([]graph.Extraction{x}); err != nil {
				return err
			}
			continue
		}
		// The paths up to the next "-", extracted a few at a time.
		j := i
		for j < len(paths) && paths[j] != "-" {
			j++
		}
		files, errs := listFiles(paths[i:j], reg)
		i = j
		total += len(files) + len(errs)
		for _, err := range errs {
			fail(err)
		}
		for r := range extractAll(ctx, reg, files) {
			if r.err != nil {
				fail(r.err)
				continue
			}
			if err := write(r.xs); err != nil {
				return err
			}
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write records: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d paths failed", failed, total)
	}
	return nil
}

// readStdin extracts the document on standard input.
func readStdin(ctx context.Context, env *Env, reg *loaders.Registry) (graph.Extraction, error) {
	if env.Stdin == nil {
		return graph.Extraction{}, errors.New("stdin: no standard input")
	}
	// One byte over the limit is enough for the registry to refuse it.
	data, err := io.ReadAll(io.LimitReader(env.Stdin, reg.Limit()+1))
	if err != nil {
		return graph.Extraction{}, fmt.Errorf("read stdin: %w", err)
	}
	return reg.Load(ctx, loaders.Input{Name: "stdin", Source: "stdin", Data: data})
}
