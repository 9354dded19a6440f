package cayley

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	cbolt "github.com/cayleygraph/cayley/graph/kv/bolt"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/options"
)

// heldKV is the hidalgo key-value store under Cayley's kv QuadStore on
// bolt, able to hold one write transaction open across several
// ApplyDeltas calls: while one is held, every write transaction Cayley
// asks for is that one, and its Commit and Close do nothing, so several
// calls commit (or roll back) as one bolt transaction. Read transactions go
// to the file and see the last commit.
//
// Why: ApplyDeltas cannot take a replace that uses a node less than before
// (see apply), so a replace on bolt is two calls, additions then removals;
// holding the transaction makes the pair atomic and crash-safe without
// patching Cayley.
type heldKV struct {
	hkv.KV
	// labels: the file indexes quads by label (see withLabelIndex).
	labels bool
	held   hkv.Tx // the open bolt write transaction, or nil
}

func (k *heldKV) Tx(ctx context.Context, rw bool) (hkv.Tx, error) {
	if rw && k.held != nil {
		return heldTx{k.held}, nil
	}
	return k.KV.Tx(ctx, rw)
}

func (k *heldKV) View(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.View(ctx, k, fn)
}

func (k *heldKV) Update(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.Update(ctx, k, fn)
}

// begin opens the write transaction that later write transactions join.
func (k *heldKV) begin(ctx context.Context) error {
	if k.held != nil {
		return errors.New("a write transaction is already held")
	}
	tx, err := k.KV.Tx(ctx, true)
	if err != nil {
		return fmt.Errorf("begin bolt transaction: %w", err)
	}
	k.held = tx
	return nil
}

// commit commits the held transaction; rollback abandons it. Either way no
// transaction is held afterwards.
func (k *heldKV) commit(ctx context.Context) error {
	tx := k.held
	k.held = nil
	if err := tx.Commit(ctx); err != nil {
		_ = tx.Close()
		return fmt.Errorf("commit bolt transaction: %w", err)
	}
	return nil
}

func (k *heldKV) rollback() {
	if k.held != nil {
		_ = k.held.Close()
		k.held = nil
	}
}

// heldTx is the held transaction as one ApplyDeltas sees it: committing
// and closing are left to the holder.
type heldTx struct{ hkv.Tx }

func (heldTx) Commit(context.Context) error { return nil }
func (heldTx) Close() error                 { return nil }

// openBoltQuads opens Cayley's kv QuadStore on the bolt file in dir (the
// same file and settings as Cayley's "bolt" backend) over a heldKV.
func openBoltQuads(dir string) (cgraph.QuadStore, *heldKV, error) {
	db, err := cbolt.Open(dir, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("open bolt: %w", err)
	}
	k := &heldKV{KV: db}
	if k.labels, err = withLabelIndex(context.Background(), db); err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("open bolt: indexes: %w", err)
	}
	qs, err := ckv.New(k, nil)
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("open bolt quad store: %w", err)
	}
	return qs, k, nil
}

// Cayley's kv backends index quads by subject+predicate and by
// object+predicate+subject only, so a quad is found among all the quads
// with the same subject, predicate and object, whatever their label: for
// an entity every document names the same, thousands. Removing one
// document's quads then read every one of them (Cayley's hasPrimitive; most
// of a remove at 1M quads), and finding a document's quads meant walking
// its entities. Cayley keeps the list of a store's indexes in its meta
// bucket and reads it at New, so ties gives the stores it creates one more,
// by label: removals intersect three short lists, and a document's quads
// are one index scan (indexedLabelQuads).
var (
	metaIndexesKey = hkv.Key{[]byte("meta"), []byte("indexes")}
	logBucket      = hkv.Key{[]byte("log")}
	labelIndex     = ckv.QuadIndex{Dirs: []quad.Direction{quad.Label}}
)

// withLabelIndex reports whether the bolt file indexes quads by label, and
// adds the index to an empty file (no quads, no values: nothing to
// re-index) that lacks it. A file with data and no label index, from an
// older ties, keeps working without it.
func withLabelIndex(ctx context.Context, db hkv.KV) (bool, error) {
	var has, empty bool
	var inds []ckv.QuadIndex
	err := hkv.View(ctx, db, func(tx hkv.Tx) error {
		raw, err := tx.Get(ctx, metaIndexesKey)
		if err != nil {
			return fmt.Errorf("read %s: %w", metaIndexesKey[1], err) // Init writes it
		}
		if err := json.Unmarshal(raw, &inds); err != nil {
			return fmt.Errorf("decode %s: %w", metaIndexesKey[1], err)
		}
		for _, in := range inds {
			if slices.Equal(in.Dirs, labelIndex.Dirs) {
				has = true
			}
		}
		it := tx.Scan(ctx, options.WithPrefixKV(logBucket))
		defer it.Close()
		empty = !it.Next(ctx)
		return it.Err()
	})
	if err != nil || has || !empty {
		return has, err
	}
	raw, err := json.Marshal(append(inds, labelIndex))
	if err != nil {
		return false, err
	}
	err = hkv.Update(ctx, db, func(tx hkv.Tx) error { return tx.Put(ctx, metaIndexesKey, raw) })
	return err == nil, err
}
