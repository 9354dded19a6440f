package morph

import (
	"hash/maphash"
	"sync"
)

// defaultCacheSize bounds the Lemma cache: enough for the vocabulary of a
// large batch of news texts, a few MB at most.
const defaultCacheSize = 1 << 17

const cacheShards = 16

type cacheKey struct{ lang, word string }

// lemmaCache is a bounded, sharded map of Lemma results. A full shard is
// emptied rather than evicted entry by entry: simple, and frequent words
// come back at once.
type lemmaCache struct {
	seed   maphash.Seed
	limit  int // entries per shard
	shards [cacheShards]struct {
		mu sync.RWMutex
		m  map[cacheKey]string
	}
}

func newLemmaCache(size int) *lemmaCache {
	c := &lemmaCache{seed: maphash.MakeSeed(), limit: max(size/cacheShards, 1)}
	for i := range c.shards {
		c.shards[i].m = make(map[cacheKey]string)
	}
	return c
}

func (c *lemmaCache) shard(word string) int {
	return int(maphash.String(c.seed, word) % cacheShards)
}

func (c *lemmaCache) get(lang, word string) (string, bool) {
	s := &c.shards[c.shard(word)]
	s.mu.RLock()
	v, ok := s.m[cacheKey{lang, word}]
	s.mu.RUnlock()
	return v, ok
}

func (c *lemmaCache) put(lang, word, lemma string) {
	s := &c.shards[c.shard(word)]
	s.mu.Lock()
	if len(s.m) >= c.limit {
		clear(s.m)
	}
	// Clone: word may be a slice of a large document the caller drops.
	s.m[cacheKey{lang, cloneString(word)}] = lemma
	s.mu.Unlock()
}

func cloneString(s string) string {
	return string(append([]byte(nil), s...))
}
