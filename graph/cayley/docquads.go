package cayley

import (
	"context"
	"fmt"

	"github.com/cayleygraph/quad"
)

// documentQuads returns every quad labelled with the document, reached from
// the document node (not by a label scan, which kv backends cannot index):
// the node's own quads; each statement's quads, and the direct edge it
// implies; the attribute quads (name, type, aliases…) of each mentioned
// entity that carry the document's label (on bolt, kept per document: see
// attrs.go). It also returns the mentioned entity IDs. The cost follows
// the document's size, except on memory and PostgreSQL, and for bolt
// documents written before ties kept their attributes, where an entity's
// attribute quads from other documents are stepped over (by reference,
// unresolved).
func (s *Store) documentQuads(ctx context.Context, id string) ([]quad.Quad, map[string]bool, error) {
	doc := documentIRI(id)
	own, err := s.match(ctx, quad.Subject, doc, nil, doc)
	if err != nil {
		return nil, nil, err
	}
	out := own
	kept, haveKept, err := s.storedAttrs(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	out = append(out, kept...)
	ents := make(map[string]bool)
	for _, q := range own {
		switch q.Predicate {
		case pMentions:
			if e, ok := entityID(q.Object); ok {
				ents[e] = true
			}
			if haveKept {
				continue
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
