package command

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/ties-graph/ties/bench"
)

const benchUsage = "bench [--quads 100000,1000000] [--backends memory,bolt,postgres] [--postgres URL] [--queries 1000] [--replace 50] [--extract 40] [--search-entities 1000000] [--seed 1] [--cpuprofile PREFIX] [--out BENCHMARKS.md]"

// runBench is `ties bench`: the benchmark harness of issue 6 (package
// bench). It writes the markdown report to --out ("-" for stdout) and
// progress to stderr.
func runBench(ctx context.Context, env *Env, args []string) error {
	fset := flag.NewFlagSet("bench", flag.ContinueOnError)
	fset.SetOutput(env.Stderr)
	quads := fset.String("quads", "100000", "corpus sizes in quads, comma-separated (100000, 200k, 1M)")
	backends := fset.String("backends", "memory,bolt", "backends, comma-separated: memory, bolt, postgres; NAME=SIZE;SIZE… gives a backend its own sizes (postgres=200k)")
	pg := fset.String("postgres", "", "PostgreSQL URL whose role may create databases (default $TIES_TEST_POSTGRES); fresh databases are made and dropped")
	queries := fset.Int("queries", 1000, "random actors asked each query")
	replace := fset.Int("replace", 50, "documents replaced and removed")
	extract := fset.Int("extract", 40, "5 KB text documents to extract (0 skips)")
	searchN := fset.Int("search-entities", 1000000, "entities in the search index measured alone (0 skips)")
	seed := fset.Uint64("seed", 1, "seed of the generator and of the random actors")
	dir := fset.String("dir", "", "directory for the bolt stores (default a temporary one, removed)")
	cpu := fset.String("cpuprofile", "", "write CPU profiles PREFIX-BACKEND-QUADS-{ingest,query}.pprof")
	out := fset.String("out", "BENCHMARKS.md", "markdown report file, - for stdout")
	fset.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: ties "+benchUsage)
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return err
	}
	if fset.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fset.Args())
	}
	sizes, err := bench.ParseSizes(*quads)
	if err != nil {
		return fmt.Errorf("--quads: %w", err)
	}
	if *pg == "" && env.Getenv != nil {
		*pg = env.Getenv("TIES_TEST_POSTGRES")
	}
	cfg := bench.Config{Quads: sizes, Postgres: *pg, Queries: *queries, Replace: *replace, Extract: *extract,
		Seed: *seed, Dir: *dir, CPUProfile: *cpu, Progress: env.Stderr}
	if cfg.Extract == 0 {
		cfg.Extract = -1
	}
	if cfg.SearchEntities = *searchN; cfg.SearchEntities == 0 {
		cfg.SearchEntities = -1
	}
	for _, b := range strings.Split(*backends, ",") {
		b = strings.TrimSpace(b)
		if b == "" {
			continue
		}
		if name, sz, ok := strings.Cut(b, "="); ok {
			n, err := bench.ParseSizes(strings.ReplaceAll(sz, ";", ","))
			if err != nil {
				return fmt.Errorf("--backends %s: %w", b, err)
			}
			if cfg.BackendQuads == nil {
				cfg.BackendQuads = map[string][]int{}
			}
			b, cfg.BackendQuads[name] = name, n
		}
		cfg.Backends = append(cfg.Backends, b)
	}
	cmd := strings.TrimSpace("ties bench " + strings.Join(args, " "))
	if *out != "-" {
		// The report so far after each run: a long session cut short
		// still leaves its figures.
		cfg.Done = func(rep *bench.Report) {
			if err := writeReport(*out, rep, cmd); err != nil {
				env.Logger.Warn("bench: partial report", "err", err)
			}
		}
	}
	rep, err := bench.Run(ctx, cfg)
	if err != nil {
		return err
	}
	if *out == "-" {
		return bench.WriteMarkdown(env.Stdout, rep, cmd)
	}
	if err := writeReport(*out, rep, cmd); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "ties bench: report written to %s\n", *out)
	return nil
}

func writeReport(path string, rep *bench.Report, cmd string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if err := bench.WriteMarkdown(f, rep, cmd); err != nil {
		f.Close()
		return fmt.Errorf("write report %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	return nil
}
