package command

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ties-graph/ties/export"
)

const exportUsage = "export --format gexf|graphml|csv|nquads|jsonld|jsonl [--store PATH|memory|postgres://…] " +
	"[--document ID | --entity ID [--depth N] [--limit N]] [--out FILE|DIR/|-]"

// runExport is `ties export`: the whole store, one document or an entity's
// neighbourhood in a format researchers open (package export). The output
// goes to stdout (--out - , the default), a file (written whole or not at
// all), or, for csv, a folder (--out DIR/) holding nodes.csv and
// edges.csv instead of the zip.
func runExport(ctx context.Context, env *Env, args []string) error {
	fset := flag.NewFlagSet("export", flag.ContinueOnError)
	fset.SetOutput(env.Stderr)
	format := fset.String("format", "", "gexf, graphml, csv, nquads, jsonld or jsonl")
	addr := fset.String("store", defaultStore(env), "store: a bolt directory, memory or postgres://…")
	document := fset.String("document", "", "export only this document's ties (nquads: its quads)")
	entity := fset.String("entity", "", "export this entity's neighbourhood")
	depth := fset.Int("depth", 0, "hops around --entity (default 1)")
	limit := fset.Int("limit", 0, fmt.Sprintf("most nodes around --entity (default %d)", export.DefaultLimit))
	out := fset.String("out", "-", "output file, - for stdout; for csv, DIR/ writes nodes.csv and edges.csv there")
	fset.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: ties "+exportUsage)
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return err
	}
	if fset.NArg() > 0 {
		fset.Usage()
		return fmt.Errorf("unexpected arguments %q", fset.Args())
	}
	if *format == "" {
		fset.Usage()
		return errors.New("--format is required")
	}
	f, err := export.ParseFormat(*format)
	if err != nil {
		return err
	}
	opt := export.Options{Format: f, Document: *document, Entity: *entity, Depth: *depth, Limit: *limit}
	if err := opt.Check(); err != nil {
		return err
	}
	store, err := openStore(ctx, env, *addr)
	if err != nil {
		return err
	}
	defer store.Close()

	if f == export.NQuads {
		return writeOutput(env, *out, func(w io.Writer) error { return export.Write(ctx, w, store, opt) })
	}
	g, err := export.Collect(ctx, store, opt)
	if err != nil {
		return err
	}
	if g.Truncated {
		fmt.Fprintf(env.Stderr, "ties: the neighbourhood was cut at %d nodes; raise --limit for more\n", len(g.Nodes))
	}
	if f == export.CSV && isDirTarget(*out) {
		return writeCSVDir(env, *out, g)
	}
	return writeOutput(env, *out, func(w io.Writer) error { return export.WriteGraph(w, g, f) })
}

// isDirTarget reports whether --out names a folder: it ends in a
// separator or is an existing directory.
func isDirTarget(out string) bool {
	if out == "" || out == "-" {
		return false
	}
	if strings.HasSuffix(out, "/") || strings.HasSuffix(out, string(filepath.Separator)) {
		return true
	}
	fi, err := os.Stat(out)
	return err == nil && fi.IsDir()
}

func writeCSVDir(env *Env, dir string, g *export.Graph) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	for _, f := range []struct {
		name  string
		write func(io.Writer, *export.Graph) error
	}{{export.NodesCSV, export.WriteNodesCSV}, {export.EdgesCSV, export.WriteEdgesCSV}} {
		path := filepath.Join(dir, f.name)
		if err := writeOutput(env, path, func(w io.Writer) error { return f.write(w, g) }); err != nil {
			return err
		}
	}
	return nil
}

// writeOutput runs write on stdout ("-") or on a temporary file renamed to
// path once complete, so a failed export leaves no partial file behind.
func writeOutput(env *Env, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(env.Stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename, a no-op
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	fmt.Fprintf(env.Stderr, "ties: wrote %s\n", path)
	return nil
}
