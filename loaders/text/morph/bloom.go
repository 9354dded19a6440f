package morph

import (
	"hash/maphash"
	"math/bits"
)

// bloom is a Bloom filter over a dictionary's lowercased stems. Reverse
// affix stripping proposes dozens of candidate stems per word and nearly all
// are absent; the filter rejects them in a few nanoseconds, before the map
// lookup that would miss the CPU cache.
type bloom struct {
	seed  maphash.Seed
	words []uint64
	mask  uint64 // number of words - 1 (a power of two)
}

// A key sets bloomHashes bits of one 64-bit word: one memory access per
// test, at a slightly higher false-positive rate than spread bits.
const bloomHashes = 3

func newBloom(n int) *bloom {
	// About 16 bits per key: a false-positive rate around 1%.
	nwords := uint64(1) << bits.Len64(uint64(max(n, 1)*16/64))
	return &bloom{seed: maphash.MakeSeed(), words: make([]uint64, nwords), mask: nwords - 1}
}

// bitsOf returns the word index and the bit mask of hash h.
func (b *bloom) bitsOf(h uint64) (uint64, uint64) {
	var m uint64
	for i := 0; i < bloomHashes; i++ {
		m |= 1 << ((h >> (40 + 6*i)) & 63)
	}
	return h & b.mask, m
}

func (b *bloom) add(key string) {
	w, m := b.bitsOf(maphash.String(b.seed, key))
	b.words[w] |= m
}

// mayContain reports false when key is certainly not in the set.
func (b *bloom) mayContain(key []byte) bool {
	w, m := b.bitsOf(maphash.Bytes(b.seed, key))
	return b.words[w]&m == m
}
