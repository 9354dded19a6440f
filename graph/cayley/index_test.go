package cayley

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
)

// TestIndexConsistent checks the in-memory entity index, which serves
// Entities and Search, against the quads: after a run of puts, replaces and
// removes, every indexed entity equals what the store's quads say, and an
// index rebuilt from scratch (as at Open) is the same.
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
			for i := 0; i < n; i++ {
				if err := s.PutDocument(ctx, synth(i, n, 0)); err != nil {
					t.Fatal(err)
				}
			}
			for i := 0; i < n; i += 3 {
				if err := s.PutDocument(ctx, synth(i, n, 1)); err != nil {
					t.Fatal(err)
				}
			}
			for i := 1; i < n; i += 4 {
				if err := s.RemoveDocument(ctx, synth(i, n, 0).Document.ID); err != nil {
					t.Fatal(err)
				}
			}
			kept := s.index
			for id, in := range kept.entities {
				e, err := s.entity(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(e, in.entity) {
					t.Errorf("index has %+v, quads say %+v", in.entity, e)
				}
			}
			if err := s.buildIndex(ctx); err != nil {
				t.Fatal(err)
			}
			if len(s.index.entities) != len(kept.entities) {
				t.Errorf("rebuilt index has %d entities, kept one %d", len(s.index.entities), len(kept.entities))
			}
			for id, in := range s.index.entities {
				if k, ok := kept.entities[id]; !ok || !reflect.DeepEqual(k.entity, in.entity) {
					t.Errorf("entity %s: rebuilt %+v, kept %+v", id, in.entity, k)
				}
			}
			for id, docs := range kept.said {
				if got := s.index.said[id]; len(got) != len(docs) {
					t.Errorf("entity %s: %d documents speak of it, rebuilt index says %d", id, len(docs), len(got))
				}
			}
			if len(s.index.said) != len(kept.said) {
				t.Errorf("rebuilt index knows what is said of %d entities, kept one %d", len(s.index.said), len(kept.said))
			}
			if !reflect.DeepEqual(s.index.prefixes, kept.prefixes) || !reflect.DeepEqual(s.index.grams, kept.grams) {
				t.Errorf("rebuilt search postings differ from the kept ones (%d/%d prefixes, %d/%d trigrams)",
					len(s.index.prefixes), len(kept.prefixes), len(s.index.grams), len(kept.grams))
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
