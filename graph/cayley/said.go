package cayley

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/ties-graph/ties/graph"
)

// said is what one document says about one entity: its attribute quads.
type said struct {
	name, typ, resolution string
	aliases, langs        []string
}

// saidOf is what a prepared extraction entity writes (see encode).
func saidOf(e graph.Entity) said {
	return said{name: e.Name, typ: string(e.Type), resolution: e.Resolution,
		aliases: slices.Clone(e.Aliases), langs: slices.Clone(e.Languages)}
}

// saidFromQuads groups entity attribute quads (labelled) by entity and
// document; other quads are skipped.
func saidFromQuads(qs []quad.Quad) map[string]map[string]said {
	out := map[string]map[string]said{}
	for _, q := range qs {
		e, ok := entityID(q.Subject)
		p, isIRI := q.Predicate.(quad.IRI)
		if !ok || !isIRI || !slices.Contains(entityFields, p) {
			continue
		}
		d, ok := documentID(q.Label)
		if !ok {
			continue
		}
		if out[e] == nil {
			out[e] = map[string]said{}
		}
		sd := out[e][d]
		v := str(q.Object)
		switch q.Predicate {
		case pName:
			sd.name = v
		case pType:
			if t, ok := typeOf(q.Object); ok {
				sd.typ = string(t)
			}
		case pAlias:
			sd.aliases = append(sd.aliases, v)
		case pLang:
			sd.langs = append(sd.langs, v)
		case pResolution:
			sd.resolution = v
		}
		out[e][d] = sd
	}
	return out
}

// mergeSaid combines what the documents say into the entity, by the rules
// of Store.entity, which reads the same from the quads: the name and type
// most documents give, then the shortest in runes, then the first in byte
// order; other names join the aliases.
func mergeSaid(id string, docs map[string]said) graph.Entity {
	names := map[string]int{}
	types := map[string]int{}
	var aliases, langs, res []string
	for _, sd := range docs {
		if sd.name != "" {
			names[sd.name]++
		}
		if sd.typ != "" {
			types[sd.typ]++
		}
		aliases = append(aliases, sd.aliases...)
		langs = append(langs, sd.langs...)
		if sd.resolution != "" {
			res = append(res, sd.resolution)
		}
	}
	return mergeEntity(id, names, types, aliases, langs, res)
}

func mergeEntity(id string, names, types map[string]int, aliases, langs, res []string) graph.Entity {
	e := graph.Entity{ID: id, Name: best(names), Type: graph.EntityType(best(types))}
	for n := range names {
		if n != e.Name {
			aliases = append(aliases, n)
		}
	}
	e.Aliases = uniq(aliases)
	if i, ok := slices.BinarySearch(e.Aliases, e.Name); ok {
		e.Aliases = slices.Delete(e.Aliases, i, i+1)
	}
	e.Languages = uniq(langs)
	e.Resolution = strings.Join(uniq(res), "; ")
	return e
}

// best picks the value with the highest count, then the shortest in runes,
// then the first in byte order.
func best(counts map[string]int) string {
	var b string
	n, bl := -1, 0
	for v, c := range counts {
		l := utf8.RuneCountInString(v)
		if c > n || c == n && (l < bl || l == bl && v < b) {
			b, n, bl = v, c, l
		}
	}
	return b
}

// update replaces what document doc says about entities, in memory: before
// is the document's previous quads (those of its entities' attributes are
// used), now its prepared entities (nil when it is removed). Entities no
// document speaks of any more leave the index. Callers hold the write lock.
func (ix *searchIndex) update(doc string, before []quad.Quad, now map[string]graph.Entity) {
	touched := map[string]bool{}
	for e := range saidFromQuads(before) {
		touched[e] = true
	}
	for e := range now {
		touched[e] = true
	}
	for e := range touched {
		docs := ix.said[e]
		if docs == nil {
			docs = map[string]said{}
			ix.said[e] = docs
		}
		delete(docs, doc)
		if ent, ok := now[e]; ok {
			docs[doc] = saidOf(ent)
		}
		if len(docs) == 0 {
			delete(ix.said, e)
			ix.remove(e)
			continue
		}
		ix.put(mergeSaid(e, docs))
	}
}

// buildIndex reads what every document says about every entity it
// mentions, and the direct edges leaving it: one labelled scan per entity
// for both the search index and the adjacency.
func (s *Store) buildIndex(ctx context.Context) error {
	ix := newSearchIndex()
	scan := append(slices.Clone(entityFields), directPreds()...)
	edgeDocs := map[triple]int32{}
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
	for id := range ids {
		qs, err := s.matchLabelled(ctx, quad.Subject, entityIRI(id), scan)
		if err != nil {
			return fmt.Errorf("entity %q: %w", id, err)
		}
		for _, q := range qs {
			if t, ok := directEdge(q); ok {
				edgeDocs[t]++ // one quad per document carrying the edge
			}
		}
		for e, docs := range saidFromQuads(qs) {
			ix.said[e] = docs
			ix.put(mergeSaid(e, docs))
		}
	}
	adj, err := s.buildAdjacency(ctx, edgeDocs)
	if err != nil {
		return err
	}
	s.index, s.adj = ix, adj
	return nil
}
