package cayley

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/lib/pq"

	"github.com/ties-graph/ties/graph"
)

// Several processes on one SQL store.
//
// What a Store keeps in memory (the search index, the adjacency, the Stats
// cache) follows the writes of every process through a change log next to
// Cayley's tables:
//
//	ties_clock(id, seq)  one row; every write transaction first does
//	                     UPDATE ties_clock SET seq = seq + 1 RETURNING seq,
//	                     whose row lock serialises the writers of all
//	                     processes until commit, so seq order is commit
//	                     order and gap-free (and no advisory lock is needed,
//	                     which CockroachDB lacks)
//	ties_changes(seq, at, document, removed, added)
//	                     one row per write: the document's previous and new
//	                     quads that the index and the adjacency are made of
//	                     (entity attributes, statement ends, direct edges)
//
// A writer, holding the clock row, first applies the rows it has not seen,
// then reads the document's previous quads, writes, logs its change and
// commits; on PostgreSQL the clock's update also notifies. A follower
// goroutine per Store reads the log when the notification comes, and every
// followEvery in any case, and applies newer rows under the write lock,
// with the same index and adjacency updates the writer made. A Store starts from a
// consistent point: Open builds the index while holding the clock row FOR
// SHARE, so no write slips in between the build and the seq it starts from.
// Rows older than keepChanges are pruned; a follower that finds a gap
// rebuilds its index from the store.

const (
	// notifyChannel is the LISTEN/NOTIFY channel of logged changes.
	notifyChannel = "ties_changes"
	followEvery   = 250 * time.Millisecond
	keepChanges   = time.Hour
	// pruneEvery: one write in this many prunes the log.
	pruneEvery = 64
	// changePage bounds the rows one poll applies.
	changePage = 500
)

// sqlDialect is what differs between PostgreSQL and CockroachDB here.
type sqlDialect struct {
	name string
	// shareLock locks the clock row against writers but not readers.
	shareLock string
	// notify: the database has LISTEN/NOTIFY, so a committed change wakes
	// the followers at once instead of at their next poll.
	notify bool
	// settings are statements run at the start of each write transaction.
	settings string
	// dropForeignKeys: Cayley's schema for this database has foreign keys
	// from quads to nodes, which a database ties creates goes without
	// (see dropForeignKeys).
	dropForeignKeys bool
}

var (
	// Every statement of a write is driven by the rows it names (unnest of
	// its parameters), which index lookups find; PostgreSQL's planner,
	// comparing a few hundred lookups with a scan of a table it believes
	// small, sometimes picked the scan (UPDATE nodes … FROM unnest took
	// 12 ms at 22k nodes, most of a remove).
	postgresDialect = sqlDialect{name: "postgres", shareLock: "FOR SHARE", notify: true, settings: "SET LOCAL enable_seqscan = off;",
		dropForeignKeys: true}
	cockroachDialect = sqlDialect{name: "cockroach", shareLock: "FOR UPDATE"}
)

// dropForeignKeys removes the four foreign keys of Cayley's PostgreSQL
// schema (quads' subject, predicate, object and label hashes to nodes)
// from a database this Open has just created. Their checks were 40% of
// writing a new document (a trigger per key per quad row; auto_explain on
// a 97-quad document: 1.8 of 4.5 ms) and they guard nothing ties' writer
// does not: a write inserts its nodes in the statement that inserts the
// quads using them, counts their uses (refs) and deletes a node only when
// no quad uses it, all in one transaction (checkRefs, in the tests, checks
// that every quad's nodes exist). Cayley runs its own SQL schema without
// them on CockroachDB and SQLite (NoForeignKeys), and its reader does not
// use them. Databases made before, or by Cayley, keep theirs and work as
// they are, only slower to write.
func dropForeignKeys(ctx context.Context, db *sql.DB) error {
	// IF EXISTS: two processes opening a fresh database at once both try.
	err := execTrying(ctx, db, `ALTER TABLE quads
		DROP CONSTRAINT IF EXISTS subject_hash_fk, DROP CONSTRAINT IF EXISTS predicate_hash_fk,
		DROP CONSTRAINT IF EXISTS object_hash_fk, DROP CONSTRAINT IF EXISTS label_hash_fk`)
	if err != nil {
		return fmt.Errorf("drop the quads' foreign keys: %w", err)
	}
	return nil
}

// changeLog is the shared state of a Store on SQL.
type changeLog struct {
	db      *sql.DB
	url     string // of db, for the LISTEN connection
	dialect sqlDialect
	stmts   *preparedStmts
	stop    context.CancelFunc
	done    chan struct{}
}

// initChangeLog creates the log tables when missing, and (best effort:
// a role that may not is only slower) an index of quads by label, and
// drops what older versions made that d no longer uses. Two processes
// opening a fresh database at once may race on CREATE … IF NOT EXISTS (it
// is not atomic in PostgreSQL); the loser tries again.
func initChangeLog(ctx context.Context, db *sql.DB, d sqlDialect, log *slog.Logger) error {
	err := execTrying(ctx, db,
		`CREATE TABLE IF NOT EXISTS ties_clock (id INT PRIMARY KEY, seq BIGINT NOT NULL)`,
		`INSERT INTO ties_clock (id, seq) VALUES (1, 0) ON CONFLICT (id) DO NOTHING`,
		`CREATE TABLE IF NOT EXISTS ties_changes (
			seq BIGINT PRIMARY KEY,
			at TIMESTAMPTZ NOT NULL DEFAULT now(),
			document TEXT NOT NULL,
			removed BYTEA NOT NULL,
			added BYTEA NOT NULL)`)
	if err != nil {
		return fmt.Errorf("create change log tables: %w", err)
	}
	// Cayley indexes quads by subject, predicate and object but not by
	// label, so the label_hash foreign key made every node deleted
	// (writeQuads, removing a document) scan the whole quads table: tens
	// of milliseconds each at 100k quads. Readers are unchanged.
	if err := execTrying(ctx, db, `CREATE INDEX IF NOT EXISTS ties_label_index ON quads (label_hash)`); err != nil {
		log.Warn("cannot index quads by label; removing documents will be slow", "err", err)
	}
	if d.notify {
		// Writers notify with the clock's update (see begin).
		// Older versions of ties made a trigger on the log do it, which
		// cost a plpgsql call per write (0.2 to 0.8 ms); without the
		// trigger, followers of those versions still see changes by
		// polling. Best effort: a role that may not drop it only makes
		// writes notify twice.
		if err := execTrying(ctx, db, `DROP TRIGGER IF EXISTS ties_changes_notify ON ties_changes`,
			`DROP FUNCTION IF EXISTS ties_changes_notify()`); err != nil {
			log.Warn("cannot drop the change trigger of an older ties", "err", err)
		}
	}
	return nil
}

// execTrying runs the statements in order, all again (up to three times)
// when one fails.
func execTrying(ctx context.Context, db *sql.DB, stmts ...string) error {
	var err error
	for try := 1; ; try++ {
		err = nil
		for _, s := range stmts {
			if _, err = db.ExecContext(ctx, s); err != nil {
				break
			}
		}
		if err == nil || try == 3 {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(50*try) * time.Millisecond):
		}
	}
}

// followed reports whether the index or the adjacency reads q: entity
// attributes, the ends of statements, direct edges.
func followed(q quad.Quad) bool {
	if _, ok := directEdge(q); ok {
		return true
	}
	p, ok := q.Predicate.(quad.IRI)
	if !ok {
		return false
	}
	if _, ok := entityID(q.Subject); ok {
		return slices.Contains(entityFields, p)
	}
	if iri, ok := q.Subject.(quad.IRI); ok && strings.HasPrefix(string(iri), statementPrefix) {
		return p == pSubject || p == pPredicate || p == pObject
	}
	return false
}

// encodeChange writes the followed quads of qs as pquads (which elides a
// value repeated from the previous quad); labels equal to the document's
// are left out and restored by decodeChange.
func encodeChange(doc quad.IRI, qs []quad.Quad) ([]byte, error) {
	var buf bytes.Buffer
	w := pquads.NewWriter(&buf, nil)
	for _, q := range qs {
		if !followed(q) {
			continue
		}
		if q.Label == doc {
			q.Label = nil
		}
		if err := w.WriteQuad(q); err != nil {
			return nil, fmt.Errorf("encode change: %v: %w", q, err)
		}
	}
	return buf.Bytes(), nil
}

func decodeChange(doc quad.IRI, b []byte) ([]quad.Quad, error) {
	if len(b) == 0 {
		return nil, nil
	}
	r := pquads.NewReader(bytes.NewReader(b), 0)
	var out []quad.Quad
	for {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("decode change: %w", err)
		}
		if q.Label == nil {
			q.Label = doc
		}
		out = append(out, q)
	}
}

// change is one row of ties_changes, decoded.
type change struct {
	seq            int64
	doc            string
	removed, added []quad.Quad
}

// begin applies d's settings to the write transaction tx, takes the
// clock row (waiting for the writers of other processes to commit) and
// reads the hashes of the quads labelled doc, all in one round trip, and
// returns this write's seq and those rows (see scanHashRows). Where the
// database has LISTEN/NOTIFY the seq is notified too, which PostgreSQL
// delivers at commit and only then: a write that rolls back notifies
// nothing.
func begin(ctx context.Context, tx sqlConn, d sqlDialect, doc quad.Value) (int64, [][3]refs.ValueHash, []refs.ValueHash, error) {
	clock := `UPDATE ties_clock SET seq = seq + 1 WHERE id = 1 RETURNING seq`
	if d.notify {
		clock = `WITH c AS (` + clock + `) SELECT c.seq FROM c, pg_notify('` + notifyChannel + `', c.seq::text)`
	}
	// Without parameters lib/pq sends the simple query protocol, which
	// takes the statements at once; the label hash is inlined as hex.
	lh := refs.HashOf(doc)
	rows, err := tx.QueryContext(ctx, d.settings+clock+`;
		SELECT subject_hash, predicate_hash, object_hash FROM quads WHERE label_hash = '\x`+hex.EncodeToString(lh[:])+`'::bytea`)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("take the write clock: %w", err)
	}
	defer rows.Close()
	var seq int64
	if !rows.Next() {
		return 0, nil, nil, fmt.Errorf("take the write clock: %w", cmp.Or(rows.Err(), errors.New("no clock row")))
	}
	if err := rows.Scan(&seq); err != nil {
		return 0, nil, nil, fmt.Errorf("take the write clock: %w", err)
	}
	for rows.Next() {
	}
	if !rows.NextResultSet() {
		return 0, nil, nil, fmt.Errorf("read quads of %v: %w", doc, cmp.Or(rows.Err(), errors.New("no result")))
	}
	rs, want, err := scanHashRows(rows, 0, 1, 2)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("read quads of %v: %w", doc, err)
	}
	return seq, rs, want, nil
}

// changesAfter reads up to limit rows of the log after seq, in order.
func changesAfter(ctx context.Context, q sqlConn, seq int64, limit int) ([]change, error) {
	rows, err := q.QueryContext(ctx, `SELECT seq, document, removed, added FROM ties_changes
		WHERE seq > $1 ORDER BY seq LIMIT $2`, seq, limit)
	if err != nil {
		return nil, fmt.Errorf("read change log: %w", err)
	}
	defer rows.Close()
	var out []change
	for rows.Next() {
		var c change
		var rm, add []byte
		if err := rows.Scan(&c.seq, &c.doc, &rm, &add); err != nil {
			return nil, fmt.Errorf("read change log: %w", err)
		}
		doc := documentIRI(c.doc)
		if c.removed, err = decodeChange(doc, rm); err != nil {
			return nil, fmt.Errorf("change %d (%s): %w", c.seq, c.doc, err)
		}
		if c.added, err = decodeChange(doc, add); err != nil {
			return nil, fmt.Errorf("change %d (%s): %w", c.seq, c.doc, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read change log: %w", err)
	}
	return out, nil
}

// changeRow is one write's row of ties_changes.
type changeRow struct {
	seq            int64
	doc            string
	removed, added []byte
}

func newChangeRow(seq int64, id string, old, add []quad.Quad) (*changeRow, error) {
	doc := documentIRI(id)
	rm, err := encodeChange(doc, old)
	if err != nil {
		return nil, err
	}
	ad, err := encodeChange(doc, add)
	if err != nil {
		return nil, err
	}
	return &changeRow{seq: seq, doc: id, removed: rm, added: ad}, nil
}

// insert returns the INSERT of the row, its parameters appended to args
// and numbered after them.
func (r *changeRow) insert(args []any) (string, []any) {
	n := len(args)
	return fmt.Sprintf(`INSERT INTO ties_changes (seq, document, removed, added) VALUES ($%d, $%d, $%d, $%d)`, n+1, n+2, n+3, n+4),
		append(args, r.seq, r.doc, r.removed, r.added)
}

// prune deletes log rows older than keepChanges, one write in pruneEvery.
func prune(ctx context.Context, c sqlConn, seq int64) error {
	if seq%pruneEvery != 0 {
		return nil
	}
	if _, err := c.ExecContext(ctx, `DELETE FROM ties_changes WHERE seq < $1 AND at < now() - $2::interval`,
		seq, fmt.Sprintf("%d seconds", int(keepChanges/time.Second))); err != nil {
		return fmt.Errorf("prune change log: %w", err)
	}
	return nil
}

// entitiesOf derives what a document says of each entity from its added
// quads, as the writer's prepared entities (see saidOf).
func entitiesOf(id string, added []quad.Quad) map[string]graph.Entity {
	out := map[string]graph.Entity{}
	for e, docs := range saidFromQuads(added) {
		sd, ok := docs[id]
		if !ok {
			continue
		}
		out[e] = graph.Entity{ID: e, Name: sd.name, Type: graph.EntityType(sd.typ), Resolution: sd.resolution,
			Aliases: sd.aliases, Languages: sd.langs}
	}
	return out
}

// applyChange updates the index and the adjacency with another process's
// write, as that process did after committing it. Callers hold the write
// lock.
func (s *Store) applyChange(c change) {
	s.index.update(c.doc, c.removed, entitiesOf(c.doc, c.added))
	s.adj.update(c.removed, c.added)
	s.stats.Store(nil)
	s.applied.Store(c.seq)
}

// catchUp applies the log rows after s.applied up to (not including)
// before, reading through q (the writer's transaction, holding the clock
// row, or the database). It reports false when rows are missing (pruned):
// the caller rebuilds. Callers hold the write lock.
func (s *Store) catchUp(ctx context.Context, q sqlConn, before int64) (bool, error) {
	for s.applied.Load() < before-1 {
		cs, err := changesAfter(ctx, q, s.applied.Load(), changePage)
		if err != nil {
			return false, err
		}
		n := 0
		for _, c := range cs {
			if c.seq >= before {
				break
			}
			if c.seq != s.applied.Load()+1 {
				return false, nil
			}
			s.applyChange(c)
			n++
		}
		if n == 0 {
			return false, nil
		}
	}
	return true, nil
}

// buildShared builds the index at a consistent point: holding the clock
// row against writers (FOR SHARE on PostgreSQL), it reads the seq and
// builds from the quads every write up to that seq left. Callers hold the
// write lock or own the Store alone (Open).
func (s *Store) buildShared(ctx context.Context) error {
	tx, err := s.shared.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT seq FROM ties_clock WHERE id = 1 `+s.shared.dialect.shareLock).Scan(&seq); err != nil {
		return fmt.Errorf("read the write clock: %w", err)
	}
	if err := s.buildIndex(ctx); err != nil {
		return err
	}
	s.applied.Store(seq)
	s.stats.Store(nil)
	return tx.Commit()
}

// startFollowing starts the follower goroutine; Close stops it. It polls
// every followEvery, and at once when PostgreSQL notifies a change (a
// LISTEN connection of its own; polling covers its reconnects).
func (s *Store) startFollowing() {
	ctx, cancel := context.WithCancel(context.Background())
	s.shared.stop = cancel
	s.shared.done = make(chan struct{})
	var wake <-chan *pq.Notification
	var l *pq.Listener
	if s.shared.dialect.notify {
		l = pq.NewListener(s.shared.url, 100*time.Millisecond, 10*time.Second, nil)
		if err := l.Listen(notifyChannel); err != nil {
			s.log.Warn("listening for changes (polling only)", "err", err)
		}
		wake = l.NotificationChannel()
	}
	go func() {
		defer close(s.shared.done)
		if l != nil {
			defer l.Close()
		}
		t := time.NewTicker(followEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			case <-wake:
				// One poll reads every change committed so far.
				for drained := false; !drained; {
					select {
					case <-wake:
					default:
						drained = true
					}
				}
			}
			for {
				more, err := s.poll(ctx)
				if err != nil && ctx.Err() == nil {
					s.log.Warn("following the store's change log", "err", err)
				}
				if !more || err != nil {
					break
				}
			}
		}
	}()
}

// stopFollowing stops the follower and waits for it.
func (s *Store) stopFollowing() {
	if s.shared == nil || s.shared.stop == nil {
		return
	}
	s.shared.stop()
	<-s.shared.done
}

// poll applies what other processes committed since the last poll. It
// reports whether a full page was applied (more may wait).
func (s *Store) poll(ctx context.Context) (bool, error) {
	var clock int64
	if err := s.shared.db.QueryRowContext(ctx, `SELECT seq FROM ties_clock WHERE id = 1`).Scan(&clock); err != nil {
		return false, fmt.Errorf("read the write clock: %w", err)
	}
	last := s.applied.Load()
	if clock <= last {
		return false, nil
	}
	// Read outside the lock, so readers wait only for the applying.
	cs, err := changesAfter(ctx, s.shared.db, last, changePage)
	if err != nil {
		return false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false, nil
	}
	for _, c := range cs {
		applied := s.applied.Load()
		if c.seq <= applied {
			continue // this process wrote it, or caught up with it
		}
		if c.seq != applied+1 {
			break
		}
		s.applyChange(c)
	}
	if s.applied.Load() >= clock || len(cs) == changePage {
		return len(cs) == changePage, nil
	}
	// Rows up to the clock were committed before it was read, yet some are
	// not in the log: pruned while this Store was not looking.
	s.log.Warn("change log pruned past this store's position; rebuilding the index", "at", s.applied.Load(), "clock", clock)
	if err := s.buildShared(ctx); err != nil {
		return false, fmt.Errorf("rebuild index: %w", err)
	}
	return false, nil
}
