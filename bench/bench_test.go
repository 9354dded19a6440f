package bench

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/graph/cayley"
	"github.com/ties-graph/ties/server"
)

func TestGenerate(t *testing.T) {
	c := Generate(7, 5000)
	sig := signatures()
	t.Run("deterministic", func(t *testing.T) {
		if !reflect.DeepEqual(c.Docs, Generate(7, 5000).Docs) {
			t.Fatal("two corpora of the same seed differ")
		}
		if reflect.DeepEqual(c.Docs, Generate(8, 5000).Docs) {
			t.Fatal("corpora of different seeds are equal")
		}
	})
	t.Run("statements", func(t *testing.T) {
		preds := map[graph.Predicate]int{}
		for _, x := range c.Docs {
			runes := []rune(x.Document.Text)
			for _, s := range x.Statements {
				preds[s.Predicate]++
				if got := string(runes[s.Evidence.Start:s.Evidence.End]); got != s.Evidence.Sentence {
					t.Fatalf("%s: offsets %d-%d give %q, want %q", x.Document.ID, s.Evidence.Start, s.Evidence.End, got, s.Evidence.Sentence)
				}
				g := sig[s.Predicate]
				if !has(g.subj, s.Subject.Type) || !has(g.obj, s.Object.Type) {
					t.Errorf("%s: %s %s %s breaks the signature", x.Document.ID, s.Subject.Type, s.Predicate, s.Object.Type)
				}
			}
		}
		for _, p := range graph.Predicates {
			if preds[p] == 0 {
				t.Errorf("no statement of %s", p)
			}
		}
	})
	t.Run("power law", func(t *testing.T) {
		deg := map[string]int{}
		for _, x := range Generate(7, 50000).Docs {
			for _, s := range x.Statements {
				deg[s.Subject.ID]++
				deg[s.Object.ID]++
			}
		}
		top, total := 0, 0
		for _, d := range deg {
			top = max(top, d)
			total += d
		}
		if mean := float64(total) / float64(len(deg)); float64(top) < 10*mean {
			t.Errorf("top degree %d is not far above the mean %.1f: no hubs", top, mean)
		}
	})
	t.Run("aliases", func(t *testing.T) {
		for _, e := range c.Entities[:50] {
			if len(e.Forms) != len(Languages) {
				t.Fatalf("%s has forms in %d languages", e.ID, len(e.Forms))
			}
			if e.Forms["uk"][0] == e.Forms["en"][0] {
				t.Errorf("%s: Ukrainian form %q is not in Cyrillic", e.ID, e.Forms["uk"][0])
			}
		}
	})
	t.Run("text documents", func(t *testing.T) {
		docs := c.TextDocs(4, 5000)
		for i, d := range docs {
			if len(d) < 5000 || len(d) > 6000 {
				t.Errorf("document %d has %d bytes", i, len(d))
			}
		}
	})
}

func has(ts []graph.EntityType, t graph.EntityType) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

// TestSmoke runs the whole harness on a tiny corpus in memory: it checks
// that the harness works, not how fast anything is.
func TestSmoke(t *testing.T) {
	ctx := context.Background()
	backends := []string{"memory", "bolt"}
	pg := os.Getenv("TIES_TEST_POSTGRES")
	if pg != "" {
		backends = append(backends, "postgres")
	}
	rep, err := Run(ctx, Config{Quads: []int{3000}, Backends: backends, Postgres: pg, Queries: 20, Replace: 3,
		Extract: -1, SearchEntities: 2000, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Runs) != len(backends) {
		t.Fatalf("%d runs, want %d", len(rep.Runs), len(backends))
	}
	for _, r := range rep.Runs {
		t.Run(r.Backend, func(t *testing.T) {
			if r.Stats.Statements == 0 || r.RawQuads == 0 {
				t.Fatalf("nothing stored: %+v, %d raw quads", r.Stats, r.RawQuads)
			}
			if r.RawQuads != r.Stats.Quads {
				t.Errorf("Cayley got %d quads, ties holds %d", r.RawQuads, r.Stats.Quads)
			}
			if len(r.Queries) != 5 {
				t.Errorf("%d query rows, want 5", len(r.Queries))
			}
			for _, q := range r.Queries {
				if q.Ties.N != 20 || q.Cayley.N != 20 || q.GoMap.N != 20 {
					t.Errorf("%s: %d/%d/%d samples, want 20", q.Name, q.Ties.N, q.Cayley.N, q.GoMap.N)
				}
			}
			if r.SearchFound < 0.5 {
				t.Errorf("search found only %.0f%% of the actors", 100*r.SearchFound)
			}
			if r.Replace.N != 3 || r.Remove.N != 3 {
				t.Errorf("replace/remove samples %d/%d, want 3", r.Replace.N, r.Remove.N)
			}
		})
	}
	var md bytes.Buffer
	if err := WriteMarkdown(&md, rep, "go test"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## memory, 3k quads", "neighborhood depth 2 p99", "## Targets of issue 6", "ingest vs raw Cayley writes",
		"## Search index, 2k entities", "search p99 (index alone)"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

// TestPathsAgree checks that the three ways of asking for a path find the
// same shortest length, so the baselines answer the same question.
func TestPathsAgree(t *testing.T) {
	ctx := context.Background()
	c, st, rw := loadedPair(t, 3, 3000)
	lim := newAdjacency(c)
	a, b := actors(c, 1, 30), actors(c, 2, 30)
	for i := range a {
		ps, err := st.Paths(ctx, a[i].ID, b[i].ID, graph.PathOptions{MaxLength: 4, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		if len(ps) > 0 {
			want = len(ps[0].Edges)
		}
		got, err := rw.path(ctx, a[i].ID, b[i].ID, 4)
		if err != nil {
			t.Fatal(err)
		}
		if got != want || lim.path(a[i].ID, b[i].ID, 4) != want {
			t.Errorf("%s → %s: ties %d, Cayley BFS %d, map %d", a[i].ID, b[i].ID, want, got, lim.path(a[i].ID, b[i].ID, 4))
		}
	}
}

func TestParseSizes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
		err  bool
	}{
		{"100000", []int{100000}, false},
		{"100k,1M", []int{100000, 1000000}, false},
		{"200k, ", []int{200000}, false},
		{"", nil, true},
		{"x", nil, true},
		{"-5", nil, true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseSizes(tc.in)
			if (err != nil) != tc.err || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseSizes(%q) = %v, %v", tc.in, got, err)
			}
		})
	}
}

// benchQuads is the corpus size of the Go benchmarks: TIES_BENCH_QUADS, or
// 20000 (seconds to build on a small machine).
func benchQuads(b *testing.B) int {
	if s := os.Getenv("TIES_BENCH_QUADS"); s != "" {
		n, err := ParseSizes(s)
		if err != nil {
			b.Fatalf("TIES_BENCH_QUADS: %v", err)
		}
		return n[0]
	}
	return 20000
}

// benchAddr is the backend of the Go benchmarks: TIES_BENCH_BACKEND
// (memory, bolt), memory by default.
func benchAddr(b *testing.B) (string, string) {
	switch k := os.Getenv("TIES_BENCH_BACKEND"); k {
	case "", "memory":
		return "memory", "memory"
	case "bolt":
		return "bolt", b.TempDir()
	default:
		b.Fatalf("TIES_BENCH_BACKEND %q: want memory or bolt", k)
	}
	return "", ""
}

// BenchmarkIngest writes the corpus document by document through ties and
// straight into Cayley; compare runs with benchstat.
func BenchmarkIngest(b *testing.B) {
	ctx := context.Background()
	c := Generate(1, benchQuads(b))
	kind, _ := benchAddr(b)
	// The quads ties stores, read back once, for the Cayley side.
	st, err := cayley.Open(ctx, "memory", cayley.Options{})
	if err != nil {
		b.Fatal(err)
	}
	all := make([][]quad.Quad, len(c.Docs))
	for i, x := range c.Docs {
		if err := st.PutDocument(ctx, x); err != nil {
			b.Fatal(err)
		}
		qs, err := st.DocumentQuads(ctx, x.Document.ID)
		if err != nil {
			b.Fatal(err)
		}
		all[i] = uniqueQuads(qs)
	}
	st.Close()
	b.Run("ties", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			_, addr := benchAddr(b)
			s, err := cayley.Open(ctx, addr, cayley.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			for _, x := range c.Docs {
				if err := s.PutDocument(ctx, x); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			s.Close()
			b.StartTimer()
		}
		b.ReportMetric(float64(c.Quads)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
	})
	b.Run("cayley", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			_, addr := benchAddr(b)
			rw, err := openRaw(kind, addr)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			for _, qs := range all {
				if err := rw.write(qs); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			rw.close()
			b.StartTimer()
		}
		b.ReportMetric(float64(c.Quads)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
	})
}

// BenchmarkQueries asks each question of issue 6 through GraphQL, Cayley's
// path API and the Go map, one random actor per iteration.
func BenchmarkQueries(b *testing.B) {
	ctx := context.Background()
	c := Generate(1, benchQuads(b))
	kind, addr := benchAddr(b)
	rawAddr := ""
	if kind == "bolt" {
		rawAddr = b.TempDir()
	}
	st, rw := loadPair(b, c, kind, addr, rawAddr)
	srv := httptest.NewServer(server.New(server.Options{Store: st, ReadOnly: true}))
	defer srv.Close()
	cl := &client{url: srv.URL + server.GraphQLPath, http: http.DefaultClient}
	lim := newAdjacency(c)
	acts, pairs := actors(c, 1, 1000), actors(c, 2, 1000)
	type q struct {
		name  string
		ties  func(i int) error
		cay   func(i int) error
		gomap func(i int)
	}
	qs := []q{
		{"search", func(i int) error { _, err := cl.search(ctx, acts[i].Forms["pl"][1]); return err },
			func(i int) error { _, err := rw.alias(ctx, acts[i].Forms["pl"][1]); return err },
			func(i int) { lim.search(acts[i].Forms["pl"][1]) }},
		{"relations", func(i int) error { _, err := cl.entity(ctx, acts[i].ID); return err },
			func(i int) error { _, err := rw.oneHop(ctx, acts[i].ID); return err },
			func(i int) { lim.oneHop(acts[i].ID) }},
	}
	for _, d := range []int{1, 2} {
		qs = append(qs, q{"neighborhood" + strconv.Itoa(d),
			func(i int) error { _, err := cl.hood(ctx, acts[i].ID, d); return err },
			func(i int) error { _, err := rw.hood(ctx, acts[i].ID, d, 500); return err },
			func(i int) { lim.hood(acts[i].ID, d, 500) }})
	}
	qs = append(qs, q{"paths4",
		func(i int) error { _, err := cl.paths(ctx, acts[i].ID, pairs[i].ID); return err },
		func(i int) error { _, err := rw.path(ctx, acts[i].ID, pairs[i].ID, 4); return err },
		func(i int) { lim.path(acts[i].ID, pairs[i].ID, 4) }})
	for _, x := range qs {
		b.Run(fmt.Sprintf("%s/graphql", x.name), func(b *testing.B) {
			i := 0
			for b.Loop() {
				if err := x.ties(i % len(acts)); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
		b.Run(fmt.Sprintf("%s/cayley", x.name), func(b *testing.B) {
			i := 0
			for b.Loop() {
				if err := x.cay(i % len(acts)); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
		b.Run(fmt.Sprintf("%s/gomap", x.name), func(b *testing.B) {
			i := 0
			for b.Loop() {
				x.gomap(i % len(acts))
				i++
			}
		})
	}
}

func TestTargets(t *testing.T) {
	ms := time.Millisecond
	row := func(name string, ties, cay time.Duration) QueryRow {
		return QueryRow{Name: name, Ties: Dist{P99: ties}, Cayley: Dist{P99: cay}}
	}
	for _, tc := range []struct {
		name string
		res  Result
		want map[string]bool // target name → met
	}{
		{"bolt within targets", Result{Backend: "bolt", Target: 1000000, TiesIngest: 10 * time.Second, RawIngest: 9 * time.Second,
			Queries: []QueryRow{row("neighborhood depth 2", 15*ms, 10*ms), row("paths maxLength 4", 20*ms, 10*ms), row("search", 9*ms, ms)},
			Replace: Dist{P99: 40 * ms}, Remove: Dist{P99: 50 * ms}, TiesHeap: 150, RawHeap: 100},
			map[string]bool{"neighborhood depth 2 p99 vs Cayley path": true, "paths p99 vs BFS on Cayley iterators": true,
				"ingest vs raw Cayley writes": true, "replace/remove one document p99": true, "search p99": true,
				"heap of an open store vs Cayley bolt alone": true}},
		{"bolt beyond targets", Result{Backend: "bolt", Target: 1000000, TiesIngest: 10 * time.Second, RawIngest: 7 * time.Second,
			Queries: []QueryRow{row("neighborhood depth 2", 16*ms, 10*ms), row("paths maxLength 4", 21*ms, 10*ms), row("search", 11*ms, ms)},
			Replace: Dist{P99: 40 * ms}, Remove: Dist{P99: 51 * ms}, TiesHeap: 151, RawHeap: 100},
			map[string]bool{"neighborhood depth 2 p99 vs Cayley path": false, "paths p99 vs BFS on Cayley iterators": false,
				"ingest vs raw Cayley writes": false, "replace/remove one document p99": false, "search p99": false,
				"heap of an open store vs Cayley bolt alone": false}},
		{"postgres", Result{Backend: "postgres", Target: 200000, TiesIngest: time.Second, RawIngest: 5 * time.Second,
			Queries: []QueryRow{row("neighborhood depth 2", 21*ms, 100*ms)}},
			map[string]bool{"neighborhood depth 2 p99 vs Cayley path": true, "neighborhood depth 2 p99 on PostgreSQL": false,
				"load vs Cayley's per-quad inserts": true, "replace/remove one document p99": true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]bool{}
			for _, x := range Targets(&Report{Runs: []*Result{&tc.res}}) {
				got[x.Name] = x.Met
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("targets %v, want %v", got, tc.want)
			}
		})
	}
}
