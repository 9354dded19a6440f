package cayley

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
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

// TestBoltRollback makes the removal step of a bolt write fail (a quad to
// remove that is not there) and checks that the additions of the same
// write are gone too, and that the store, reopened underneath, goes on
// working with consistent node IDs.
func TestBoltRollback(t *testing.T) {
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

	d := documentIRI(v1.Document.ID)
	fresh := quad.IRI("ties:e/never-committed")
	tx := cgraph.NewTransaction()
	tx.AddQuad(quad.Make(d, pMentions, fresh, d))
	tx.AddQuad(quad.Make(fresh, quad.IRI("ties:name"), "Never", d))
	tx.RemoveQuad(quad.Make(d, pMentions, quad.IRI("ties:e/not-there"), d))
	s.mu.Lock()
	err = s.apply(ctx, tx)
	s.mu.Unlock()
	if !errors.Is(err, cgraph.ErrQuadNotExist) {
		t.Fatalf("apply with a missing removal: %v, want ErrQuadNotExist", err)
	}
	if got := quadSet(t, s, v1.Document.ID); len(got) != len(before) {
		t.Errorf("after the failed write the document has %d quads, want %d", len(got), len(before))
	}
	if qs, err := s.match(ctx, quad.Subject, fresh, nil, nil); err != nil || len(qs) != 0 {
		t.Errorf("quads of the rolled back node: %v %v", qs, err)
	}
	statsAfter, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if statsAfter != statsBefore {
		t.Errorf("stats after the failed write %+v, want %+v", statsAfter, statsBefore)
	}
	// New nodes after the rollback must not reuse stale IDs.
	v2 := synth(2, 10, 0)
	if err := s.PutDocument(ctx, v2); err != nil {
		t.Fatal(err)
	}
	if err := s.PutDocument(ctx, synth(1, 10, 1)); err != nil {
		t.Fatal(err)
	}
	// Cayley caches IRI IDs outside the transaction; a cached ID of the
	// rolled back node would now name one of v2's nodes.
	if r, err := s.qs.ValueOf(fresh); err != nil || r != nil {
		t.Errorf("the rolled back node still resolves: %v %v", r, err)
	}
	if qs, err := s.match(ctx, quad.Subject, fresh, nil, nil); err != nil || len(qs) != 0 {
		t.Errorf("quads of the rolled back node after more writes: %v %v", qs, err)
	}
	for _, x := range []string{v1.Document.ID, v2.Document.ID} {
		st, err := s.DocumentStatements(ctx, x)
		if err != nil || len(st) == 0 {
			t.Errorf("%s after the rollback: %d statements, %v", x, len(st), err)
		}
	}
}
