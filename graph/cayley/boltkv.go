package cayley

import (
	"context"
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	cbolt "github.com/cayleygraph/cayley/graph/kv/bolt"
	hkv "github.com/hidal-go/hidalgo/kv"
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
	held hkv.Tx // the open bolt write transaction, or nil
	// staged are ties' own entries (see attrs.go) to put (Val nil:
	// delete) in the held transaction just before it commits.
	staged []hkv.Pair
}

// stage queues a put (v nil: a delete) for the next commit; rollback
// drops it.
func (k *heldKV) stage(key hkv.Key, v hkv.Value) {
	k.staged = append(k.staged, hkv.Pair{Key: key, Val: v})
}

// unstage drops what is queued (a write that found nothing to change).
func (k *heldKV) unstage() { k.staged = nil }

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
	staged := k.staged
	k.staged = nil
	for _, p := range staged {
		var err error
		if p.Val == nil {
			err = tx.Del(ctx, p.Key)
		} else {
			err = tx.Put(ctx, p.Key, p.Val)
		}
		if err != nil {
			_ = tx.Close()
			return fmt.Errorf("write %s: %w", p.Key[0], err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		_ = tx.Close()
		return fmt.Errorf("commit bolt transaction: %w", err)
	}
	return nil
}

func (k *heldKV) rollback() {
	k.staged = nil
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
	qs, err := ckv.New(k, nil)
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("open bolt quad store: %w", err)
	}
	return qs, k, nil
}
