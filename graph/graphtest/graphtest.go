// Package graphtest is the conformance suite every graph.Store passes. A
// backend's test calls Run with a function that opens a fresh, empty store
// for one subtest and closes it with t.Cleanup.
package graphtest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ties-graph/ties/graph"
)

// Open returns a fresh, empty store for one (sub)test; it arranges Close
// with t.Cleanup.
type Open func(t *testing.T) graph.Store

// Run runs the suite; every subtest gets its own store.
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		fn   func(*testing.T, graph.Store)
	}{
		{"PutGet", testPutGet},
		{"Documents", testDocuments},
		{"ReplaceSame", testReplaceSame},
		{"ReloadWithinSecond", testReloadWithinSecond},
		{"ReplaceDifferent", testReplaceDifferent},
		{"ReplaceRoundTrip", testReplaceRoundTrip},
		{"Remove", testRemove},
		{"Atomicity", testAtomicity},
		{"Relations", testRelations},
		{"RelationPages", testRelationPages},
		{"Search", testSearch},
		{"Neighborhood", testNeighborhood},
		{"Paths", testPaths},
		{"Stats", testStats},
		{"EntityMerge", testEntityMerge},
		{"OddIDs", testOddIDs},
		{"ConcurrentReaders", testConcurrentReaders},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, open(t))
		})
	}
}

func put(t *testing.T, s graph.Store, xs ...graph.Extraction) {
	t.Helper()
	for _, x := range xs {
		if err := s.PutDocument(context.Background(), x); err != nil {
			t.Fatalf("PutDocument(%s): %v", x.Document.ID, err)
		}
	}
}

// must(f())(t) returns f's value, failing t on f's error.
func must[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if graph.ErrorCode(err) != code {
		t.Fatalf("error %v: code %q, want %q", err, graph.ErrorCode(err), code)
	}
}

func entity(t *testing.T, s graph.Store, id string) graph.Entity {
	t.Helper()
	es := must(s.Entities(context.Background(), []string{id}))(t)
	return es[0]
}

func testPutGet(t *testing.T, s graph.Store) {
	ctx := context.Background()
	a := docA()
	put(t, s, a)

	d := must(s.Document(ctx, "a.txt"))(t)
	if d.Text != a.Document.Text || d.Title != "Miasta" || d.Language != "pl" || d.Format != "text" ||
		d.Source != "testdata/a.txt" || !d.LoadedAt.Equal(loaded) {
		t.Errorf("Document = %+v, want %+v", d, a.Document)
	}
	_, err := s.Document(ctx, "nope.txt")
	wantCode(t, err, graph.ENOTFOUND)

	stmts := must(s.DocumentStatements(ctx, "a.txt"))(t)
	if len(stmts) != 3 {
		t.Fatalf("DocumentStatements: %d statements, want 3: %+v", len(stmts), stmts)
	}
	for i, want := range a.Statements {
		got := stmts[i]
		if got.Subject.ID != want.Subject.ID || got.Predicate != want.Predicate || got.Object.ID != want.Object.ID ||
			got.Evidence != want.Evidence || got.Confidence != want.Confidence || got.Rule != want.Rule ||
			got.Start != want.Start || got.End != want.End {
			t.Errorf("statement %d = %+v, want %+v", i, got, want)
		}
	}
	if stmts[0].Subject.Name != "Kraków" || stmts[0].Object.Type != graph.Network {
		t.Errorf("statement entities not filled: %+v", stmts[0])
	}
	_, err = s.DocumentStatements(ctx, "nope.txt")
	wantCode(t, err, graph.ENOTFOUND)

	es := must(s.Entities(ctx, []string{"krakow", "missing", "eurocities"}))(t)
	want := []graph.Entity{
		{ID: "krakow", Name: "Kraków", Type: graph.City, Aliases: []string{"Krakowie"},
			Languages: []string{"pl"}, Resolution: "gazetteer"},
		{},
		{ID: "eurocities", Name: "Eurocities", Type: graph.Network, Aliases: []string{}, Languages: []string{}},
	}
	if !reflect.DeepEqual(normalize(es), normalize(want)) {
		t.Errorf("Entities = %+v, want %+v", es, want)
	}
	docs := must(s.EntityDocuments(ctx, []string{"krakow", "missing"}))(t)
	if !reflect.DeepEqual(docs[0], []string{"a.txt"}) || len(docs[1]) != 0 {
		t.Errorf("EntityDocuments = %q", docs)
	}
}

// normalize makes nil and empty slices compare equal.
func normalize(es []graph.Entity) []graph.Entity {
	out := slices.Clone(es)
	for i := range out {
		if len(out[i].Aliases) == 0 {
			out[i].Aliases = nil
		}
		if len(out[i].Languages) == 0 {
			out[i].Languages = nil
		}
	}
	return out
}

func testDocuments(t *testing.T, s graph.Store) {
	ctx := context.Background()
	put(t, s, docB(), docA(), docC())
	ids := func(ds []graph.Document) []string {
		var out []string
		for _, d := range ds {
			if d.Text != "" {
				t.Errorf("Documents returned the text of %s", d.ID)
			}
			out = append(out, d.ID)
		}
		return out
	}
	tests := []struct {
		opt  graph.ListOptions
		want []string
	}{
		{graph.ListOptions{}, []string{"a.txt", "b.txt", "c.txt"}},
		{graph.ListOptions{Limit: 2}, []string{"a.txt", "b.txt"}},
		{graph.ListOptions{After: "a.txt", Limit: 1}, []string{"b.txt"}},
		{graph.ListOptions{After: "b"}, []string{"b.txt", "c.txt"}},
		{graph.ListOptions{After: "c.txt"}, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%+v", tt.opt), func(t *testing.T) {
			got := ids(must(s.Documents(ctx, tt.opt))(t))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Documents(%+v) = %q, want %q", tt.opt, got, tt.want)
			}
		})
	}
	ds := must(s.Documents(ctx, graph.ListOptions{Limit: 1}))(t)
	if ds[0].Title != "Miasta" || !ds[0].LoadedAt.Equal(loaded) {
		t.Errorf("listed document = %+v", ds[0])
	}
}

// snapshot is what a store shows of a set of documents and entities.
type snapshot struct {
	Stats      graph.Stats
	Statements [][]graph.Statement
	Entities   []graph.Entity
	Relations  [][]graph.Relation
}

func snap(t *testing.T, s graph.Store, docs ...string) snapshot {
	t.Helper()
	ctx := context.Background()
	var sn snapshot
	sn.Stats = must(s.Stats(ctx))(t)
	for _, d := range docs {
		st, err := s.DocumentStatements(ctx, d)
		if graph.ErrorCode(err) != graph.ENOTFOUND && err != nil {
			t.Fatal(err)
		}
		sn.Statements = append(sn.Statements, st)
	}
	ids := []string{"krakow", "warszawa", "poland", "eurocities", "lviv", "council-of-europe", "vilnius"}
	sn.Entities = must(s.Entities(ctx, ids))(t)
	sn.Relations = must(s.Relations(ctx, ids, graph.RelationFilter{}))(t)
	return sn
}

func testReplaceSame(t *testing.T, s graph.Store) {
	put(t, s, docA(), docB())
	before := snap(t, s, "a.txt", "b.txt")
	put(t, s, docA())
	after := snap(t, s, "a.txt", "b.txt")
	if !reflect.DeepEqual(before, after) {
		t.Errorf("loading a.txt again changed the store:\nbefore %+v\nafter  %+v", before, after)
	}
	if before.Stats.Quads == 0 {
		t.Errorf("Stats.Quads = 0")
	}
}

// testReloadWithinSecond loads a document again a fraction of a second
// later, as `ties load` run twice or a repeated loadDocument does: nothing may
// go missing (Cayley hashes times by whole seconds, see graph/cayley).
func testReloadWithinSecond(t *testing.T, s graph.Store) {
	ctx := context.Background()
	first := docA()
	first.Document.LoadedAt = time.Date(2026, 5, 4, 3, 2, 1, 100_000_000, time.UTC)
	put(t, s, first, docB())
	before := snap(t, s, "a.txt", "b.txt")
	again := docA()
	again.Document.LoadedAt = first.Document.LoadedAt.Add(600 * time.Millisecond)
	put(t, s, again)
	after := snap(t, s, "a.txt", "b.txt")
	if !reflect.DeepEqual(before, after) {
		t.Errorf("loading a.txt again within the second changed the store:\nbefore %+v\nafter  %+v", before, after)
	}
	d := must(s.Document(ctx, "a.txt"))(t)
	if d.LoadedAt.IsZero() {
		t.Errorf("a.txt lost its load time on reload")
	}
}

func testReplaceDifferent(t *testing.T, s graph.Store) {
	ctx := context.Background()
	put(t, s, docA(), docB())
	a2 := docA()
	a2.Document.Title = "Miasta 2"
	a2.Entities[0].Aliases = []string{"Krakowem"}
	for i := range a2.Statements {
		if a2.Statements[i].Subject.ID == "krakow" {
			a2.Statements[i].Subject = a2.Entities[0]
		}
	}
	a2.Statements = a2.Statements[:2] // Warsaw's statement goes
	a2.Statements[1].Confidence = 0.55
	a2.Entities = slices.DeleteFunc(a2.Entities, func(e graph.Entity) bool { return e.ID == "warszawa" })
	put(t, s, a2)

	if d := must(s.Document(ctx, "a.txt"))(t); d.Title != "Miasta 2" {
		t.Errorf("title = %q", d.Title)
	}
	stmts := must(s.DocumentStatements(ctx, "a.txt"))(t)
	if len(stmts) != 2 || stmts[1].Confidence != 0.55 {
		t.Errorf("statements after replace = %+v", stmts)
	}
	if e := entity(t, s, "warszawa"); e.ID != "" {
		t.Errorf("warszawa still there: %+v", e)
	}
	k := entity(t, s, "krakow")
	if slices.Contains(k.Aliases, "Krakowie") || !slices.Contains(k.Aliases, "Krakowem") ||
		!slices.Contains(k.Aliases, "Cracow") {
		t.Errorf("krakow aliases after replace = %q", k.Aliases)
	}
	hits := must(s.Search(ctx, "Warszawa", graph.SearchOptions{}))(t)
	for _, h := range hits {
		if h.Entity.ID == "warszawa" {
			t.Errorf("search still finds the removed entity: %+v", h)
		}
	}
	// The result equals loading the new version into an empty store, as
	// far as the other document goes.
	rels := must(s.Relations(ctx, []string{"warszawa"}, graph.RelationFilter{}))(t)
	if len(rels[0]) != 0 {
		t.Errorf("warszawa relations = %+v", rels[0])
	}
}

// testReplaceRoundTrip replaces a document by a smaller version (fewer
// uses of its own node, of shared entities and predicates, one entity
// gone), a larger one, and the original again: the store must end as it
// began, quad for quad. Counting node uses is where a replace goes wrong
// (Cayley's kv backends drop nodes whose count a transaction lowers).
func testReplaceRoundTrip(t *testing.T, s graph.Store) {
	ctx := context.Background()
	put(t, s, docA(), docB())
	before := snap(t, s, "a.txt", "b.txt")

	// The smaller version also changes what it keeps, so that its
	// replace both adds and removes.
	small := docA()
	small.Document.Title = "Miasta (skrót)"
	small.Statements = small.Statements[:1]
	small.Statements[0].Confidence = 0.85
	small.Entities = slices.DeleteFunc(small.Entities, func(e graph.Entity) bool {
		return e.ID == "warszawa" || e.ID == "poland"
	})
	large := docA()
	large.Entities = append(large.Entities, lviv, coe)
	large.Statements = append(large.Statements,
		stmt("a.txt", lviv, graph.MemberOf, eurocities, 0, "Kraków należy do sieci Eurocities.", 0.3),
		stmt("a.txt", coe, graph.Supported, eurocities, 35, "Kraków leży w Polsce.", 0.2))

	steps := []struct {
		name  string
		x     graph.Extraction
		stmts int
	}{
		{"smaller", small, 1},
		{"larger", large, 5},
		{"smaller again", small, 1},
		{"original", docA(), 3},
	}
	for _, st := range steps {
		put(t, s, st.x)
		got := must(s.DocumentStatements(ctx, "a.txt"))(t)
		if len(got) != st.stmts {
			t.Fatalf("after the %s version: %d statements, want %d", st.name, len(got), st.stmts)
		}
		for _, g := range got {
			if g.Subject.ID == "" || g.Object.ID == "" || g.Predicate == "" {
				t.Errorf("after the %s version: broken statement %+v", st.name, g)
			}
		}
	}
	if after := snap(t, s, "a.txt", "b.txt"); !reflect.DeepEqual(before, after) {
		t.Errorf("after replacing a.txt and going back:\nbefore %+v\nafter  %+v", before, after)
	}
	// Entities only the smaller version lacked are back.
	if e := entity(t, s, "warszawa"); e.ID != "warszawa" {
		t.Errorf("warszawa after going back = %+v", e)
	}
}

func testRemove(t *testing.T, s graph.Store) {
	ctx := context.Background()
	put(t, s, docB())
	onlyB := snap(t, s, "b.txt")
	put(t, s, docA())
	if err := s.RemoveDocument(ctx, "a.txt"); err != nil {
		t.Fatal(err)
	}
	afterRemove := snap(t, s, "b.txt")
	if !reflect.DeepEqual(onlyB, afterRemove) {
		t.Errorf("put a + remove a differs from b alone:\nwant %+v\ngot  %+v", onlyB, afterRemove)
	}
	k := entity(t, s, "krakow")
	if k.Name != "Krakow" || !slices.Equal(k.Aliases, []string{"Cracow"}) || k.Resolution != "" {
		t.Errorf("krakow after removing a.txt = %+v", k)
	}
	if e := entity(t, s, "poland"); e.ID != "" {
		t.Errorf("poland (only in a.txt) still there: %+v", e)
	}
	_, err := s.Document(ctx, "a.txt")
	wantCode(t, err, graph.ENOTFOUND)
	wantCode(t, s.RemoveDocument(ctx, "a.txt"), graph.ENOTFOUND)
	wantCode(t, s.RemoveDocument(ctx, "never.txt"), graph.ENOTFOUND)
	if err := s.RemoveDocument(ctx, "b.txt"); err != nil {
		t.Fatal(err)
	}
	st := must(s.Stats(ctx))(t)
	if st != (graph.Stats{}) {
		t.Errorf("Stats after removing everything = %+v", st)
	}
	if hits := must(s.Search(ctx, "Krakow", graph.SearchOptions{}))(t); len(hits) != 0 {
		t.Errorf("search on an empty store = %+v", hits)
	}
}

func testAtomicity(t *testing.T, s graph.Store) {
	put(t, s, docA(), docB())
	before := snap(t, s, "a.txt", "b.txt")
	changed := docA()
	changed.Statements = changed.Statements[:1]
	changed.Document.Title = "changed"

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	unknownPred := docA()
	unknownPred.Statements[1].Predicate = "likes"
	emptyID := docA()
	emptyID.Statements[2].Object.ID = ""
	emptyEntity := docA()
	emptyEntity.Entities = append(emptyEntity.Entities, graph.Entity{Name: "No ID", Type: graph.City})
	badType := docA()
	badType.Entities[0].Type = "Town"
	badConf := docA()
	badConf.Statements[0].Confidence = 1.5
	noDoc := docA()
	noDoc.Document.ID = ""

	tests := []struct {
		name string
		ctx  context.Context
		x    graph.Extraction
		code string
	}{
		{"cancelled", cancelled, changed, ""},
		{"unknown predicate", context.Background(), unknownPred, graph.EINVALID},
		{"empty object ID", context.Background(), emptyID, graph.EINVALID},
		{"entity without ID", context.Background(), emptyEntity, graph.EINVALID},
		{"unknown type", context.Background(), badType, graph.EINVALID},
		{"confidence above 1", context.Background(), badConf, graph.EINVALID},
		{"empty document ID", context.Background(), noDoc, graph.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.PutDocument(tt.ctx, tt.x)
			if err == nil {
				t.Fatal("PutDocument succeeded")
			}
			if tt.code != "" {
				wantCode(t, err, tt.code)
			} else if !errors.Is(err, context.Canceled) {
				t.Errorf("error %v is not context.Canceled", err)
			}
			if after := snap(t, s, "a.txt", "b.txt"); !reflect.DeepEqual(before, after) {
				t.Errorf("failed PutDocument changed the store:\nbefore %+v\nafter  %+v", before, after)
			}
		})
	}
	if d := must(s.Document(context.Background(), "a.txt"))(t); d.Title != "Miasta" {
		t.Errorf("title = %q", d.Title)
	}
}

func testRelations(t *testing.T, s graph.Store) {
	ctx := context.Background()
	put(t, s, docA(), docB())
	memberID := graph.RelationID("krakow", graph.MemberOf, "eurocities")
	r := must(s.Relation(ctx, memberID))(t)
	if r.Subject.ID != "krakow" || r.Object.ID != "eurocities" || r.Predicate != graph.MemberOf ||
		r.Confidence != 0.95 || len(r.Evidence) != 2 || r.Evidence[0].Document != "a.txt" ||
		r.Evidence[1].Document != "b.txt" || r.Evidence[1].Confidence != 0.95 || r.Subject.Name != "Krakow" {
		t.Errorf("Relation(krakow member_of eurocities) = %+v", r)
	}
	_, err := s.Relation(ctx, "rnothing")
	wantCode(t, err, graph.ENOTFOUND)

	partner := graph.RelationID("lviv", graph.PartnerOf, "krakow")
	summary := func(rels []graph.Relation) []string {
		var out []string
		for _, r := range rels {
			out = append(out, fmt.Sprintf("%s %s %s %d", r.Subject.ID, r.Predicate, r.Object.ID, len(r.Evidence)))
		}
		return out
	}
	tests := []struct {
		id   string
		f    graph.RelationFilter
		want []string
	}{
		{"krakow", graph.RelationFilter{}, []string{
			"krakow located_in poland 1", "krakow member_of eurocities 2", "krakow partner_of lviv 1"}},
		{"krakow", graph.RelationFilter{Direction: graph.Incoming}, []string{"krakow partner_of lviv 1"}},
		{"lviv", graph.RelationFilter{Direction: graph.Outgoing}, []string{
			"lviv member_of eurocities 1", "krakow partner_of lviv 1"}},
		{"eurocities", graph.RelationFilter{Direction: graph.Outgoing}, nil},
		{"eurocities", graph.RelationFilter{Direction: graph.Incoming, Predicates: []graph.Predicate{graph.MemberOf}},
			[]string{"krakow member_of eurocities 2", "lviv member_of eurocities 1", "warszawa member_of eurocities 1"}},
		{"eurocities", graph.RelationFilter{Predicates: []graph.Predicate{graph.Supported}},
			[]string{"council-of-europe supported eurocities 1"}},
		{"nobody", graph.RelationFilter{}, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %+v", tt.id, tt.f), func(t *testing.T) {
			got := must(s.Relations(ctx, []string{tt.id}, tt.f))(t)
			if len(got) != 1 || !slices.Equal(summary(got[0]), tt.want) {
				t.Errorf("Relations = %q, want %q", summary(got[0]), tt.want)
			}
		})
	}
	both := must(s.Relations(ctx, []string{"lviv", "krakow"}, graph.RelationFilter{Predicates: []graph.Predicate{graph.PartnerOf}}))(t)
	if len(both) != 2 || len(both[0]) != 1 || len(both[1]) != 1 || both[0][0].ID != partner || both[1][0].ID != partner {
		t.Errorf("symmetric relation seen from both ends = %+v", both)
	}
	_, err = s.Relations(ctx, []string{"krakow"}, graph.RelationFilter{Predicates: []graph.Predicate{"likes"}})
	wantCode(t, err, graph.EINVALID)
}

// testRelationPages checks RelationPages against Relations: walking the
// pages of every size, each starting after the last of the one before,
// gives what Relations gives, in order, with the right count and start.
func testRelationPages(t *testing.T, s graph.Store) {
	ctx := context.Background()
	put(t, s, docA(), docB(), hubDoc(0), docC())
	put(t, s, hubDoc(2)) // replaced: two members and their ties gone
	must(0, s.RemoveDocument(ctx, "c.txt"))(t)
	filters := []graph.RelationFilter{
		{},
		{Direction: graph.Incoming},
		{Direction: graph.Outgoing},
		{Predicates: []graph.Predicate{graph.PartnerOf}},
		{Predicates: []graph.Predicate{graph.MemberOf, graph.Supported}, Direction: graph.Outgoing},
	}
	ids := []string{"hub-network", "member-02", "eurocities", "krakow", "lviv", "vilnius", "nobody"}
	for _, f := range filters {
		all := must(s.Relations(ctx, ids, f))(t)
		for _, limit := range []int{0, 1, 2, 5, 50} {
			t.Run(fmt.Sprintf("%+v limit %d", f, limit), func(t *testing.T) {
				for i, id := range ids {
					var got []graph.Relation
					after := ""
					for range 100 {
						ps := must(s.RelationPages(ctx, []string{id}, f, graph.ListOptions{After: after, Limit: limit}))(t)
						p := ps[0]
						if p.Total != len(all[i]) || p.Start != len(got) {
							t.Fatalf("%s after %q: total %d start %d, want %d and %d", id, after, p.Total, p.Start, len(all[i]), len(got))
						}
						if limit > 0 && len(p.Relations) > limit {
							t.Fatalf("%s: page of %d, limit %d", id, len(p.Relations), limit)
						}
						got = append(got, p.Relations...)
						if len(p.Relations) == 0 || len(got) == len(all[i]) {
							break
						}
						after = p.Relations[len(p.Relations)-1].ID
					}
					if !reflect.DeepEqual(got, all[i]) && (len(got) > 0 || len(all[i]) > 0) {
						t.Errorf("%s: pages give\n%+v\nRelations gives\n%+v", id, got, all[i])
					}
				}
			})
		}
	}
	// Batched: several entities in one call, each with its page.
	ps := must(s.RelationPages(ctx, []string{"hub-network", "krakow"}, graph.RelationFilter{}, graph.ListOptions{Limit: 2}))(t)
	if len(ps) != 2 || len(ps[0].Relations) != 2 || ps[1].Total != 3 {
		t.Errorf("batched pages = %+v", ps)
	}
	gone := must(s.RelationPages(ctx, []string{"krakow"}, graph.RelationFilter{}, graph.ListOptions{After: "rnothing"}))(t)
	if gone[0].Start != -1 || len(gone[0].Relations) != 0 {
		t.Errorf("page after an unknown relation = %+v, want start -1", gone[0])
	}
	_, err := s.RelationPages(ctx, []string{"krakow"}, graph.RelationFilter{}, graph.ListOptions{Limit: -1})
	wantCode(t, err, graph.EINVALID)
	_, err = s.RelationPages(ctx, []string{"krakow"}, graph.RelationFilter{Direction: "sideways"}, graph.ListOptions{})
	wantCode(t, err, graph.EINVALID)
}

func testSearch(t *testing.T, s graph.Store) {
	ctx := context.Background()
	put(t, s, docA(), docB())
	tests := []struct {
		query string
		opt   graph.SearchOptions
		first string // ID of the best hit; "" for no hit
	}{
		{"Kraków", graph.SearchOptions{}, "krakow"},
		{"KRAKOW", graph.SearchOptions{}, "krakow"},
		{"krakowie", graph.SearchOptions{}, "krakow"},
		{"Cracow", graph.SearchOptions{}, "krakow"},
		{"Rada Europy", graph.SearchOptions{}, "council-of-europe"},
		{"рада європи", graph.SearchOptions{}, "council-of-europe"},
		{"Львів", graph.SearchOptions{}, "lviv"},
		{"Lwow", graph.SearchOptions{}, "lviv"},
		{"Warszawy", graph.SearchOptions{}, "warszawa"},      // genitive of Warszawa
		{"Eurocities'", graph.SearchOptions{}, "eurocities"}, // punctuation
		{"Technology Park", graph.SearchOptions{}, "krakow-technology-park"},
		{"Krakow", graph.SearchOptions{Types: []graph.EntityType{graph.Organization}}, "krakow-technology-park"},
		{"Krakow", graph.SearchOptions{Types: []graph.EntityType{graph.Network}}, ""},
		{"zzzzqqq", graph.SearchOptions{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits := must(s.Search(ctx, tt.query, tt.opt))(t)
			if tt.first == "" {
				if len(hits) != 0 {
					t.Errorf("Search(%q) = %+v, want nothing", tt.query, hits)
				}
				return
			}
			if len(hits) == 0 || hits[0].Entity.ID != tt.first {
				t.Fatalf("Search(%q) = %+v, want %s first", tt.query, hits, tt.first)
			}
			for i := 1; i < len(hits); i++ {
				if hits[i].Score > hits[i-1].Score {
					t.Errorf("hits not ranked: %+v", hits)
				}
			}
		})
	}
	// An exact name ranks above a longer name that contains it and above
	// an inflected form.
	hits := must(s.Search(ctx, "Kraków", graph.SearchOptions{}))(t)
	if len(hits) < 2 || hits[1].Entity.ID != "krakow-technology-park" || hits[0].Score <= hits[1].Score {
		t.Errorf("Search(Kraków) = %+v", hits)
	}
	exact := must(s.Search(ctx, "Krakowie", graph.SearchOptions{}))(t)[0].Score
	inflected := must(s.Search(ctx, "Krakowa", graph.SearchOptions{}))(t)
	if len(inflected) == 0 || inflected[0].Entity.ID != "krakow" || inflected[0].Score >= exact {
		t.Errorf("inflected Krakowa = %+v, exact alias score %v", inflected, exact)
	}
	if hits := must(s.Search(ctx, "Krakow", graph.SearchOptions{Limit: 1}))(t); len(hits) != 1 {
		t.Errorf("Limit 1 gave %d hits", len(hits))
	}
	_, err := s.Search(ctx, " ,. ", graph.SearchOptions{})
	wantCode(t, err, graph.EINVALID)
	// Deterministic: the same query gives the same list.
	again := must(s.Search(ctx, "Kraków", graph.SearchOptions{}))(t)
	if !reflect.DeepEqual(hits, again) {
		t.Errorf("search not deterministic:\n%+v\n%+v", hits, again)
	}
}

func nodeIDs(sg graph.Subgraph) []string {
	var out []string
	for _, n := range sg.Nodes {
		out = append(out, n.ID)
	}
	return out
}

func testNeighborhood(t *testing.T, s graph.Store) {
	ctx := context.Background()
	put(t, s, docA(), docB())
	tests := []struct {
		id        string
		opt       graph.NeighborhoodOptions
		nodes     []string
		edges     int
		truncated bool
	}{
		{"poland", graph.NeighborhoodOptions{Depth: 0}, []string{"poland"}, 0, false},
		{"poland", graph.NeighborhoodOptions{Depth: 1}, []string{"poland", "krakow"}, 1, false},
		{"poland", graph.NeighborhoodOptions{Depth: 2}, []string{"poland", "krakow", "eurocities", "lviv"}, 4, false},
		{"poland", graph.NeighborhoodOptions{Depth: 2, Predicates: []graph.Predicate{graph.LocatedIn, graph.MemberOf}},
			[]string{"poland", "krakow", "eurocities"}, 2, false},
		{"poland", graph.NeighborhoodOptions{Depth: 3, Predicates: []graph.Predicate{graph.LocatedIn, graph.MemberOf}},
			[]string{"poland", "krakow", "eurocities", "lviv", "warszawa"}, 4, false},
		{"eurocities", graph.NeighborhoodOptions{Depth: 1},
			[]string{"eurocities", "council-of-europe", "krakow", "lviv", "warszawa"}, 5, false},
		{"eurocities", graph.NeighborhoodOptions{Depth: 1, Limit: 3},
			[]string{"eurocities", "council-of-europe", "krakow"}, 2, true},
		{"krakow-technology-park", graph.NeighborhoodOptions{Depth: 2}, []string{"krakow-technology-park"}, 0, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %+v", tt.id, tt.opt), func(t *testing.T) {
			sg := must(s.Neighborhood(ctx, tt.id, tt.opt))(t)
			if !slices.Equal(nodeIDs(sg), tt.nodes) || len(sg.Edges) != tt.edges || sg.Truncated != tt.truncated {
				t.Errorf("Neighborhood = %q, %d edges %+v, truncated %v; want %q, %d edges, %v",
					nodeIDs(sg), len(sg.Edges), sg.Edges, sg.Truncated, tt.nodes, tt.edges, tt.truncated)
			}
			in := map[string]bool{}
			for _, n := range sg.Nodes {
				in[n.ID] = true
				if n.Name == "" {
					t.Errorf("node %s without a name", n.ID)
				}
			}
			for _, e := range sg.Edges {
				if !in[e.Source] || !in[e.Target] {
					t.Errorf("edge %+v leaves the subgraph", e)
				}
			}
		})
	}
	sg := must(s.Neighborhood(ctx, "krakow", graph.NeighborhoodOptions{Depth: 1}))(t)
	for _, e := range sg.Edges {
		want := 1
		if e.Predicate == graph.MemberOf && e.Source == "krakow" {
			want = 2 // stated by both documents
		}
		if e.Weight != want || e.ID != graph.RelationID(e.Source, e.Predicate, e.Target) {
			t.Errorf("edge %+v: want weight %d", e, want)
		}
	}
	_, err := s.Neighborhood(ctx, "nobody", graph.NeighborhoodOptions{Depth: 1})
	wantCode(t, err, graph.ENOTFOUND)
	_, err = s.Neighborhood(ctx, "krakow", graph.NeighborhoodOptions{Depth: 1, Predicates: []graph.Predicate{"x"}})
	wantCode(t, err, graph.EINVALID)
	_, err = s.Neighborhood(ctx, "krakow", graph.NeighborhoodOptions{Depth: -1})
	wantCode(t, err, graph.EINVALID)
}

func pathString(p graph.Path) string {
	s := ""
	for i, n := range p.Nodes {
		if i > 0 {
			s += " -" + string(p.Edges[i-1].Predicate) + "- "
		}
		s += n.ID
	}
	return s
}

func testPaths(t *testing.T, s graph.Store) {
	ctx := context.Background()
	put(t, s, docA(), docB())
	tests := []struct {
		from, to string
		opt      graph.PathOptions
		want     []string
	}{
		{"poland", "lviv", graph.PathOptions{Limit: 1}, []string{"poland -located_in- krakow -partner_of- lviv"}},
		{"poland", "lviv", graph.PathOptions{Limit: 5}, []string{
			"poland -located_in- krakow -partner_of- lviv",
			"poland -located_in- krakow -member_of- eurocities -member_of- lviv"}},
		{"poland", "lviv", graph.PathOptions{Predicates: []graph.Predicate{graph.LocatedIn, graph.MemberOf}},
			[]string{"poland -located_in- krakow -member_of- eurocities -member_of- lviv"}},
		{"poland", "lviv", graph.PathOptions{MaxLength: 1}, nil},
		// Council of Europe ties only to Eurocities: no longer simple path.
		{"warszawa", "council-of-europe", graph.PathOptions{}, []string{
			"warszawa -member_of- eurocities -supported- council-of-europe"}},
		{"krakow", "krakow", graph.PathOptions{}, []string{"krakow"}},
		{"krakow", "krakow-technology-park", graph.PathOptions{}, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s-%s %+v", tt.from, tt.to, tt.opt), func(t *testing.T) {
			ps := must(s.Paths(ctx, tt.from, tt.to, tt.opt))(t)
			var got []string
			for _, p := range ps {
				if len(p.Nodes) != len(p.Edges)+1 {
					t.Errorf("path %+v: %d nodes, %d edges", p, len(p.Nodes), len(p.Edges))
				}
				got = append(got, pathString(p))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Paths = %q, want %q", got, tt.want)
			}
		})
	}
	ps := must(s.Paths(ctx, "poland", "lviv", graph.PathOptions{Limit: 1}))(t)
	if e := ps[0].Edges[0]; e.Source != "krakow" || e.Target != "poland" || e.Weight != 1 {
		t.Errorf("first edge = %+v", e)
	}
	_, err := s.Paths(ctx, "poland", "nobody", graph.PathOptions{})
	wantCode(t, err, graph.ENOTFOUND)
}

func testStats(t *testing.T, s graph.Store) {
	ctx := context.Background()
	if st := must(s.Stats(ctx))(t); st != (graph.Stats{}) {
		t.Errorf("empty store Stats = %+v", st)
	}
	put(t, s, docA(), docB())
	st := must(s.Stats(ctx))(t)
	// Entities: krakow, warszawa, poland, eurocities, lviv, council-of-europe,
	// krakow-technology-park. Relations: the krakow member_of eurocities
	// statements of both documents make one.
	want := graph.Stats{Documents: 2, Entities: 7, Statements: 7, Relations: 6}
	st.Quads, want.Quads = 0, 0
	if st != want {
		t.Errorf("Stats = %+v, want %+v", st, want)
	}
}

// testConcurrentReaders has one writer put and remove a document while
// readers check that they only ever see it whole or not at all, and that
// the other documents never change.
func testConcurrentReaders(t *testing.T, s graph.Store) {
	ctx := context.Background()
	put(t, s, docA(), docB())
	wantB := must(s.DocumentStatements(ctx, "b.txt"))(t)
	c := docC()
	done := make(chan struct{})
	errs := make(chan error, 16)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(done)
		for i := 0; i < 15; i++ {
			if err := s.PutDocument(ctx, c); err != nil {
				errs <- fmt.Errorf("put %d: %w", i, err)
				return
			}
			if err := s.RemoveDocument(ctx, "c.txt"); err != nil {
				errs <- fmt.Errorf("remove %d: %w", i, err)
				return
			}
		}
	}()
	for r := 0; r < 3; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				st, err := s.DocumentStatements(ctx, "c.txt")
				if err != nil && graph.ErrorCode(err) != graph.ENOTFOUND {
					errs <- err
					return
				}
				if err == nil && len(st) != len(c.Statements) {
					errs <- fmt.Errorf("reader saw %d of c.txt's %d statements", len(st), len(c.Statements))
					return
				}
				b, err := s.DocumentStatements(ctx, "b.txt")
				if err != nil || !reflect.DeepEqual(b, wantB) {
					errs <- fmt.Errorf("b.txt changed while c.txt was written: %v", err)
					return
				}
				rels, err := s.Relations(ctx, []string{"vilnius"}, graph.RelationFilter{})
				if err != nil {
					errs <- err
					return
				}
				if n := len(rels[0]); n != 0 && n != 2 {
					errs <- fmt.Errorf("reader saw %d of vilnius's 2 relations", n)
					return
				}
				if _, err := s.Search(ctx, "Wilno", graph.SearchOptions{}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if e := entity(t, s, "vilnius"); e.ID != "" {
		t.Errorf("vilnius left after c.txt was removed: %+v", e)
	}
}

// testEntityMerge checks how documents' views of one entity combine: the
// name most documents give wins over a shorter one, aliases are the union,
// and removing documents takes their names and aliases away.
func testEntityMerge(t *testing.T, s graph.Store) {
	ctx := context.Background()
	doc := func(id, name string, typ graph.EntityType, aliases ...string) graph.Extraction {
		return graph.Extraction{
			Document: graph.Document{ID: id, Language: "pl", Text: name},
			Entities: []graph.Entity{{ID: "krakow", Name: name, Type: typ, Aliases: aliases}},
		}
	}
	put(t, s,
		doc("m1.txt", "Kraków", graph.City, "Krakowie"),
		doc("m2.txt", "Krakow", graph.Organization),
		doc("m3.txt", "Kraków", graph.City, "Krakowa"))
	tests := []struct {
		remove  string
		name    string
		typ     graph.EntityType
		aliases []string
	}{
		{"", "Kraków", graph.City, []string{"Krakow", "Krakowa", "Krakowie"}},
		{"m3.txt", "Krakow", graph.City, []string{"Krakowie", "Kraków"}}, // one each: byte order, shorter type
		{"m1.txt", "Krakow", graph.Organization, nil},
	}
	for _, tt := range tests {
		t.Run("remove "+tt.remove, func(t *testing.T) {
			if tt.remove != "" {
				if err := s.RemoveDocument(ctx, tt.remove); err != nil {
					t.Fatal(err)
				}
			}
			e := entity(t, s, "krakow")
			if e.Name != tt.name || e.Type != tt.typ || !slices.Equal(e.Aliases, tt.aliases) && len(e.Aliases)+len(tt.aliases) > 0 {
				t.Errorf("entity = %+v, want name %q type %s aliases %q", e, tt.name, tt.typ, tt.aliases)
			}
			hits := must(s.Search(ctx, "Krakowie", graph.SearchOptions{}))(t)
			exact := len(hits) > 0 && hits[0].Score == 1
			if want := slices.Contains(tt.aliases, "Krakowie"); exact != want {
				t.Errorf("exact hit for the alias Krakowie: %v, want %v (%+v)", exact, want, hits)
			}
		})
	}
}

// testOddIDs stores IDs with spaces, punctuation and non-Latin letters, as
// file names and loaders produce them, and reads them back unchanged.
func testOddIDs(t *testing.T, s graph.Store) {
	ctx := context.Background()
	docID := "Raport 2025 (wersja ł) #2 100%.txt"
	a := graph.Entity{ID: "київ/міська рада", Name: "Київська міська рада", Type: graph.PublicBody}
	b := graph.Entity{ID: "a<b>&\"c\"", Name: "Odd", Type: graph.Organization}
	put(t, s, graph.Extraction{
		Document:   graph.Document{ID: docID, Text: "x"},
		Statements: []graph.Statement{stmt(docID, a, graph.PartnerOf, b, 0, "x", 1)},
	})
	if d := must(s.Document(ctx, docID))(t); d.ID != docID {
		t.Errorf("Document ID = %q", d.ID)
	}
	if ds := must(s.Documents(ctx, graph.ListOptions{}))(t); len(ds) != 1 || ds[0].ID != docID {
		t.Errorf("Documents = %+v", ds)
	}
	st := must(s.DocumentStatements(ctx, docID))(t)
	if len(st) != 1 || st[0].Subject.ID != a.ID || st[0].Object.ID != b.ID || st[0].Evidence.Document != docID {
		t.Errorf("statements = %+v", st)
	}
	if docs := must(s.EntityDocuments(ctx, []string{a.ID}))(t); !slices.Equal(docs[0], []string{docID}) {
		t.Errorf("EntityDocuments = %q", docs)
	}
	ps := must(s.Paths(ctx, a.ID, b.ID, graph.PathOptions{}))(t)
	if len(ps) != 1 || ps[0].Nodes[1].ID != b.ID {
		t.Errorf("Paths = %+v", ps)
	}
	if hits := must(s.Search(ctx, "київська рада", graph.SearchOptions{}))(t); len(hits) == 0 || hits[0].Entity.ID != a.ID {
		t.Errorf("Search = %+v", hits)
	}
	if err := s.RemoveDocument(ctx, docID); err != nil {
		t.Fatal(err)
	}
	if st := must(s.Stats(ctx))(t); st != (graph.Stats{}) {
		t.Errorf("Stats after removal = %+v", st)
	}
}
