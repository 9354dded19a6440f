package cayley

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"

	"github.com/ties-graph/ties/graph"
)

// followWithin is how soon a write through one Store must reach another
// on the same database (issue 6: two seconds).
const followWithin = 2 * time.Second

// eventually polls cond until it holds or followWithin passes, and returns
// how long it took.
func eventually(t *testing.T, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > followWithin {
			t.Fatalf("%s: not within %v", what, followWithin)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return time.Since(start)
}

func found(s *Store, text, id string) bool {
	hits, err := s.Search(context.Background(), text, graph.SearchOptions{Limit: 50})
	if err != nil {
		return false
	}
	for _, h := range hits {
		if h.Entity.ID == id {
			return true
		}
	}
	return false
}

// neighbours returns the IDs around id, one hop.
func neighbours(t *testing.T, s *Store, id string) map[string]bool {
	t.Helper()
	sg, err := s.Neighborhood(context.Background(), id, graph.NeighborhoodOptions{Depth: 1})
	if err != nil && graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, n := range sg.Nodes {
		if n.ID != id {
			out[n.ID] = true
		}
	}
	return out
}

// oneEdge is a document with one statement between two entities no other
// test document names.
func oneEdge(doc, a, b string, p graph.Predicate) graph.Extraction {
	ea := graph.Entity{ID: a, Name: "Ąžuolų " + a, Type: graph.Organization}
	eb := graph.Entity{ID: b, Name: "Beržų " + b, Type: graph.City}
	return graph.Extraction{
		Document: graph.Document{ID: doc, Title: doc, Language: "lt", Format: "text", Text: "x", LoadedAt: time.Unix(1, 0)},
		Entities: []graph.Entity{ea, eb},
		Statements: []graph.Statement{{Subject: ea, Object: eb, Predicate: p, Confidence: 0.9,
			Evidence: graph.Evidence{Sentence: "x", Start: 0, End: 1}}},
	}
}

// TestSharedFollow writes through one Store and reads through another on
// the same PostgreSQL database: Search, Entities, Neighborhood and Stats
// follow within two seconds, both ways, for puts, replaces and removes,
// whether LISTEN/NOTIFY wakes the follower or it polls.
func TestSharedFollow(t *testing.T) {
	for _, mode := range []string{"notified", "polling"} {
		t.Run(mode, func(t *testing.T) { testSharedFollow(t, mode == "notified") })
	}
}

// testSharedFollow is TestSharedFollow with the stores woken by NOTIFY, or
// polling only (as on CockroachDB).
func testSharedFollow(t *testing.T, notify bool) {
	ctx := context.Background()
	addr := postgresDB(t)
	a, b := open(t, addr), open(t, addr)
	if !notify {
		for _, s := range []*Store{a, b} {
			s.stopFollowing()
			s.shared.dialect.notify = false
			s.startFollowing()
		}
	}

	x := oneEdge("shared.txt", "oak", "birch", graph.PartnerOf)
	if err := a.PutDocument(ctx, x); err != nil {
		t.Fatal(err)
	}
	var lat []time.Duration
	lat = append(lat, eventually(t, "put through A, Search through B", func() bool { return found(b, "Ąžuolų oak", "oak") }))
	if !neighbours(t, b, "oak")["birch"] {
		t.Errorf("B's neighbourhood of oak lacks birch after B's index has the put")
	}
	es, err := b.Entities(ctx, []string{"birch"})
	if err != nil || len(es) != 1 || es[0].Name != "Beržų birch" {
		t.Errorf("B.Entities(birch) = %+v, %v", es, err)
	}
	if st, err := b.Stats(ctx); err != nil || st.Documents != 1 || st.Statements != 1 || st.Quads == 0 {
		t.Errorf("B.Stats = %+v, %v", st, err)
	}

	// Replace through B: the edge now runs to another entity.
	y := oneEdge("shared.txt", "oak", "elm", graph.MemberOf)
	if err := b.PutDocument(ctx, y); err != nil {
		t.Fatal(err)
	}
	lat = append(lat, eventually(t, "replace through B, seen by A", func() bool {
		n := neighbours(t, a, "oak")
		return n["elm"] && !n["birch"] && !found(a, "Beržų birch", "birch")
	}))
	stA, err := a.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stB, err := b.Stats(ctx)
	if err != nil || stA != stB {
		t.Errorf("Stats differ: A %+v, B %+v (%v)", stA, stB, err)
	}

	// Remove through B: gone from both.
	if err := b.RemoveDocument(ctx, "shared.txt"); err != nil {
		t.Fatal(err)
	}
	lat = append(lat, eventually(t, "remove through B, seen by A", func() bool {
		return !found(a, "Ąžuolų oak", "oak") && len(neighbours(t, a, "oak")) == 0
	}))
	if found(b, "Ąžuolų oak", "oak") || len(neighbours(t, b, "oak")) > 0 {
		t.Errorf("B still finds what it removed")
	}
	if err := a.RemoveDocument(ctx, "shared.txt"); graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Errorf("second remove through A: %v, want ENOTFOUND", err)
	}
	if st, err := a.Stats(ctx); err != nil || st != (graph.Stats{}) {
		t.Errorf("A.Stats after the remove = %+v, %v", st, err)
	}
	t.Logf("follow latency: put %v, replace %v, remove %v (notified: %v; poll every %v)", lat[0], lat[1], lat[2], notify, followEvery)
}

// TestSharedInterleaved writes through two Stores at once, the same
// documents through both, and checks that both end up with the index and
// the adjacency a fresh Open builds, and the nodes' refs the quads imply.
func TestSharedInterleaved(t *testing.T) {
	ctx := context.Background()
	addr := postgresDB(t)
	a, b := open(t, addr), open(t, addr)
	const n = 24
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for w, s := range []*Store{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range n {
				// Both write every document, in different versions and
				// orders; each removes a few.
				j := i
				if w == 1 {
					j = n - 1 - i
				}
				if err := s.PutDocument(ctx, synth(j, n, w)); err != nil {
					errs <- fmt.Errorf("store %d: put %d: %w", w, j, err)
					return
				}
				if j%5 == w {
					err := s.RemoveDocument(ctx, synth(j, n, 0).Document.ID)
					if err != nil && graph.ErrorCode(err) != graph.ENOTFOUND {
						errs <- fmt.Errorf("store %d: remove %d: %w", w, j, err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	fresh := open(t, addr)
	for name, s := range map[string]*Store{"A": a, "B": b} {
		eventually(t, name+" catches up", func() bool { return s.applied.Load() == fresh.applied.Load() })
		sameIndex(t, name, s, fresh)
	}
	checkRefs(t, addr)
}

// sameIndex compares what got keeps in memory with want's, by what they
// answer: the entities, a search for each entity's name, the adjacency's
// edges with their counts. Callers hold neither store's lock.
func sameIndex(t *testing.T, name string, got, want *Store) {
	t.Helper()
	ctx := context.Background()
	got.mu.RLock()
	want.mu.RLock()
	var ids []string
	if len(got.index.entities) != len(want.index.entities) {
		t.Errorf("%s: %d entities indexed, a fresh Open %d", name, len(got.index.entities), len(want.index.entities))
	}
	for id := range want.index.entities {
		ids = append(ids, id)
		if g, w := got.index.entity(id), want.index.entity(id); !reflect.DeepEqual(g, w) {
			t.Errorf("%s: entity %s: %+v, a fresh Open %+v", name, id, g, w)
		}
	}
	if g, w := got.adj.edgeTriples(), want.adj.edgeTriples(); !maps.Equal(g, w) {
		t.Errorf("%s: adjacency has %d edges, a fresh Open %d, or their counts differ", name, len(g), len(w))
	}
	got.mu.RUnlock()
	want.mu.RUnlock()
	for _, id := range ids {
		es, err := want.Entities(ctx, []string{id})
		if err != nil {
			t.Fatal(err)
		}
		opt := graph.SearchOptions{Limit: 100}
		gh, gerr := got.Search(ctx, es[0].Name, opt)
		wh, werr := want.Search(ctx, es[0].Name, opt)
		if gerr != nil || werr != nil || !reflect.DeepEqual(gh, wh) {
			t.Errorf("%s: search %q: %v (%v), a fresh Open %v (%v)", name, es[0].Name, gh, gerr, wh, werr)
		}
	}
}

// checkRefs checks Cayley's invariant on the tables ties writes: a node's
// refs is the number of quad directions using it, and no node is unused.
func checkRefs(t *testing.T, addr string) {
	t.Helper()
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT n.hash, n.refs, coalesce(u.uses, 0) FROM nodes n LEFT JOIN (
		SELECT h, count(*) AS uses FROM (
			SELECT subject_hash AS h FROM quads UNION ALL SELECT predicate_hash FROM quads
			UNION ALL SELECT object_hash FROM quads UNION ALL SELECT label_hash FROM quads WHERE label_hash IS NOT NULL) x
		GROUP BY h) u ON u.h = n.hash
		WHERE n.refs <> coalesce(u.uses, 0)`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var h []byte
		var r, u int
		if err := rows.Scan(&h, &r, &u); err != nil {
			t.Fatal(err)
		}
		t.Errorf("node %x: refs %d, used by %d quad directions", h, r, u)
	}
	var missing int
	if err := db.QueryRow(`SELECT count(*) FROM (
		SELECT subject_hash AS h FROM quads UNION SELECT predicate_hash FROM quads
		UNION SELECT object_hash FROM quads UNION SELECT label_hash FROM quads WHERE label_hash IS NOT NULL) x
		WHERE NOT EXISTS (SELECT 1 FROM nodes WHERE hash = x.h)`).Scan(&missing); err != nil {
		t.Fatal(err)
	}
	if missing > 0 {
		t.Errorf("%d hashes used by quads have no node", missing)
	}
}

// TestSharedOpenWhileWriting opens Stores while another writes: each
// starts from a consistent point (the clock row held while the index is
// built), so none counts a change twice or misses one.
func TestSharedOpenWhileWriting(t *testing.T) {
	ctx := context.Background()
	addr := postgresDB(t)
	a := open(t, addr)
	const n = 30
	done := make(chan error, 1)
	go func() {
		for i := range n {
			if err := a.PutDocument(ctx, synth(i, n, i%2)); err != nil {
				done <- err
				return
			}
			if i%4 == 3 {
				if err := a.RemoveDocument(ctx, synth(i-2, n, 0).Document.ID); err != nil {
					done <- err
					return
				}
			}
		}
		done <- nil
	}()
	// Open stores until the writer is done (each Open builds while the
	// writer waits on the clock), closing all but a few: each holds a
	// handful of connections, and the test server allows 100.
	var opened []*Store
	var werr error
	closed := 0
	for writing := true; writing; {
		select {
		case werr = <-done:
			writing = false
		default:
			opened = append(opened, open(t, addr))
			if len(opened) > 6 {
				opened[0].Close()
				opened = opened[1:]
				closed++
			}
		}
	}
	if werr != nil {
		t.Fatal(werr)
	}
	t.Logf("%d stores opened while writing (%d checked)", closed+len(opened), len(opened))
	fresh := open(t, addr)
	for i, s := range opened {
		eventually(t, "catching up", func() bool { return s.applied.Load() == fresh.applied.Load() })
		sameIndex(t, fmt.Sprintf("store %d", i), s, fresh)
	}
}

// TestSharedWriterRefs checks the set-based writer against Cayley's model:
// after puts, identical re-puts, replaces and removes the refs are exact,
// and a quad removed under the writer fails the write and leaves the
// previous version.
func TestSharedWriterRefs(t *testing.T) {
	ctx := context.Background()
	addr := postgresDB(t)
	s := open(t, addr)
	const n = 12
	for i := range n {
		if err := s.PutDocument(ctx, synth(i, n, 0)); err != nil {
			t.Fatal(err)
		}
	}
	for i := range n {
		if err := s.PutDocument(ctx, synth(i, n, i%2)); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < n; i += 3 {
		if err := s.RemoveDocument(ctx, synth(i, n, 0).Document.ID); err != nil {
			t.Fatal(err)
		}
	}
	checkRefs(t, addr)

	// A quad to remove that is not there (another writer got to it
	// first) fails the write, which then rolls back whole.
	id := synth(1, n, 0).Document.ID
	qs, err := s.DocumentQuads(ctx, id)
	if err != nil || len(qs) == 0 {
		t.Fatalf("DocumentQuads(%s): %d quads, %v", id, len(qs), err)
	}
	ghost := quad.Quad{Subject: quad.IRI("ties:e/ghost"), Predicate: pName, Object: quad.String("Ghost"), Label: documentIRI(id)}
	tx, err := s.shared.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := writeQuads(ctx, tx, keyed([]quad.Quad{qs[0], ghost}), nil, nil); err == nil {
		t.Error("removing a missing quad succeeded")
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	// A quad to add that is there already (put by a writer that bypassed
	// the clock) fails the write too.
	tx, err = s.shared.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	fresh := quad.Quad{Subject: quad.IRI("ties:e/fresh"), Predicate: pName, Object: quad.String("Fresh"), Label: documentIRI(id)}
	if err := writeQuads(ctx, tx, nil, keyed([]quad.Quad{fresh, qs[0]}), nil); err == nil || !strings.Contains(err.Error(), "stored already") {
		t.Errorf("adding a stored quad: %v, want an error saying it is stored already", err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	after, err := s.DocumentQuads(ctx, id)
	if err != nil || len(after) != len(qs) {
		t.Errorf("after the failed writes: %d quads (%v), want %d", len(after), err, len(qs))
	}
	checkRefs(t, addr)
}

// TestSharedPrunedLog lets a Store fall behind a pruned change log: it
// rebuilds its index from the store instead of missing the changes.
func TestSharedPrunedLog(t *testing.T) {
	ctx := context.Background()
	addr := postgresDB(t)
	a, b := open(t, addr), open(t, addr)
	b.stopFollowing() // b falls behind
	if err := a.PutDocument(ctx, oneEdge("p.txt", "pine", "ash", graph.PartnerOf)); err != nil {
		t.Fatal(err)
	}
	if err := a.PutDocument(ctx, oneEdge("q.txt", "yew", "ash", graph.PartnerOf)); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DELETE FROM ties_changes WHERE seq = (SELECT min(seq) FROM ties_changes)`); err != nil {
		t.Fatal(err)
	}
	if _, err := b.poll(ctx); err != nil {
		t.Fatal(err)
	}
	if !found(b, "Ąžuolų pine", "pine") || !found(b, "Ąžuolų yew", "yew") || !neighbours(t, b, "ash")["pine"] {
		t.Errorf("B did not rebuild past the pruned log")
	}
	if got, want := b.applied.Load(), a.applied.Load(); got != want {
		t.Errorf("B at seq %d after rebuilding, A at %d", got, want)
	}
	// Writing through B after its own gap also works: delete the rest
	// of the log and write through A, then through B.
	if err := a.PutDocument(ctx, oneEdge("r.txt", "fir", "ash", graph.PartnerOf)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DELETE FROM ties_changes`); err != nil {
		t.Fatal(err)
	}
	if err := b.PutDocument(ctx, oneEdge("s.txt", "lime", "ash", graph.PartnerOf)); err != nil {
		t.Fatal(err)
	}
	if !found(b, "Ąžuolų fir", "fir") {
		t.Errorf("B's write did not rebuild past the pruned log")
	}
	sameIndex(t, "B", b, open(t, addr))
}

// TestChangeEncoding round-trips the change log's encoding, which keeps
// only the quads the index and the adjacency read.
func TestChangeEncoding(t *testing.T) {
	x := synth(3, 10, 0)
	x, ents, err := prepare(x)
	if err != nil {
		t.Fatal(err)
	}
	qs := encode(x, ents)
	doc := documentIRI(x.Document.ID)
	b, err := encodeChange(doc, qs)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeChange(doc, b)
	if err != nil {
		t.Fatal(err)
	}
	var want []quad.Quad
	for _, q := range qs {
		if followed(q) {
			want = append(want, q)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decoded %d quads, want %d", len(got), len(want))
	}
	if len(want) == 0 || len(want) == len(qs) {
		t.Errorf("followed keeps %d of %d quads", len(want), len(qs))
	}
	fromLog := entitiesOf(x.Document.ID, got)
	if len(fromLog) != len(ents) {
		t.Errorf("%d entities from the log, the writer has %d", len(fromLog), len(ents))
	}
	for id, e := range ents {
		g, w := saidOf(fromLog[id]), saidOf(e)
		g.aliases, g.langs = uniq(g.aliases), uniq(g.langs)
		w.aliases, w.langs = uniq(w.aliases), uniq(w.langs)
		if !reflect.DeepEqual(g, w) {
			t.Errorf("entity %s from the log %+v, from the writer %+v", id, g, w)
		}
	}
	if _, err := decodeChange(doc, []byte("not pquads")); err == nil {
		t.Error("decoding garbage succeeded")
	}
}

// TestLabelQuads checks the SQL writer's read of a document's previous
// version, by its label, against documentQuads' walk from the document
// node.
func TestLabelQuads(t *testing.T) {
	ctx := context.Background()
	s := open(t, postgresDB(t))
	const n = 8
	for i := range n {
		if err := s.PutDocument(ctx, synth(i, n, i%2)); err != nil {
			t.Fatal(err)
		}
	}
	for i := range n + 1 {
		id := synth(i, n, 0).Document.ID
		walked, _, err := s.documentQuads(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		scanned, err := s.sqlb.labelQuads(ctx, s.sqlb.db, documentIRI(id))
		if err != nil {
			t.Fatal(err)
		}
		w, sc := map[quadKey]bool{}, map[quadKey]bool{}
		for _, q := range walked {
			w[keyOf(q)] = true
		}
		for _, q := range scanned {
			if sc[keyOf(q)] {
				t.Errorf("%s: %v read twice", id, q)
			}
			sc[keyOf(q)] = true
		}
		if !maps.Equal(w, sc) || (i < n) != (len(sc) > 0) {
			t.Errorf("%s: the label has %d quads, the walk from the document %d", id, len(sc), len(w))
		}
	}
}

// TestSharedForeignKeys checks which databases keep the foreign keys of
// Cayley's schema: one ties creates has none, one Cayley made before
// keeps its four; ties writes both with exact refs and no dangling quad.
func TestSharedForeignKeys(t *testing.T) {
	tests := []struct {
		name   string
		cayley bool // Cayley makes the tables before ties opens them
		want   int
	}{
		{"made by ties", false, 0},
		{"made by Cayley", true, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			addr := postgresDB(t)
			if tt.cayley {
				if err := cgraph.InitQuadStore("postgres", addr, nil); err != nil {
					t.Fatal(err)
				}
			}
			s := open(t, addr)
			var fks int
			if err := s.shared.db.QueryRowContext(ctx, `SELECT count(*) FROM pg_constraint
				WHERE conrelid = 'quads'::regclass AND contype = 'f'`).Scan(&fks); err != nil {
				t.Fatal(err)
			}
			if fks != tt.want {
				t.Errorf("%d foreign keys on quads, want %d", fks, tt.want)
			}
			const n = 8
			for i := range 2 * n {
				if err := s.PutDocument(ctx, synth(i%n, n, i/n)); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.RemoveDocument(ctx, synth(3, n, 0).Document.ID); err != nil {
				t.Fatal(err)
			}
			checkRefs(t, addr)
		})
	}
}

// TestSharedNotify checks that each committed write on PostgreSQL
// notifies its seq once, as a listener of another process gets it, and
// that opening a database with the trigger of an older ties drops it (or
// every write would notify twice).
func TestSharedNotify(t *testing.T) {
	ctx := context.Background()
	addr := postgresDB(t)
	s := open(t, addr)
	// An older ties' trigger, as it made it.
	if _, err := s.shared.db.ExecContext(ctx, `CREATE FUNCTION ties_changes_notify() RETURNS trigger LANGUAGE plpgsql AS
		$$ BEGIN PERFORM pg_notify('`+notifyChannel+`', NEW.seq::text); RETURN NULL; END $$`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.shared.db.ExecContext(ctx, `CREATE TRIGGER ties_changes_notify AFTER INSERT ON ties_changes
		FOR EACH ROW EXECUTE FUNCTION ties_changes_notify()`); err != nil {
		t.Fatal(err)
	}
	s2 := open(t, addr) // drops it
	var triggers int
	if err := s.shared.db.QueryRowContext(ctx, `SELECT count(*) FROM pg_trigger WHERE tgname = 'ties_changes_notify'`).Scan(&triggers); err != nil {
		t.Fatal(err)
	}
	if triggers != 0 {
		t.Errorf("the older trigger is still there")
	}

	l := pq.NewListener(s.shared.url, 10*time.Millisecond, time.Second, nil)
	defer l.Close()
	if err := l.Listen(notifyChannel); err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, w := range []*Store{s, s2, s} {
		if err := w.PutDocument(ctx, synth(i, 10, 0)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s2.RemoveDocument(ctx, synth(0, 10, 0).Document.ID); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(5 * time.Second)
	for len(got) < 4 {
		select {
		case n := <-l.Notify:
			if n != nil {
				got = append(got, n.Extra)
			}
		case <-deadline:
			t.Fatalf("notifications %v after 5 s, want 4", got)
		}
	}
	select {
	case n := <-l.Notify:
		t.Errorf("a fifth notification %+v", n)
	case <-time.After(300 * time.Millisecond):
	}
	if want := []string{"1", "2", "3", "4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("notified seqs %v, want %v", got, want)
	}
}
