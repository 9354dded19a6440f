package bench

import (
	"context"
	"testing"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/graph/cayley"
)

// TestHoodsAgree: the Cayley baseline of `neighborhood` fetches the same
// subgraph ties answers (nodes, and the edges among them), so that the
// ratio compares the same work. At depth 1, below the node cap, both
// select the same nodes.
func TestHoodsAgree(t *testing.T) {
	ctx := context.Background()
	c, st, rw := loadedPair(t, 3, 3000)
	edges := 0
	for _, a := range actors(c, 1, 40) {
		sub, err := st.Neighborhood(ctx, a.ID, graph.NeighborhoodOptions{Depth: 1, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		got, err := rw.hood(ctx, a.ID, 1, 500)
		if err != nil {
			t.Fatal(err)
		}
		if want := len(sub.Nodes) + len(sub.Edges); got != want {
			t.Errorf("%s: Cayley nodes+edges %d, ties %d+%d", a.ID, got, len(sub.Nodes), len(sub.Edges))
		}
		edges += len(sub.Edges)
	}
	if edges == 0 {
		t.Fatal("no edges: the test compares nothing")
	}
}

// loadedPair generates a corpus and loads it into a ties memory store and,
// quad for quad, into raw Cayley; both close when the test ends.
func loadedPair(t *testing.T, seed uint64, quads int) (*Corpus, *cayley.Store, *raw) {
	t.Helper()
	c := Generate(seed, quads)
	st, rw := loadPair(t, c, "memory", "memory", "")
	return c, st, rw
}

// loadPair opens ties at tiesAddr and raw Cayley of kind at rawAddr, and
// loads c into both, the raw side with the very quads ties stored; both
// close when the test or benchmark ends.
func loadPair(tb testing.TB, c *Corpus, kind, tiesAddr, rawAddr string) (*cayley.Store, *raw) {
	tb.Helper()
	ctx := context.Background()
	st, err := cayley.Open(ctx, tiesAddr, cayley.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	rw, err := openRaw(kind, rawAddr)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { rw.close() })
	for _, x := range c.Docs {
		if err := st.PutDocument(ctx, x); err != nil {
			tb.Fatal(err)
		}
		qs, err := st.DocumentQuads(ctx, x.Document.ID)
		if err != nil {
			tb.Fatal(err)
		}
		if err := rw.write(uniqueQuads(qs)); err != nil {
			tb.Fatal(err)
		}
	}
	return st, rw
}
