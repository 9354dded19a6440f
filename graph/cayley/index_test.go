package cayley

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ties-graph/ties/graph"
)

// TestIndexConsistent checks the in-memory entity index, which serves
// Entities and Search, against the quads: after a run of puts, replaces and
// removes (in a seeded random order), every indexed entity equals what the
// store's quads say, and an index rebuilt from scratch (as at Open) has the
// same counts and the same search postings.
func TestIndexConsistent(t *testing.T) {
	backends := []struct {
		name string
		addr func(t *testing.T) string
	}{
		{"memory", func(*testing.T) string { return "memory" }},
		{"bolt", func(t *testing.T) string { return filepath.Join(t.TempDir(), "store") }},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t, b.addr(t))
			const n = 40
			r := rand.New(rand.NewPCG(6, 1))
			stored := map[int]bool{}
			for step := 0; step < 4*n; step++ {
				i := r.IntN(n)
				switch {
				case step < n:
					i = step
					fallthrough
				case r.IntN(3) > 0:
					if err := s.PutDocument(ctx, renamed(i, n, r.IntN(3))); err != nil {
						t.Fatal(err)
					}
					stored[i] = true
				case stored[i]:
					if err := s.RemoveDocument(ctx, synth(i, n, 0).Document.ID); err != nil {
						t.Fatal(err)
					}
					delete(stored, i)
				}
			}
			kept := s.index
			if err := kept.text.Check(); err != nil {
				t.Fatal(err)
			}
			if kept.text.Len() != len(kept.entities) {
				t.Errorf("%d entities searchable, %d counted", kept.text.Len(), len(kept.entities))
			}
			for id := range kept.entities {
				e, err := s.entity(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if in := kept.entity(id); !reflect.DeepEqual(e, in) {
					t.Errorf("index has %+v, quads say %+v", in, e)
				}
			}
			if err := s.buildIndex(ctx); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s.index.entities, kept.entities) {
				t.Errorf("rebuilt index counts differ from the kept ones (%d/%d entities)", len(s.index.entities), len(kept.entities))
			}
			if !reflect.DeepEqual(s.index.text.Postings(), kept.text.Postings()) {
				t.Errorf("rebuilt search postings differ from the kept ones")
			}
			st, err := s.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if st.Entities != len(kept.entities) {
				t.Errorf("Stats.Entities %d, index %d", st.Entities, len(kept.entities))
			}
		})
	}
}

// renamed is synth's document i, its entities renamed in version 2: an
// alias more for each, and another name for the first, so that replacing
// a document changes what it says of its entities' names.
func renamed(i, n, version int) graph.Extraction {
	x := synth(i, n, version)
	if version != 2 {
		return x
	}
	x.Entities = append([]graph.Entity(nil), x.Entities...)
	for k := range x.Entities {
		e := &x.Entities[k]
		e.Aliases = append(append([]string(nil), e.Aliases...), fmt.Sprintf("Ent %s v", e.ID))
		if k == 0 {
			e.Name = "Renamed " + e.ID
		}
	}
	return x
}
