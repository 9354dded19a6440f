// Package cayley implements graph.Store on the Cayley graph database, on its
// in-memory store, a bolt directory, PostgreSQL or CockroachDB:
//
//	s, err := cayley.Open(ctx, "data/ties", cayley.Options{Logger: log})
//	defer s.Close()
//
// Every quad a document contributes is labelled with the document's IRI; the
// document node links to what it mentions and states, so a document can be
// replaced or removed by subject lookups proportional to its own size.
//
// Writing, replacing or removing a document is one transaction on every
// backend: a failed or interrupted write (an error, a panic, a crash) leaves
// the previous version whole. On bolt that takes care: Cayley's kv backend
// cannot apply a replace that uses some node less than before in one
// ApplyDeltas call, so the store opens Cayley's kv QuadStore over its own
// hidalgo key-value wrapper (boltkv.go) that holds one bolt write
// transaction across two calls, additions then removals (applyBolt).
//
// A Store is safe for concurrent use; writes are serialised. Entities and
// Search are served from an in-memory index, Neighborhood and Paths from an
// in-memory integer adjacency of the direct edges (adjacency.go), both
// built at Open and updated with every committed write. On bolt one
// process owns the store (a lock file, EINUSE). On PostgreSQL (and
// CockroachDB, "cockroach://…") several processes share it: ties writes
// Cayley's tables itself, a new document in one statement instead of one
// per node and per quad (sqlwrite.go); every write also logs its change,
// serialised across processes by a clock row; and each Store follows the
// log (follow.go), woken by LISTEN/NOTIFY on PostgreSQL, so a write
// through one process reaches the others' index, adjacency and Stats in
// milliseconds (by the next poll, 250 ms, on CockroachDB).
package cayley

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/graph/kv/bolt"  // registers "bolt"
	_ "github.com/cayleygraph/cayley/graph/memstore" // registers "memstore"
	"github.com/cayleygraph/cayley/graph/refs"
	_ "github.com/cayleygraph/cayley/graph/sql/cockroach" // registers "cockroach"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"  // registers "postgres"
	"github.com/cayleygraph/quad"

	"github.com/ties-graph/ties/graph"
)

// Options tune Open.
type Options struct {
	// Logger receives the store's and Cayley's log lines; nil discards them.
	Logger *slog.Logger
	// LockTimeout is how long Open waits for a bolt directory another
	// process holds before failing with EINUSE; default 3s.
	LockTimeout time.Duration
}

// Store is a graph.Store on Cayley. Safe for concurrent use: writes are
// serialised and readers never see half a document (one RWMutex: Cayley's
// memstore is not safe for concurrent use, and it keeps the search index in
// step with the quads).
type Store struct {
	qs   cgraph.QuadStore
	log  *slog.Logger
	lock *os.File  // bolt only
	bolt bool      // a Cayley kv backend (see apply)
	kv   *heldKV   // bolt only: holds a write across ApplyDeltas calls
	dir  string    // bolt only: the directory, to reopen after a rollback
	sqlb *sqlBatch // PostgreSQL only
	// shared is the change log other processes write to (PostgreSQL
	// only); applied is the seq of the last change in the index.
	shared  *changeLog
	applied atomic.Int64
	stats   atomic.Pointer[graph.Stats] // counted since the last write; nil: count again
	mu      sync.RWMutex
	index   *searchIndex
	adj     *adjacency // direct edges, in step with index
	// posPool keeps Neighborhood's dense visit marks ([]int32 by entity
	// number, all zero when pooled).
	posPool sync.Pool
	closed  bool
	// afterAdds, when set, runs between a bolt write's additions and its
	// removals (a failpoint for tests).
	afterAdds func()
}

var _ graph.Store = (*Store)(nil)

// Open opens the store at addr: "memory" for an in-memory store,
// "postgres://…" or "postgresql://…" for PostgreSQL (a lib/pq URL; the
// tables are created when missing), "cockroach://…" (or a PostgreSQL URL
// with ties_backend=cockroach) for CockroachDB through Cayley's cockroach
// backend, anything else a bolt directory (created when missing). A bolt directory held by another Store, in this process or
// another, fails with EINUSE after opt.LockTimeout.
func Open(ctx context.Context, addr string, opt Options) (*Store, error) {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opt.LockTimeout <= 0 {
		opt.LockTimeout = 3 * time.Second
	}
	useLogger(opt.Logger)
	s := &Store{log: opt.Logger}
	var err error
	switch {
	case addr == "":
		return nil, graph.Errorf(graph.EINVALID, "empty store address")
	case addr == "memory":
		s.qs, err = cgraph.NewQuadStore("memstore", "", nil)
	case isSQLAddr(addr):
		var a sqlAddr
		if a, err = parseSQLAddr(addr); err != nil {
			return nil, graph.Errorf(graph.EINVALID, "store address: %v", err)
		}
		// Cayley's Init logs an error when the tables exist: ask first.
		exists, err := sqlTablesExist(ctx, a.ties)
		if err != nil {
			return nil, fmt.Errorf("open %s store: %w", a.backend, err)
		}
		if !exists {
			err = cgraph.InitQuadStore(a.backend, a.cayley, nil)
			if err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
				return nil, fmt.Errorf("init %s store: %w", a.backend, err)
			}
		}
		s.qs, err = cgraph.NewQuadStore(a.backend, a.cayley, nil)
		if err == nil {
			err = s.openShared(ctx, a.ties, a.dialect, !exists)
		}
		addr = a.backend
	default:
		err = s.openBolt(ctx, addr, opt.LockTimeout)
	}
	if err != nil {
		if s.qs != nil {
			s.qs.Close()
		}
		s.unlock()
		return nil, fmt.Errorf("open store %s: %w", addr, err)
	}
	build := s.buildIndex
	if s.shared != nil {
		build = s.buildShared
	}
	if err := build(ctx); err != nil {
		s.qs.Close()
		if s.sqlb != nil {
			s.sqlb.close()
		}
		s.unlock()
		return nil, fmt.Errorf("open store %s: index: %w", addr, err)
	}
	if s.shared != nil {
		s.startFollowing()
	}
	s.log.Debug("store open", "addr", addr, "entities", s.index.len())
	return s, nil
}

// openShared opens ties' own connection pool on a SQL store, creates the
// change log when missing, and counts quads for Stats itself (sqlQuads).
// sqlTablesExist reports whether the database at addr holds Cayley's
// tables.
func sqlTablesExist(ctx context.Context, addr string) (bool, error) {
	db, err := sql.Open("postgres", addr)
	if err != nil {
		return false, err
	}
	defer db.Close()
	var ok bool
	if err := db.QueryRowContext(ctx, `SELECT to_regclass('quads') IS NOT NULL AND to_regclass('nodes') IS NOT NULL`).Scan(&ok); err != nil {
		return false, fmt.Errorf("look for Cayley's tables: %w", err)
	}
	return ok, nil
}

func (s *Store) openShared(ctx context.Context, addr string, d sqlDialect, created bool) error {
	var err error
	if s.sqlb, err = openSQLBatch(addr); err != nil {
		return err
	}
	if created && d.dropForeignKeys {
		if err := dropForeignKeys(ctx, s.sqlb.db); err != nil {
			return err
		}
	}
	if err := initChangeLog(ctx, s.sqlb.db, d, s.log); err != nil {
		return err
	}
	s.shared = &changeLog{db: s.sqlb.db, url: addr, dialect: d, stmts: newPreparedStmts(s.sqlb.db)}
	s.qs = sqlQuads{QuadStore: s.qs, db: s.sqlb.db}
	return nil
}

func (s *Store) openBolt(ctx context.Context, dir string, timeout time.Duration) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	lock, err := lockDir(ctx, dir, timeout)
	if err != nil {
		return err
	}
	s.lock = lock
	s.bolt = true
	if err := cgraph.InitQuadStore("bolt", dir, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		return fmt.Errorf("init bolt: %w", err)
	}
	s.dir = dir
	s.qs, s.kv, err = openBoltQuads(dir)
	return err
}

func (s *Store) unlock() {
	if s.lock != nil {
		unlockDir(s.lock)
		s.lock = nil
	}
}

// Close releases the store (and the bolt directory lock). Calls after the
// first return nil; other methods fail after Close.
func (s *Store) Close() error {
	// The follower takes the write lock to apply changes: stop it first.
	s.stopFollowing()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	err := s.qs.Close()
	if s.shared != nil {
		s.shared.stmts.close()
	}
	if s.sqlb != nil {
		if cerr := s.sqlb.close(); err == nil {
			err = cerr
		}
	}
	s.unlock()
	if err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

// rlock takes the read lock, failing when the store is closed.
func (s *Store) rlock() error {
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return graph.Errorf(graph.EINVALID, "store is closed")
	}
	return nil
}

// match returns the quads with node in direction dir (Subject or Object),
// a predicate in preds (any when nil) and, when label is not nil, that
// label. It walks the backend's index for node (kv: SP or OPS; memstore and
// SQL: their own) and compares predicate and label by reference, resolving
// to values only the other end (and the predicate when preds is nil) of the
// quads it keeps. The returned quads carry label as their Label (see
// matchLabelled for every label).
func (s *Store) match(ctx context.Context, dir quad.Direction, node quad.Value, preds []quad.IRI, label quad.Value) ([]quad.Quad, error) {
	return s.matchQuads(ctx, dir, node, preds, label, false)
}

// matchLabelled is match over all labels, returning each quad's label.
func (s *Store) matchLabelled(ctx context.Context, dir quad.Direction, node quad.Value, preds []quad.IRI) ([]quad.Quad, error) {
	return s.matchQuads(ctx, dir, node, preds, nil, true)
}

func (s *Store) matchQuads(ctx context.Context, dir quad.Direction, node quad.Value, preds []quad.IRI, label quad.Value, labels bool) ([]quad.Quad, error) {
	ref, err := s.qs.ValueOf(node)
	if err != nil {
		return nil, fmt.Errorf("look up %v: %w", node, err)
	}
	if ref == nil {
		return nil, nil
	}
	var predKeys map[any]quad.IRI
	if preds != nil {
		predKeys = make(map[any]quad.IRI, len(preds))
		for _, p := range preds {
			r, err := s.qs.ValueOf(p)
			if err != nil {
				return nil, fmt.Errorf("look up %v: %w", p, err)
			}
			if r != nil {
				predKeys[refs.ToKey(r)] = p
			}
		}
		if len(predKeys) == 0 {
			return nil, nil
		}
	}
	var labelKey any
	if label != nil {
		r, err := s.qs.ValueOf(label)
		if err != nil {
			return nil, fmt.Errorf("look up %v: %w", label, err)
		}
		if r == nil {
			return nil, nil
		}
		labelKey = refs.ToKey(r)
	}
	other := quad.Object
	if dir == quad.Object {
		other = quad.Subject
	}
	// First the references of the quads kept, then their values in one go
	// (one query on PostgreSQL instead of one per value).
	type kept struct {
		pred     quad.Value
		predRef  refs.Ref
		otherRef refs.Ref
		labelRef refs.Ref
	}
	var ks []kept
	it := s.qs.QuadIterator(dir, ref).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		qr := it.Result()
		if labelKey != nil {
			lr, err := s.qs.QuadDirection(qr, quad.Label)
			if err != nil {
				return nil, fmt.Errorf("read quad of %v: %w", node, err)
			}
			if lr == nil || refs.ToKey(lr) != labelKey {
				continue
			}
		}
		pr, err := s.qs.QuadDirection(qr, quad.Predicate)
		if err != nil {
			return nil, fmt.Errorf("read quad of %v: %w", node, err)
		}
		k := kept{predRef: pr}
		if predKeys != nil {
			p, ok := predKeys[refs.ToKey(pr)]
			if !ok {
				continue
			}
			k.pred = p
		}
		if k.otherRef, err = s.qs.QuadDirection(qr, other); err != nil {
			return nil, fmt.Errorf("read quad of %v: %w", node, err)
		}
		if labels {
			if k.labelRef, err = s.qs.QuadDirection(qr, quad.Label); err != nil {
				return nil, fmt.Errorf("read quad of %v: %w", node, err)
			}
		}
		ks = append(ks, k)
	}
	// Backends do not all wrap the context's error (the SQL one formats
	// it away), so a done context is reported as itself.
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("scan quads of %v: %w", node, err)
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("scan quads of %v: %w", node, err)
	}
	want := make([]refs.Ref, 0, 2*len(ks))
	for _, k := range ks {
		want = append(want, k.otherRef)
		if k.pred == nil {
			want = append(want, k.predRef)
		}
		if k.labelRef != nil {
			want = append(want, k.labelRef)
		}
	}
	names, err := s.namesOf(ctx, want)
	if err != nil {
		return nil, fmt.Errorf("read quads of %v: %w", node, err)
	}
	out := make([]quad.Quad, 0, len(ks))
	for _, k := range ks {
		q := quad.Quad{Predicate: k.pred, Label: label}
		if q.Predicate == nil {
			q.Predicate = names[refs.ToKey(k.predRef)]
		}
		q.Set(other, normalize(names[refs.ToKey(k.otherRef)]))
		if k.labelRef != nil {
			q.Label = names[refs.ToKey(k.labelRef)]
		}
		q.Set(dir, node)
		if q.Predicate == nil || q.Get(other) == nil {
			continue // removed by a writer in another process meanwhile
		}
		out = append(out, q)
	}
	return out, nil
}

// namesOf resolves references to values, keyed by refs.ToKey: in one query
// on PostgreSQL, through the backend's NameOf elsewhere (in memory or a
// local bolt file, where that is cheap).
func (s *Store) namesOf(ctx context.Context, rs []refs.Ref) (map[any]quad.Value, error) {
	out := make(map[any]quad.Value, len(rs))
	if s.sqlb != nil {
		var hs []refs.ValueHash
		for _, r := range rs {
			if h, ok := refs.ToKey(r).(refs.ValueHash); ok {
				hs = append(hs, h)
			}
		}
		vals, err := s.sqlb.values(ctx, hs)
		if err != nil {
			return nil, err
		}
		for h, v := range vals {
			out[h] = v
		}
		return out, nil
	}
	for _, r := range rs {
		k := refs.ToKey(r)
		if _, ok := out[k]; ok {
			continue
		}
		v, err := s.qs.NameOf(r)
		if err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, nil
}

// normalize gives values read back the form they were written in: times in
// UTC (PostgreSQL returns them in the session's zone), so that a quad read
// back is removed by the same hash it was stored under.
func normalize(v quad.Value) quad.Value {
	if t, ok := v.(quad.Time); ok {
		return quad.Time(storedTime(time.Time(t)))
	}
	return v
}

// quads returns the quads with node in direction dir that keep accepts (nil
// keeps all), labels unresolved. Prefer match, which filters by reference.
func (s *Store) quads(ctx context.Context, dir quad.Direction, node quad.Value, keep func(quad.Quad) bool) ([]quad.Quad, error) {
	qs, err := s.match(ctx, dir, node, nil, nil)
	if err != nil || keep == nil {
		return qs, err
	}
	return slices.DeleteFunc(qs, func(q quad.Quad) bool { return !keep(q) }), nil
}

func withPredicate(ps ...quad.IRI) func(quad.Quad) bool {
	return func(q quad.Quad) bool {
		for _, p := range ps {
			if q.Predicate == p {
				return true
			}
		}
		return false
	}
}
