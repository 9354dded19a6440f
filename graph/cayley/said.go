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
	return said{name: e.Name, typ: string(e.Type), resolution: e.Resolution, aliases: e.Aliases, langs: e.Languages}
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

// tally is what the loaded documents say of one entity, counted: how many
// documents give each name, type, alias, language and resolution, and how
// many speak of it at all. A write adds its document's part and subtracts
// the previous version's, so updating an entity that thousands of
// documents mention costs what the one document says, not what all of them
// do; the counts are few (an entity has few distinct names).
type tally struct {
	docs                              int32
	names, types, aliases, langs, res counts
}

// counts is a small multiset, sorted by value.
type counts []counted

type counted struct {
	v string
	n int32
}

// add adds d (±1) to v's count, dropping it at zero; it reports whether
// v joined or left the set.
func (c *counts) add(v string, d int32) bool {
	i, ok := slices.BinarySearchFunc(*c, v, func(x counted, v string) int { return strings.Compare(x.v, v) })
	switch {
	case ok:
		if (*c)[i].n += d; (*c)[i].n <= 0 {
			*c = slices.Delete(*c, i, i+1)
			return true
		}
	case d > 0:
		// A copy: a value read from a kv backend can share its buffer
		// with the whole record, which the index would keep alive.
		*c = slices.Insert(*c, i, counted{v: strings.Clone(v), n: d})
		return true
	}
	return false
}

// add counts (d = 1) or uncounts (d = -1) what one document says. It
// reports whether the merged entity may have changed: a value joined or
// left, or a count moved between names or types that compete (the most
// counted wins). A document that only mentions an entity again, saying
// what others say, changes nothing the search index holds.
func (t *tally) add(sd said, d int32) bool {
	t.docs += d
	changed := false
	if sd.name != "" {
		changed = t.names.add(sd.name, d) || len(t.names) > 1 || changed
	}
	if sd.typ != "" {
		changed = t.types.add(sd.typ, d) || len(t.types) > 1 || changed
	}
	for _, a := range sortedUnique(sd.aliases) {
		changed = t.aliases.add(a, d) || changed
	}
	for _, l := range sortedUnique(sd.langs) {
		changed = t.langs.add(l, d) || changed
	}
	if sd.resolution != "" {
		changed = t.res.add(sd.resolution, d) || changed
	}
	return changed
}

// sortedUnique is uniq(xs), without a copy when xs already is (a prepared
// entity's aliases are). The result is clipped: appending to it never
// writes into the caller's array.
func sortedUnique(xs []string) []string {
	for i, x := range xs {
		if x == "" || strings.TrimSpace(x) != x || (i > 0 && xs[i-1] >= x) {
			return uniq(xs)
		}
	}
	return slices.Clip(xs)
}

// entity merges the counts by the rules of Store.entity (see mergeEntity).
func (t *tally) entity(id string) graph.Entity {
	asMap := func(c counts) map[string]int {
		m := make(map[string]int, len(c))
		for _, x := range c {
			m[x.v] = int(x.n)
		}
		return m
	}
	values := func(c counts) []string {
		out := make([]string, len(c))
		for i, x := range c {
			out[i] = x.v
		}
		return out
	}
	return mergeEntity(id, asMap(t.names), asMap(t.types), values(t.aliases), values(t.langs), values(t.res))
}

// mergeEntity combines what the documents say into the entity, by the
// rules of Store.entity, which reads the same from the quads: the name and
// type most documents give, then the shortest in runes, then the first in
// byte order; other names join the aliases.
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
// used), now its prepared entities (nil when it is removed). Only the
// entities the document speaks of are touched, each by what this document
// says (see tally); entities no document speaks of any more leave the
// index. Callers hold the write lock.
func (ix *searchIndex) update(doc string, before []quad.Quad, now map[string]graph.Entity) {
	changed := map[string]bool{}
	for e, docs := range saidFromQuads(before) {
		t := ix.entities[e]
		if t == nil {
			continue
		}
		for _, sd := range docs {
			if t.add(sd, -1) || t.docs <= 0 {
				changed[e] = true
			}
		}
	}
	for e, ent := range now {
		t := ix.entities[e]
		if t == nil {
			t = &tally{}
			ix.entities[strings.Clone(e)] = t // see counts.add
		}
		if t.add(saidOf(ent), 1) || t.docs == 1 {
			changed[e] = true
		}
	}
	for e := range changed {
		if t := ix.entities[e]; t == nil || t.docs <= 0 {
			delete(ix.entities, e)
			ix.text.Remove(e)
			continue
		}
		ix.text.Put(ix.entities[e].entity(e))
	}
}

// buildIndex reads what every document says about every entity it
// mentions, and the direct edges leaving it: one labelled scan per entity
// for both the search index and the adjacency.
func (s *Store) buildIndex(ctx context.Context) error {
	tallies := map[string]*tally{}
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
			t := &tally{}
			for _, sd := range docs {
				t.add(sd, 1)
			}
			tallies[e] = t
		}
	}
	adj, err := s.buildAdjacency(ctx, edgeDocs)
	if err != nil {
		return err
	}
	s.index, s.adj = packedIndex(tallies), adj
	return nil
}

// packedIndex makes the index of the tallies in fresh memory. Counted
// during the store scan, the tallies' small long-lived objects lie
// scattered over memory spans that the scan's short-lived values filled
// and left: the heap in use after Open was twice the live bytes (1M quads,
// bolt). Copied after the scan, they are packed, and the old spans go back
// whole.
func packedIndex(tallies map[string]*tally) *searchIndex {
	ix := newSearchIndex()
	for id, t := range tallies {
		c := &tally{docs: t.docs}
		for _, p := range [][2]*counts{{&c.names, &t.names}, {&c.types, &t.types}, {&c.aliases, &t.aliases},
			{&c.langs, &t.langs}, {&c.res, &t.res}} {
			for _, x := range *p[1] {
				*p[0] = append(*p[0], counted{v: strings.Clone(x.v), n: x.n})
			}
		}
		id = strings.Clone(id) // see counts.add
		ix.entities[id] = c
		ix.text.Put(c.entity(id))
	}
	return ix
}
