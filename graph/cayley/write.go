package cayley

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/ties-graph/ties/graph"
)

// PutDocument writes x as one Cayley transaction that removes the
// document's previous quads and adds the new ones; quads present in both are
// left alone, so loading the same document twice changes nothing. (On bolt
// a replace that uses some node less than before takes two transactions,
// see apply.) Invalid input fails with EINVALID before anything is written.
func (s *Store) PutDocument(ctx context.Context, x graph.Extraction) error {
	x, ents, err := prepare(x)
	if err != nil {
		return err
	}
	add := encode(x, ents)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return graph.Errorf(graph.EINVALID, "store is closed")
	}
	id := x.Document.ID
	old, _, err := s.documentQuads(ctx, id)
	if err != nil {
		return fmt.Errorf("put document %q: read previous version: %w", id, err)
	}
	tx := cgraph.NewTransactionN(len(old) + len(add))
	for _, q := range old {
		tx.RemoveQuad(q)
	}
	for _, q := range add {
		tx.AddQuad(q)
	}
	if err := s.apply(ctx, tx); err != nil {
		return fmt.Errorf("put document %q: %w", id, err)
	}
	s.index.update(id, old, ents)
	s.log.Debug("document stored", "id", id, "removed", len(old), "added", len(add), "deltas", len(tx.Deltas))
	return nil
}

// RemoveDocument removes every quad the document contributed, in one
// transaction. ENOTFOUND when the document is not stored.
func (s *Store) RemoveDocument(ctx context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return graph.Errorf(graph.EINVALID, "store is closed")
	}
	old, _, err := s.documentQuads(ctx, id)
	if err != nil {
		return fmt.Errorf("remove document %q: %w", id, err)
	}
	if len(old) == 0 {
		return graph.Errorf(graph.ENOTFOUND, "document %q not found", id)
	}
	tx := cgraph.NewTransactionN(len(old))
	for _, q := range old {
		tx.RemoveQuad(q)
	}
	if err := s.apply(ctx, tx); err != nil {
		return fmt.Errorf("remove document %q: %w", id, err)
	}
	s.index.update(id, old, nil)
	s.log.Debug("document removed", "id", id, "quads", len(old))
	return nil
}

// apply commits tx unless ctx is already done: Cayley's ApplyDeltas takes
// no context, so this is the last point a cancelled write can back out.
func (s *Store) apply(ctx context.Context, tx *cgraph.Transaction) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(tx.Deltas) == 0 {
		return nil
	}
	s.stats.Store(nil)
	if !s.bolt || !splitNeeded(tx.Deltas) {
		if err := s.qs.ApplyDeltas(tx.Deltas, ignore); err != nil {
			return fmt.Errorf("apply %d deltas: %w", len(tx.Deltas), err)
		}
		return nil
	}
	// Cayley's kv backends corrupt a quad added in a transaction that also
	// lowers the reference count of one of its nodes (graph/kv
	// applyAddDeltas resolves only nodes whose count grows, and leaves the
	// other directions unset). So here the adds go first, in one
	// transaction, and the removals second, in another; if the second
	// fails, the adds are taken back so the old version stays. Readers in
	// this process never see the step between (they wait on s.mu).
	var adds, dels []cgraph.Delta
	for _, d := range tx.Deltas {
		if d.Action == cgraph.Add {
			adds = append(adds, d)
		} else {
			dels = append(dels, d)
		}
	}
	if err := s.qs.ApplyDeltas(adds, ignore); err != nil {
		return fmt.Errorf("apply %d additions: %w", len(adds), err)
	}
	if err := s.qs.ApplyDeltas(dels, ignore); err != nil {
		undo := make([]cgraph.Delta, len(adds))
		for i, d := range adds {
			undo[i] = cgraph.Delta{Quad: d.Quad, Action: cgraph.Delete}
		}
		if uerr := s.qs.ApplyDeltas(undo, cgraph.IgnoreOpts{IgnoreMissing: true}); uerr != nil {
			s.log.Error("could not take back a half-applied write; the next write of the document repairs it",
				"err", uerr)
		}
		return fmt.Errorf("apply %d removals: %w", len(dels), err)
	}
	return nil
}

// ignore: duplicates are ignored per transaction (not through Cayley's
// globals); a missing quad on removal is an error, since it means the
// store changed under us.
var ignore = cgraph.IgnoreOpts{IgnoreDup: true}

// splitNeeded reports whether an added quad refers to a node whose
// reference count the transaction lowers overall (see apply).
func splitNeeded(deltas []cgraph.Delta) bool {
	net := map[refs.ValueHash]int{}
	for _, d := range deltas {
		for _, dir := range quad.Directions {
			if v := d.Quad.Get(dir); v != nil {
				net[refs.HashOf(v)] += int(d.Action)
			}
		}
	}
	for _, d := range deltas {
		if d.Action != cgraph.Add {
			continue
		}
		for _, dir := range quad.Directions {
			if v := d.Quad.Get(dir); v != nil && net[refs.HashOf(v)] < 0 {
				return true
			}
		}
	}
	return false
}

// documentQuads returns every quad labelled with the document, reached from
// the document node (not by a label scan, which kv backends cannot index):
// the node's own quads; each statement's quads, and the direct edge it
// implies; the attribute quads (name, type, aliases…) of each mentioned
// entity that carry the document's label. It also returns the mentioned
// entity IDs. The cost follows the document's size, except that an
// entity's attribute quads from other documents are stepped over (by
// reference, unresolved).
func (s *Store) documentQuads(ctx context.Context, id string) ([]quad.Quad, map[string]bool, error) {
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
