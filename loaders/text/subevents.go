package text

import (
	"strings"

	"github.com/ties-graph/ties/graph"
)

// subEvents reads the sessions and panels of a conference: an event headed
// by a sub-event noun ("sesja otwierająca", "Druga sesja plenarna", "the
// panel") that the document shows as held (people took part in it, or it
// is counted) is part of the main event (conference, forum, congress)
// named before it. The evidence is the sentence that first names the
// session.
func (d *docState) subEvents() {
	for _, e := range d.list {
		if e.typ != evt || e.first == nil || !d.eventHeadIn(e, func(lx *lexicon) wordSet { return lx.subEvents }) {
			continue
		}
		if !d.held(e) || d.hasPart(e) {
			continue
		}
		var main *entity
		for _, m := range d.list {
			if m.typ == evt && m.order < e.order && m != e &&
				d.eventHeadIn(m, func(lx *lexicon) wordSet { return lx.mainEvents }) &&
				!d.eventHeadIn(m, func(lx *lexicon) wordSet { return lx.subEvents }) {
				main = m
			}
		}
		if main != nil {
			d.add(e.first, e, main, graph.PartOf, 0.6, d.lang+"/part/sub-event")
		}
	}
}

// eventHeadIn reports whether one of the entity's head nouns is in the word set
// of some language.
func (d *docState) eventHeadIn(e *entity, set func(*lexicon) wordSet) bool {
	heads := make([]string, 0, len(e.heads)+1)
	for h := range e.heads {
		heads = append(heads, h)
	}
	if f := strings.Fields(strings.ToLower(e.name)); len(heads) == 0 && len(f) > 0 {
		// Names typed by a head noun first or last ("Panel on …",
		// "Baltic Urban Forum").
		heads = append(heads, f[0], f[len(f)-1])
	}
	for _, h := range heads {
		toks := tokenize(h, 0)
		for _, lx := range d.x.lex {
			if len(toks) > 0 && set(lx).matchAt(toks, 0) > 0 {
				return true
			}
		}
	}
	return false
}

// held: someone took part in the event, or its name counts it ("Druga
// sesja", "second session").
func (d *docState) held(e *entity) bool {
	for _, st := range d.stmts {
		if st.Object.ID == e.id && st.Predicate == graph.Attended {
			return true
		}
	}
	if f := strings.Fields(e.name); len(f) > 0 {
		return ordinalWord(graph.Fold(f[0]))
	}
	return false
}

// hasPart: the event is already part of something.
func (d *docState) hasPart(e *entity) bool {
	for _, st := range d.stmts {
		if st.Subject.ID == e.id && st.Predicate == graph.PartOf {
			return true
		}
	}
	return false
}

// eventTitles reads English headlines and titles that name an event with
// lower-case words after its proper name, up to the verb that says it took
// place: "Meeting of UBC LTU member cities took place in Kaunas".
func (d *docState) eventTitles(s *sentence, lx *lexicon, used []bool, out []*mention) {
	toks := s.toks
	for _, m := range out {
		if m.anaphor || m.typ != graph.Event || m.gaz != nil {
			continue
		}
		k := m.j
		for k < len(toks) && k < m.j+3 && toks[k].word() && !toks[k].capital() && !used[k] && lx.happen.matchAt(toks, k) == 0 && !lx.conn[toks[k].fold] {
			k++
		}
		if k == m.j || k >= len(toks) || lx.happen.matchAt(toks, k) == 0 {
			continue
		}
		extra := s.span(m.j, k)
		for q := m.j; q < k; q++ {
			used[q] = true
		}
		m.name = strings.TrimSpace(m.name + " " + extra)
		m.j = k
		m.surface = s.span(m.i, m.j)
	}
}
