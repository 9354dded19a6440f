// Package bench is the benchmark harness of issue 6: a deterministic
// generator of a realistic ties graph, and runners that time ties' own load
// path, its GraphQL queries (through the real handler over in-process
// HTTP), replace and remove, against the same quads written straight into
// Cayley on the same backend and against a plain Go adjacency map.
//
//	rep, err := bench.Run(ctx, bench.Config{Quads: []int{100000}, Backends: []string{"memory", "bolt"}})
//	bench.WriteMarkdown(w, rep, "…")
//
// From the command line (BENCHMARKS.md is the output of the second):
//
//	ties bench                                   # 100k quads, memory and bolt: a few minutes
//	export TIES_TEST_POSTGRES=$(bash .ci/postgres.sh | tail -n 1)
//	ties bench --quads 100k,1M --backends memory,bolt,postgres=200k --cpuprofile /tmp/ties
//
// For before/after comparisons of one optimisation, the Go benchmarks of
// this package (TIES_BENCH_QUADS, TIES_BENCH_BACKEND pick size and
// backend) feed benchstat:
//
//	go test ./bench -run '^$' -bench . -count 6 > old.txt   # …change…, then new.txt
//	benchstat old.txt new.txt
package bench

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	_ "github.com/lib/pq" // PostgreSQL driver, to create fresh databases

	"github.com/cayleygraph/quad"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/graph/cayley"
	"github.com/ties-graph/ties/loaders"
	"github.com/ties-graph/ties/loaders/text"
	"github.com/ties-graph/ties/loaders/text/lang"
	"github.com/ties-graph/ties/loaders/text/morph"
	"github.com/ties-graph/ties/server"
)

// Config selects what Run measures.
type Config struct {
	// Quads are the corpus sizes, in quads of ties' model (default 100000).
	Quads []int
	// Backends among memory, bolt and postgres (default memory, bolt).
	Backends []string
	// BackendQuads overrides Quads for a backend (PostgreSQL loads about
	// 20 times slower than bolt, so it is measured at a smaller size).
	BackendQuads map[string][]int
	// Postgres is a lib/pq URL of a server where the role may create
	// databases; every run makes fresh ones and drops them afterwards.
	Postgres string
	// Queries is the number of random actors (and actor pairs for paths)
	// each query is asked about (default 1000).
	Queries int
	// Replace is the number of documents replaced and removed (default 50).
	Replace int
	// Extract is the number of 5 KB text documents to extract (default 40;
	// negative skips the extractor).
	Extract int
	// SearchEntities is the size of the search index measured alone
	// (default 1M; negative skips it).
	SearchEntities int
	// Seed makes the corpus and the random actors (default 1).
	Seed uint64
	// Dir holds bolt directories (default a temporary directory, removed).
	Dir string
	// CPUProfile, when set, is a path prefix: each run writes
	// PREFIX-BACKEND-QUADS-{ingest,query}.pprof.
	CPUProfile string
	// Done, when set, is called with the report so far after each run, so
	// a long session leaves its figures behind even if cut short.
	Done func(*Report)
	// Progress receives one line per phase; nil discards them.
	Progress io.Writer
	Logger   *slog.Logger
}

func (c *Config) defaults() {
	if len(c.Quads) == 0 {
		c.Quads = []int{100000}
	}
	if len(c.Backends) == 0 {
		c.Backends = []string{"memory", "bolt"}
	}
	if c.Queries <= 0 {
		c.Queries = 1000
	}
	if c.Replace <= 0 {
		c.Replace = 50
	}
	if c.Extract == 0 {
		c.Extract = 40
	}
	if c.SearchEntities == 0 {
		c.SearchEntities = 1000000
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.Progress == nil {
		c.Progress = io.Discard
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
}

// Report is everything one Run measured.
type Report struct {
	Date      time.Time
	GoVersion string
	NumCPU    int
	Config    Config
	Runs      []*Result
	Extract   *ExtractResult
	Search    *SearchResult
	// VmHWM is the process's resident high-water mark at the end (all
	// runs together).
	VmHWM uint64
}

// Result is one backend at one corpus size.
type Result struct {
	Backend string
	Target  int // quads asked for
	Docs    int
	Stats   graph.Stats
	// Ingest: the same documents through ties' PutDocument and their
	// quads written straight into Cayley, one transaction per document.
	TiesIngest, RawIngest time.Duration
	RawQuads              int
	Queries               []QueryRow
	// SearchFound is the share of searches whose entity is among the first
	// 10 hits; PathsFound the share of pairs joined within 4 hops.
	SearchFound, PathsFound float64
	Replace, Remove         Dist
	// Heap in use after a collection once each store is opened (bolt and
	// PostgreSQL: ties with its index vs Cayley alone), and the peak of
	// the query phase (both open). For memory, TiesHeap holds both stores.
	TiesHeap, RawHeap, QueryPeak uint64
	// The same after a collection as live bytes (HeapAlloc): without the
	// spans' free space.
	TiesLive, RawLive uint64
}

// QueryRow is one question asked three ways.
type QueryRow struct {
	Name                 string
	Ties, Cayley, GoMap  Dist
	CayleyWhat, TiesWhat string
}

// Run generates the corpora and measures every backend at every size.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	cfg.defaults()
	rep := &Report{Date: time.Now().UTC(), GoVersion: runtime.Version(), NumCPU: runtime.NumCPU(), Config: cfg}
	dir := cfg.Dir
	if dir == "" {
		d, err := os.MkdirTemp("", "ties-bench-")
		if err != nil {
			return nil, fmt.Errorf("bench: temp dir: %w", err)
		}
		defer os.RemoveAll(d)
		dir = d
	}
	for _, b := range cfg.Backends {
		if b == "postgres" && cfg.Postgres == "" {
			return nil, fmt.Errorf("bench: backend postgres needs a URL (--postgres or TIES_TEST_POSTGRES)")
		}
		if b != "memory" && b != "bolt" && b != "postgres" {
			return nil, fmt.Errorf("bench: unknown backend %q (want memory, bolt or postgres)", b)
		}
	}
	for _, b := range cfg.Backends {
		sizes := cfg.Quads
		if s, ok := cfg.BackendQuads[b]; ok {
			sizes = s
		}
		for _, n := range sizes {
			start := time.Now()
			c := Generate(cfg.Seed, n)
			fmt.Fprintf(cfg.Progress, "%s: generated %d documents, %d entities, ~%d quads in %v\n", b,
				len(c.Docs), len(c.Entities), c.Quads, time.Since(start).Round(time.Millisecond))
			res, err := runOne(ctx, cfg, c, b, n, dir)
			if err != nil {
				return nil, fmt.Errorf("bench %s at %d quads: %w", b, n, err)
			}
			rep.Runs = append(rep.Runs, res)
			if cfg.Done != nil {
				rep.VmHWM = vmHWM()
				cfg.Done(rep)
			}
		}
	}
	if cfg.Extract > 0 {
		x, err := runExtract(ctx, cfg, Generate(cfg.Seed, 4000))
		if err != nil {
			return nil, err
		}
		rep.Extract = x
	}
	if cfg.SearchEntities > 0 {
		fmt.Fprintf(cfg.Progress, "search index: %d entities\n", cfg.SearchEntities)
		x, err := MeasureSearch(ctx, cfg.Seed, cfg.SearchEntities, cfg.Queries)
		if err != nil {
			return nil, err
		}
		rep.Search = x
	}
	rep.VmHWM = vmHWM()
	return rep, nil
}

// addresses returns the store addresses for ties and for raw Cayley, and a
// cleanup to call once both are closed.
func addresses(ctx context.Context, cfg Config, backend string, n int, dir string) (string, string, func(), error) {
	switch backend {
	case "memory":
		return "memory", "", func() {}, nil
	case "bolt":
		t, r := filepath.Join(dir, fmt.Sprintf("ties-%d", n)), filepath.Join(dir, fmt.Sprintf("raw-%d", n))
		return t, r, func() { os.RemoveAll(t); os.RemoveAll(r) }, nil
	}
	db, err := sql.Open("postgres", cfg.Postgres)
	if err != nil {
		return "", "", nil, fmt.Errorf("connect %s: %w", redact(cfg.Postgres), err)
	}
	base := fmt.Sprintf("ties_bench_%d_%d", time.Now().Unix(), n)
	var urls []string
	for _, suffix := range []string{"ties", "raw"} {
		name := base + "_" + suffix
		if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
			db.Close()
			return "", "", nil, fmt.Errorf("create database %s: %w", name, err)
		}
		u, err := url.Parse(cfg.Postgres)
		if err != nil {
			db.Close()
			return "", "", nil, fmt.Errorf("postgres URL: %w", err)
		}
		u.Path = "/" + name
		urls = append(urls, u.String())
	}
	cleanup := func() {
		for _, suffix := range []string{"ties", "raw"} {
			if _, err := db.Exec("DROP DATABASE IF EXISTS " + base + "_" + suffix); err != nil {
				cfg.Logger.Warn("bench: drop database", "name", base+"_"+suffix, "err", err)
			}
		}
		db.Close()
	}
	return urls[0], urls[1], cleanup, nil
}

func redact(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "postgres URL"
	}
	return p.Redacted()
}

func profile(cfg Config, backend string, n int, phase string) func() {
	if cfg.CPUProfile == "" {
		return func() {}
	}
	name := fmt.Sprintf("%s-%s-%d-%s.pprof", cfg.CPUProfile, backend, n, phase)
	f, err := os.Create(name)
	if err != nil {
		cfg.Logger.Warn("bench: cpu profile", "err", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		cfg.Logger.Warn("bench: cpu profile", "err", err)
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

func runOne(ctx context.Context, cfg Config, c *Corpus, backend string, n int, dir string) (res *Result, err error) {
	res = &Result{Backend: backend, Target: n, Docs: len(c.Docs)}
	tiesAddr, rawAddr, cleanup, err := addresses(ctx, cfg, backend, n, dir)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	st, err := cayley.Open(ctx, tiesAddr, cayley.Options{Logger: cfg.Logger})
	if err != nil {
		return nil, err
	}
	defer func() {
		if st != nil {
			if cerr := st.Close(); err == nil && cerr != nil {
				err = cerr
			}
		}
	}()
	rw, err := openRaw(backend, rawAddr)
	if err != nil {
		return nil, err
	}
	defer func() {
		if rw != nil {
			rw.close()
		}
	}()

	// Ingest, interleaved document by document so that both sides see the
	// same machine load: ties' PutDocument, then the very quads it stored
	// (read back, untimed) in one Cayley transaction.
	stop := profile(cfg, backend, n, "ingest")
	for i, x := range c.Docs {
		t0 := time.Now()
		if err := st.PutDocument(ctx, x); err != nil {
			stop()
			return nil, fmt.Errorf("ties put %s: %w", x.Document.ID, err)
		}
		res.TiesIngest += time.Since(t0)
		qs, err := st.DocumentQuads(ctx, x.Document.ID)
		if err != nil {
			stop()
			return nil, err
		}
		qs = uniqueQuads(qs)
		t0 = time.Now()
		if err := rw.write(qs); err != nil {
			stop()
			return nil, fmt.Errorf("%s: %w", x.Document.ID, err)
		}
		res.RawIngest += time.Since(t0)
		res.RawQuads += len(qs)
		if (i+1)%max(1, len(c.Docs)/5) == 0 {
			fmt.Fprintf(cfg.Progress, "  %s %d: ingested %d/%d documents (ties %v, cayley %v)\n", backend, n, i+1,
				len(c.Docs), res.TiesIngest.Round(time.Millisecond), res.RawIngest.Round(time.Millisecond))
		}
		if err := ctx.Err(); err != nil {
			stop()
			return nil, err
		}
	}
	stop()
	if res.Stats, err = st.Stats(ctx); err != nil {
		return nil, err
	}

	// Reopen both from disk (bolt, PostgreSQL), one after the other, for
	// the heap each needs: ties' includes its search index.
	if backend == "memory" {
		res.TiesHeap, res.TiesLive = settled()
	} else {
		if err := st.Close(); err != nil {
			return nil, err
		}
		st = nil
		if err := rw.close(); err != nil {
			return nil, err
		}
		rw = nil
		base, baseLive := settled()
		if rw, err = openRaw(backend, rawAddr); err != nil {
			return nil, err
		}
		// Cayley's bolt open scans the store (bloom filter); touch it so
		// lazily built state counts.
		if _, err := rw.oneHop(ctx, c.Docs[0].Statements[0].Subject.ID); err != nil {
			return nil, err
		}
		inuse, live := settled()
		res.RawHeap, res.RawLive = grown(inuse, base), grown(live, baseLive)
		base, baseLive = inuse, live
		if st, err = cayley.Open(ctx, tiesAddr, cayley.Options{Logger: cfg.Logger}); err != nil {
			return nil, err
		}
		inuse, live = settled()
		res.TiesHeap, res.TiesLive = grown(inuse, base), grown(live, baseLive)
	}

	if err := queries(ctx, cfg, c, st, rw, res); err != nil {
		return nil, err
	}
	if err := replaceRemove(ctx, cfg, c, st, res); err != nil {
		return nil, err
	}
	return res, nil
}

func uniqueQuads(qs []quad.Quad) []quad.Quad {
	seen := make(map[quad.Quad]bool, len(qs))
	out := qs[:0]
	for _, q := range qs {
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out
}

// actors picks n entities that documents mention, uniformly, seeded.
func actors(c *Corpus, seed uint64, n int) []Entity {
	used := map[string]bool{}
	for _, x := range c.Docs {
		for _, e := range x.Entities {
			used[e.ID] = true
		}
	}
	var pool []Entity
	for _, e := range c.Entities {
		if used[e.ID] {
			pool = append(pool, e)
		}
	}
	r := rand.New(rand.NewPCG(seed, 0x6163))
	out := make([]Entity, n)
	for i := range out {
		out[i] = pool[r.IntN(len(pool))]
	}
	return out
}

// searchText is how a user types an actor: an inflected form in one of
// the languages, sometimes lower case without diacritics.
func searchText(e Entity, r *rand.Rand) string {
	f := e.Forms[Languages[r.IntN(len(Languages))]][r.IntN(2)]
	if r.IntN(4) == 0 {
		f = graph.Fold(f)
	}
	return f
}

func queries(ctx context.Context, cfg Config, c *Corpus, st *cayley.Store, rw *raw, res *Result) error {
	srv := httptest.NewServer(server.New(server.Options{Store: st, Logger: cfg.Logger, ReadOnly: true}))
	defer srv.Close()
	cl := &client{url: srv.URL + server.GraphQLPath, http: &http.Client{Timeout: time.Minute}}
	lim := newAdjacency(c)
	acts := actors(c, cfg.Seed, cfg.Queries)
	pairs := actors(c, cfg.Seed+1, cfg.Queries)
	r := rand.New(rand.NewPCG(cfg.Seed, 0x7365))
	texts := make([]string, len(acts))
	for i, a := range acts {
		texts[i] = searchText(a, r)
	}
	// Warm up the handler and both stores.
	for _, a := range acts[:min(20, len(acts))] {
		if _, err := cl.hood(ctx, a.ID, 1); err != nil {
			return err
		}
		if _, err := rw.hood(ctx, a.ID, 1, 500); err != nil {
			return err
		}
	}
	peak := sampleHeap()
	defer func() { res.QueryPeak = peak.Stop() }()
	stop := profile(cfg, res.Backend, res.Target, "query")
	defer stop()

	type layer func(i int) error
	ask := func(name, tiesWhat, cayleyWhat string, ties, cay, gomap layer) error {
		var tt, ct, gt []time.Duration
		for i := range acts {
			// One actor through the three layers in turn: the same load
			// for each, so the ratios hold on a busy machine.
			for _, l := range []struct {
				f layer
				d *[]time.Duration
			}{{ties, &tt}, {cay, &ct}, {gomap, &gt}} {
				t0 := time.Now()
				if err := l.f(i); err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				*l.d = append(*l.d, time.Since(t0))
			}
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		res.Queries = append(res.Queries, QueryRow{Name: name, Ties: dist(tt), Cayley: dist(ct), GoMap: dist(gt),
			TiesWhat: tiesWhat, CayleyWhat: cayleyWhat})
		fmt.Fprintf(cfg.Progress, "  %s %d: %s p99 ties %v cayley %v map %v\n", res.Backend, res.Target, name,
			dist(tt).P99, dist(ct).P99, dist(gt).P99)
		return nil
	}
	found := 0
	if err := ask("search", "search(first:10), fuzzy, inflected", "exact alias In(ties:alias)",
		func(i int) error {
			ids, err := cl.search(ctx, texts[i])
			if slices.Contains(ids, acts[i].ID) {
				found++
			}
			return err
		},
		func(i int) error { _, err := rw.alias(ctx, texts[i]); return err },
		func(i int) error { lim.search(texts[i]); return nil }); err != nil {
		return err
	}
	res.SearchFound = float64(found) / float64(len(acts))
	if err := ask("entity relations(first:50)", "entity{relations(first:50)}", "Both(preds).Limit(50)",
		func(i int) error { _, err := cl.entity(ctx, acts[i].ID); return err },
		func(i int) error { _, err := rw.oneHop(ctx, acts[i].ID); return err },
		func(i int) error { lim.oneHop(acts[i].ID); return nil }); err != nil {
		return err
	}
	for _, d := range []int{1, 2} {
		cw := "Both(preds).Unique().Limit(499) + start, then the edges among them by quad iterators"
		if d == 2 {
			cw = "Both(preds).Both(preds).Unique().Limit(499) + start, then the edges among them by quad iterators"
		}
		if err := ask(fmt.Sprintf("neighborhood depth %d", d), "neighborhood(first:500)", cw,
			func(i int) error { _, err := cl.hood(ctx, acts[i].ID, d); return err },
			func(i int) error { _, err := rw.hood(ctx, acts[i].ID, d, 500); return err },
			func(i int) error { lim.hood(acts[i].ID, d, 500); return nil }); err != nil {
			return err
		}
	}
	joined := 0
	if err := ask("paths maxLength 4", "paths(maxLength:4, first:5)", "bidirectional BFS on QuadIterator",
		func(i int) error {
			n, err := cl.paths(ctx, acts[i].ID, pairs[i].ID)
			if n > 0 {
				joined++
			}
			return err
		},
		func(i int) error { _, err := rw.path(ctx, acts[i].ID, pairs[i].ID, 4); return err },
		func(i int) error { lim.path(acts[i].ID, pairs[i].ID, 4); return nil }); err != nil {
		return err
	}
	res.PathsFound = float64(joined) / float64(len(acts))
	return nil
}

// replaceRemove times replacing documents with a changed version and
// removing them; each is put back (untimed) so the store keeps its size.
func replaceRemove(ctx context.Context, cfg Config, c *Corpus, st *cayley.Store, res *Result) error {
	r := rand.New(rand.NewPCG(cfg.Seed, 0x7270))
	var put, del []time.Duration
	for k := 0; k < min(cfg.Replace, len(c.Docs)); k++ {
		i := r.IntN(len(c.Docs))
		t0 := time.Now()
		if err := st.PutDocument(ctx, c.Variant(i)); err != nil {
			return fmt.Errorf("replace %s: %w", c.Docs[i].Document.ID, err)
		}
		put = append(put, time.Since(t0))
		t0 = time.Now()
		if err := st.RemoveDocument(ctx, c.Docs[i].Document.ID); err != nil {
			return fmt.Errorf("remove %s: %w", c.Docs[i].Document.ID, err)
		}
		del = append(del, time.Since(t0))
		if err := st.PutDocument(ctx, c.Docs[i]); err != nil {
			return fmt.Errorf("put back %s: %w", c.Docs[i].Document.ID, err)
		}
	}
	res.Replace, res.Remove = dist(put), dist(del)
	fmt.Fprintf(cfg.Progress, "  %s %d: replace p99 %v remove p99 %v\n", res.Backend, res.Target, res.Replace.P99, res.Remove.P99)
	return nil
}

// ExtractResult is the text extractor on generated 5 KB documents.
type ExtractResult struct {
	Docs, Bytes, Statements int
	Took                    time.Duration
}

func runExtract(ctx context.Context, cfg Config, c *Corpus) (*ExtractResult, error) {
	an, err := morph.Open(ctx, morph.Options{Logger: cfg.Logger})
	if err != nil {
		return nil, fmt.Errorf("bench: morphology: %w", err)
	}
	x, err := text.New(ctx, text.Options{Morph: an, Detect: lang.Detect, Logger: cfg.Logger})
	if err != nil {
		return nil, fmt.Errorf("bench: text extractor: %w", err)
	}
	docs := c.TextDocs(cfg.Extract, 5000)
	// One warm-up document: lexicons and caches fill on first use.
	if _, err := x.Load(ctx, loaders.Input{Name: "warmup.txt", Data: docs[0]}); err != nil {
		return nil, fmt.Errorf("bench: extract warm-up: %w", err)
	}
	res := &ExtractResult{Docs: len(docs)}
	start := time.Now()
	for i, d := range docs {
		out, err := x.Load(ctx, loaders.Input{Name: fmt.Sprintf("bench-%03d.txt", i), Data: d})
		if err != nil {
			return nil, fmt.Errorf("bench: extract bench-%03d.txt: %w", i, err)
		}
		res.Bytes += len(d)
		res.Statements += len(out.Statements)
	}
	res.Took = time.Since(start)
	fmt.Fprintf(cfg.Progress, "extracted %d documents (%d statements) in %v\n", res.Docs, res.Statements, res.Took.Round(time.Millisecond))
	return res, nil
}

// ParseSizes reads a comma-separated list of sizes ("100000,1M,200k").
func ParseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(strings.ToLower(f))
		if f == "" {
			continue
		}
		mult := 1
		switch {
		case strings.HasSuffix(f, "k"):
			mult, f = 1000, strings.TrimSuffix(f, "k")
		case strings.HasSuffix(f, "m"):
			mult, f = 1000000, strings.TrimSuffix(f, "m")
		}
		var n int
		if _, err := fmt.Sscan(f, &n); err != nil || n <= 0 {
			return nil, fmt.Errorf("size %q: want a positive number (100000, 200k, 1m)", f)
		}
		out = append(out, n*mult)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no sizes in %q", s)
	}
	return out, nil
}
