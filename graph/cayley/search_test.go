package cayley

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"strconv"
	"testing"

	"github.com/ties-graph/ties/graph"
)

// TestHubEntity follows an entity many documents mention through removals
// of those documents: at each step the index holds what the remaining
// documents' quads say, finds it by a name only some documents give, and
// drops it with the last document.
func TestHubEntity(t *testing.T) {
	ctx := context.Background()
	s := open(t, "memory")
	const n = 30
	doc := func(i int) graph.Extraction {
		hub := graph.Entity{ID: "hub", Name: "Eurocities", Type: graph.Network,
			Aliases: []string{fmt.Sprintf("Eurocities %d", i%4)}, Languages: []string{[]string{"pl", "uk", "lt"}[i%3]}}
		if i%5 == 0 {
			hub.Name = "Eurocities Network" // a minority name, an alias once merged
		}
		other := graph.Entity{ID: fmt.Sprintf("city%d", i), Name: fmt.Sprintf("Miasto %d", i), Type: graph.City}
		return graph.Extraction{
			Document: graph.Document{ID: fmt.Sprintf("h%02d.txt", i), Title: "t", Language: "pl", Format: "text", Text: "x"},
			Entities: []graph.Entity{hub, other},
			Statements: []graph.Statement{{Subject: other, Predicate: graph.MemberOf, Object: hub, Confidence: 0.9,
				Evidence: graph.Evidence{Sentence: "x", Start: 0, End: 1}}},
		}
	}
	for i := 0; i < n; i++ {
		if err := s.PutDocument(ctx, doc(i)); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < n; i++ {
		want, err := s.entity(ctx, "hub")
		if err != nil {
			t.Fatal(err)
		}
		if got := s.index.entity("hub"); !reflect.DeepEqual(got, want) {
			t.Fatalf("after %d removals: index %+v, quads %+v", i, got, want)
		}
		hits, err := s.Search(ctx, "Eurocities Network", graph.SearchOptions{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		minority := i <= 25 // documents 25 and before give the other name
		if found := len(hits) == 1 && hits[0].Entity.ID == "hub" && hits[0].Score == 1; found != minority {
			t.Fatalf("after %d removals: exact hit %v, want %v (%+v)", i, found, minority, hits)
		}
		if err := s.RemoveDocument(ctx, doc(i).Document.ID); err != nil {
			t.Fatal(err)
		}
	}
	if e := s.index.entity("hub"); e.ID != "" || len(s.index.entities) != 0 || s.index.len() != 0 {
		t.Errorf("after the last document: %+v, %d counted, %d searchable", e, len(s.index.entities), s.index.len())
	}
	if hits, err := s.Search(ctx, "Eurocities", graph.SearchOptions{}); err != nil || len(hits) != 0 {
		t.Errorf("search on the emptied store: %+v, %v", hits, err)
	}
}

// TestIndexHeap reports the heap the entity index holds (counts, merged
// entities, search postings) on the synthetic corpus of TestMeasure: the
// heap with the store open, less the heap once the index is dropped. It
// runs only with TIES_MEASURE=<documents> (5000 is about 1M quads); with
// TIES_MEASURE_ADDR (a bolt directory) the store is loaded there and
// reopened, so the index is built as at Open, from the quads on disk.
func TestIndexHeap(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("TIES_MEASURE"))
	if n == 0 {
		t.Skip("set TIES_MEASURE=<documents> to measure the index on a synthetic corpus")
	}
	ctx := context.Background()
	addr := os.Getenv("TIES_MEASURE_ADDR")
	if addr == "" {
		addr = "memory"
	}
	s, err := Open(ctx, addr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if err := s.PutDocument(ctx, synth(i, n, 0)); err != nil {
			t.Fatal(err)
		}
	}
	if addr != "memory" {
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if s, err = Open(ctx, addr, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc // live bytes: HeapInuse also counts the spans a dropped index leaves part-used
	}
	with := heap()
	ents := s.index.len()
	s.mu.Lock()
	s.index = newSearchIndex() // on memory, the quads keep the names' strings
	s.mu.Unlock()
	without := heap()
	t.Logf("%s: %d documents, %d entities, %d quads: heap %.1f MiB, of which the index %.1f MiB (%d bytes an entity)",
		addr, n, st.Entities, st.Quads, float64(with)/(1<<20), float64(with-without)/(1<<20), (with-without)/uint64(max(1, ents)))
}
