package cayley

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/ties-graph/ties/graph"
)

// quadsSay reads the direct edges and their statement counts straight from
// the quads, through the backend's indexes, as the traversals did before the
// adjacency: the truth the adjacency must equal.
func quadsSay(t *testing.T, s *Store) map[triple]edgeCount {
	t.Helper()
	ctx := context.Background()
	out := map[triple]edgeCount{}
	for id := range s.index.entities {
		qs, err := s.matchLabelled(ctx, quad.Subject, entityIRI(id), directPreds())
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			tr, ok := directEdge(q)
			if !ok {
				t.Fatalf("not a direct edge: %v", q)
			}
			c := out[tr]
			c.docs++
			out[tr] = c
		}
	}
	for tr, c := range out {
		st, err := s.match(ctx, quad.Object, relationIRI(graph.RelationID(tr.s, tr.p, tr.o)), []quad.IRI{pRelation}, nil)
		if err != nil {
			t.Fatal(err)
		}
		c.stmts = int32(len(st))
		out[tr] = c
	}
	return out
}

// checkAdjacency compares the store's adjacency with the quads and with an
// adjacency rebuilt from the store (as at Open), and checks its arcs.
func checkAdjacency(t *testing.T, s *Store) {
	t.Helper()
	kept := s.adj
	got, want := kept.edgeTriples(), quadsSay(t, s)
	for tr, c := range want {
		if got[tr] != c {
			t.Errorf("edge %v: adjacency has %+v, quads say %+v", tr, got[tr], c)
		}
	}
	for tr, c := range got {
		if _, ok := want[tr]; !ok {
			t.Errorf("edge %v (%+v) is in the adjacency, not in the quads", tr, c)
		}
	}
	arcs := 0
	for n, l := range kept.arcs {
		arcs += len(l)
		if !slices.IsSortedFunc(l, func(x, y uint32) int { return kept.arcCmp(int32(n), x, y) }) {
			t.Errorf("arcs of %s are not sorted", kept.ids[n])
		}
		if len(kept.arcInfo[n]) != len(l) {
			t.Errorf("%s has %d arcs and %d arc infos", kept.ids[n], len(l), len(kept.arcInfo[n]))
			continue
		}
		for i, x := range l {
			k := edgeKey{s: int32(n), o: arcOther(x), p: arcPred(x)}
			if !arcIsOut(x) {
				k.s, k.o = k.o, k.s
			}
			if _, ok := kept.edges[k]; !ok {
				t.Errorf("arc %s %v %s has no edge", kept.ids[n], graph.Predicates[arcPred(x)], kept.ids[arcOther(x)])
			}
			if got, want := kept.edgeAt(int32(n), i), kept.edge(int32(n), x); got != want {
				t.Errorf("arc %d of %s: edgeAt %+v, edge %+v", i, kept.ids[n], got, want)
			}
			if got, want := kept.weight(int32(n), x), int(kept.stmts[kept.relKey(k)]); got != want {
				t.Errorf("arc %s %v %s: weight %d, want %d", kept.ids[n], graph.Predicates[arcPred(x)], kept.ids[arcOther(x)], got, want)
			}
			if got, want := kept.rel(int32(n), x), graph.RelationID(kept.ids[k.s], graph.Predicates[k.p], kept.ids[k.o]); got != want {
				t.Errorf("arc %s %v %s: relation %s, want %s", kept.ids[n], graph.Predicates[arcPred(x)], kept.ids[arcOther(x)], got, want)
			}
		}
	}
	wantArcs := 0
	for k := range kept.edges {
		wantArcs += 2
		if k.s == k.o {
			wantArcs--
		}
	}
	if arcs != wantArcs {
		t.Errorf("%d arcs for %d edges, want %d", arcs, len(kept.edges), wantArcs)
	}
	if err := s.buildIndex(context.Background()); err != nil {
		t.Fatal(err)
	}
	if rebuilt := s.adj.edgeTriples(); !mapsEqual(rebuilt, got) {
		t.Errorf("rebuilt adjacency has %d edges, kept one %d, or counts differ", len(rebuilt), len(got))
	}
}

func mapsEqual[K comparable, V comparable](a, b map[K]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestAdjacencyFollowsWrites runs random puts, replaces and removes and
// checks the adjacency against the quads after each batch.
func TestAdjacencyFollowsWrites(t *testing.T) {
	backends := []struct {
		name string
		addr func(t *testing.T) string
	}{
		{"memory", func(*testing.T) string { return "memory" }},
		{"bolt", func(t *testing.T) string { return filepath.Join(t.TempDir(), "store") }},
		{"postgres", postgresDB},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t, b.addr(t))
			const n = 24
			r := rand.New(rand.NewPCG(6, 1))
			stored := map[string]bool{}
			for round := 0; round < 4; round++ {
				for k := 0; k < 15; k++ {
					i := r.IntN(n)
					x := synth(i, n, r.IntN(3))
					if stored[x.Document.ID] && r.IntN(3) == 0 {
						if err := s.RemoveDocument(ctx, x.Document.ID); err != nil {
							t.Fatal(err)
						}
						delete(stored, x.Document.ID)
						continue
					}
					if err := s.PutDocument(ctx, x); err != nil {
						t.Fatal(err)
					}
					stored[x.Document.ID] = true
				}
				checkAdjacency(t, s)
				if t.Failed() {
					t.Fatalf("round %d", round)
				}
			}
			if len(s.adj.edges) == 0 {
				t.Fatal("no edges: the test checks nothing")
			}
			// A symmetric relation stated both ways is one relation.
			for k, x := range symmetricDocs() {
				if err := s.PutDocument(ctx, x); err != nil {
					t.Fatal(err)
				}
				stored[x.Document.ID] = true
				checkAdjacency(t, s)
				if t.Failed() {
					t.Fatalf("symmetric document %d", k)
				}
			}
			hood, err := s.Neighborhood(ctx, "x1", graph.NeighborhoodOptions{Depth: 1, Predicates: []graph.Predicate{graph.PartnerOf}})
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, e := range hood.Edges {
				if seen[e.ID] {
					t.Errorf("edge %s listed twice", e.ID)
				}
				seen[e.ID] = true
				if e.Source == "x1" && e.Target == "x2" && e.Weight != 4 {
					t.Errorf("x1 partner_of x2 weighs %d, want 4 (1 + 1 + 2 statements, both ways)", e.Weight)
				}
			}
			for id := range stored {
				if err := s.RemoveDocument(ctx, id); err != nil {
					t.Fatal(err)
				}
			}
			if len(s.adj.edges) != 0 || len(s.adj.stmts) != 0 {
				t.Errorf("%d edges, %d relations left after removing every document", len(s.adj.edges), len(s.adj.stmts))
			}
			checkAdjacency(t, s)
		})
	}
}

// symmetricDocs state x1 partner_of x2: one document each way,
// then one with both.
func symmetricDocs() []graph.Extraction {
	var out []graph.Extraction
	for i, dirs := range [][][2]int{{{1, 2}}, {{2, 1}}, {{1, 2}, {2, 1}}} {
		x := synth(100+i, 24, 0)
		x.Document.ID = fmt.Sprintf("sym%d.txt", i)
		x.Entities = append(x.Entities, graph.Entity{ID: "x1", Name: "Partner 1"}, graph.Entity{ID: "x2", Name: "Partner 2"})
		for k, d := range dirs {
			x.Statements = append(x.Statements, graph.Statement{
				Subject: graph.Entity{ID: fmt.Sprintf("x%d", d[0])}, Object: graph.Entity{ID: fmt.Sprintf("x%d", d[1])},
				Predicate: graph.PartnerOf, Confidence: 0.9,
				Evidence: graph.Evidence{Sentence: "partners", Start: 200 + k*10, End: 209 + k*10}})
		}
		out = append(out, x)
	}
	return out
}

// TestAdjacencyFailedWrite: a write that does not commit leaves the
// adjacency as it was.
func TestAdjacencyFailedWrite(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "store"))
	for i := 0; i < 6; i++ {
		if err := s.PutDocument(ctx, synth(i, 6, 0)); err != nil {
			t.Fatal(err)
		}
	}
	before := s.adj.edgeTriples()
	s.afterAdds = func() { panic("failpoint") }
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the write did not reach the failpoint")
			}
		}()
		_ = s.PutDocument(ctx, synth(2, 6, 1))
	}()
	s.afterAdds = nil
	if !mapsEqual(before, s.adj.edgeTriples()) {
		t.Error("a rolled back write changed the adjacency")
	}
	checkAdjacency(t, s)
}

func TestPackRelID(t *testing.T) {
	for _, tc := range []struct {
		id string
		ok bool
	}{
		{graph.RelationID("krakow", graph.MemberOf, "eurocities"), true},
		{graph.RelationID("b", graph.PartnerOf, "a"), true},
		{"r0123456789abcdef0123", true},
		{"r0123456789abcdef012", false},  // short
		{"x0123456789abcdef0123", false}, // no r
		{"r0123456789abcdef012z", false}, // not hex
		{"r0123456789ABCDEF0123", false}, // upper case would not print back the same
	} {
		t.Run(tc.id, func(t *testing.T) {
			r := packRelID(tc.id)
			if r.ok != tc.ok {
				t.Fatalf("packed ok %v, want %v", r.ok, tc.ok)
			}
			if r.ok && r.String() != tc.id {
				t.Errorf("prints back as %s", r.String())
			}
		})
	}
}

// TestAdjacencyAfterOpen: the adjacency built at Open packs its arc lists
// into slabs (pack); writes after that must grow and shrink each list
// without touching its neighbours'.
func TestAdjacencyAfterOpen(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "store")
	s := open(t, dir)
	const n = 24
	for i := 0; i < n; i++ {
		if err := s.PutDocument(ctx, synth(i, n, 0)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t, dir)
	checkAdjacency(t, s)
	r := rand.New(rand.NewPCG(8, 3))
	for k := 0; k < 40; k++ {
		i := r.IntN(n)
		var err error
		if r.IntN(3) == 0 {
			err = s.RemoveDocument(ctx, synth(i, n, 0).Document.ID)
			if graph.ErrorCode(err) == graph.ENOTFOUND {
				err = nil
			}
		} else {
			err = s.PutDocument(ctx, synth(i, n, 1+r.IntN(2)))
		}
		if err != nil {
			t.Fatal(err)
		}
		checkAdjacency(t, s)
		if t.Failed() {
			t.Fatalf("after write %d", k)
		}
	}
}
