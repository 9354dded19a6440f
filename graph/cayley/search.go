package cayley

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

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
}

type indexed struct {
	entity graph.Entity
	forms  []form
}

// form is one name or alias, ready for matching.
type form struct {
	text   string   // as the documents wrote it
	key    string   // graph.Latin(graph.Fold(text))
	tokens [][]rune // key split on spaces
}

func newForm(text string) form {
	key := graph.Latin(graph.Fold(text))
	f := form{text: text, key: key}
	for _, t := range strings.Fields(key) {
		f.tokens = append(f.tokens, []rune(t))
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
}

// buildIndex loads every entity a stored document mentions.
func (s *Store) buildIndex(ctx context.Context) error {
	s.index = &searchIndex{entities: map[string]*indexed{}}
	docs, err := s.documentIDs(ctx)
	if err != nil {
		return err
	}
	ids := map[string]bool{}
	for _, d := range docs {
		qs, err := s.match(ctx, quad.Subject, documentIRI(d), []quad.IRI{pMentions}, nil)
		if err != nil {
			return err
		}
		for _, q := range qs {
			if id, ok := entityID(q.Object); ok {
				ids[id] = true
			}
		}
	}
	return s.reindex(ctx, ids)
}

// reindex reloads the given entities from the store into the index,
// dropping those no document mentions any more. Callers hold the write lock
// (or own the store exclusively, as Open does).
func (s *Store) reindex(ctx context.Context, ids map[string]bool) error {
	for id := range ids {
		e, err := s.entity(ctx, id)
		if err != nil {
			return fmt.Errorf("entity %q: %w", id, err)
		}
		if e.ID == "" {
			delete(s.index.entities, id)
			continue
		}
		s.index.put(e)
	}
	return nil
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
	for _, in := range s.index.entities {
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
	best := 0.5 * trigramSim([]rune(q.key), []rune(f.key))
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

func tokenScore(a, b []rune) float64 {
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
	if sim := trigramSim(a, b); sim >= 0.4 {
		return 0.6 * sim
	}
	return 0
}

// trigramSim is the Jaccard similarity of the padded trigram sets.
func trigramSim(a, b []rune) float64 {
	ta, tb := trigrams(a), trigrams(b)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	inter := 0
	for t := range ta {
		if tb[t] {
			inter++
		}
	}
	return float64(inter) / float64(len(ta)+len(tb)-inter)
}

func trigrams(r []rune) map[[3]rune]bool {
	p := make([]rune, 0, len(r)+3)
	p = append(p, ' ', ' ')
	p = append(p, r...)
	p = append(p, ' ')
	out := make(map[[3]rune]bool, len(p))
	for i := 0; i+3 <= len(p); i++ {
		out[[3]rune{p[i], p[i+1], p[i+2]}] = true
	}
	return out
}
