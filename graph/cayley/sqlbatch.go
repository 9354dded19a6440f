package cayley

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/lib/pq"
)

// sqlBatch reads the tables of Cayley's SQL backend (nodes, quads) directly
// for the two things that backend does one row per round trip: turning
// node hashes into values (NameOf, one query per node) and following the
// edges of many nodes at once. Writes go through sqlwrite.go, in
// transactions of this pool.
type sqlBatch struct {
	db *sql.DB
}

func openSQLBatch(addr string) (*sqlBatch, error) {
	db, err := sql.Open("postgres", addr)
	if err != nil {
		return nil, err
	}
	// Keep the connections concurrent requests open (database/sql keeps
	// 2): each holds the writer's prepared statements (preparedStmts), lost
	// with it.
	db.SetMaxIdleConns(8)
	return &sqlBatch{db: db}, nil
}

func (b *sqlBatch) close() error { return b.db.Close() }

// chunk bounds the size of one ANY($1) array.
const chunk = 2000

func hashArg(hs []refs.ValueHash) pq.ByteaArray {
	out := make(pq.ByteaArray, len(hs))
	for i := range hs {
		out[i] = hs[i][:]
	}
	return out
}

// values resolves node hashes to values.
func (b *sqlBatch) values(ctx context.Context, hs []refs.ValueHash) (map[refs.ValueHash]quad.Value, error) {
	return b.valuesFrom(ctx, b.db, hs)
}

// valuesFrom is values read through q (a transaction, or the pool).
func (b *sqlBatch) valuesFrom(ctx context.Context, q sqlConn, hs []refs.ValueHash) (map[refs.ValueHash]quad.Value, error) {
	out := make(map[refs.ValueHash]quad.Value, len(hs))
	for len(hs) > 0 {
		n := min(len(hs), chunk)
		if err := valuesChunk(ctx, q, hs[:n], out); err != nil {
			return nil, err
		}
		hs = hs[n:]
	}
	return out, nil
}

func valuesChunk(ctx context.Context, q sqlConn, hs []refs.ValueHash, out map[refs.ValueHash]quad.Value) error {
	rows, err := q.QueryContext(ctx, `SELECT hash, value, value_string, datatype, language, iri, bnode,
		value_int, value_bool, value_float, value_time FROM nodes WHERE hash = ANY($1)`, hashArg(hs))
	if err != nil {
		return fmt.Errorf("read nodes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			hash       []byte
			data       []byte
			str        sql.NullString
			typ, lang  sql.NullString
			iri, bnode sql.NullBool
			vint       sql.NullInt64
			vbool      sql.NullBool
			vfloat     sql.NullFloat64
			vtime      sql.NullTime
		)
		if err := rows.Scan(&hash, &data, &str, &typ, &lang, &iri, &bnode, &vint, &vbool, &vfloat, &vtime); err != nil {
			return fmt.Errorf("read nodes: %w", err)
		}
		var h refs.ValueHash
		if len(hash) != len(h) {
			return fmt.Errorf("read nodes: hash of %d bytes", len(hash))
		}
		copy(h[:], hash)
		var v quad.Value
		switch {
		case str.Valid && iri.Bool:
			v = quad.IRI(str.String)
		case str.Valid && bnode.Bool:
			v = quad.BNode(str.String)
		case str.Valid && lang.Valid:
			v = quad.LangString{Value: quad.String(unescapeNUL(str.String)), Lang: lang.String}
		case str.Valid && typ.Valid:
			v = quad.TypedString{Value: quad.String(unescapeNUL(str.String)), Type: quad.IRI(typ.String)}
		case str.Valid:
			v = quad.String(unescapeNUL(str.String))
		case vint.Valid:
			v = quad.Int(vint.Int64)
		case vbool.Valid:
			v = quad.Bool(vbool.Bool)
		case vfloat.Valid:
			v = quad.Float(vfloat.Float64)
		case vtime.Valid:
			v = quad.Time(vtime.Time.UTC())
		default:
			if v, err = pquads.UnmarshalValue(data); err != nil {
				return fmt.Errorf("read nodes: unmarshal value: %w", err)
			}
		}
		out[h] = v
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read nodes: %w", err)
	}
	return nil
}

// The SQL backend stores NUL bytes in strings escaped.
func unescapeNUL(s string) string { return strings.ReplaceAll(s, `\x00`, "\x00") }

// hashed returns the hashes of vs, and which value each is.
func hashed(vs []quad.Value) (map[refs.ValueHash]quad.Value, []refs.ValueHash) {
	byHash := make(map[refs.ValueHash]quad.Value, len(vs))
	hs := make([]refs.ValueHash, len(vs))
	for i, v := range vs {
		hs[i] = refs.HashOf(v)
		byHash[hs[i]] = v
	}
	return byHash, hs
}

// counts returns, for each of objects, the number of quads with predicate
// pred and that object, in one query per chunk.
func (b *sqlBatch) counts(ctx context.Context, pred quad.IRI, objects []quad.Value) (map[quad.Value]int, error) {
	out := make(map[quad.Value]int, len(objects))
	for len(objects) > 0 {
		n := min(len(objects), chunk)
		byHash, hs := hashed(objects[:n])
		for _, o := range objects[:n] {
			out[o] = 0
		}
		ph := refs.HashOf(pred)
		rows, err := b.db.QueryContext(ctx, `SELECT object_hash, count(*) FROM quads
			WHERE object_hash = ANY($1) AND predicate_hash = $2 GROUP BY object_hash`, hashArg(hs), ph[:])
		if err != nil {
			return nil, fmt.Errorf("count quads: %w", err)
		}
		for rows.Next() {
			var h []byte
			var c int
			if err := rows.Scan(&h, &c); err != nil {
				rows.Close()
				return nil, fmt.Errorf("count quads: %w", err)
			}
			var vh refs.ValueHash
			copy(vh[:], h)
			out[byHash[vh]] = c
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("count quads: %w", err)
		}
		objects = objects[n:]
	}
	return out, nil
}

// subjects returns the quads (without labels) whose subject is one of
// nodes, grouped by subject, in two queries per chunk of nodes.
func (b *sqlBatch) subjects(ctx context.Context, nodes []quad.Value) (map[quad.Value][]quad.Quad, error) {
	out := make(map[quad.Value][]quad.Quad, len(nodes))
	for len(nodes) > 0 {
		n := min(len(nodes), chunk)
		if err := b.subjectsChunk(ctx, nodes[:n], out); err != nil {
			return nil, err
		}
		nodes = nodes[n:]
	}
	return out, nil
}

func (b *sqlBatch) subjectsChunk(ctx context.Context, nodes []quad.Value, out map[quad.Value][]quad.Quad) error {
	known := make(map[refs.ValueHash]quad.Value, len(nodes))
	nh := make([]refs.ValueHash, len(nodes))
	for i, v := range nodes {
		nh[i] = refs.HashOf(v)
		known[nh[i]] = v
	}
	rows, err := b.db.QueryContext(ctx, `SELECT subject_hash, predicate_hash, object_hash FROM quads
		WHERE subject_hash = ANY($1)`, hashArg(nh))
	if err != nil {
		return fmt.Errorf("read quads: %w", err)
	}
	rs, want, err := scanHashRows(rows, 1, 2) // the subjects are known
	if err != nil {
		return fmt.Errorf("read quads: %w", err)
	}
	vals, err := b.values(ctx, want)
	if err != nil {
		return err
	}
	for _, r := range rs {
		s, p, o := known[r[0]], vals[r[1]], vals[r[2]]
		if s == nil || p == nil || o == nil {
			continue
		}
		out[s] = append(out[s], quad.Quad{Subject: s, Predicate: p, Object: normalize(o)})
	}
	return nil
}

// subjectsOf returns, for each of objects, the subjects of the quads with
// predicate pred and that object, in one query per chunk.
func (b *sqlBatch) subjectsOf(ctx context.Context, pred quad.IRI, objects []quad.Value) (map[quad.Value][]quad.Value, error) {
	out := make(map[quad.Value][]quad.Value, len(objects))
	ph := refs.HashOf(pred)
	for len(objects) > 0 {
		n := min(len(objects), chunk)
		byHash, hs := hashed(objects[:n])
		rows, err := b.db.QueryContext(ctx, `SELECT subject_hash, predicate_hash, object_hash FROM quads
			WHERE object_hash = ANY($1) AND predicate_hash = $2`, hashArg(hs), ph[:])
		if err != nil {
			return nil, fmt.Errorf("read quads of %d nodes: %w", n, err)
		}
		rs, want, err := scanHashRows(rows, 0)
		if err != nil {
			return nil, fmt.Errorf("read quads of %d nodes: %w", n, err)
		}
		vals, err := b.values(ctx, want)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			s, o := vals[r[0]], byHash[r[2]]
			if s == nil {
				return nil, fmt.Errorf("read quads of %v: a quad names a node that is not stored", o)
			}
			out[o] = append(out[o], normalize(s))
		}
		objects = objects[n:]
	}
	return out, nil
}

// labelQuads returns the quads labelled doc, in two queries whatever
// their number: their hashes through the label index (ties_label_index,
// see initChangeLog), then their values.
func (b *sqlBatch) labelQuads(ctx context.Context, q sqlConn, doc quad.Value) ([]quad.Quad, error) {
	lh := refs.HashOf(doc)
	rows, err := q.QueryContext(ctx, `SELECT subject_hash, predicate_hash, object_hash FROM quads WHERE label_hash = $1`, lh[:])
	if err != nil {
		return nil, fmt.Errorf("read quads of %v: %w", doc, err)
	}
	rs, want, err := scanHashRows(rows, 0, 1, 2)
	if err != nil {
		return nil, fmt.Errorf("read quads of %v: %w", doc, err)
	}
	return b.labelledQuads(ctx, q, doc, rs, want)
}

// labelledQuads resolves the hash rows of doc's quads (want: their
// distinct hashes, as scanHashRows gives them) into quads.
func (b *sqlBatch) labelledQuads(ctx context.Context, q sqlConn, doc quad.Value, rs [][3]refs.ValueHash, want []refs.ValueHash) ([]quad.Quad, error) {
	if len(rs) == 0 {
		return nil, nil
	}
	vals, err := b.valuesFrom(ctx, q, want)
	if err != nil {
		return nil, err
	}
	out := make([]quad.Quad, 0, len(rs))
	for _, r := range rs {
		s, p, o := vals[r[0]], vals[r[1]], vals[r[2]]
		if s == nil || p == nil || o == nil {
			return nil, fmt.Errorf("read quads of %v: a quad names a node that is not stored", doc)
		}
		out = append(out, quad.Quad{Subject: normalize(s), Predicate: p, Object: normalize(o), Label: doc})
	}
	return out, nil
}

// scanHashRows reads rows of subject, predicate and object hashes, closes
// them (the connection may be a transaction's, needed next), and lists
// once each the hashes at the places resolve names (0 subject, 1
// predicate, 2 object): the values to look up.
func scanHashRows(rows *sql.Rows, resolve ...int) ([][3]refs.ValueHash, []refs.ValueHash, error) {
	defer rows.Close()
	var rs [][3]refs.ValueHash
	var want []refs.ValueHash
	seen := map[refs.ValueHash]bool{}
	for rows.Next() {
		var h [3][]byte
		if err := rows.Scan(&h[0], &h[1], &h[2]); err != nil {
			return nil, nil, err
		}
		var r [3]refs.ValueHash
		for i := range r {
			if len(h[i]) != len(r[i]) {
				return nil, nil, fmt.Errorf("hash of %d bytes", len(h[i]))
			}
			copy(r[i][:], h[i])
		}
		for _, i := range resolve {
			if !seen[r[i]] {
				seen[r[i]] = true
				want = append(want, r[i])
			}
		}
		rs = append(rs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	return rs, want, rows.Close()
}
