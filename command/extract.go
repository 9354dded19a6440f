package command

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/ties-graph/ties/loaders"
)

// runExtract is `ties extract PATH…`: no store; every document's records as
// JSON lines on stdout, in argument order (folders in lexical order), the
// document being the file's base name. Failures go to stderr and the others
// continue; any failure makes the exit code 1.
func runExtract(ctx context.Context, env *Env, args []string) error {
	fset := flag.NewFlagSet("extract", flag.ContinueOnError)
	fset.SetOutput(env.Stderr)
	maxSize := fset.Int64("max-size", loaders.DefaultMaxSize, "largest file to read, in bytes")
	fset.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: ties extract [--max-size BYTES] PATH…")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return err
	}
	if fset.NArg() == 0 {
		fset.Usage()
		return errors.New("no paths to extract")
	}
	reg, err := newLoader(ctx, env)
	if err != nil {
		return err
	}
	reg.MaxSize = *maxSize
	files, errs := listFiles(fset.Args(), reg)
	failed := 0
	for _, err := range errs {
		failed++
		fmt.Fprintf(env.Stderr, "ties: %v\n", err)
	}
	w := bufio.NewWriter(env.Stdout)
	for r := range extractAll(ctx, reg, files) {
		if r.err != nil {
			failed++
			fmt.Fprintf(env.Stderr, "ties: %v\n", r.err)
			continue
		}
		for _, x := range r.xs {
			if err := loaders.WriteRecords(w, loaders.Records(x)); err != nil {
				return fmt.Errorf("write records: %w", err)
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
		return fmt.Errorf("%d of %d paths failed", failed, len(files)+len(errs))
	}
	return nil
}
