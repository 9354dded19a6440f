package cayley

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
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

// TestKeptAttributes: on bolt, documentQuads reads a document's entity
// attributes from the entry kept with it, and finds what a walk of the
// entities finds (a memory store with the same history), through random
// puts, renaming replaces and removes; an entry missing (a store written
// before entries were kept) falls back to the walk, and the next write
// keeps one again.
func TestKeptAttributes(t *testing.T) {
	ctx := context.Background()
	b := open(t, filepath.Join(t.TempDir(), "store"))
	m := open(t, "memory")
	const n = 20
	r := rand.New(rand.NewPCG(9, 2))
	stored := map[string]bool{}
	compare := func(id string) {
		t.Helper()
		got, _, err := b.documentQuads(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := m.documentQuads(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := sortedQuads(got), sortedQuads(want); !slices.Equal(g, w) {
			t.Fatalf("document %s: bolt has %d quads, memory %d:\nbolt %q\nmemory %q", id, len(g), len(w), g, w)
		}
	}
	for k := 0; k < 80; k++ {
		x := renamed(r.IntN(n), n, r.IntN(3))
		id := x.Document.ID
		if stored[id] && r.IntN(4) == 0 {
			for _, s := range []*Store{b, m} {
				if err := s.RemoveDocument(ctx, id); err != nil {
					t.Fatal(err)
				}
			}
			delete(stored, id)
			if _, ok, err := b.storedAttrs(ctx, id); err != nil || ok {
				t.Fatalf("entry of removed %s: kept %v, err %v", id, ok, err)
			}
			continue
		}
		for _, s := range []*Store{b, m} {
			if err := s.PutDocument(ctx, x); err != nil {
				t.Fatal(err)
			}
		}
		stored[id] = true
		kept, ok, err := b.storedAttrs(ctx, id)
		if err != nil || !ok || len(kept) == 0 {
			t.Fatalf("entry of %s: %d quads, kept %v, err %v", id, len(kept), ok, err)
		}
		compare(id)
	}
	// A store written before: the entry is gone, the walk answers.
	var id string
	for id = range stored {
		break
	}
	if err := b.kv.Update(ctx, func(tx hkv.Tx) error { return tx.Del(ctx, attrKey(id)) }); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := b.storedAttrs(ctx, id); ok {
		t.Fatal("entry still there after deleting it")
	}
	compare(id)
	var i int
	if _, err := fmt.Sscanf(id, "d%05d.txt", &i); err != nil {
		t.Fatal(err)
	}
	x := renamed(i, n, 2) // whichever version: a write keeps an entry again
	for _, s := range []*Store{b, m} {
		if err := s.PutDocument(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok, _ := b.storedAttrs(ctx, id); !ok {
		t.Fatal("no entry after writing the document again")
	}
	compare(id)
}

func TestAttrEncoding(t *testing.T) {
	qs := []quad.Quad{
		{Subject: entityIRI("kraków"), Predicate: pName, Object: quad.String("Kraków \"KRK\"\n"), Label: documentIRI("a b.txt")},
		{Subject: entityIRI("kraków"), Predicate: pType, Object: typeIRI("City"), Label: documentIRI("a b.txt")},
		{Subject: documentIRI("a b.txt"), Predicate: pTitle, Object: quad.String("not an attribute"), Label: documentIRI("a b.txt")},
	}
	b, err := encodeAttrs(qs)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeAttrs(b)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sortedQuads(got), sortedQuads(qs[:2])) {
		t.Errorf("round trip: %v, want %v", got, qs[:2])
	}
	empty, err := encodeAttrs(nil)
	if err != nil || len(empty) == 0 {
		t.Fatalf("empty entry %q, %v: want the version line", empty, err)
	}
	if _, err := decodeAttrs([]byte("something else")); err == nil {
		t.Error("an entry of another format decoded")
	}
}
