package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/graph/search"
)

// SearchResult is the search index measured alone, at a size no corpus of
// the store runs reaches (1M quads hold about 10k entities).
type SearchResult struct {
	Entities int
	// Tokens is the index's vocabulary (distinct folded words).
	Build time.Duration
	// Heap is the live heap the index holds after a collection (bytes of
	// reachable objects, not the spans they sit in), names and aliases
	// included (the store keeps no other copy of them).
	Heap uint64
	// Queries: one search(first 10) each, one after the other.
	Queries Dist
	// Found is the share of queries whose entity is among the first 10
	// hits; by kind of query: inflected or nominative forms of any
	// language (the entity's own aliases or not), folded, misspelt.
	Found            float64
	FoundBy          map[string]float64
	QueriesN, Hits10 int
}

// SearchEntities makes n entities named as the corpus names them (see
// newEntity): the English nominative as the name and, as aliases, both
// forms in two languages, as documents in those languages give them.
func SearchEntities(seed uint64, n int) []Entity {
	r := rand.New(rand.NewPCG(seed, 0x5345))
	out := make([]Entity, n)
	for i := range out {
		e := newEntity(i, pickType(r), r)
		a := r.IntN(len(Languages))
		b := (a + 1 + r.IntN(len(Languages)-1)) % len(Languages)
		fa, fb := e.Forms[Languages[a]], e.Forms[Languages[b]]
		e.Aliases = []string{fa[0], fa[1], fb[0], fb[1]}
		e.Languages = []string{Languages[a], Languages[b]}
		// Stems repeat across types ("Kariloven" the city and "Kariloven
		// Foundation"): IDs made unique as the store's are.
		e.ID = fmt.Sprintf("%s-%d", e.ID, i)
		out[i] = e
	}
	return out
}

// SearchQuery is one seeded question: how a user types an entity.
type SearchQuery struct {
	Text, Want, Kind string
}

// SearchQueries picks n entities at random and a way of typing each: one
// of its eight forms (nominative or inflected, pl/uk/lt/en, whether or not
// its documents used that language), a quarter of them folded (lower case,
// no diacritics), a quarter misspelt (a letter of the stem dropped,
// doubled or swapped).
func SearchQueries(seed uint64, ents []Entity, n int) []SearchQuery {
	r := rand.New(rand.NewPCG(seed, 0x5351))
	out := make([]SearchQuery, n)
	for i := range out {
		e := ents[r.IntN(len(ents))]
		f := e.Forms[Languages[r.IntN(len(Languages))]][r.IntN(2)]
		kind := "form"
		switch r.IntN(4) {
		case 0:
			f, kind = graph.Fold(f), "folded"
		case 1:
			f, kind = misspell(f, r), "misspelt"
		}
		out[i] = SearchQuery{Text: f, Want: e.ID, Kind: kind}
	}
	return out
}

// misspell changes one letter of the longest word (the stem): dropped,
// doubled or swapped with the next.
func misspell(s string, r *rand.Rand) string {
	words := strings.Fields(s)
	w := 0
	for i, x := range words {
		if len([]rune(x)) > len([]rune(words[w])) {
			w = i
		}
	}
	rs := []rune(words[w])
	if len(rs) < 5 {
		return s
	}
	i := 1 + r.IntN(len(rs)-3)
	switch r.IntN(3) {
	case 0:
		rs = slices.Delete(rs, i, i+1)
	case 1:
		rs = slices.Insert(rs, i, rs[i])
	default:
		rs[i], rs[i+1] = rs[i+1], rs[i]
	}
	words[w] = string(rs)
	return strings.Join(words, " ")
}

// MeasureSearch fills a search.Index with n generated entities and asks it
// the queries one after the other: the latency of each, the share found in
// the first 10, and the heap the index holds.
func MeasureSearch(ctx context.Context, seed uint64, n, queries int) (*SearchResult, error) {
	_, base := settled()
	ents := SearchEntities(seed, n)
	qs := SearchQueries(seed, ents, queries)
	t0 := time.Now()
	ix := search.New()
	for _, e := range ents {
		ix.Put(e.Entity)
	}
	build := time.Since(t0)
	ents = nil // the index holds the names now
	_, live := settled()
	res := &SearchResult{Entities: ix.Len(), Build: build, Heap: grown(live, base), QueriesN: len(qs),
		FoundBy: map[string]float64{}}
	// Warm up the pooled scratch (allocated once per concurrent search).
	if _, err := ix.Search(ctx, "warm up", graph.SearchOptions{Limit: 10}); err != nil {
		return nil, err
	}
	took := make([]time.Duration, len(qs))
	found, per := map[string]int{}, map[string]int{}
	for i, q := range qs {
		t := time.Now()
		hits, err := ix.Search(ctx, q.Text, graph.SearchOptions{Limit: 10})
		took[i] = time.Since(t)
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", q.Text, err)
		}
		per[q.Kind]++
		if slices.ContainsFunc(hits, func(h graph.SearchHit) bool { return h.Entity.ID == q.Want }) {
			found[q.Kind]++
			res.Hits10++
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	res.Queries = dist(took)
	res.Found = float64(res.Hits10) / float64(max(1, len(qs)))
	for k, n := range per {
		res.FoundBy[k] = float64(found[k]) / float64(n)
	}
	return res, nil
}
