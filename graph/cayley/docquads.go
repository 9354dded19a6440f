package cayley

import (
	"context"
	"fmt"

	"github.com/cayleygraph/quad"
)

// documentQuads returns every quad labelled with the document, and the
// IDs of the entities it mentions. Where the backend indexes labels
// (memstore; bolt stores ties created, see withLabelIndex; PostgreSQL
// with ties' label index) that is one read of the label's quads
// (indexedLabelQuads, sqlBatch.labelQuads); on older bolt stores it is
// walkQuads.
func (s *Store) documentQuads(ctx context.Context, id string) ([]quad.Quad, map[string]bool, error) {
	if s.bolt && !s.kv.labels {
		return s.walkQuads(ctx, id)
	}
	doc := documentIRI(id)
	var qs []quad.Quad
	var err error
	if s.sqlb != nil {
		qs, err = s.sqlb.labelQuads(ctx, s.sqlb.db, doc)
	} else {
		qs, err = s.indexedLabelQuads(ctx, doc)
	}
	if err != nil {
		return nil, nil, err
	}
	ents := make(map[string]bool)
	for _, q := range qs {
		if q.Predicate == pMentions && q.Subject == doc {
			if e, ok := entityID(q.Object); ok {
				ents[e] = true
			}
		}
	}
	return qs, ents, nil
}

// walkQuads is documentQuads without a label index, reached from the
// document node (kv backends cannot scan a label otherwise): the node's
// own quads; each statement's quads, and the direct edge it implies; the
// attribute quads (name, type, aliases…) of each mentioned entity that
// carry the document's label. The cost follows the document's size, except
// that an entity's attribute quads from other documents are stepped over
// (by reference, unresolved): thousands for an entity every document
// names.
func (s *Store) walkQuads(ctx context.Context, id string) ([]quad.Quad, map[string]bool, error) {
	doc := documentIRI(id)
	own, err := s.match(ctx, quad.Subject, doc, nil, doc)
	if err != nil {
		return nil, nil, err
	}
	out := own
	ents := make(map[string]bool)
	for _, q := range own {
		switch q.Predicate {
		case pMentions:
			if e, ok := entityID(q.Object); ok {
				ents[e] = true
			}
			attrs, err := s.match(ctx, quad.Subject, q.Object, entityFields, doc)
			if err != nil {
				return nil, nil, err
			}
			out = append(out, attrs...)
		case pStatement:
			sq, err := s.match(ctx, quad.Subject, q.Object, nil, doc)
			if err != nil {
				return nil, nil, err
			}
			out = append(out, sq...)
			st, _, err := statementFromQuads(sq)
			if err != nil {
				return nil, nil, fmt.Errorf("document %q: %v: %w", id, q.Object, err)
			}
			// The direct edge; statements sharing it yield it again, and
			// the transaction keeps one removal.
			out = append(out, quad.Quad{Subject: entityIRI(st.Subject.ID), Predicate: predicateIRI(st.Predicate),
				Object: entityIRI(st.Object.ID), Label: doc})
		}
	}
	return out, ents, nil
}

// indexedLabelQuads returns the quads labelled doc from a Cayley store
// that indexes labels (memstore; bolt with withLabelIndex): one scan of
// the label's index.
func (s *Store) indexedLabelQuads(ctx context.Context, doc quad.IRI) ([]quad.Quad, error) {
	ref, err := s.qs.ValueOf(doc)
	if err != nil || ref == nil {
		return nil, err
	}
	var out []quad.Quad
	it := s.qs.QuadIterator(quad.Label, ref).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return nil, fmt.Errorf("read quad of %v: %w", doc, err)
		}
		out = append(out, q)
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("read quads of %v: %w", doc, err)
	}
	return out, nil
}
