package cayley

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/ties-graph/ties/graph"
)

// Relations returns each entity's relations matching f, ordered by
// predicate name, then the other entity's ID. A symmetric relation
// (partner_of) counts as both outgoing and incoming.
func (s *Store) Relations(ctx context.Context, ids []string, f graph.RelationFilter) ([][]graph.Relation, error) {
	dir := f.Direction
	if dir == "" {
		dir = graph.Both
	}
	if dir != graph.Both && dir != graph.Outgoing && dir != graph.Incoming {
		return nil, graph.Errorf(graph.EINVALID, "unknown direction %q", f.Direction)
	}
	for _, p := range f.Predicates {
		if !p.Valid() {
			return nil, graph.Errorf(graph.EINVALID, "unknown predicate %q", p)
		}
	}
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	cache := map[quad.Value]graph.Statement{}
	out := make([][]graph.Relation, len(ids))
	for i, id := range ids {
		e := entityIRI(id)
		var links []quad.Quad
		for _, p := range []quad.IRI{pSubject, pObject} {
			qs, err := s.match(ctx, quad.Object, e, []quad.IRI{p}, nil)
			if err != nil {
				return nil, fmt.Errorf("relations of %q: %w", id, err)
			}
			links = append(links, qs...)
		}
		var missing []quad.Value
		for _, l := range links {
			if _, ok := cache[l.Subject]; !ok {
				missing = append(missing, l.Subject)
				cache[l.Subject] = graph.Statement{} // once
			}
		}
		got, err := s.statements(ctx, missing)
		if err != nil {
			return nil, fmt.Errorf("relations of %q: %w", id, err)
		}
		for i, n := range missing {
			cache[n] = got[i]
		}
		var stmts []graph.Statement
		for _, l := range links {
			st := cache[l.Subject]
			if len(f.Predicates) > 0 && !slices.Contains(f.Predicates, st.Predicate) {
				continue
			}
			if !st.Predicate.Symmetric() {
				if dir == graph.Outgoing && st.Subject.ID != id || dir == graph.Incoming && st.Object.ID != id {
					continue
				}
			}
			stmts = append(stmts, st)
		}
		rels, err := s.aggregate(ctx, stmts)
		if err != nil {
			return nil, fmt.Errorf("relations of %q: %w", id, err)
		}
		other := func(r graph.Relation) string {
			if r.Subject.ID == id {
				return r.Object.ID
			}
			return r.Subject.ID
		}
		sort.Slice(rels, func(a, b int) bool {
			return cmp.Or(
				cmp.Compare(rels[a].Predicate, rels[b].Predicate),
				cmp.Compare(other(rels[a]), other(rels[b])),
				cmp.Compare(rels[a].ID, rels[b].ID),
			) < 0
		})
		out[i] = rels
	}
	return out, nil
}

// Relation returns one relation with all its evidence.
func (s *Store) Relation(ctx context.Context, id string) (graph.Relation, error) {
	if err := s.rlock(); err != nil {
		return graph.Relation{}, err
	}
	defer s.mu.RUnlock()
	links, err := s.match(ctx, quad.Object, relationIRI(id), []quad.IRI{pRelation}, nil)
	if err != nil {
		return graph.Relation{}, fmt.Errorf("relation %q: %w", id, err)
	}
	nodes := make([]quad.Value, 0, len(links))
	for _, l := range links {
		nodes = append(nodes, l.Subject)
	}
	stmts, err := s.statements(ctx, nodes)
	if err != nil {
		return graph.Relation{}, fmt.Errorf("relation %q: %w", id, err)
	}
	rels, err := s.aggregate(ctx, stmts)
	if err != nil {
		return graph.Relation{}, fmt.Errorf("relation %q: %w", id, err)
	}
	if len(rels) == 0 {
		return graph.Relation{}, graph.Errorf(graph.ENOTFOUND, "relation %q not found", id)
	}
	return rels[0], nil
}

// aggregate groups statements into relations by graph.RelationID. The
// relation's confidence is the highest of its statements'; its evidence is
// ordered by document and offsets. Symmetric relations are oriented with
// the lower entity ID as subject.
func (s *Store) aggregate(ctx context.Context, stmts []graph.Statement) ([]graph.Relation, error) {
	byID := map[string]*graph.Relation{}
	var order []string
	ids := map[string]bool{}
	for _, st := range stmts {
		id := graph.RelationID(st.Subject.ID, st.Predicate, st.Object.ID)
		r, ok := byID[id]
		if !ok {
			subj, obj := st.Subject.ID, st.Object.ID
			if st.Predicate.Symmetric() && obj < subj {
				subj, obj = obj, subj
			}
			r = &graph.Relation{ID: id, Predicate: st.Predicate,
				Subject: graph.Entity{ID: subj}, Object: graph.Entity{ID: obj}}
			byID[id] = r
			order = append(order, id)
			ids[subj], ids[obj] = true, true
		}
		r.Confidence = max(r.Confidence, st.Confidence)
		r.Evidence = append(r.Evidence, graph.RelationEvidence{Evidence: st.Evidence,
			Confidence: st.Confidence, Rule: st.Rule, Start: st.Start, End: st.End})
	}
	ents, err := s.entityMap(ctx, sortedKeys(ids))
	if err != nil {
		return nil, err
	}
	out := make([]graph.Relation, 0, len(order))
	for _, id := range order {
		r := byID[id]
		r.Subject = orID(ents[r.Subject.ID], r.Subject.ID)
		r.Object = orID(ents[r.Object.ID], r.Object.ID)
		sort.Slice(r.Evidence, func(a, b int) bool {
			x, y := r.Evidence[a], r.Evidence[b]
			return cmp.Or(
				cmp.Compare(x.Document, y.Document),
				cmp.Compare(x.Start, y.Start),
				cmp.Compare(x.End, y.End),
				cmp.Compare(x.Rule, y.Rule),
			) < 0
		})
		out = append(out, *r)
	}
	return out, nil
}
