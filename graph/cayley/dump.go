package cayley

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/ties-graph/ties/graph"
)

// DocumentIDs lists the IDs of every stored document, in order. Exports
// walk the store document by document with it.
func (s *Store) DocumentIDs(ctx context.Context) ([]string, error) {
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	ids, err := s.documentIDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	return ids, nil
}

// DocumentQuads returns every quad the document contributed (all labelled
// with its IRI), as stored: the raw material of a backup. Every quad in the
// store belongs to a document, so the quads of all documents are the whole
// store. ENOTFOUND when the document is not stored.
func (s *Store) DocumentQuads(ctx context.Context, id string) ([]quad.Quad, error) {
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	qs, _, err := s.documentQuads(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("quads of document %q: %w", id, err)
	}
	if len(qs) == 0 {
		return nil, graph.Errorf(graph.ENOTFOUND, "document %q not found", id)
	}
	return qs, nil
}

// DocumentEntities returns the IDs of the entities a document mentions,
// sorted, including those in none of its statements.
func (s *Store) DocumentEntities(ctx context.Context, id string) ([]string, error) {
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	qs, err := s.quads(ctx, quad.Subject, documentIRI(id), withPredicate(pType, pMentions))
	if err != nil {
		return nil, fmt.Errorf("entities of document %q: %w", id, err)
	}
	found := false
	var ids []string
	for _, q := range qs {
		if q.Predicate == pType {
			found = found || q.Object == documentClass
			continue
		}
		if e, ok := entityID(q.Object); ok {
			ids = append(ids, e)
		}
	}
	if !found {
		return nil, graph.Errorf(graph.ENOTFOUND, "document %q not found", id)
	}
	sort.Strings(ids)
	return ids, nil
}
