package morph

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// entry is one .dic line: a stem as the dictionary spells it and its flags.
// Stems that fold to the same lowercase key are chained through next.
type entry struct {
	form  string
	flags uint32 // index into dictionary.flagsets
	next  int32  // next homonym, -1 at the end
}

// dictionary is one language's stems plus its affix rules.
type dictionary struct {
	lang     string
	aff      *affixData
	index    map[string]int32 // lowercased stem -> first entry
	entries  []entry
	flagsets [][]flag // flagsets[0] is the empty set
	guess    *guesser // nil when the language has no guess rules
	filter   *bloom   // the keys of index

	modelOnce sync.Once
	model     *suffixModel // learned on first use: see suffixModel
}

// suffixModel returns the guessing model learned from d, building it on
// first use (a few hundred ms) so that Open stays fast for callers that
// never guess.
func (d *dictionary) suffixModel() *suffixModel {
	d.modelOnce.Do(func() { d.model = d.buildModel(nil) })
	return d.model
}

// parseDic reads a .dic file (already decoded to UTF-8) into d.
func (d *dictionary) parseDic(ctx context.Context, name, text string) error {
	a := d.aff
	// The first line is an approximate entry count; use it to size the map.
	nl := strings.IndexByte(text, '\n')
	if nl < 0 {
		nl = len(text)
	}
	head := strings.TrimSpace(strings.TrimPrefix(text[:nl], "\ufeff"))
	count, err := strconv.Atoi(head)
	if err != nil {
		return fmt.Errorf("%s:1: first line %q should be the entry count", name, head)
	}
	d.index = make(map[string]int32, count)
	d.entries = make([]entry, 0, count)
	d.flagsets = [][]flag{nil}
	setIDs := map[string]uint32{"": 0}

	rest := text[min(nl+1, len(text)):]
	lineNo := 1
	for len(rest) > 0 {
		lineNo++
		if lineNo%65536 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var ln string
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			ln, rest = rest[:i], rest[i+1:]
		} else {
			ln, rest = rest, ""
		}
		ln = strings.TrimRight(ln, "\r")
		// Lines starting with a tab are comments (de_DE's licence header).
		if ln == "" || ln[0] == '\t' {
			continue
		}
		// Morphological fields follow a tab; drop them.
		if i := strings.IndexByte(ln, '\t'); i >= 0 {
			ln = ln[:i]
		}
		word, flagStr := splitDicLine(ln)
		word = removeRunes(word, a.ignore)
		if word == "" {
			continue
		}
		sid, ok := setIDs[flagStr]
		if !ok {
			var fl []flag
			if n, err := strconv.Atoi(flagStr); err == nil && len(a.aliases) > 0 {
				if n < 1 || n > len(a.aliases) {
					return fmt.Errorf("%s:%d: flag alias %d out of range 1..%d", name, lineNo, n, len(a.aliases))
				}
				fl = a.aliases[n-1]
			} else if fl, err = a.parseFlags(flagStr); err != nil {
				return fmt.Errorf("%s:%d: %w", name, lineNo, err)
			}
			sid = uint32(len(d.flagsets))
			d.flagsets = append(d.flagsets, fl)
			setIDs[flagStr] = sid
		}
		key := lowerString(word)
		e := entry{form: word, flags: sid, next: -1}
		if first, ok := d.index[key]; ok {
			// Append at the end of the chain so dictionary order is kept.
			i := first
			for d.entries[i].next >= 0 {
				i = d.entries[i].next
			}
			d.entries[i].next = int32(len(d.entries))
		} else {
			d.index[key] = int32(len(d.entries))
		}
		d.entries = append(d.entries, e)
	}
	d.filter = newBloom(len(d.index))
	for k := range d.index {
		d.filter.add(k)
	}
	return nil
}

// splitDicLine splits "word/flags" honouring "\/" escapes in the word.
func splitDicLine(ln string) (word, flags string) {
	ln = strings.TrimRight(ln, " ")
	for i := 0; i < len(ln); i++ {
		if ln[i] == '/' && (i == 0 || ln[i-1] != '\\') && i > 0 {
			word, flags = ln[:i], ln[i+1:]
			if j := strings.IndexByte(flags, ' '); j >= 0 {
				flags = flags[:j] // morphological fields after a space
			}
			return strings.ReplaceAll(word, `\/`, "/"), flags
		}
	}
	if j := strings.IndexByte(ln, ' '); j > 0 && strings.Contains(ln[j:], ":") {
		ln = ln[:j] // "word po:noun" without flags
	}
	return strings.ReplaceAll(ln, `\/`, "/"), ""
}

// lookup calls fn for every entry whose lowercased form is key; fn returns
// false to stop.
func (d *dictionary) lookup(key string, fn func(e *entry, flags []flag) bool) {
	i, ok := d.index[key]
	if !ok {
		return
	}
	for i >= 0 {
		e := &d.entries[i]
		if !fn(e, d.flagsets[e.flags]) {
			return
		}
		i = e.next
	}
}
