package cayley

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	hkv "github.com/hidal-go/hidalgo/kv"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// On bolt, the store keeps each document's entity attribute quads (name,
// type, aliases… of the entities it mentions) as N-Quads under the
// document's ID in a bucket of its own, written in the same bolt
// transaction as the quads. Replacing or removing a document reads them
// from there: Cayley's kv indexes (SP, OPS) have no label, so finding one
// document's attributes of an entity that thousands of documents name
// means stepping over all of theirs (profiled: more than half of a
// replace at 1M quads). Stores written before the bucket existed have no
// entry for a document until it is written again; documentQuads then
// walks the entity as before.
var attrBucket = []byte("ties.attributes")

func attrKey(doc string) hkv.Key { return hkv.Key{attrBucket, []byte(doc)} }

// isAttr reports whether q is an entity attribute quad.
func isAttr(q quad.Quad) bool {
	p, ok := q.Predicate.(quad.IRI)
	if !ok || !slices.Contains(entityFields, p) {
		return false
	}
	_, ok = entityID(q.Subject)
	return ok
}

// attrVersion starts every entry, so that an entry is never empty (a
// document without entities still has one) and the format can change.
const attrVersion = "ties-attributes 1\n"

// encodeAttrs writes the attribute quads among qs as N-Quads after
// attrVersion.
func encodeAttrs(qs []quad.Quad) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(attrVersion)
	w := nquads.NewWriter(&b)
	for _, q := range qs {
		if !isAttr(q) {
			continue
		}
		if err := w.WriteQuad(q); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func decodeAttrs(b []byte) ([]quad.Quad, error) {
	body, ok := bytes.CutPrefix(b, []byte(attrVersion))
	if !ok {
		return nil, fmt.Errorf("unknown format %q", b[:min(len(b), len(attrVersion))])
	}
	r := nquads.NewReader(bytes.NewReader(body), false)
	var out []quad.Quad
	for {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
}

// storedAttrs returns the document's attribute quads as kept on bolt; ok
// is false when the store keeps none for it (not bolt, or written before).
func (s *Store) storedAttrs(ctx context.Context, id string) (qs []quad.Quad, ok bool, err error) {
	if s.kv == nil {
		return nil, false, nil
	}
	var raw []byte
	err = s.kv.View(ctx, func(tx hkv.Tx) error {
		v, err := tx.Get(ctx, attrKey(id))
		if errors.Is(err, hkv.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		raw, ok = slices.Clone(v), true
		return nil
	})
	if err != nil || !ok {
		return nil, false, err
	}
	qs, err = decodeAttrs(raw)
	if err != nil {
		return nil, false, fmt.Errorf("attributes of %q kept on bolt: %w", id, err)
	}
	return qs, true, nil
}

// stageAttrs arranges for the document's attribute entry to be written
// (qs: its new quads) or deleted (qs nil, remove) with the next bolt
// commit.
func (s *Store) stageAttrs(id string, qs []quad.Quad, remove bool) error {
	if s.kv == nil {
		return nil
	}
	if remove {
		s.kv.stage(attrKey(id), nil)
		return nil
	}
	b, err := encodeAttrs(qs)
	if err != nil {
		return fmt.Errorf("encode attributes of %q: %w", id, err)
	}
	s.kv.stage(attrKey(id), b)
	return nil
}
