package cayley

import (
	"cmp"
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/ties-graph/ties/graph"
)

// searchIndex holds every stored entity, as entity() reads it from the
// quads, with its names and aliases in the folded, transliterated form
// Search compares. It is built from the store at Open and updated from the
// store under the write lock on every Put and Remove, so readers see it
// change with the quads. It doubles as the entity cache: Entities and the
// entities in statements, relations and subgraphs come from it. (With
// PostgreSQL shared by several processes, each sees the others' writes
// after reopening.)
type searchIndex struct {
	entities map[string]*indexed
	// said holds what each document says about each entity (entity →
	// document → attributes), so a write updates an entity from its own
	// document's part instead of re-reading every document's.
	said map[string]map[string]said
	// Postings narrow a search to candidates: token prefixes (1–3 runes)
	// find exact, prefix and inflected matches, trigrams of whole forms
	// find the similar ones.
	prefixes map[string]map[string]struct{}
	grams    map[gram]map[string]struct{}
}

func newSearchIndex() *searchIndex {
	return &searchIndex{entities: map[string]*indexed{}, said: map[string]map[string]said{},
		prefixes: map[string]map[string]struct{}{}, grams: map[gram]map[string]struct{}{}}
}

type indexed struct {
	entity graph.Entity
	forms  []form
}

type gram [3]rune

// form is one name or alias, ready for matching.
type form struct {
	text   string // as the documents wrote it
	key    string // graph.Latin(graph.Fold(text))
	grams  []gram // sorted, distinct
	tokens []token
}

type token struct {
	runes []rune
	grams []gram // sorted, distinct
}

func newForm(text string) form {
	key := graph.Latin(graph.Fold(text))
	f := form{text: text, key: key, grams: trigrams([]rune(key))}
	for _, t := range strings.Fields(key) {
		r := []rune(t)
		f.tokens = append(f.tokens, token{runes: r, grams: trigrams(r)})
	}
	return f
}

func (ix *searchIndex) len() int { return len(ix.entities) }

// entity returns a copy of the stored entity, zero when none is stored.
func (ix *searchIndex) entity(id string) graph.Entity {
	in, ok := ix.entities[id]
	if !ok {
		return graph.Entity{}
	}
	return cloneEntity(in.entity)
}

func cloneEntity(e graph.Entity) graph.Entity {
	e.Aliases = slices.Clone(e.Aliases)
	e.Languages = slices.Clone(e.Languages)
	return e
}

func (ix *searchIndex) put(e graph.Entity) {
	if e.ID == "" {
		return
	}
	ix.remove(e.ID)
	in := &indexed{entity: e}
	seen := map[string]bool{}
	for _, t := range append([]string{e.Name}, e.Aliases...) {
		f := newForm(t)
		if f.key == "" || seen[f.key] {
			continue
		}
		seen[f.key] = true
		in.forms = append(in.forms, f)
	}
	ix.entities[e.ID] = in
	ix.post(in, func(m map[string]struct{}) { m[e.ID] = struct{}{} })
}

func (ix *searchIndex) remove(id string) {
	in, ok := ix.entities[id]
	if !ok {
		return
	}
	delete(ix.entities, id)
	ix.post(in, func(m map[string]struct{}) { delete(m, id) })
}

// post applies fn to every posting list the entity belongs in, creating
// missing lists and dropping emptied ones.
func (ix *searchIndex) post(in *indexed, fn func(map[string]struct{})) {
	for _, f := range in.forms {
		for _, t := range f.tokens {
			for n := 1; n <= 3 && n <= len(t.runes); n++ {
				p := string(t.runes[:n])
				m := ix.prefixes[p]
				if m == nil {
					m = map[string]struct{}{}
					ix.prefixes[p] = m
				}
				if fn(m); len(m) == 0 {
					delete(ix.prefixes, p)
				}
			}
		}
		for _, g := range f.grams {
			m := ix.grams[g]
			if m == nil {
				m = map[string]struct{}{}
				ix.grams[g] = m
			}
			if fn(m); len(m) == 0 {
				delete(ix.grams, g)
			}
		}
	}
}

// candidates returns the entities that can score at least minScore for q:
// those with a token sharing a query token's first (up to 3) runes, and
// those sharing enough trigrams for the similarity fallback.
func (ix *searchIndex) candidates(q form) map[string]struct{} {
	out := map[string]struct{}{}
	for _, t := range q.tokens {
		p := string(t.runes[:min(3, len(t.runes))])
		for id := range ix.prefixes[p] {
			out[id] = struct{}{}
		}
	}
	counts := map[string]int{}
	for _, g := range q.grams {
		for id := range ix.grams[g] {
			counts[id]++
		}
	}
	// A similarity of 0.4 (the least that scores) needs at least 40% of
	// the query's trigrams.
	need := max(1, (4*len(q.grams)+9)/10)
	for id, c := range counts {
		if c >= need {
			out[id] = struct{}{}
		}
	}
	return out
}

// Search scores (best first): an exact name or alias 1; the query as a
// prefix of one 0.8–0.9; otherwise by tokens, where an exact token counts
// 1, the same stem with a different short ending (inflection: a common
// prefix of at least 4 runes, endings of at most 3) 0.85, a token prefix
// 0.7 and trigram similarity less; a whole-string trigram similarity is the
// fallback. Ties go to the shorter matched form, then the entity ID.
func (s *Store) Search(ctx context.Context, text string, opt graph.SearchOptions) ([]graph.SearchHit, error) {
	q := newForm(text)
	if q.key == "" {
		return nil, graph.Errorf(graph.EINVALID, "search text %q has no letters or digits", text)
	}
	for _, t := range opt.Types {
		if !t.Valid() {
			return nil, graph.Errorf(graph.EINVALID, "unknown entity type %q", t)
		}
	}
	if opt.Limit < 0 {
		return nil, graph.Errorf(graph.EINVALID, "negative limit %d", opt.Limit)
	}
	limit := opt.Limit
	if limit == 0 {
		limit = 20
	}
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	var hits []graph.SearchHit
	for id := range s.index.candidates(q) {
		in := s.index.entities[id]
		if in == nil {
			continue
		}
		if len(opt.Types) > 0 && !slices.Contains(opt.Types, in.entity.Type) {
			continue
		}
		var hit graph.SearchHit
		for _, f := range in.forms {
			sc := score(q, f)
			if sc > hit.Score || sc == hit.Score && sc > 0 && len(f.text) < len(hit.Matched) {
				hit.Score, hit.Matched = sc, f.text
			}
		}
		if hit.Score >= minScore {
			hit.Entity = cloneEntity(in.entity)
			hits = append(hits, hit)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if len(a.Matched) != len(b.Matched) {
			return len(a.Matched) < len(b.Matched)
		}
		return a.Entity.ID < b.Entity.ID
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

const minScore = 0.3

func score(q, f form) float64 {
	if q.key == f.key {
		return 1
	}
	if strings.HasPrefix(f.key, q.key) {
		return 0.8 + 0.1*float64(len(q.key))/float64(len(f.key))
	}
	best := 0.5 * jaccard(q.grams, f.grams)
	if len(q.tokens) == 0 || len(f.tokens) == 0 {
		return best
	}
	var sum float64
	used := make([]bool, len(f.tokens))
	for _, qt := range q.tokens {
		bt, bi := 0.0, -1
		for i, ft := range f.tokens {
			if sc := tokenScore(qt, ft); sc > bt {
				bt, bi = sc, i
			}
		}
		if bi >= 0 {
			used[bi] = true
		}
		sum += bt
	}
	matched := 0
	for _, u := range used {
		if u {
			matched++
		}
	}
	// Tokens of the name the query did not match cost a little, so "Kraków"
	// ranks the city above "Kraków Technology Park".
	tok := 0.75 * sum / float64(len(q.tokens)) * (0.8 + 0.2*float64(matched)/float64(len(f.tokens)))
	return max(best, tok)
}

func tokenScore(qt, ft token) float64 {
	a, b := qt.runes, ft.runes
	if slices.Equal(a, b) {
		return 1
	}
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	if p >= 4 && len(a)-p <= 3 && len(b)-p <= 3 {
		return 0.85 // same stem, different ending: an inflected form
	}
	if p == len(a) && p >= 3 {
		return 0.7 // the query token starts the name's token
	}
	if sim := jaccard(qt.grams, ft.grams); sim >= 0.4 {
		return 0.6 * sim
	}
	return 0
}

// jaccard is the Jaccard similarity of two sorted trigram sets.
func jaccard(a, b []gram) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := cmpGram(a[i], b[j]); {
		case c == 0:
			inter++
			i++
			j++
		case c < 0:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

func cmpGram(a, b gram) int {
	for i := range a {
		if a[i] != b[i] {
			return cmp.Compare(a[i], b[i])
		}
	}
	return 0
}

// trigrams returns the padded trigrams of r, sorted and distinct. Sorted
// slices keep the index small (a map per name would cost ten times more).
func trigrams(r []rune) []gram {
	p := make([]rune, 0, len(r)+3)
	p = append(p, ' ', ' ')
	p = append(p, r...)
	p = append(p, ' ')
	out := make([]gram, 0, len(p))
	for i := 0; i+3 <= len(p); i++ {
		out = append(out, gram{p[i], p[i+1], p[i+2]})
	}
	slices.SortFunc(out, cmpGram)
	return slices.Compact(out)
}
