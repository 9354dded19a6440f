package cayley

import (
	"context"
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"

	"github.com/ties-graph/ties/graph"
)

// PutDocument writes x as one Cayley transaction that removes the
// document's previous quads and adds the new ones; quads present in both are
// left alone, so loading the same document twice changes nothing. (On bolt
// that is two Cayley calls in one bolt transaction, see applyBolt; on
// PostgreSQL one SQL transaction of set-based statements, see writeShared.)
// Invalid input fails with EINVALID before anything is written.
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
	if s.shared != nil {
		if err := s.writeShared(ctx, id, add, ents, false); err != nil {
			return fmt.Errorf("put document %q: %w", id, err)
		}
		return nil
	}
	old, _, err := s.documentQuads(ctx, id)
	if err != nil {
		return fmt.Errorf("put document %q: read previous version: %w", id, err)
	}
	deltas := netChange(old, add)
	if err := s.apply(ctx, deltas); err != nil {
		return fmt.Errorf("put document %q: %w", id, err)
	}
	s.index.update(id, old, ents)
	s.adj.update(old, add)
	s.log.Debug("document stored", "id", id, "removed", len(old), "added", len(add), "deltas", len(deltas))
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
	if s.shared != nil {
		err := s.writeShared(ctx, id, nil, nil, true)
		if err != nil && graph.ErrorCode(err) != graph.ENOTFOUND {
			return fmt.Errorf("remove document %q: %w", id, err)
		}
		return err
	}
	old, _, err := s.documentQuads(ctx, id)
	if err != nil {
		return fmt.Errorf("remove document %q: %w", id, err)
	}
	if len(old) == 0 {
		return graph.Errorf(graph.ENOTFOUND, "document %q not found", id)
	}
	if err := s.apply(ctx, netChange(old, nil)); err != nil {
		return fmt.Errorf("remove document %q: %w", id, err)
	}
	s.index.update(id, old, nil)
	s.adj.update(old, nil)
	s.log.Debug("document removed", "id", id, "quads", len(old))
	return nil
}

// apply commits the deltas unless ctx is already done: Cayley's ApplyDeltas takes
// no context, so this is the last point a cancelled write can back out.
func (s *Store) apply(ctx context.Context, deltas []cgraph.Delta) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(deltas) == 0 {
		return nil
	}
	s.stats.Store(nil)
	if s.bolt {
		return s.applyBolt(ctx, deltas)
	}
	if err := s.qs.ApplyDeltas(deltas, ignore); err != nil {
		return fmt.Errorf("apply %d deltas: %w", len(deltas), err)
	}
	return nil
}

// netChange is the deltas that turn a document's quads old into add, as
// the SQL writer's diffQuads finds them: quads in both are left alone. A
// new document (the common write) needs no set, only its additions.
func netChange(old, add []quad.Quad) []cgraph.Delta {
	if len(old) == 0 {
		out := make([]cgraph.Delta, len(add))
		for i, q := range add {
			out[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
		}
		return out
	}
	del, ins := diffQuads(old, add)
	out := make([]cgraph.Delta, 0, len(del)+len(ins))
	for _, q := range del {
		out = append(out, cgraph.Delta{Quad: q.Quad, Action: cgraph.Delete})
	}
	for _, q := range ins {
		out = append(out, cgraph.Delta{Quad: q.Quad, Action: cgraph.Add})
	}
	return out
}

// applyBolt writes deltas to bolt as one bolt transaction made of two
// ApplyDeltas calls, additions first, then removals.
//
// One call cannot take both. Cayley's graph/log.SplitDeltas nets each
// node's reference change over the whole call and files a node under
// DecNode when the net is negative, IncNode otherwise; graph/kv
// applyAddDeltas gives an added quad the IDs of IncNode nodes only
// ("n, ok := nodes[q.Quad.Get(dir)]; if !ok { continue }"), leaving
// that direction 0. So a replace that uses a node (the document, a shared
// predicate, an entity) less than before writes new quads with missing
// directions. Split into two calls, no call both adds and removes uses of
// a node: the additions raise counts (a node re-used is never dropped and
// re-made), the removals lower them.
//
// The calls share one bolt write transaction (heldKV), committed once: a
// crash or an error between them leaves the previous version whole. After
// a rollback the QuadStore is reopened, because Cayley keeps caches outside
// the transaction (value IDs in an LRU, the quads' bloom filter) that
// would now name nodes and quads that were never committed.
func (s *Store) applyBolt(ctx context.Context, deltas []cgraph.Delta) (err error) {
	var adds, dels []cgraph.Delta
	for _, d := range deltas {
		if d.Action == cgraph.Add {
			adds = append(adds, d)
		} else {
			dels = append(dels, d)
		}
	}
	if err := s.kv.begin(ctx); err != nil {
		return err
	}
	committed := false
	defer func() {
		if committed {
			return
		}
		s.kv.rollback()
		if rerr := s.reopenBolt(); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}()
	if len(adds) > 0 {
		if err := s.qs.ApplyDeltas(adds, ignore); err != nil {
			return fmt.Errorf("apply %d additions: %w", len(adds), err)
		}
	}
	if s.afterAdds != nil {
		s.afterAdds()
	}
	if len(dels) > 0 {
		if err := s.qs.ApplyDeltas(dels, ignore); err != nil {
			return fmt.Errorf("apply %d removals: %w", len(dels), err)
		}
	}
	if err := s.kv.commit(ctx); err != nil {
		return err
	}
	committed = true
	return nil
}

// reopenBolt replaces the bolt QuadStore with a fresh one on the same file
// (see applyBolt). If that fails the store is closed.
func (s *Store) reopenBolt() error {
	_ = s.qs.Close()
	qs, kv, err := openBoltQuads(s.dir)
	if err != nil {
		s.closed = true
		s.unlock()
		return fmt.Errorf("reopen %s after a rolled back write (the store is now closed): %w", s.dir, err)
	}
	s.qs, s.kv = qs, kv
	s.log.Warn("bolt write rolled back; store reopened", "dir", s.dir)
	return nil
}

// ignore: duplicates are ignored per transaction (not through Cayley's
// globals); a missing quad on removal is an error, since it means the
// store changed under us.
var ignore = cgraph.IgnoreOpts{IgnoreDup: true}

// writeShared writes one document on a SQL store (add nil and remove set to
// remove it) in one SQL transaction: it takes the clock row (serialising
// the writers of every process), applies the changes of other processes
// this Store has not seen yet, reads the document's previous quads (by its
// label), writes the difference (writeQuads), logs the change and commits;
// then updates the index and the adjacency as the other backends do.
// Callers hold the write lock.
func (s *Store) writeShared(ctx context.Context, id string, add []quad.Quad, ents map[string]graph.Entity, remove bool) error {
	// CockroachDB runs transactions SERIALIZABLE and may ask for a retry
	// (SQLSTATE 40001); the clock row makes that rare, and the attempt
	// leaves nothing behind but the changes it caught up with.
	for attempt := 1; ; attempt++ {
		err := s.writeSharedOnce(ctx, id, add, ents, remove)
		var pe *pq.Error
		if attempt == 5 || !errors.As(err, &pe) || pe.Code != "40001" {
			return err
		}
		s.log.Debug("write retried", "id", id, "attempt", attempt, "err", err)
	}
}

func (s *Store) writeSharedOnce(ctx context.Context, id string, add []quad.Quad, ents map[string]graph.Entity, remove bool) error {
	tx, err := s.shared.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			tx.Rollback()
		}
	}()
	doc := documentIRI(id)
	seq, rs, want, err := begin(ctx, tx, s.shared.dialect, doc)
	if err != nil {
		return err
	}
	conn := preparedTx{Tx: tx, stmts: s.shared.stmts}
	ok, err := s.catchUp(ctx, conn, seq)
	if err != nil {
		return err
	}
	if !ok {
		// Changes were pruned before this Store saw them. The clock row is
		// held, so nothing changes while the index is rebuilt.
		s.log.Warn("change log pruned past this store's position; rebuilding the index", "at", s.applied.Load(), "seq", seq)
		if err := s.buildIndex(ctx); err != nil {
			return fmt.Errorf("rebuild index: %w", err)
		}
		s.applied.Store(seq - 1)
		s.stats.Store(nil)
	}
	// documentQuads' read, but in the transaction, under the clock.
	old, err := s.sqlb.labelledQuads(ctx, conn, doc, rs, want)
	if err != nil {
		return fmt.Errorf("read previous version: %w", err)
	}
	if remove && len(old) == 0 {
		return graph.Errorf(graph.ENOTFOUND, "document %q not found", id)
	}
	del, ins := diffQuads(old, add)
	if len(del) == 0 && len(ins) == 0 {
		return nil // the same version again; the rollback returns the seq
	}
	row, err := newChangeRow(seq, id, old, add)
	if err != nil {
		return err
	}
	if err := writeQuads(ctx, conn, del, ins, row); err != nil {
		return err
	}
	if err := prune(ctx, conn, seq); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		// Committed or not, the follower applies the change if it is in the log.
		return fmt.Errorf("commit: %w", err)
	}
	committed = true
	s.applied.Store(seq)
	s.stats.Store(nil)
	s.index.update(id, old, ents)
	s.adj.update(old, add)
	s.log.Debug("document stored", "id", id, "seq", seq, "removed", len(del), "added", len(ins))
	return nil
}
