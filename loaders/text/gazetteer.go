package text

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/ties-graph/ties/graph"
)

// gazEntry is one known actor: a country, an international body, a city.
type gazEntry struct {
	id      string
	typ     graph.EntityType
	name    string   // canonical English name
	names   []string // every name and alias, as written
	folded  []string // names through graph.Fold, read once at load
	acronym map[string]bool
	// parents are the known bodies this one is a unit of, read from its
	// names (linkUnits).
	parents []*gazEntry
}

// gazName is one name of an entry split into folded words.
type gazName struct {
	words []string
	entry *gazEntry
	// short names (acronyms, one word of four letters or fewer) match only
	// exactly, never by an inflected form.
	exact bool
}

// gazetteer finds known names in token sequences, also in inflected forms.
type gazetteer struct {
	entries []*gazEntry
	byID    map[string]*gazEntry
	// byFirst indexes names by the first three letters of their first word.
	byFirst map[string][]gazName
}

// loadGazetteer reads every data/gazetteer/*.tsv file: id, type, name,
// aliases separated by '|'.
func loadGazetteer(fsys fs.FS, files []string) (*gazetteer, error) {
	g := &gazetteer{byID: map[string]*gazEntry{}, byFirst: map[string][]gazName{}}
	for _, name := range files {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read gazetteer %s: %w", name, err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		ln := 0
		for sc.Scan() {
			ln++
			line := strings.TrimRight(sc.Text(), "\r")
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			f := strings.Split(line, "\t")
			if len(f) < 3 || len(f) > 4 {
				return nil, fmt.Errorf("%s:%d: want id, type, name, aliases", name, ln)
			}
			t := graph.EntityType(f[1])
			if !t.Valid() {
				return nil, fmt.Errorf("%s:%d: unknown type %q", name, ln, f[1])
			}
			if f[0] == "" || f[2] == "" {
				return nil, fmt.Errorf("%s:%d: empty id or name", name, ln)
			}
			e := g.byID[f[0]]
			if e == nil {
				e = &gazEntry{id: f[0], typ: t, name: f[2], acronym: map[string]bool{}}
				g.byID[f[0]] = e
				g.entries = append(g.entries, e)
			} else if e.typ != t {
				return nil, fmt.Errorf("%s:%d: %s already has type %s", name, ln, f[0], e.typ)
			}
			names := []string{f[2]}
			if len(f) == 4 {
				names = append(names, strings.Split(f[3], "|")...)
			}
			for _, n := range names {
				n = strings.TrimSpace(n)
				if n == "" {
					continue
				}
				e.names = append(e.names, n)
				e.folded = append(e.folded, graph.Fold(n))
				g.add(e, n)
			}
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("read gazetteer %s: %w", name, err)
		}
	}
	return g, nil
}

func (g *gazetteer) add(e *gazEntry, n string) {
	toks := tokenize(n, 0)
	var words []string
	for _, t := range toks {
		if t.kind != tPunct {
			words = append(words, tokFold(t))
		}
	}
	if len(words) == 0 {
		return
	}
	// Short all-capital names are acronyms; "EUROCITIES" is a name in
	// capitals.
	acr := len(toks) == 1 && toks[0].acronym() && utf8.RuneCountInString(toks[0].text) <= 6
	if acr {
		e.acronym[words[0]] = true
	}
	exact := acr || (len(words) == 1 && utf8.RuneCountInString(words[0]) <= 4)
	k := firstKey(words[0])
	g.byFirst[k] = append(g.byFirst[k], gazName{words: words, entry: e, exact: exact})
	// English names drop an inner article as often as they keep it:
	// "Union of the Baltic Cities" is written "Union of Baltic Cities".
	if bare := slices.DeleteFunc(slices.Clone(words[1:]), func(w string) bool { return w == "the" }); len(bare) < len(words)-1 && len(bare) >= 2 {
		g.byFirst[k] = append(g.byFirst[k], gazName{words: append([]string{words[0]}, bare...), entry: e})
	}
}

// acronymBase returns "KR" for "KR-u", "" when the word is no inflected
// acronym.
func acronymBase(w string) string {
	i := strings.IndexAny(w, "-'’")
	if i < 2 || len(w)-i > 5 {
		return ""
	}
	a := w[:i]
	if strings.ToUpper(a) != a || strings.ToLower(a) == a {
		return ""
	}
	return a
}

func firstKey(w string) string {
	n := 0
	for i := range w {
		if n == 3 {
			return w[:i]
		}
		n++
	}
	return w
}

// match finds the longest known name that starts at toks[i] and returns its
// entry and the number of tokens it covers. Punctuation inside a name must
// be a hyphen or an apostrophe only.
func (g *gazetteer) match(toks []token, i int, suf map[string]bool) (*gazEntry, int) {
	if i >= len(toks) || toks[i].kind == tPunct {
		return nil, 0
	}
	var best *gazEntry
	bestN := 0
	cands := g.byFirst[firstKey(tokFold(toks[i]))]
	if b := acronymBase(toks[i].text); b != "" {
		cands = append(append([]gazName(nil), cands...), g.byFirst[firstKey(graph.Fold(b))]...)
	}
	for _, gn := range cands {
		if len(gn.words) <= bestN {
			continue
		}
		j := i
		ok := true
		for wi, w := range gn.words {
			if j >= len(toks) || toks[j].kind == tPunct {
				ok = false
				break
			}
			f := tokFold(toks[j])
			if gn.exact && gn.entry.acronym[w] {
				// An inflected acronym: "KR-u", "ONZ-etu".
				if b := acronymBase(toks[j].text); b != "" {
					f = graph.Fold(b)
				}
			}
			if f != w && (gn.exact || !inflected(f, w, suf, wi == len(gn.words)-1)) {
				ok = false
				break
			}
			// An acronym matches only when written in capitals.
			if gn.exact && gn.entry.acronym[w] && !toks[j].acronym() && acronymBase(toks[j].text) == "" {
				ok = false
				break
			}
			j++
		}
		if ok {
			best, bestN = gn.entry, len(gn.words)
		}
	}
	return best, bestN
}

// lookup finds an entry whose name folds to name, or whose name matches
// name's words inflected.
func (g *gazetteer) lookup(name string, suf map[string]bool) *gazEntry {
	toks := tokenize(name, 0)
	var ws []token
	for _, t := range toks {
		if t.kind != tPunct {
			ws = append(ws, t)
		}
	}
	if e, n := g.match(ws, 0, suf); e != nil && n == len(ws) {
		return e
	}
	return nil
}

// inflected reports whether surface is an inflected form of the dictionary
// word: both share a stem and differ only in case endings.
func inflected(surface, dict string, suf map[string]bool, last bool) bool {
	if inflected1(surface, dict, suf) {
		return true
	}
	// Mobile e: Związek → Związku, Wiedeń → Wiednia, Łódź-like stems.
	b := []rune(dict)
	if n := len(b); n >= 4 && b[n-2] == 'e' {
		return inflected1(surface, string(b[:n-2])+string(b[n-1]), suf)
	}
	return false
}

func inflected1(surface, dict string, suf map[string]bool) bool {
	a, b := []rune(surface), []rune(dict)
	cp := 0
	for cp < len(a) && cp < len(b) && a[cp] == b[cp] {
		cp++
	}
	// The shared stem may swallow the start of an ending:
	// "stowarzyszeni|em" against "stowarzyszeni|e".
	for back := 1; back <= 2 && cp-back >= 4; back++ {
		ra, rb := string(a[cp-back:]), string(b[cp-back:])
		if suf[ra] && suf[rb] && len(a)-cp+back <= 5 && cp-back >= len(b)-3 {
			return true
		}
	}
	if cp < 4 || cp < len(b)-3 {
		return false
	}
	ra, rb := string(a[cp:]), string(b[cp:])
	if len(a)-cp > 5 {
		return false
	}
	if rb != "" && !suf[rb] {
		// Vowel-dropping stems: Wiedeń→Wiednia, Kraków→Krakowa (folded).
		if !(len(b)-cp <= 2 && suf[ra]) {
			return false
		}
	}
	if ra == "" {
		// A surface shorter than the name is no case form ("Berg" is not
		// "Bergen").
		return len(b)-cp <= 1
	}
	return suf[ra]
}

// suffixes is the union of case endings (folded) of the extractor's
// languages, used to match inflected names against dictionary names.
func suffixes() map[string]bool {
	m := map[string]bool{}
	for _, s := range strings.Fields(`
		a u e ie iu y i ii em om ach ami ow owi ego emu ej ym im ich ymi imi o a y owie ia iem
		а у і и ю ом ем ою ею ої ей ів ам ах ами ого ому ій им их ими я є ї ові еві ях ям ями ой ий ий ою
		as o ui u ai uose ams is io iui yje es ei eje os oje ija ijos ijai iju ijoje us aus ui uje ose ys iai ams oms
		s es n en er ern iego iemu ce dze sce єю ією ію ії ове iej
		`) {
		m[strings.ReplaceAll(graph.Fold(s), " ", "")] = true
	}
	return m
}

// townOfAdjective finds the city an adjective is made from: "Вінницький"
// → Vinnytsia, "Lubelski" → Lublin (a shared stem of four letters or more).
func (g *gazetteer) townOfAdjective(t token) *gazEntry {
	f := tokFold(t)
	stem := ""
	for _, e := range []string{"ськии", "цькии", "ська", "цька", "ське", "ського", "ської", "skiego", "skiej", "ski", "ska", "cki", "cka", "ckie", "skie"} {
		if strings.HasSuffix(f, e) {
			stem = strings.TrimSuffix(f, e)
			break
		}
	}
	if len([]rune(stem)) < 4 {
		return nil
	}
	var hit *gazEntry
	for _, gn := range g.byFirst[firstKey(stem)] {
		if gn.entry.typ != graph.City || len(gn.words) != 1 {
			continue
		}
		w := []rune(gn.words[0])
		s := []rune(stem)
		// The stem may drop the town's last letters: вінниц-ький / вінниц-я.
		if len(w) >= len(s)-1 && strings.HasPrefix(string(w), string(s[:len(s)-1])) && len(w)-len(s) <= 2 {
			if hit != nil && hit != gn.entry {
				return nil
			}
			hit = gn.entry
		}
	}
	return hit
}
