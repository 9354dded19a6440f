package cayley

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// Set-based writes to the tables of Cayley's SQL backend.
//
// Cayley's ApplyDeltas does one INSERT per node and per quad, one DELETE
// per removed quad and then DELETE FROM nodes WHERE refs <= 0, a scan of the
// whole nodes table, on every write. writeQuads does the same work in a
// handful of statements whatever the document's size: the rows are the
// same (hashes by refs.HashOf, value columns by csql.NodeValues, nodes.refs
// the number of quad directions using the node), so Cayley's reader reads
// them exactly as before.

// sqlConn is a connection, a transaction or the pool.
type sqlConn interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// quadKey identifies a quad by its four hashes, as the quads table does.
type quadKey [4]refs.ValueHash

func keyOf(q quad.Quad) quadKey {
	return quadKey{refs.HashOf(q.Subject), refs.HashOf(q.Predicate), refs.HashOf(q.Object), refs.HashOf(q.Label)}
}

// keyedQuad is a quad with its key, hashed once per write (SHA-1 of each
// value: the diff, the quads' arrays and the nodes all need it).
type keyedQuad struct {
	quad.Quad
	key quadKey
}

func keyed(qs []quad.Quad) []keyedQuad {
	out := make([]keyedQuad, len(qs))
	for i, q := range qs {
		out[i] = keyedQuad{Quad: q, key: keyOf(q)}
	}
	return out
}

// diffQuads returns the distinct quads of old missing from now (to remove)
// and of now missing from old (to add).
func diffQuads(old, now []quad.Quad) (del, add []keyedQuad) {
	was := make(map[quadKey]bool, len(old))
	olds := keyed(old)
	for _, q := range olds {
		was[q.key] = true
	}
	is := make(map[quadKey]bool, len(now))
	for _, q := range keyed(now) {
		if is[q.key] {
			continue
		}
		is[q.key] = true
		if !was[q.key] {
			add = append(add, q)
		}
	}
	seen := make(map[quadKey]bool, len(old))
	for _, q := range olds {
		if seen[q.key] || is[q.key] {
			continue
		}
		seen[q.key] = true
		del = append(del, q)
	}
	return del, add
}

// writeQuads removes del and adds add (distinct quads, every one labelled)
// in tx, in at most four statements whatever their number:
//
//   - one DELETE of the removed quads by their four hashes, failing when one
//     is missing (the store changed under us);
//   - one INSERT of the added quads, whose WITH clause first inserts their
//     nodes, or adds to the refs of those already stored, the uses the new
//     quads make of them (as Cayley's writer does, one row at a time),
//     failing when one is stored already;
//   - when quads were deleted: one UPDATE of the refs, counted from the
//     rows really deleted (RETURNING), so nothing skews them;
//   - one DELETE of the nodes among those that no quad uses any more.
//
// log, when not nil, is inserted into ties_changes by a WITH clause of the
// last of the first two. A new document is thus one statement, where
// Cayley's ApplyDeltas makes one per node and one per quad.
func writeQuads(ctx context.Context, tx sqlConn, del, add []keyedQuad, log *changeRow) error {
	fix := map[refs.ValueHash]int64{}
	if len(del) > 0 {
		// The change row goes with the last statement that has work.
		dlog := log
		if len(add) > 0 {
			dlog = nil
		}
		n, err := deleteQuads(ctx, tx, del, fix, dlog)
		if err != nil {
			return err
		}
		if n != len(del) {
			return fmt.Errorf("remove quads: %d of %d are not in the store (changed by another writer?)", len(del)-n, len(del))
		}
	}
	if len(add) > 0 {
		if err := insertQuads(ctx, tx, add, log); err != nil {
			return err
		}
	}
	return adjustRefs(ctx, tx, fix)
}

func quadArrays(qs []keyedQuad) ([4]pq.ByteaArray, error) {
	var a [4]pq.ByteaArray
	for i := range a {
		a[i] = make(pq.ByteaArray, len(qs))
	}
	for j, q := range qs {
		if q.Label == nil {
			return a, fmt.Errorf("quad %v has no label (every ties quad is labelled with its document)", q.Quad)
		}
		for i := range a {
			a[i][j] = q.key[i][:]
		}
	}
	return a, nil
}

// scanQuadKeys reads rows of four hashes and counts each direction in d
// with sign.
func scanQuadKeys(rows *sql.Rows, d map[refs.ValueHash]int64, sign int64) (int, error) {
	defer rows.Close()
	n := 0
	var b [4][]byte
	for rows.Next() {
		if err := rows.Scan(&b[0], &b[1], &b[2], &b[3]); err != nil {
			return n, err
		}
		for _, h := range b {
			var vh refs.ValueHash
			if len(h) != len(vh) {
				return n, fmt.Errorf("hash of %d bytes", len(h))
			}
			copy(vh[:], h)
			d[vh] += sign
		}
		n++
	}
	return n, rows.Err()
}

// deleteQuads deletes the quads and subtracts their uses of nodes in d.
func deleteQuads(ctx context.Context, tx sqlConn, del []keyedQuad, d map[refs.ValueHash]int64, log *changeRow) (int, error) {
	a, err := quadArrays(del)
	if err != nil {
		return 0, fmt.Errorf("remove quads: %w", err)
	}
	args := []any{a[0], a[1], a[2], a[3]}
	with := ""
	if log != nil {
		var c string
		c, args = log.insert(args)
		with = "WITH c AS (" + c + ") "
	}
	rows, err := tx.QueryContext(ctx, with+`DELETE FROM quads q
		USING unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) AS d(s, p, o, l)
		WHERE q.subject_hash = d.s AND q.predicate_hash = d.p AND q.object_hash = d.o AND q.label_hash = d.l
		RETURNING q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash`, args...)
	if err != nil {
		return 0, fmt.Errorf("remove quads: %w", err)
	}
	n, err := scanQuadKeys(rows, d, -1)
	if err != nil {
		return 0, fmt.Errorf("remove quads: %w", err)
	}
	return n, nil
}

// insertQuads inserts the nodes and the quads of add in one statement,
// counting in the nodes' refs the uses add makes of them. A quad already
// stored fails the statement: every quad carries its document's label, and
// the writer, holding the clock, has just read what the document has, so
// only a write that bypassed the clock can have put it there (a plain
// INSERT: ON CONFLICT made PostgreSQL insert each row speculatively and
// send it back).
func insertQuads(ctx context.Context, tx sqlConn, add []keyedQuad, log *changeRow) error {
	a, err := quadArrays(add)
	if err != nil {
		return fmt.Errorf("add quads: %w", err)
	}
	uses := map[refs.ValueHash]int64{}
	for _, col := range a {
		for _, h := range col {
			uses[refs.ValueHash(h)]++
		}
	}
	nodes, args, err := nodeInsert(add, uses, 5)
	if err != nil {
		return err
	}
	args = append([]any{a[0], a[1], a[2], a[3]}, args...)
	with := "WITH n AS (" + nodes + ")"
	if log != nil {
		var c string
		c, args = log.insert(args)
		with += ", c AS (" + c + ")"
	}
	if _, err := tx.ExecContext(ctx, with+`
		INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
		SELECT s, p, o, l, now() FROM unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) AS t(s, p, o, l)`,
		args...); err != nil {
		if pe := (*pq.Error)(nil); errors.As(err, &pe) && pe.Code == "23505" {
			return fmt.Errorf("add quads: one is stored already (changed by another writer?): %w", err)
		}
		return fmt.Errorf("add quads: %w", err)
	}
	return nil
}

// nodeColumns are the value columns of Cayley's nodes table, with the SQL
// array type each is passed as.
var nodeColumns = []struct{ name, array string }{
	{"value", "bytea[]"},
	{"value_string", "text[]"},
	{"datatype", "text[]"},
	{"language", "text[]"},
	{"iri", "bool[]"},
	{"bnode", "bool[]"},
	{"value_int", "int8[]"},
	{"value_bool", "bool[]"},
	{"value_float", "float8[]"},
	{"value_time", "timestamptz[]"},
}

// nodeInsert builds the INSERT of the nodes of qs, each with refs from
// uses, adding them to the refs of a node already stored: one SELECT from
// unnest per value type present, joined by UNION ALL, each filling the
// columns csql.NodeValues gives its type. Its parameters are numbered from
// first.
func nodeInsert(qs []keyedQuad, uses map[refs.ValueHash]int64, first int) (string, []any, error) {
	type group struct {
		hashes pq.ByteaArray
		refs   pq.Int64Array
		cols   []string
		vals   [][]any
	}
	groups := map[csql.ValueType]*group{}
	var order []csql.ValueType
	seen := map[refs.ValueHash]bool{}
	for _, q := range qs {
		for i, v := range [4]quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			h := q.key[i]
			if v == nil || seen[h] {
				continue
			}
			seen[h] = true
			typ, vals, err := csql.NodeValues(csql.NodeHash{ValueHash: h}, v)
			if err != nil {
				return "", nil, fmt.Errorf("add nodes: %v: %w", v, err)
			}
			g := groups[typ]
			if g == nil {
				g = &group{cols: typ.Columns(), vals: make([][]any, len(typ.Columns()))}
				groups[typ] = g
				order = append(order, typ)
			}
			g.hashes = append(g.hashes, h[:])
			g.refs = append(g.refs, uses[h])
			for i := range g.cols {
				g.vals[i] = append(g.vals[i], vals[1+i])
			}
		}
	}
	var (
		selects []string
		args    []any
	)
	arg := func(v any, typ string) string {
		args = append(args, v)
		return fmt.Sprintf("$%d::%s", first+len(args)-1, typ)
	}
	for _, typ := range order {
		g := groups[typ]
		from := []string{arg(g.hashes, "bytea[]"), arg(g.refs, "int8[]")}
		names := []string{"h", "r"}
		fill := map[string]string{}
		for i, c := range g.cols {
			col, ok := nodeColumn(c)
			if !ok {
				return "", nil, fmt.Errorf("add nodes: unknown nodes column %q", c)
			}
			a, err := sqlArray(col.array, g.vals[i])
			if err != nil {
				return "", nil, fmt.Errorf("add nodes: column %s: %w", c, err)
			}
			from = append(from, arg(a, col.array))
			names = append(names, fmt.Sprintf("c%d", i))
			fill[c] = fmt.Sprintf("c%d", i)
		}
		cols := make([]string, len(nodeColumns))
		for i, c := range nodeColumns {
			cols[i] = "NULL::" + strings.TrimSuffix(c.array, "[]")
			if f, ok := fill[c.name]; ok {
				cols[i] = f
			}
		}
		selects = append(selects, fmt.Sprintf("SELECT h, r::int, %s FROM unnest(%s) AS t(%s)",
			strings.Join(cols, ", "), strings.Join(from, ", "), strings.Join(names, ", ")))
	}
	names := make([]string, len(nodeColumns))
	for i, c := range nodeColumns {
		names[i] = c.name
	}
	return `INSERT INTO nodes (hash, refs, ` + strings.Join(names, ", ") + `) ` +
		strings.Join(selects, " UNION ALL ") +
		` ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`, args, nil
}

func nodeColumn(name string) (struct{ name, array string }, bool) {
	for _, c := range nodeColumns {
		if c.name == name {
			return c, true
		}
	}
	return struct{ name, array string }{}, false
}

// sqlArray turns the values csql.NodeValues gives one column into a
// PostgreSQL array parameter of type typ.
func sqlArray(typ string, vs []any) (any, error) {
	switch typ {
	case "bytea[]":
		a, err := typed[[]byte](vs)
		return pq.ByteaArray(a), err
	case "text[]":
		a, err := typed[string](vs)
		return pq.StringArray(a), err
	case "bool[]":
		a, err := typed[bool](vs)
		return pq.BoolArray(a), err
	case "int8[]":
		a, err := typed[int64](vs)
		return pq.Int64Array(a), err
	case "float8[]":
		a, err := typed[float64](vs)
		return pq.Float64Array(a), err
	case "timestamptz[]":
		ts, err := typed[time.Time](vs)
		a := make(pq.StringArray, len(ts))
		for i, t := range ts {
			a[i] = t.Format(time.RFC3339Nano)
		}
		return a, err
	}
	return nil, fmt.Errorf("unknown array type %s", typ)
}

// typed asserts every value to T; the error names the first that is not.
func typed[T any](vs []any) ([]T, error) {
	out := make([]T, len(vs))
	var bad any
	for i, v := range vs {
		x, ok := v.(T)
		if !ok && bad == nil {
			bad = v
		}
		out[i] = x
	}
	return out, badValue(bad)
}

func badValue(v any) error {
	if v == nil {
		return nil
	}
	return fmt.Errorf("unexpected value %T", v)
}

// adjustRefs applies the corrections of nodes' refs in d in one UPDATE,
// then deletes those of the nodes it lowered that no quad uses any more.
func adjustRefs(ctx context.Context, tx sqlConn, d map[refs.ValueHash]int64) error {
	var hs, lowered pq.ByteaArray
	var ns pq.Int64Array
	for h, n := range d {
		if n != 0 {
			hs = append(hs, h[:])
			ns = append(ns, n)
		}
		if n < 0 {
			lowered = append(lowered, h[:])
		}
	}
	if len(hs) > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE nodes SET refs = nodes.refs + d.n
			FROM unnest($1::bytea[], $2::int8[]) AS d(h, n) WHERE nodes.hash = d.h`, hs, ns); err != nil {
			return fmt.Errorf("count node references: %w", err)
		}
	}
	if len(lowered) > 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM nodes WHERE hash = ANY($1::bytea[]) AND refs <= 0`, lowered); err != nil {
			return fmt.Errorf("remove unused nodes: %w", err)
		}
	}
	return nil
}
