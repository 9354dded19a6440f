package cayley

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/ties-graph/ties/graph"
)

// Document returns one document with its text.
func (s *Store) Document(ctx context.Context, id string) (graph.Document, error) {
	if err := s.rlock(); err != nil {
		return graph.Document{}, err
	}
	defer s.mu.RUnlock()
	d, ok, err := s.document(ctx, id, true)
	if err != nil {
		return d, fmt.Errorf("document %q: %w", id, err)
	}
	if !ok {
		return d, graph.Errorf(graph.ENOTFOUND, "document %q not found", id)
	}
	return d, nil
}

var docFields = []quad.IRI{pType, pTitle, pLanguage, pSource, pFormat, pLoadedAt}

func (s *Store) document(ctx context.Context, id string, text bool) (graph.Document, bool, error) {
	doc := documentIRI(id)
	fields := docFields
	if text {
		fields = append(slices.Clone(docFields), pText)
	}
	qs, err := s.match(ctx, quad.Subject, doc, fields, nil)
	if err != nil {
		return graph.Document{}, false, err
	}
	d := graph.Document{ID: id}
	found := false
	for _, q := range qs {
		switch q.Predicate {
		case pType:
			found = found || q.Object == documentClass
		case pTitle:
			d.Title = str(q.Object)
		case pLanguage:
			d.Language = str(q.Object)
		case pSource:
			d.Source = str(q.Object)
		case pFormat:
			d.Format = str(q.Object)
		case pLoadedAt:
			if t, ok := q.Object.(quad.Time); ok {
				d.LoadedAt = time.Time(t).UTC()
			}
		case pText:
			d.Text = str(q.Object)
		}
	}
	return d, found, nil
}

// documentIDs lists the stored documents' IDs in order.
func (s *Store) documentIDs(ctx context.Context) ([]string, error) {
	qs, err := s.match(ctx, quad.Object, documentClass, []quad.IRI{pType}, nil)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(qs))
	for _, q := range qs {
		if id, ok := documentID(q.Subject); ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return slices.Compact(ids), nil
}

// Documents lists documents by ID, after opt.After, at most opt.Limit.
func (s *Store) Documents(ctx context.Context, opt graph.ListOptions) ([]graph.Document, error) {
	if opt.Limit < 0 {
		return nil, graph.Errorf(graph.EINVALID, "negative limit %d", opt.Limit)
	}
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	ids, err := s.documentIDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	start := sort.SearchStrings(ids, opt.After)
	if opt.After != "" && start < len(ids) && ids[start] == opt.After {
		start++
	}
	ids = ids[start:]
	if opt.Limit > 0 && len(ids) > opt.Limit {
		ids = ids[:opt.Limit]
	}
	out := make([]graph.Document, 0, len(ids))
	for _, id := range ids {
		d, _, err := s.document(ctx, id, false)
		if err != nil {
			return nil, fmt.Errorf("list documents: %q: %w", id, err)
		}
		out = append(out, d)
	}
	return out, nil
}

// DocumentStatements returns the document's statements in evidence order,
// with full subject and object entities.
func (s *Store) DocumentStatements(ctx context.Context, id string) ([]graph.Statement, error) {
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	doc := documentIRI(id)
	links, err := s.match(ctx, quad.Subject, doc, []quad.IRI{pType, pStatement}, nil)
	if err != nil {
		return nil, fmt.Errorf("statements of %q: %w", id, err)
	}
	found := false
	var sids []quad.Value
	for _, q := range links {
		if q.Predicate == pType {
			found = found || q.Object == documentClass
		} else {
			sids = append(sids, q.Object)
		}
	}
	if !found {
		return nil, graph.Errorf(graph.ENOTFOUND, "document %q not found", id)
	}
	stmts, err := s.statements(ctx, sids)
	if err != nil {
		return nil, fmt.Errorf("statements of %q: %w", id, err)
	}
	if err := s.fillEntities(ctx, stmts); err != nil {
		return nil, fmt.Errorf("statements of %q: %w", id, err)
	}
	slices.SortFunc(stmts, graph.CompareStatements)
	return stmts, nil
}

// statements decodes statement nodes (on PostgreSQL, all in one batch).
func (s *Store) statements(ctx context.Context, nodes []quad.Value) ([]graph.Statement, error) {
	var batch map[quad.Value][]quad.Quad
	if s.sqlb != nil && len(nodes) > 1 {
		var err error
		if batch, err = s.sqlb.subjects(ctx, nodes); err != nil {
			return nil, err
		}
	}
	out := make([]graph.Statement, 0, len(nodes))
	for _, n := range nodes {
		qs, ok := batch[n]
		if !ok {
			var err error
			if qs, err = s.match(ctx, quad.Subject, n, nil, nil); err != nil {
				return nil, err
			}
		}
		st, _, err := statementFromQuads(qs)
		if err != nil {
			return nil, fmt.Errorf("%v: %w", n, err)
		}
		out = append(out, st)
	}
	return out, nil
}

// fillEntities replaces the ID-only subjects and objects with full entities.
func (s *Store) fillEntities(ctx context.Context, stmts []graph.Statement) error {
	ids := make(map[string]bool)
	for _, st := range stmts {
		ids[st.Subject.ID], ids[st.Object.ID] = true, true
	}
	ents, err := s.entityMap(ctx, sortedKeys(ids))
	if err != nil {
		return err
	}
	for i := range stmts {
		stmts[i].Subject = orID(ents[stmts[i].Subject.ID], stmts[i].Subject.ID)
		stmts[i].Object = orID(ents[stmts[i].Object.ID], stmts[i].Object.ID)
	}
	return nil
}

func orID(e graph.Entity, id string) graph.Entity {
	if e.ID == "" {
		e.ID = id
	}
	return e
}

// Entities returns the entities with the given IDs in order; a missing ID
// gives a zero Entity.
func (s *Store) Entities(ctx context.Context, ids []string) ([]graph.Entity, error) {
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]graph.Entity, len(ids))
	for i, id := range ids {
		out[i] = s.index.entity(id)
	}
	return out, nil
}

// entityMap returns the entities with the given IDs from the index, which
// holds every stored entity as entity() reads it from the quads.
func (s *Store) entityMap(ctx context.Context, ids []string) (map[string]graph.Entity, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m := make(map[string]graph.Entity, len(ids))
	for _, id := range ids {
		m[id] = s.index.entity(id)
	}
	return m, nil
}

var entityFields = []quad.IRI{pType, pName, pAlias, pLang, pResolution}

// entity merges what every still-loaded document says about an entity,
// read from the quads (the index keeps the same in memory, see mergeSaid).
func (s *Store) entity(ctx context.Context, id string) (graph.Entity, error) {
	names := map[string]int{}
	types := map[string]int{}
	var aliases, langs, res []string
	// One quad per document and value, so a name counts once per
	// document giving it.
	qs, err := s.match(ctx, quad.Subject, entityIRI(id), entityFields, nil)
	if err != nil {
		return graph.Entity{}, err
	}
	for _, q := range qs {
		v := q.Object
		switch q.Predicate {
		case pName:
			names[str(v)]++
		case pType:
			if t, ok := typeOf(v); ok {
				types[string(t)]++
			}
		case pAlias:
			aliases = append(aliases, str(v))
		case pLang:
			langs = append(langs, str(v))
		case pResolution:
			res = append(res, str(v))
		}
	}
	if len(names) == 0 {
		return graph.Entity{}, nil
	}
	return mergeEntity(id, names, types, aliases, langs, res), nil
}

// EntityDocuments returns, per entity, the IDs of the documents mentioning it.
func (s *Store) EntityDocuments(ctx context.Context, ids []string) ([][]string, error) {
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	out := make([][]string, len(ids))
	for i, id := range ids {
		qs, err := s.match(ctx, quad.Object, entityIRI(id), []quad.IRI{pMentions}, nil)
		if err != nil {
			return nil, fmt.Errorf("documents of entity %q: %w", id, err)
		}
		docs := []string{}
		for _, q := range qs {
			if d, ok := documentID(q.Subject); ok {
				docs = append(docs, d)
			}
		}
		sort.Strings(docs)
		out[i] = slices.Compact(docs)
	}
	return out, nil
}

// Stats counts documents, mentioned entities, statements, relations and
// quads. Counting costs one lookup per statement; the counts are then
// served from memory until the next write.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	if err := s.rlock(); err != nil {
		return graph.Stats{}, err
	}
	defer s.mu.RUnlock()
	// Counting walks every statement, so the result is kept until the next
	// write (which clears it under the write lock).
	if st := s.stats.Load(); st != nil {
		return *st, nil
	}
	st, err := s.countStats(ctx)
	if err != nil {
		return st, err
	}
	s.stats.Store(&st)
	return st, nil
}

func (s *Store) countStats(ctx context.Context) (graph.Stats, error) {
	var st graph.Stats
	ids, err := s.documentIDs(ctx)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	st.Documents = len(ids)
	ents := map[quad.Value]bool{}
	rels := map[quad.Value]bool{}
	for _, id := range ids {
		links, err := s.match(ctx, quad.Subject, documentIRI(id), []quad.IRI{pMentions, pStatement}, nil)
		if err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
		for _, l := range links {
			if l.Predicate == pMentions {
				ents[l.Object] = true
				continue
			}
			st.Statements++
			r, err := s.match(ctx, quad.Subject, l.Object, []quad.IRI{pRelation}, nil)
			if err != nil {
				return st, fmt.Errorf("stats: %w", err)
			}
			for _, q := range r {
				rels[q.Object] = true
			}
		}
	}
	st.Entities, st.Relations = len(ents), len(rels)
	if st.Documents == 0 {
		// Nothing stored (and a fresh bolt store has no buckets to count).
		return st, nil
	}
	cs, err := s.qs.Stats(ctx, false)
	if err == nil && !cs.Quads.Exact {
		cs, err = s.qs.Stats(ctx, true)
	}
	if err != nil {
		return st, fmt.Errorf("stats: count quads: %w", err)
	}
	st.Quads = int(cs.Quads.Value)
	return st, nil
}
