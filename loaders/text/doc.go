package text

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders/text/lang"
)

// entity is one actor of the document being read.
type entity struct {
	id, name   string
	typ        graph.EntityType
	aliases    []string
	gaz        *gazEntry
	resolution []string
	order      int
	surname    string // persons: folded surname
	heads      map[string]bool
	folded     [][]string // folded words of the name and each alias
	first      *sentence  // the sentence that first names it
}

// forms returns the folded words of the entity's name and aliases.
func (e *entity) forms() [][]string {
	if len(e.folded) != 1+len(e.aliases) {
		e.folded = e.folded[:0]
		for _, a := range append([]string{e.name}, e.aliases...) {
			e.folded = append(e.folded, strings.Fields(graph.Fold(a)))
		}
	}
	return e.folded
}

func (e *entity) addAlias(a string) {
	a = strings.TrimSpace(a)
	if a == "" {
		return
	}
	for _, x := range e.aliases {
		if x == a {
			return
		}
	}
	e.aliases = append(e.aliases, a)
}

func (e *entity) note(why string) {
	for _, x := range e.resolution {
		if x == why {
			return
		}
	}
	e.resolution = append(e.resolution, why)
}

// docState is the work space of one Load call.
type docState struct {
	x     *Extractor
	doc   *graph.Document
	lang  string
	byKey map[string]*entity
	// lemmaGaz keeps what the dictionary's base forms of a capitalised
	// word name in the gazetteer (language, NUL, word → entry or nil).
	lemmaGaz map[string]*gazEntry
	list     []*entity
	acronyms map[string]*entity // folded acronym → entity
	last     map[graph.EntityType]*entity
	history  []*entity // entities in the order they were last mentioned
	townCue  bool      // the trigger being applied names towns ("Partnerstadt")
	stmts    []graph.Statement
	seen     map[string]int // subject|predicate|object → index in stmts
	// eventSentence is the index of the last sentence that named an event.
	eventSentence int
	// prevMentions are the mentions of the sentence before.
	prevMentions []*mention
}

func (d *docState) run(ctx context.Context) error {
	d.last = map[graph.EntityType]*entity{}
	sents := splitSentences(d.doc.Text, d.x.abbrev)
	for si := range sents {
		if si%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		s := &sents[si]
		lx := d.lexFor(s)
		ms := d.findMentions(s, lx)
		prev := d.last[graph.Event]
		d.resolve(s, lx, ms)
		// Before the rules: a mayor's town lets "signed a partnership
		// with X" tie the town.
		d.townlessMayors(s, lx, ms, d.prevMentions)
		d.relate(s, lx, ms)
		d.speech(s, lx, ms, si, prev)
		d.prevMentions = ms
		for _, m := range ms {
			if m.ent != nil && m.ent.first == nil {
				m.ent.first = s
			}
			if m.ent != nil && m.ent.typ == graph.Event {
				d.eventSentence = si
			}
			if m.ent != nil && m.anaphor {
				d.last[m.ent.typ] = m.ent
				d.history = append(d.history, m.ent)
			}
		}
	}
	d.subEvents()
	d.mergeShortForms()
	d.mergeEvents()
	d.eventIDs()
	return nil
}

// lexFor picks the lexicon of a sentence: its own language when the
// sentence is long enough to tell, else the document's.
func (d *docState) lexFor(s *sentence) *lexicon {
	if s.lx == nil {
		s.lx = d.chooseLex(s)
	}
	return s.lx
}

func (d *docState) chooseLex(s *sentence) *lexicon {
	// A sentence in another script than the document's gets its own
	// language; within one script, short sentences full of names fool
	// detectors, so the document's language holds.
	l := d.lang
	if cyr := cyrillicShare(s.text); (cyr > 0.5) != (l == "uk" || l == "ru") && len(s.toks) >= 4 {
		if sl := d.x.detect(s.text); sl != "" {
			l = sl
		}
	} else if len(s.toks) >= 6 {
		// Names with foreign letters fool letter counts: switch only when
		// two detectors agree.
		if sl, clear := detectScored(s.text); clear && sl != "" && sl != l && lang.Detect(s.text) == sl {
			l = sl
		}
	}
	if l == "ru" {
		l = "uk"
	}
	if lx := d.x.lex[l]; lx != nil {
		return lx
	}
	return d.x.lex["en"]
}

// resolve ties each mention to a document entity.
func (d *docState) resolve(s *sentence, lx *lexicon, ms []*mention) {
	toks := s.toks
	// A name and its acronym in brackets are one entity; a known acronym
	// names the long form too, and the other way round.
	for k := 1; k < len(ms); k++ {
		m, prev := ms[k], ms[k-1]
		if prev.anaphor || prev.j != m.i-1 || toks[m.i-1].text != "(" || m.j >= len(toks) || toks[m.j].text != ")" || !isAcronymSpan(toks[m.i:m.j]) {
			continue
		}
		switch {
		case m.gaz != nil && prev.gaz == nil && prev.typ != graph.Person:
			prev.gaz, prev.typ = m.gaz, m.gaz.typ
		case prev.gaz != nil && m.gaz == nil:
			m.gaz, m.typ = prev.gaz, prev.gaz.typ
		}
	}
	for k, m := range ms {
		if m.anaphor {
			m.ent = d.antecedent(m)
			// Events are often named by their noun alone ("panelu",
			// "зустрічі"): keep the form as an alias.
			if m.ent != nil && m.ent.typ == graph.Event && !m.generic {
				m.ent.addAlias(m.surface)
			}
			continue
		}
		// Acronym in brackets after a name: "… (UNHCR)", "(IAYSP EUME)".
		if k > 0 && m.i >= 1 && toks[m.i-1].text == "(" && m.j < len(toks) && toks[m.j].text == ")" && isAcronymSpan(toks[m.i:m.j]) {
			prev := ms[k-1]
			if prev.j == m.i-1 && prev.ent != nil && !prev.anaphor && prev.ent.typ != graph.Person {
				m.ent = prev.ent
				m.typ = prev.ent.typ
				prev.ent.addAlias(m.surface)
				prev.ent.note("acronym in brackets: " + m.surface)
				for _, t := range toks[m.i:m.j] {
					d.acronyms[t.fold] = prev.ent
				}
				d.acronyms[graph.Fold(m.surface)] = prev.ent
				continue
			}
		}
		if m.ent == nil {
			m.ent = d.entityFor(m)
		}
		if m.ent != nil && !m.anaphor {
			// Later mentions of this sentence may point back to it.
			d.last[m.ent.typ] = m.ent
			d.history = append(d.history, m.ent)
		}
		if m.ent != nil && m.alt != "" {
			m.ent.addAlias(m.alt)
		}
		if m.ent != nil && m.head != "" {
			if m.ent.heads == nil {
				m.ent.heads = map[string]bool{}
			}
			m.ent.heads[strings.ToLower(m.head)] = true
		}
		if m.tail != nil && m.tail.ent == nil {
			m.tail.ent = d.entityFor(m.tail)
		}
		if m.owner != nil && m.owner.ent == nil {
			m.owner.ent = d.entityFor(m.owner)
		}
		if in := m.inner; in != nil {
			if in.ent == nil {
				in.ent = d.entityFor(in)
			}
			if in.owner != nil && in.owner.ent == nil {
				in.owner.ent = d.entityFor(in.owner)
			}
		}
	}
}

// antecedent finds the entity a definite noun points back to: the last
// one named with the same head noun ("projekt „X”" … "projektu"), else the
// last one of the type. An event noun with none opens a new event ("провів
// зустріч" → the meeting).
func (d *docState) antecedent(m *mention) *entity {
	head := strings.ToLower(m.name)
	for _, det := range []string{"the ", "a ", "an ", "die ", "der ", "das ", "den "} {
		head = strings.TrimPrefix(head, det)
	}
	if m.generic {
		if e := d.last[m.typ]; e != nil || m.typ != graph.Event {
			return e
		}
	}
	// "miasto", "the city": the town named last, not a body named after
	// towns ("Związek Miast …").
	if m.typ == graph.City {
		return d.last[graph.City]
	}
	for k := len(d.history) - 1; k >= 0 && k >= len(d.history)-40; k-- {
		if e := d.history[k]; e.heads[head] {
			return e
		}
	}
	// "Programą" after "mokymo programą": the head's last word.
	for k := len(d.history) - 1; k >= 0 && k >= len(d.history)-40; k-- {
		for h := range d.history[k].heads {
			if i := strings.LastIndexByte(h, ' '); i >= 0 && h[i+1:] == head {
				return d.history[k]
			}
		}
	}
	// "the Union", "Stowarzyszenie": the last entity whose name holds the
	// noun.
	if !strings.Contains(head, " ") && m.typ != graph.Event {
		for k := len(d.history) - 1; k >= 0 && k >= len(d.history)-40; k-- {
			e := d.history[k]
			if e.typ == graph.Person || e.typ == graph.City || e.typ == graph.Country || e.typ == graph.Event {
				continue
			}
			for _, ws := range e.forms() {
				for _, w := range ws {
					if w == graph.Fold(head) || inflected(w, graph.Fold(head), d.x.suf, false) {
						return e
					}
				}
			}
		}
	}
	if m.typ == graph.Event {
		// An event noun no earlier event was named with opens a new one:
		// "провів зустріч", "podczas jednego z paneli".
		e := d.newEntity("Event:"+head+":"+strconv.Itoa(len(d.list)), graph.Slug(d.doc.ID+" "+head), m.name, graph.Event)
		e.id = graph.Slug(strings.TrimSuffix(d.doc.ID, ".txt")) + "-" + graph.Slug(head)
		e.addAlias(m.surface)
		e.heads = map[string]bool{head: true}
		if m.head != "" {
			e.heads[m.head] = true // "spotkanie" finds "coroczne spotkanie podsumowujące"
		}
		e.note("event noun " + m.surface + " with no earlier event of that kind")
		return e
	}
	if e := d.last[m.typ]; e != nil {
		return e
	}
	return nil
}

// byInitials finds the one entity of the document whose name's capitalised
// words spell the acronym ("WCRS" → Wrocławskie Centrum Rozwoju
// Społecznego).
func (d *docState) byInitials(acr string) *entity {
	rs := []rune(acr)
	if len(rs) < 3 {
		return nil
	}
	var hit *entity
	for _, e := range d.list {
		if e.typ == graph.Person || e.typ == graph.City || e.typ == graph.Country {
			continue
		}
		var ini []rune
		for _, w := range strings.Fields(e.name) {
			r := []rune(w)
			if unicode.IsUpper(r[0]) {
				ini = append(ini, r[0])
			}
		}
		if string(ini) == acr {
			if hit != nil && hit != e {
				return nil
			}
			hit = e
		}
	}
	return hit
}

func cyrillicShare(s string) float64 {
	var c, l int
	for _, r := range s {
		if unicode.IsLetter(r) {
			l++
			if unicode.Is(unicode.Cyrillic, r) {
				c++
			}
		}
	}
	if l == 0 {
		return 0
	}
	return float64(c) / float64(l)
}

func isAcronymSpan(ts []token) bool {
	for _, t := range ts {
		if !t.acronym() {
			return false
		}
	}
	return len(ts) > 0 && len(ts) <= 3
}

// entityFor finds or makes the entity a mention names.
func (d *docState) entityFor(m *mention) *entity {
	if m.gaz != nil {
		key := "gaz:" + m.gaz.id
		e := d.byKey[key]
		if e == nil {
			e = d.newEntity(key, m.gaz.id, m.gaz.name, m.gaz.typ)
			e.gaz = m.gaz
			e.note("gazetteer " + m.gaz.id)
		}
		e.addAlias(m.surface)
		return e
	}
	if m.typ == "" {
		// Untyped names stay unresolved until context types them, unless
		// they are an acronym or the first words of a name already seen
		// ("Femcities" after "Femcities Network").
		f := graph.Fold(m.surface)
		if a := d.acronyms[f]; a != nil {
			return a
		}
		if m.j-m.i == 1 {
			if e := d.byInitials(m.surface); e != nil {
				e.addAlias(m.surface)
				e.note("initials " + m.surface)
				return e
			}
		}
		// A lone word that is the surname of one person of the document.
		if m.j-m.i == 1 {
			var p *entity
			n := 0
			for _, e := range d.list {
				if e.typ == graph.Person && (e.surname == f || inflected(f, e.surname, d.x.suf, true)) {
					p = e
					n++
				}
			}
			if n == 1 {
				p.addAlias(m.surface)
				p.note("surname " + m.surface)
				m.typ = graph.Person
				return p
			}
		}
		var hit *entity
		for _, e := range d.list {
			// Not a place's genitive before a lower-case head ("Rietavo"
			// of "Rietavo savivaldybės taryba"): that word names the town.
			if e.typ != graph.Person && e.gaz == nil && strings.HasPrefix(strings.Join(e.forms()[0], " "), f+" ") && !d.bodyOfBody(e.name) {
				if hit != nil && hit != e {
					return nil
				}
				hit = e
			}
		}
		if hit != nil {
			hit.addAlias(m.surface)
			hit.note("short form " + m.surface)
		}
		return hit
	}
	if m.typ == graph.Person {
		return d.person(m)
	}
	key := string(m.typ) + ":" + graph.Fold(m.name)
	if e := d.byKey[key]; e != nil {
		e.addAlias(m.surface)
		return e
	}
	// A bare head noun standing for a body named in full before:
	// "Уповноваженого" after "Уповноважений Верховної Ради України …".
	if m.j-m.i == 1 && m.typ == graph.PublicBody {
		f := graph.Fold(m.name)
		for _, e := range d.list {
			if e.typ != m.typ {
				continue
			}
			for _, w := range e.forms() {
				if len(w) > 1 && (w[0] == f || inflected(w[0], f, d.x.suf, false) || inflected(f, w[0], d.x.suf, false)) {
					e.addAlias(m.surface)
					e.note("short form " + m.surface)
					return e
				}
			}
		}
	}
	// Inflected forms of a name already seen: "Stowarzyszenia Homo Faber"
	// and "Stowarzyszenie Homo Faber".
	for _, e := range d.list {
		if e.typ == m.typ && e.gaz == nil && d.sameInflected(e.name, m.name) {
			e.addAlias(m.surface)
			e.note("inflected form " + m.surface)
			return e
		}
	}
	if e := d.x.gaz.lookup(m.name, d.x.suf); e != nil && e.typ == m.typ {
		m.gaz = e
		return d.entityFor(m)
	}
	if m.short {
		return nil
	}
	// An event named by its kind again ("Trzydniową konferencję" after
	// "XXX Konferencja …"): the last event with that head noun.
	if m.typ == graph.Event && m.head != "" && m.j-m.i <= 3 && !m.ordinal {
		for k := len(d.history) - 1; k >= 0; k-- {
			if e := d.history[k]; e.typ == graph.Event && e.heads[m.head] {
				e.addAlias(m.surface)
				e.note("same kind of event: " + m.surface)
				return e
			}
		}
	}
	// A name that is the beginning of a body named before, in another
	// case: "Уповноваженого Верховної Ради України" after the full name.
	if m.typ == graph.PublicBody || m.typ == graph.Organization || m.typ == graph.Network {
		mw := strings.Fields(graph.Fold(m.name))
		for _, e := range d.list {
			// Only known bodies: "Fundacja X" is not "Fundacja X POST".
			if e.typ != m.typ || len(mw) < 2 || e.gaz == nil {
				continue
			}
			for _, aw := range e.forms() {
				if len(aw) > len(mw) && d.sameInflected(strings.Join(aw[:len(mw)], " "), strings.Join(mw, " ")) {
					e.addAlias(m.surface)
					e.note("first words of " + strings.Join(aw, " "))
					return e
				}
			}
		}
	}
	e := d.newEntity(key, graph.Slug(m.name), m.name, m.typ)
	e.addAlias(m.surface)
	if m.surface != m.name {
		e.note("nominative of " + m.surface)
	}
	return e
}

func (d *docState) sameInflected(a, b string) bool {
	ta, tb := strings.Fields(graph.Fold(a)), strings.Fields(graph.Fold(b))
	if len(ta) != len(tb) || len(ta) < 2 {
		return false
	}
	for i := range ta {
		if ta[i] != tb[i] && !inflected(ta[i], tb[i], d.x.suf, false) && !inflected(tb[i], ta[i], d.x.suf, false) {
			return false
		}
	}
	return true
}

// person resolves a person mention: the full name, or a surname (with an
// initial) that only one person of the document carries.
func (d *docState) person(m *mention) *entity {
	words := strings.Fields(m.name)
	sur := graph.Fold(words[len(words)-1])
	key := "Person:" + graph.Fold(m.name)
	if e := d.byKey[key]; e != nil {
		e.addAlias(m.surface)
		return e
	}
	var same []*entity
	for _, e := range d.list {
		if e.typ == graph.Person && (e.surname == sur || inflected(sur, e.surname, d.x.suf, true)) {
			same = append(same, e)
		}
	}
	initialOnly := len(words) == 2 && len([]rune(strings.TrimSuffix(words[0], "."))) == 1
	if len(same) == 1 && (initialOnly || len(words) == 1) {
		e := same[0]
		e.addAlias(m.surface)
		e.note("same surname as " + e.name)
		return e
	}
	e := d.newEntity(key, graph.Slug(m.name), m.name, graph.Person)
	e.surname = sur
	e.addAlias(m.surface)
	if len(same) > 0 {
		e.note("not merged with " + same[0].name + ": different given name")
	}
	return e
}

func (d *docState) newEntity(key, id, name string, typ graph.EntityType) *entity {
	// Two different entities never share an id in one document: a second
	// one with the same slug gets its type appended.
	for _, o := range d.list {
		if o.id == id {
			id += "-" + strings.ToLower(string(typ))
			break
		}
	}
	e := &entity{id: id, name: name, typ: typ, order: len(d.list)}
	d.byKey[key] = e
	d.list = append(d.list, e)
	return e
}

// add records a statement once per subject, predicate and object.
func (d *docState) add(s *sentence, subj, obj *entity, p graph.Predicate, conf float64, rule string) {
	if subj == nil || obj == nil || subj == obj || subj.id == obj.id {
		return
	}
	if !signatureOK(p, subj.typ, obj.typ) {
		return
	}
	k := subj.id + "|" + string(p) + "|" + obj.id
	if p.Symmetric() && obj.id < subj.id {
		k = obj.id + "|" + string(p) + "|" + subj.id
	}
	if i, ok := d.seen[k]; ok {
		if conf > d.stmts[i].Confidence {
			d.stmts[i].Confidence = conf
		}
		return
	}
	st := graph.Statement{Predicate: p, Confidence: conf, Rule: rule,
		Evidence: graph.Evidence{Document: d.doc.ID, Sentence: s.text, Start: s.start, End: s.end}}
	st.Subject.ID, st.Object.ID = subj.id, obj.id // filled in full by statements()
	st.Start, st.End = sentenceDates(s, d.lexFor(s))
	d.seen[k] = len(d.stmts)
	d.stmts = append(d.stmts, st)
}

// entities returns every entity found, in order of first mention.
func (d *docState) entities() []graph.Entity {
	out := make([]graph.Entity, 0, len(d.list))
	for _, e := range d.list {
		out = append(out, d.export(e))
	}
	return out
}

func (d *docState) export(e *entity) graph.Entity {
	aliases := append([]string(nil), e.aliases...)
	if e.gaz != nil {
		for _, n := range e.gaz.names {
			aliases = appendUnique(aliases, n)
		}
	}
	return graph.Entity{ID: e.id, Name: e.name, Type: e.typ, Aliases: aliases,
		Languages: []string{d.lang}, Resolution: strings.Join(e.resolution, "; ")}
}

func appendUnique(xs []string, s string) []string {
	for _, x := range xs {
		if x == s {
			return xs
		}
	}
	return append(xs, s)
}

// statements returns the statements with full subject and object entities,
// in document order.
func (d *docState) statements() []graph.Statement {
	byID := map[string]graph.Entity{}
	for _, e := range d.list {
		byID[e.id] = d.export(e)
	}
	out := make([]graph.Statement, len(d.stmts))
	for i, st := range d.stmts {
		st.Subject = byID[st.Subject.ID]
		st.Object = byID[st.Object.ID]
		out[i] = st
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Evidence.Start < out[j].Evidence.Start })
	return out
}

// bodyOfBody reports a name whose second word is a lower-case head noun of
// its own: the first word is then a place's genitive or adjective before a
// body of that place's body ("Rietavo savivaldybės taryba"), and a bare
// first word names the town, not this body ("Šakių" of "Šakių rajono
// savivaldybė" may still name the municipality).
func (d *docState) bodyOfBody(name string) bool {
	lx := d.x.lex[d.lang]
	if lx == nil {
		return false
	}
	toks := tokenize(name, 0)
	if len(toks) < 3 || !toks[1].word() || toks[1].capital() {
		return false
	}
	_, n := lx.headType(lx.tailHeads, toks, 1)
	return n > 0 && 1+n < len(toks)
}
