package command

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"
)

// runStats is `ties stats [--store ADDR] [--json]`: what the store holds.
func runStats(ctx context.Context, env *Env, args []string) error {
	fset := flag.NewFlagSet("stats", flag.ContinueOnError)
	fset.SetOutput(env.Stderr)
	addr := fset.String("store", defaultStore(env), "store: a bolt directory, memory or postgres://…")
	asJSON := fset.Bool("json", false, "print JSON")
	if err := fset.Parse(args); err != nil {
		return err
	}
	if fset.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fset.Args())
	}
	store, err := openStore(ctx, env, *addr)
	if err != nil {
		return err
	}
	defer store.Close()
	st, err := store.Stats(ctx)
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	for _, row := range []struct {
		name string
		n    int
	}{{"documents", st.Documents}, {"entities", st.Entities}, {"statements", st.Statements},
		{"relations", st.Relations}, {"quads", st.Quads}} {
		fmt.Fprintf(tw, "%s\t%d\n", row.name, row.n)
	}
	return tw.Flush()
}
