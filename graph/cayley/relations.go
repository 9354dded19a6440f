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
	dir, err := checkFilter(f)
	if err != nil {
		return nil, err
	}
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	return s.relations(ctx, ids, f.Predicates, dir)
}

// checkFilter validates f and returns its direction (Both by default).
func checkFilter(f graph.RelationFilter) (graph.Direction, error) {
	dir := f.Direction
	if dir == "" {
		dir = graph.Both
	}
	if dir != graph.Both && dir != graph.Outgoing && dir != graph.Incoming {
		return "", graph.Errorf(graph.EINVALID, "unknown direction %q", f.Direction)
	}
	for _, p := range f.Predicates {
		if !p.Valid() {
			return "", graph.Errorf(graph.EINVALID, "unknown predicate %q", p)
		}
	}
	return dir, nil
}

// relations is Relations under the read lock: every relation of each
// entity, read from the statements that name it.
func (s *Store) relations(ctx context.Context, ids []string, preds []graph.Predicate, dir graph.Direction) ([][]graph.Relation, error) {
	cache := map[quad.Value]graph.Statement{}
	out := make([][]graph.Relation, len(ids))
	for i, id := range ids {
		e := entityIRI(id)
		var links []quad.Quad
		linked := map[quad.Value]bool{}
		for _, p := range []quad.IRI{pSubject, pObject} {
			qs, err := s.match(ctx, quad.Object, e, []quad.IRI{p}, nil)
			if err != nil {
				return nil, fmt.Errorf("relations of %q: %w", id, err)
			}
			for _, q := range qs {
				// A statement of a self-loop links as subject and object:
				// its evidence counts once.
				if !linked[q.Subject] {
					linked[q.Subject] = true
					links = append(links, q)
				}
			}
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
			if len(preds) > 0 && !slices.Contains(preds, st.Predicate) {
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

// RelationPages lists each entity's relations from the adjacency, which
// knows every relation's predicate, ends and ID, and reads the statements
// of the page's relations only: a hub's first page of 50 no longer reads
// the evidence of its thousands of relations.
func (s *Store) RelationPages(ctx context.Context, ids []string, f graph.RelationFilter, page graph.ListOptions) ([]graph.RelationPage, error) {
	dir, err := checkFilter(f)
	if err != nil {
		return nil, err
	}
	if page.Limit < 0 {
		return nil, graph.Errorf(graph.EINVALID, "negative limit %d", page.Limit)
	}
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	out := make([]graph.RelationPage, len(ids))
	// The pages' relations of all the entities are read together: one
	// lookup of their statements for the batch, not one per entity.
	kept := make([][]string, len(ids))
	var wanted []string
	for i, id := range ids {
		listed, ok := s.adj.relationList(id, f.Predicates, dir)
		if !ok {
			all, err := s.relations(ctx, []string{id}, f.Predicates, dir)
			if err != nil {
				return nil, err
			}
			rels, start := pageOf(all[0], page, func(r graph.Relation) string { return r.ID })
			out[i] = graph.RelationPage{Relations: rels, Total: len(all[0]), Start: start}
			continue
		}
		p, start := pageOf(listed, page, func(r listedRelation) string { return r.id })
		out[i] = graph.RelationPage{Total: len(listed), Start: start}
		for _, r := range p {
			kept[i] = append(kept[i], r.id)
		}
		wanted = append(wanted, kept[i]...)
	}
	byID, err := s.relationsByID(ctx, wanted)
	if err != nil {
		return nil, fmt.Errorf("relations of %q: %w", ids, err)
	}
	for i := range ids {
		for _, id := range kept[i] {
			// A relation whose statements are gone (removed after the
			// listing, by another process's write) is left out.
			if r, ok := byID[id]; ok {
				out[i].Relations = append(out[i].Relations, r)
			}
		}
	}
	return out, nil
}

// pageOf cuts list after the element whose ID is opt.After, keeping at
// most opt.Limit (all when 0); start is -1 when no element has that ID.
func pageOf[T any](list []T, opt graph.ListOptions, id func(T) string) (kept []T, start int) {
	if opt.After != "" {
		start = slices.IndexFunc(list, func(x T) bool { return id(x) == opt.After })
		if start < 0 {
			return nil, -1
		}
		start++
	}
	end := len(list)
	if opt.Limit > 0 {
		end = min(end, start+opt.Limit)
	}
	return list[start:end], start
}

// relationsByID reads relations by ID from their statements.
func (s *Store) relationsByID(ctx context.Context, ids []string) (map[string]graph.Relation, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	nodes, err := s.relationStatements(ctx, ids)
	if err != nil {
		return nil, err
	}
	var all []quad.Value
	for _, id := range ids {
		all = append(all, nodes[id]...)
	}
	stmts, err := s.statements(ctx, all)
	if err != nil {
		return nil, err
	}
	rels, err := s.aggregate(ctx, stmts)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]graph.Relation, len(rels))
	for _, r := range rels {
		byID[r.ID] = r
	}
	return byID, nil
}

// relationStatements returns the statement nodes of each relation: one
// query on PostgreSQL, one index scan per relation elsewhere.
func (s *Store) relationStatements(ctx context.Context, ids []string) (map[string][]quad.Value, error) {
	out := make(map[string][]quad.Value, len(ids))
	if s.sqlb != nil {
		objs := make([]quad.Value, len(ids))
		for i, id := range ids {
			objs[i] = relationIRI(id)
		}
		got, err := s.sqlb.subjectsOf(ctx, pRelation, objs)
		if err != nil {
			return nil, err
		}
		for i, id := range ids {
			out[id] = got[objs[i]]
		}
		return out, nil
	}
	for _, id := range ids {
		links, err := s.match(ctx, quad.Object, relationIRI(id), []quad.IRI{pRelation}, nil)
		if err != nil {
			return nil, fmt.Errorf("relation %q: %w", id, err)
		}
		for _, l := range links {
			out[id] = append(out[id], l.Subject)
		}
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
		// By offsets: RelationEvidence's own Start and End are the tie's
		// dates, which shadow the Evidence's offsets.
		slices.SortStableFunc(r.Evidence, func(x, y graph.RelationEvidence) int {
			return cmp.Or(
				cmp.Compare(x.Document, y.Document),
				cmp.Compare(x.Evidence.Start, y.Evidence.Start),
				cmp.Compare(x.Evidence.End, y.Evidence.End),
				cmp.Compare(x.Rule, y.Rule),
				cmp.Compare(x.Start, y.Start),
				cmp.Compare(x.End, y.End),
			)
		})
		out = append(out, *r)
	}
	return out, nil
}
