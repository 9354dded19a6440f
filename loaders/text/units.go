package text

import (
	"strings"

	"github.com/ties-graph/ties/graph"
)

// A unit of a body is named after it: the unit noun heads the name and the
// body stands in it as its genitive or "of" complement ("Kongres Władz
// Lokalnych i Regionalnych Rady Europy", "Parliamentary Assembly of the
// Council of Europe"), or, in Lithuanian and in English compounds, before the
// head ("Europos Tarybos Parlamentinė Asamblėja", "UN Human Rights Council").
// Such a name says by its grammar that the unit is part of the body.

// bodyType: the types that have units and can be units.
func bodyType(t graph.EntityType) bool { return t == org || t == pub || t == net }

// unitNoun reports whether one of the words of ws is a unit noun of any
// language (gazetteer names come in every language).
func (x *Extractor) unitNoun(fs []string) bool {
	ws := make([]token, len(fs))
	for i, f := range fs {
		ws[i] = token{text: f, fold: f, key: f, kind: tWord}
	}
	for i := range ws {
		for _, lx := range x.lex {
			if lx.units.matchAt(ws, i) > 0 {
				return true
			}
		}
	}
	return false
}

// linkUnits finds, for every known body, the known bodies its names embed
// as their complement, and records them as its parents.
func (x *Extractor) linkUnits() {
	idx := bodyIndex{}
	for _, e := range x.gaz.entries {
		if !bodyType(e.typ) {
			continue
		}
		for _, n := range e.names {
			if ws := words(n); len(ws) > 0 {
				k := bodyKey(ws)
				idx[k] = append(idx[k], bodyName{e, ws})
			}
		}
	}
	for _, e := range x.gaz.entries {
		if !bodyType(e.typ) {
			continue
		}
		for _, n := range e.names {
			for _, p := range x.embedded(idx, e, n) {
				if !containsEntry(e.parents, p) {
					e.parents = append(e.parents, p)
				}
			}
		}
	}
}

// bodyName is one name of a known body, in folded words.
type bodyName struct {
	e  *gazEntry
	ws []string
}

// bodyIndex groups body names by word count and first three letters, which
// case endings leave alone.
type bodyIndex map[string][]bodyName

func bodyKey(ws []string) string { return firstKey(ws[0]) + "/" + string(rune('0'+min(len(ws), 40))) }

func containsEntry(es []*gazEntry, e *gazEntry) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
}

// embedded returns the known bodies that name n of entry e names as its
// complement, when n is headed by a unit noun.
func (x *Extractor) embedded(idx bodyIndex, e *gazEntry, n string) []*gazEntry {
	ws := words(n)
	var out []*gazEntry
	// The body closes the name: "… Rady Europy", "… of the Council of Europe".
	for k := 1; k < len(ws); k++ {
		if p := x.bodyNamed(idx, e, ws[k:]); p != nil && x.unitNoun(ws[:k]) {
			out = append(out, p)
			break
		}
	}
	// The body opens the name: "Europos Tarybos … kongresas", "OSCE Office
	// for …"; not "Council of Europe" read as "Council" + "of Europe", nor
	// "Конгрес … влад | Ради Європи", a congress of the Council.
	for cnt := len(ws) - 1; cnt >= 1; cnt-- {
		if p := x.bodyNamed(idx, e, ws[:cnt]); p != nil && !x.connWord(ws[cnt]) && x.unitNoun(ws[cnt:]) && !x.startsBody(idx, e, ws[cnt:]) {
			out = append(out, p)
			break
		}
	}
	return out
}

// words returns the folded words of a name.
func words(n string) []string {
	var ws []string
	for _, t := range tokenize(n, 0) {
		if t.kind != tPunct {
			ws = append(ws, tokFold(t))
		}
	}
	return ws
}

// bodyNamed finds the known body other than e one of whose names the words
// are, in any case form.
func (x *Extractor) bodyNamed(idx bodyIndex, e *gazEntry, ws []string) *gazEntry {
	for _, bn := range idx[bodyKey(ws)] {
		if bn.e != e && x.sameWords(ws, bn.ws) {
			return bn.e
		}
	}
	return nil
}

// startsBody: the words open with a known body other than e.
func (x *Extractor) startsBody(idx bodyIndex, e *gazEntry, ws []string) bool {
	for k := len(ws); k >= 1; k-- {
		if x.bodyNamed(idx, e, ws[:k]) != nil {
			return true
		}
	}
	return false
}

// sameWords compares names word by word, allowing case endings, also on
// the short stems the text matcher leaves alone ("Rady"/"Rada": a
// gazetteer name is no ambiguous text).
func (x *Extractor) sameWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !inflected(a[i], b[i], x.suf, i == len(a)-1) && !inflected(b[i], a[i], x.suf, i == len(a)-1) && !x.shortInflected(a[i], b[i]) {
			return false
		}
	}
	return true
}

func (x *Extractor) shortInflected(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	cp := 0
	for cp < len(ra) && cp < len(rb) && ra[cp] == rb[cp] {
		cp++
	}
	return cp >= 3 && len(ra)-cp <= 2 && len(rb)-cp <= 2 && x.suf[string(ra[cp:])] && x.suf[string(rb[cp:])]
}

// connWord: a lower-case word that links parts of a name ("of", "für").
func (x *Extractor) connWord(f string) bool {
	for _, lx := range x.lex {
		if lx.conn[f] {
			return true
		}
	}
	return false
}

// knownUnits adds part_of for every mention of a known body whose names
// embed another known body, with the sentence naming the unit as evidence.
func (d *docState) knownUnits(s *sentence, lx *lexicon, ms []*mention) {
	for _, m := range ms {
		if m.ent == nil || m.ent.gaz == nil || m.anaphor {
			continue
		}
		for _, p := range m.ent.gaz.parents {
			d.add(s, m.ent, d.gazEntity(p), graph.PartOf, 0.7, lx.lang+"/part/known-unit")
		}
	}
}

// gazEntity finds or makes the document entity of a known actor that the
// text names only inside another name.
func (d *docState) gazEntity(g *gazEntry) *entity {
	key := "gaz:" + g.id
	if e := d.byKey[key]; e != nil {
		return e
	}
	e := d.newEntity(key, g.id, g.name, g.typ)
	e.gaz = g
	e.note("gazetteer " + g.id + ", named inside the name of one of its units")
	return e
}

// unitHead reports whether the name of a mention is headed by a unit noun
// of its language ("Zarząd …", "… valdyba").
func unitHead(lx *lexicon, toks []token, i, j int) bool {
	for k := i; k < j; k++ {
		if lx.units.matchAt(toks[:j], k) > 0 {
			return true
		}
	}
	return false
}

// genitiveUnits reads Lithuanian unit names, which put the body they belong
// to first, in the genitive, and the lower-case unit noun last: "Lietuvos
// savivaldybių asociacijos valdyba", "… asociacijos tarybos posėdis". The
// known body's mention becomes the unit's, with the body as its owner.
func (d *docState) genitiveUnits(s *sentence, lx *lexicon, used []bool, out []*mention) {
	toks := s.toks
	for k, m := range out {
		// A known body, or a municipality named in the genitive
		// ("Karlshamno savivaldybės valdybos").
		if m.anaphor || !bodyType(m.typ) || m.gaz == nil && !strings.HasSuffix(graph.Fold(m.surface), "s") {
			continue
		}
		// Up to two lower-case adjectives, then the unit noun.
		for h := m.j; h < len(toks) && h <= m.j+2; h++ {
			t := toks[h]
			if !t.word() || t.capital() || used[h] {
				break
			}
			if n := lx.units.matchAt(toks, h); n > 0 {
				typ, _ := lx.headType(lx.heads, toks, h)
				if typ != graph.Organization {
					typ = graph.PublicBody
				}
				u := &mention{i: m.i, j: h + n, typ: typ, owner: m}
				u.surface = s.span(u.i, u.j)
				u.name = strings.TrimSpace(s.span(m.i, h) + " " + d.lemmaPhrase(lx, toks[h:h+n]))
				u.head = strings.ToLower(d.lemmaPhrase(lx, toks[h:h+n]))
				for q := m.j; q < u.j; q++ {
					used[q] = true
				}
				out[k] = u
				break
			}
			if !adjective(lx.lang, t) {
				break
			}
		}
	}
}
