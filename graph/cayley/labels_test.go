package cayley

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// sortedQuads is a document's quads as sorted N-Quads lines, duplicates
// (a direct edge two statements imply) once.
func sortedQuads(qs []quad.Quad) []string {
	out := make([]string, 0, len(qs))
	for _, q := range qs {
		out = append(out, q.NQuad())
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestLabelIndex: a bolt store ties creates indexes quads by label and
// keeps the index when reopened; a bolt file that already holds data
// without it (an older ties, or Cayley's own) is not re-indexed. On both,
// and in memory, documentQuads finds what the walk from the document node
// finds, and the two bolt stores what the memory store finds, through
// random puts, renaming replaces and removes.
func TestLabelIndex(t *testing.T) {
	ctx := context.Background()
	older := filepath.Join(t.TempDir(), "older")
	if err := cgraph.InitQuadStore("bolt", older, nil); err != nil {
		t.Fatal(err)
	}
	qs, err := cgraph.NewQuadStore("bolt", older, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := qs.ApplyDeltas([]cgraph.Delta{{Action: cgraph.Add,
		Quad: quad.MakeIRI("x", "y", "z", "")}}, ignore); err != nil {
		t.Fatal(err)
	}
	qs.Close()

	for _, tc := range []struct {
		name   string
		dir    string
		labels bool
	}{
		{"new", filepath.Join(t.TempDir(), "store"), true},
		{"older", older, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := open(t, tc.dir)
			if b.kv.labels != tc.labels {
				t.Fatalf("label index %v, want %v", b.kv.labels, tc.labels)
			}
			m := open(t, "memory")
			const n = 20
			r := rand.New(rand.NewPCG(9, 2))
			stored := map[string]bool{}
			for k := 0; k < 60; k++ {
				x := renamed(r.IntN(n), n, r.IntN(3))
				id := x.Document.ID
				remove := stored[id] && r.IntN(4) == 0
				for _, s := range []*Store{b, m} {
					if remove {
						err = s.RemoveDocument(ctx, id)
					} else {
						err = s.PutDocument(ctx, x)
					}
					if err != nil {
						t.Fatal(err)
					}
				}
				stored[id] = !remove
				var first []string
				for _, c := range []struct {
					name string
					read func(context.Context, string) ([]quad.Quad, map[string]bool, error)
				}{{"bolt", b.documentQuads}, {"bolt walk", b.walkQuads}, {"memory", m.documentQuads}, {"memory walk", m.walkQuads}} {
					qs, ents, err := c.read(ctx, id)
					if err != nil {
						t.Fatal(err)
					}
					got := sortedQuads(qs)
					if len(got) == 0 != remove || len(ents) == 0 != remove {
						t.Fatalf("document %s (removed %v): %s finds %d quads, %d entities", id, remove, c.name, len(got), len(ents))
					}
					if first == nil {
						first = got
					} else if !slices.Equal(got, first) {
						t.Fatalf("document %s: %s finds %d quads, bolt %d:\n%q\n%q", id, c.name, len(got), len(first), got, first)
					}
				}
			}
			if err := b.Close(); err != nil {
				t.Fatal(err)
			}
			again := open(t, tc.dir)
			if again.kv.labels != tc.labels {
				t.Errorf("reopened: label index %v, want %v", again.kv.labels, tc.labels)
			}
		})
	}
}
