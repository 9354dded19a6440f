package text

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/ties-graph/ties/graph"
)

// pattern is a sequence of folded words; a word ending in '*' matches any
// word that starts with it.
type pattern []string

func parsePattern(s string) pattern {
	var p pattern
	for _, w := range strings.Fields(s) {
		star := strings.HasSuffix(w, "*")
		f := graph.Fold(strings.TrimSuffix(w, "*"))
		if f == "" {
			if w == "," {
				p = append(p, ",")
			}
			continue
		}
		// Fold may split a word at an apostrophe; keep it one word.
		f = strings.ReplaceAll(f, " ", "")
		if star {
			f += "*"
		}
		p = append(p, f)
	}
	return p
}

// matchWord reports whether a folded word matches one pattern word.
func matchWord(pw, fold string) bool {
	if strings.HasSuffix(pw, "*") {
		return strings.HasPrefix(fold, pw[:len(pw)-1])
	}
	return pw == fold
}

// wordSet is a set of one-word and multi-word patterns.
type wordSet []pattern

func (ws wordSet) matchAt(toks []token, i int) int {
	best := 0
	for _, p := range ws {
		if n := matchPattern(p, toks, i); n > best {
			best = n
		}
	}
	return best
}

// matchPattern returns how many tokens from i the pattern covers, 0 when it
// does not match.
func matchPattern(p pattern, toks []token, i int) int {
	j := i
	for _, pw := range p {
		if j >= len(toks) {
			return 0
		}
		t := toks[j]
		// Abbreviation dots inside a phrase: "m.in.", "ds.".
		for t.text == "." && pw != "," && j > i && j+1 < len(toks) {
			j++
			t = toks[j]
		}
		if pw == "," {
			if t.text != "," {
				return 0
			}
		} else if t.kind == tPunct || !matchWord(pw, tokFold(t)) {
			return 0
		}
		j++
	}
	return j - i
}

func tokFold(t token) string {
	if t.key != "" || t.fold == "" {
		return t.key
	}
	return strings.ReplaceAll(t.fold, " ", "")
}

// rule is one relation trigger of a language.
type rule struct {
	pred        graph.Predicate
	left, right byte // 'S', 'O' or '-'
	phrase      pattern
	name        string
}

// typedSet is a word set that gives an entity type.
type typedSet struct {
	typ   graph.EntityType
	words wordSet
	idx   map[string][]int
}

// index maps the first two bytes of each pattern's first word to the
// patterns, so a token is tried only against patterns it could start.
func (ws wordSet) index() map[string][]int {
	m := map[string][]int{}
	for i, p := range ws {
		k := prefixKey(strings.TrimSuffix(p[0], "*"))
		m[k] = append(m[k], i)
	}
	return m
}

// matchIdx is matchAt through an index.
func (ws wordSet) matchIdx(idx map[string][]int, toks []token, i int) int {
	if i < 0 || i >= len(toks) {
		return 0
	}
	k := tokFold(toks[i])
	best := 0
	try := func(ids []int) {
		for _, pi := range ids {
			if n := matchPattern(ws[pi], toks, i); n > best {
				best = n
			}
		}
	}
	try(idx[prefixKey(k)])
	if len(k) >= 2 {
		// Patterns whose first word is one byte long ("w", "w*").
		try(idx[k[:1]])
	}
	return best
}

// lexicon is the grammar data of one language.
type lexicon struct {
	lang      string
	heads     []typedSet
	tailHeads []typedSet
	anaphors  []typedSet
	rules     []rule
	roles     map[graph.Predicate]wordSet
	conn      map[string]bool
	coord     wordSet
	loc       map[string]bool
	from      map[string]bool
	happen    wordSet
	months    []wordSet // index 0 = January
	abbrev    map[string]bool
	titles    map[string]bool
	cityWords wordSet
	lemmas    map[string]string // folded inflected form → base form
	ruleIdx   map[string][]int  // first two bytes of a rule's first word → rules
	roleIdx   map[graph.Predicate]map[string][]int
	// Indexes of the sets tried at every token of a sentence.
	speechIdx, signIdx, agreeIdx, regionIdx map[string][]int
	listIntro                               wordSet         // "w tym", "m.in.", "including"
	titled                                  wordSet         // "pt.", "pod hasłem", "titled" before a quoted title
	generic                                 wordSet         // anaphors that take the last entity of the type
	with                                    map[string]bool // "з", "with", "z": the partner of a meeting
	roleLeft                                wordSet         // participles of representation after the person
	mayors                                  wordSet         // offices held for a city: the body is a city
	signVerbs                               wordSet         // "signed"
	during                                  wordSet         // "podczas", "під час": an event the sentence happens in
	agreements                              wordSet         // memoranda, partnership and cooperation agreements
	notNames                                wordSet         // capitalised words that name no entity: continents, regions
	units                                   wordSet         // unit nouns: a name they head that embeds a body is part of it
	// respectively: words that pair two lists in order
	respectively wordSet
	// delegates: collective nouns for a body's delegates ("przedstawiciele")
	delegates wordSet
	// speech: verbs and nouns of speaking at an event ("opened", "otworzył")
	speech wordSet
	// subEvents and mainEvents: heads of sessions and panels, and of the
	// conferences they belong to
	subEvents, mainEvents wordSet
	// regions: lower-case nouns of regional governments ("województwo")
	regions wordSet
	// backing: nouns of support closing "with X's …" ("su X parama"): X
	// supported the event the sentence names
	backing wordSet
}

// loadLexicon reads data/lexicon/<lang>.tsv.
func loadLexicon(fsys fs.FS, lang string) (*lexicon, error) {
	name := path.Join("data/lexicon", lang+".tsv")
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("read lexicon %s: %w", name, err)
	}
	lx := &lexicon{lang: lang, roles: map[graph.Predicate]wordSet{}, conn: map[string]bool{},
		loc: map[string]bool{}, from: map[string]bool{}, abbrev: map[string]bool{}, titles: map[string]bool{},
		lemmas: map[string]string{}, with: map[string]bool{}, months: make([]wordSet, 12)}
	sc := bufio.NewScanner(bytes.NewReader(data))
	ln := 0
	for sc.Scan() {
		ln++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(strings.TrimSpace(line), "#") || strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		bad := func(msg string) error { return fmt.Errorf("%s:%d: %s", name, ln, msg) }
		forms := func(s string) wordSet {
			var ws wordSet
			for _, x := range strings.Split(s, "|") {
				if p := parsePattern(x); len(p) > 0 {
					ws = append(ws, p)
				}
			}
			return ws
		}
		set := func(m map[string]bool, s string) {
			for _, x := range strings.Split(s, "|") {
				x = strings.TrimSpace(strings.ToLower(x))
				if x != "" {
					m[x] = true
					m[graph.Fold(x)] = true
				}
			}
		}
		switch f[0] {
		case "head", "tailhead", "anaphor":
			if len(f) != 3 {
				return nil, bad("want kind, type, forms")
			}
			t := graph.EntityType(f[1])
			if !t.Valid() {
				return nil, bad("unknown type " + f[1])
			}
			ts := typedSet{typ: t, words: forms(f[2])}
			switch f[0] {
			case "head":
				lx.heads = append(lx.heads, ts)
			case "tailhead":
				lx.tailHeads = append(lx.tailHeads, ts)
			default:
				lx.anaphors = append(lx.anaphors, ts)
			}
		case "rel":
			if len(f) != 5 {
				return nil, bad("want rel, predicate, left, right, phrase")
			}
			p := graph.Predicate(f[1])
			if !p.Valid() {
				return nil, bad("unknown predicate " + f[1])
			}
			if !validSlot(f[2]) || !validSlot(f[3]) {
				return nil, bad("slots must be S, O or -")
			}
			ph := parsePattern(f[4])
			if len(ph) == 0 {
				return nil, bad("empty phrase")
			}
			lx.rules = append(lx.rules, rule{pred: p, left: f[2][0], right: f[3][0], phrase: ph,
				name: lang + "/" + f[1] + "/" + strings.Join(strings.Fields(f[4]), "_")})
		case "role":
			if len(f) != 3 {
				return nil, bad("want role, predicate, forms")
			}
			p := graph.Predicate(f[1])
			if !p.Valid() {
				return nil, bad("unknown predicate " + f[1])
			}
			lx.roles[p] = append(lx.roles[p], forms(f[2])...)
		case "with":
			set(lx.with, f[1])
		case "conn", "loc", "from", "abbr", "title":
			if len(f) != 2 {
				return nil, bad("want kind, forms")
			}
			switch f[0] {
			case "conn":
				set(lx.conn, f[1])
			case "loc":
				set(lx.loc, f[1])
			case "from":
				set(lx.from, f[1])
			case "abbr":
				for _, x := range strings.Split(f[1], "|") {
					lx.abbrev[strings.TrimSuffix(strings.ToLower(strings.TrimSpace(x)), ".")] = true
				}
			case "title":
				set(lx.titles, f[1])
			}
		case "during":
			lx.during = append(lx.during, forms(f[1])...)
		case "sign":
			lx.signVerbs = append(lx.signVerbs, forms(f[1])...)
		case "agreement":
			lx.agreements = append(lx.agreements, forms(f[1])...)
		case "mayor":
			lx.mayors = append(lx.mayors, forms(f[1])...)
		case "roleleft":
			lx.roleLeft = append(lx.roleLeft, forms(f[1])...)
		case "generic":
			lx.generic = append(lx.generic, forms(f[1])...)
		case "titled":
			lx.titled = append(lx.titled, forms(f[1])...)
		case "listintro":
			lx.listIntro = append(lx.listIntro, forms(f[1])...)
		case "notname":
			lx.notNames = append(lx.notNames, forms(f[1])...)
		case "region":
			lx.regions = append(lx.regions, forms(f[1])...)
		case "subevent":
			lx.subEvents = append(lx.subEvents, forms(f[1])...)
		case "mainevent":
			lx.mainEvents = append(lx.mainEvents, forms(f[1])...)
		case "speech":
			lx.speech = append(lx.speech, forms(f[1])...)
		case "backing":
			lx.backing = append(lx.backing, forms(f[1])...)
		case "delegates":
			lx.delegates = append(lx.delegates, forms(f[1])...)
		case "respectively":
			lx.respectively = append(lx.respectively, forms(f[1])...)
		case "unit":
			if len(f) != 2 {
				return nil, bad("want unit, forms")
			}
			lx.units = append(lx.units, forms(f[1])...)
		case "coord", "happen", "cityword":
			if len(f) != 2 {
				return nil, bad("want kind, forms")
			}
			switch f[0] {
			case "coord":
				lx.coord = forms(f[1])
				for _, x := range strings.Split(f[1], "|") {
					if strings.TrimSpace(x) == "," {
						lx.coord = append(lx.coord, pattern{","})
					}
				}
			case "happen":
				lx.happen = forms(f[1])
			default:
				lx.cityWords = forms(f[1])
			}
		case "lemma":
			if len(f) != 3 {
				return nil, bad("want lemma, base, forms")
			}
			for _, x := range strings.Split(f[2], "|") {
				if k := graph.Fold(x); k != "" {
					lx.lemmas[k] = f[1]
				}
			}
		case "month":
			if len(f) != 3 {
				return nil, bad("want month, number, forms")
			}
			n, err := strconv.Atoi(f[1])
			if err != nil || n < 1 || n > 12 {
				return nil, bad("bad month number " + f[1])
			}
			lx.months[n-1] = append(lx.months[n-1], forms(f[2])...)
		default:
			return nil, bad("unknown kind " + f[0])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read lexicon %s: %w", name, err)
	}
	for _, sets := range [][]typedSet{lx.heads, lx.tailHeads, lx.anaphors} {
		for i := range sets {
			sets[i].idx = sets[i].words.index()
		}
	}
	lx.roleIdx = map[graph.Predicate]map[string][]int{}
	for p, ws := range lx.roles {
		lx.roleIdx[p] = ws.index()
	}
	lx.speechIdx, lx.signIdx = lx.speech.index(), lx.signVerbs.index()
	lx.agreeIdx, lx.regionIdx = lx.agreements.index(), lx.regions.index()
	lx.ruleIdx = map[string][]int{}
	for i, r := range lx.rules {
		k := prefixKey(strings.TrimSuffix(r.phrase[0], "*"))
		lx.ruleIdx[k] = append(lx.ruleIdx[k], i)
	}
	return lx, nil
}

// validSlot: S subject, O object, E the one event of the sentence
// (left only), L the last event of the document (left only), - nothing.
// prefixKey is the first two bytes of a word (or the word, if shorter).
func prefixKey(w string) string {
	if len(w) > 2 {
		return w[:2]
	}
	return w
}

// rulesAt lists the rules whose first word could match the token.
func (lx *lexicon) rulesAt(t token) []int {
	k := tokFold(t)
	out := lx.ruleIdx[prefixKey(k)]
	if len(k) > 2 {
		// Rules whose first word is shorter than two bytes ("w", "у").
		if short := lx.ruleIdx[k[:1]]; len(short) > 0 {
			out = append(append([]int(nil), out...), short...)
		}
	}
	if len(k) <= 2 {
		return out
	}
	return out
}

func validSlot(s string) bool { return s == "S" || s == "O" || s == "-" || s == "E" || s == "L" }

// headType returns the type of a head noun at toks[i] and how many tokens
// it covers.
func (lx *lexicon) headType(sets []typedSet, toks []token, i int) (graph.EntityType, int) {
	var best graph.EntityType
	n := 0
	for _, ts := range sets {
		if k := ts.words.matchIdx(ts.idx, toks, i); k > n {
			n, best = k, ts.typ
		}
	}
	return best, n
}
