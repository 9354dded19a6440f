package cayley

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	cpath "github.com/cayleygraph/cayley/query/path"

	"github.com/ties-graph/ties/graph"
)

// synth makes document i of a synthetic corpus: 15 entities out of a pool
// of 3 per document, two of them from 10 hubs every document shares, and 10
// statements among them. version changes the statements' confidence and
// drops one, so a replace has work to do.
func synth(i, docs, version int) graph.Extraction {
	r := rand.New(rand.NewPCG(uint64(i), 7))
	id := fmt.Sprintf("d%05d.txt", i)
	var ents []graph.Entity
	seen := map[string]bool{}
	addEnt := func(n int) {
		e := graph.Entity{ID: "e" + strconv.Itoa(n), Name: fmt.Sprintf("Entity %d", n),
			Type: graph.EntityTypes[n%len(graph.EntityTypes)], Aliases: []string{fmt.Sprintf("Entity-%d-%d", n, i%3)}}
		if !seen[e.ID] {
			seen[e.ID] = true
			ents = append(ents, e)
		}
	}
	addEnt(r.IntN(10))
	addEnt(r.IntN(10))
	for len(ents) < 15 {
		addEnt(10 + r.IntN(3*docs))
	}
	x := graph.Extraction{Document: graph.Document{ID: id, Title: id, Language: "en", Format: "text",
		Text: "synthetic", LoadedAt: time.Unix(int64(i), 0)}, Entities: ents}
	for k := 0; k < 10-version%2; k++ {
		s, o := ents[r.IntN(len(ents))], ents[r.IntN(len(ents))]
		x.Statements = append(x.Statements, graph.Statement{Subject: s, Object: o,
			Predicate:  graph.Predicates[r.IntN(len(graph.Predicates))],
			Confidence: 0.5 + 0.1*float64(version%3),
			Evidence:   graph.Evidence{Sentence: "s", Start: k * 10, End: k*10 + 9}})
	}
	return x
}

// adjacencySize reports the adjacency's entries and the estimate of its
// bytes (see adjacency.bytes).
func adjacencySize(s *Store) string {
	a := s.adj
	arcs := 0
	for _, l := range a.arcs {
		arcs += len(l)
	}
	return fmt.Sprintf("%d entities, %d edges, %d arcs, about %.2f MiB",
		len(a.ids), len(a.edges), arcs, float64(a.bytes())/(1<<20))
}

func percentiles(ds []time.Duration) string {
	slices.Sort(ds)
	p := func(q float64) time.Duration { return ds[int(q*float64(len(ds)-1))] }
	return fmt.Sprintf("p50 %v p99 %v max %v (n=%d)", p(0.5), p(0.99), ds[len(ds)-1], len(ds))
}

// TestMeasure times the store on a synthetic corpus. It runs only with
// TIES_MEASURE=<documents> (e.g. 2000) and TIES_MEASURE_ADDR (default: a
// bolt directory in a temp dir), and logs percentiles.
func TestMeasure(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("TIES_MEASURE"))
	if n == 0 {
		t.Skip("set TIES_MEASURE=<documents> to time the store on a synthetic corpus")
	}
	ctx := context.Background()
	addr := os.Getenv("TIES_MEASURE_ADDR")
	if addr == "" {
		addr = filepath.Join(t.TempDir(), "store")
	}
	s := open(t, addr)
	start := time.Now()
	for i := 0; i < n; i++ {
		if err := s.PutDocument(ctx, synth(i, n, 0)); err != nil {
			t.Fatal(err)
		}
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded %d documents, %+v in %v", n, st, time.Since(start))
	t.Logf("adjacency: %s", adjacencySize(s))
	t0 := time.Now()
	if err := s.buildIndex(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("index and adjacency rebuilt (as at Open) in %v", time.Since(t0))

	const rounds = 100
	var put, del, nb, cay, paths, search []time.Duration
	for k := 0; k < rounds; k++ {
		i := (k * 7919) % n
		t0 := time.Now()
		if err := s.PutDocument(ctx, synth(i, n, k+1)); err != nil {
			t.Fatal(err)
		}
		put = append(put, time.Since(t0))
		t0 = time.Now()
		if err := s.RemoveDocument(ctx, synth(i, n, 0).Document.ID); err != nil {
			t.Fatal(err)
		}
		del = append(del, time.Since(t0))
		if err := s.PutDocument(ctx, synth(i, n, 0)); err != nil {
			t.Fatal(err)
		}
		e := synth(i, n, 0).Entities[3].ID
		t0 = time.Now()
		sg, err := s.Neighborhood(ctx, e, graph.NeighborhoodOptions{Depth: 2, Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		nb = append(nb, time.Since(t0))
		// Cayley's own two-hop query over the same direct edges, for scale.
		preds := make([]any, len(graph.Predicates))
		for j, p := range graph.Predicates {
			preds[j] = predicateIRI(p)
		}
		t0 = time.Now()
		s.mu.RLock()
		vals, err := cpath.StartPath(s.qs, entityIRI(e)).Both(preds...).Both(preds...).Unique().Iterate(ctx).AllValues(s.qs)
		s.mu.RUnlock()
		if err != nil {
			t.Fatal(err)
		}
		cay = append(cay, time.Since(t0))
		if k == 0 {
			t.Logf("neighborhood of %s: %d nodes, %d edges; cayley two-hop: %d values", e, len(sg.Nodes), len(sg.Edges), len(vals))
		}
		to := synth((i+1)%n, n, 0).Entities[4].ID
		t0 = time.Now()
		if _, err := s.Paths(ctx, e, to, graph.PathOptions{MaxLength: 4, Limit: 5}); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, time.Since(t0))
		t0 = time.Now()
		if _, err := s.Search(ctx, fmt.Sprintf("entity %d", 10+k), graph.SearchOptions{Limit: 10}); err != nil {
			t.Fatal(err)
		}
		search = append(search, time.Since(t0))
	}
	t.Logf("replace:            %s", percentiles(put))
	t.Logf("remove:             %s", percentiles(del))
	t.Logf("neighborhood d2:    %s", percentiles(nb))
	t.Logf("cayley 2-hop path:  %s", percentiles(cay))
	t.Logf("paths (≤4, 5):      %s", percentiles(paths))
	t.Logf("search:             %s", percentiles(search))
}
