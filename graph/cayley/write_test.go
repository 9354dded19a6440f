package cayley

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/ties-graph/ties/graph"
)

// TestCayleyShrinkingReplace pins the Cayley behaviour applyBolt works
// around: one ApplyDeltas call on the kv (bolt) backend that removes two
// uses of a node and adds one stores the added quad without that node. If
// this starts failing, Cayley has been fixed and applyBolt could go back to
// one call.
func TestCayleyShrinkingReplace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "raw")
	if err := cgraph.InitQuadStore("bolt", dir, nil); err != nil {
		t.Fatal(err)
	}
	qs, err := cgraph.NewQuadStore("bolt", dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer qs.Close()
	e, p, d := quad.IRI("ties:e/x"), quad.IRI("ties:p"), quad.IRI("ties:d/x")
	old := []quad.Quad{quad.Make(e, p, "1", d), quad.Make(e, p, "2", d)}
	add := quad.Make(e, p, "3", d)
	tx := cgraph.NewTransaction()
	for _, q := range old {
		tx.AddQuad(q)
	}
	if err := qs.ApplyDeltas(tx.Deltas, ignore); err != nil {
		t.Fatal(err)
	}
	tx = cgraph.NewTransaction()
	for _, q := range old {
		tx.RemoveQuad(q)
	}
	tx.AddQuad(add)
	if err := qs.ApplyDeltas(tx.Deltas, ignore); err != nil {
		t.Fatal(err)
	}
	var got []quad.Quad
	it := qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(context.Background()) {
		q, err := qs.Quad(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, q)
	}
	if len(got) == 1 && got[0] == add {
		t.Fatalf("Cayley stored the replace correctly in one call; applyBolt's split may no longer be needed")
	}
	t.Logf("one call stored %v for %v", got, add)
}

// TestBoltRollback makes a bolt write fail between or after its steps and
// checks that nothing of it stays: the document keeps its quads, a node
// the write created is gone, and the store, reopened underneath, goes on
// working with consistent node IDs.
func TestBoltRollback(t *testing.T) {
	fresh := graph.Entity{ID: "never-committed", Name: "Never", Type: graph.City}
	tests := []struct {
		name  string
		write func(ctx context.Context, s *Store, id string) error
		want  error // nil: the write panics
	}{
		{"missing removal", func(ctx context.Context, s *Store, id string) error {
			// A quad to remove that is not there fails the removal step.
			d, e := documentIRI(id), entityIRI(fresh.ID)
			tx := cgraph.NewTransaction()
			tx.AddQuad(quad.Make(d, pMentions, e, d))
			tx.AddQuad(quad.Make(e, quad.IRI("ties:name"), "Never", d))
			tx.RemoveQuad(quad.Make(d, pMentions, entityIRI("not-there"), d))
			s.mu.Lock()
			defer s.mu.Unlock()
			return s.apply(ctx, tx.Deltas)
		}, cgraph.ErrQuadNotExist},
		{"panic between the steps", func(ctx context.Context, s *Store, id string) error {
			x := synth(1, 10, 1)
			x.Entities = append(x.Entities, fresh)
			s.afterAdds = func() { panic("failpoint") }
			defer func() { s.afterAdds = nil }()
			return s.PutDocument(ctx, x)
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t, filepath.Join(t.TempDir(), "store"))
			v1 := synth(1, 10, 0)
			if err := s.PutDocument(ctx, v1); err != nil {
				t.Fatal(err)
			}
			before := quadSet(t, s, v1.Document.ID)
			statsBefore, err := s.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}

			err = func() (err error) {
				defer func() {
					if r := recover(); r != nil {
						err = fmt.Errorf("panic: %v", r)
					}
				}()
				return tt.write(ctx, s, v1.Document.ID)
			}()
			switch {
			case tt.want != nil && !errors.Is(err, tt.want):
				t.Fatalf("write: %v, want %v", err, tt.want)
			case tt.want == nil && (err == nil || err.Error() != "panic: failpoint"):
				t.Fatalf("write: %v, want the failpoint's panic", err)
			}

			if got := quadSet(t, s, v1.Document.ID); !maps.Equal(got, before) {
				t.Errorf("after the failed write the document has %d quads, want the %d it had", len(got), len(before))
			}
			if st, err := s.Stats(ctx); err != nil || st != statsBefore {
				t.Errorf("stats after the failed write %+v (%v), want %+v", st, err, statsBefore)
			}
			// More writes make new nodes. Cayley caches IRI IDs outside
			// the transaction; a cached ID of the rolled back node would
			// now name one of them.
			v2 := synth(2, 10, 0)
			if err := s.PutDocument(ctx, v2); err != nil {
				t.Fatal(err)
			}
			if err := s.PutDocument(ctx, synth(1, 10, 1)); err != nil {
				t.Fatal(err)
			}
			if r, err := s.qs.ValueOf(entityIRI(fresh.ID)); err != nil || r != nil {
				t.Errorf("the rolled back node still resolves: %v %v", r, err)
			}
			if qs, err := s.match(ctx, quad.Subject, entityIRI(fresh.ID), nil, nil); err != nil || len(qs) != 0 {
				t.Errorf("quads of the rolled back node after more writes: %v %v", qs, err)
			}
			for _, x := range []graph.Extraction{synth(1, 10, 1), v2} {
				st, err := s.DocumentStatements(ctx, x.Document.ID)
				if err != nil || len(st) != len(x.Statements) {
					t.Errorf("%s after the rollback: %d statements, %v; want %d", x.Document.ID, len(st), err, len(x.Statements))
				}
			}
		})
	}
}
