package cayley

import (
	"context"
	"database/sql"
	"sync"
)

// maxPrepared bounds the statements a Store keeps prepared. A write's
// statements differ only by the kinds of values its nodes have (see
// nodeInsert), a few dozen texts at most; past the bound, statements run
// unprepared as before.
const maxPrepared = 64

// preparedStmts keeps the statements writes run prepared, on every
// connection of the pool that has run them (database/sql prepares a Stmt
// on each connection once). Unprepared, PostgreSQL parsed and planned the
// document's INSERT each time: 0.8 of its 4.6 ms (log_min_duration_statement,
// parse and bind, at 30k quads).
type preparedStmts struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func newPreparedStmts(db *sql.DB) *preparedStmts {
	return &preparedStmts{db: db, m: map[string]*sql.Stmt{}}
}

// get returns query prepared, or false when the bound is reached or the
// preparation failed (the caller runs it unprepared, which reports the
// error if there is one).
func (p *preparedStmts) get(ctx context.Context, query string) (*sql.Stmt, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if st, ok := p.m[query]; ok {
		return st, true
	}
	if len(p.m) >= maxPrepared {
		return nil, false
	}
	st, err := p.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, false
	}
	p.m[query] = st
	return st, true
}

func (p *preparedStmts) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for q, st := range p.m {
		st.Close()
		delete(p.m, q)
	}
}

// preparedTx is a write transaction whose statements with parameters run
// prepared (those without go by the simple protocol, which takes several
// statements in one round trip).
type preparedTx struct {
	*sql.Tx
	stmts *preparedStmts
}

func (t preparedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st, ok := t.stmt(ctx, query, args); ok {
		return st.QueryContext(ctx, args...)
	}
	return t.Tx.QueryContext(ctx, query, args...)
}

func (t preparedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st, ok := t.stmt(ctx, query, args); ok {
		return st.QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}

func (t preparedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st, ok := t.stmt(ctx, query, args); ok {
		return st.ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, query, args...)
}

func (t preparedTx) stmt(ctx context.Context, query string, args []any) (*sql.Stmt, bool) {
	if len(args) == 0 || t.stmts == nil {
		return nil, false
	}
	st, ok := t.stmts.get(ctx, query)
	if !ok {
		return nil, false
	}
	return t.Tx.StmtContext(ctx, st), true
}
