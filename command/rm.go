package command

import (
	"context"
	"errors"
	"flag"
	"fmt"
)

// runRm is `ties rm [--store ADDR] DOCUMENT…`: removes what each document
// contributed. An unknown document is reported and the others are still
// removed; any failure makes the exit code 1.
func runRm(ctx context.Context, env *Env, args []string) error {
	fset := flag.NewFlagSet("rm", flag.ContinueOnError)
	fset.SetOutput(env.Stderr)
	addr := fset.String("store", defaultStore(env), "store: a bolt directory, memory or postgres://…")
	fset.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: ties rm [--store PATH|memory|postgres://…] DOCUMENT…")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return err
	}
	if fset.NArg() == 0 {
		fset.Usage()
		return errors.New("no documents to remove")
	}
	store, err := openStore(ctx, env, *addr)
	if err != nil {
		return err
	}
	defer store.Close()
	failed := 0
	for _, id := range fset.Args() {
		if err := store.RemoveDocument(ctx, id); err != nil {
			failed++
			fmt.Fprintf(env.Stderr, "ties: remove %s: %v\n", id, err)
			continue
		}
		fmt.Fprintf(env.Stdout, "removed %s\n", id)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d documents not removed", failed, fset.NArg())
	}
	return nil
}
