package text

import "github.com/ties-graph/ties/graph"

// townlessMayors reads "Die Konferenz fand in Potsdam statt.
// Oberbürgermeister Mike Schubert unterzeichnete …": a mayor named without
// a town holds the office of the one town the sentence before names, when
// that sentence names no other place or body (which might be the mayor's).
func (d *docState) townlessMayors(s *sentence, lx *lexicon, ms []*mention, prev []*mention) {
	var town *entity
	for _, m := range prev {
		if m.ent == nil || m.anaphor {
			continue
		}
		switch m.ent.typ {
		case cty:
			if town != nil && town != m.ent {
				return
			}
			town = m.ent
		case ctr, pub, org, net:
			return
		}
	}
	if town == nil {
		return
	}
	toks := s.toks
	for mi, m := range ms {
		if m.ent == nil || m.ent.typ != per {
			continue
		}
		// The office right before the name: "Oberbürgermeister Dirk
		// Hilbert", "Meras Antanas Černeckis".
		k := m.i - 1
		for k >= 0 && toks[k].word() && honorific(toks[k]) {
			k--
		}
		start := -1
		for b := k; b >= 0 && b >= k-2; b-- {
			if n := lx.mayors.matchAt(toks, b); n > 0 && b+n == k+1 {
				start = b
			}
		}
		if start < 0 || mentionAt(ms, start) >= 0 {
			continue
		}
		// A town of this sentence near the office is the mayor's own.
		if mi > 0 && ms[mi-1].j == start {
			continue
		}
		if d.represents(m.ent) {
			continue
		}
		// "Bürgermeister X aus Opole": the town after the name.
		if mi+1 < len(ms) && ms[mi+1].i-m.j <= 1 && ms[mi+1].ent != nil && ms[mi+1].ent.typ == cty {
			continue
		}
		d.add(s, m.ent, town, graph.Represents, 0.6, lx.lang+"/role/represents/mayor-of-last-town")
	}
}

// represents: the person already represents something in the document.
func (d *docState) represents(e *entity) bool {
	for _, st := range d.stmts {
		if st.Subject.ID == e.id && st.Predicate == graph.Represents {
			return true
		}
	}
	return false
}

// townOf returns the one town a person represents, or nil.
func (d *docState) townOf(e *entity) *entity {
	var town *entity
	for _, st := range d.stmts {
		if st.Subject.ID == e.id && st.Predicate == graph.Represents {
			for _, o := range d.list {
				if o.id == st.Object.ID && o.typ == cty {
					if town != nil && town != o {
						return nil
					}
					town = o
				}
			}
		}
	}
	return town
}
