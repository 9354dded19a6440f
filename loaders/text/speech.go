package text

import "github.com/ties-graph/ties/graph"

// speech reads the people who speak at an event: "X opened the meeting",
// "The President of UBC Mr. X presented the topics", "In her opening
// address, Dr X …", "Konferencję otworzył X". A person who is the subject
// of a speech verb took part in the event the sentence names, or, when it
// names none, in the event the last five sentences spoke of (prev, the
// last event before this sentence).
func (d *docState) speech(s *sentence, lx *lexicon, ms []*mention, si int, prev *entity) {
	toks := s.toks
	for k := 0; k < len(toks); k++ {
		if mentionAt(ms, k) >= 0 {
			continue
		}
		if n := lx.speech.matchIdx(lx.speechIdx, toks, k); n > 0 {
			d.speechAt(s, lx, ms, si, prev, k, n)
			k += n - 1
		}
	}
}

// speechAt handles one speech word at toks[v:v+n].
func (d *docState) speechAt(s *sentence, lx *lexicon, ms []*mention, si int, prev *entity, v, n int) {
	toks := s.toks
	var ev *entity
	if e := d.sentenceEvent(ms); len(e) == 1 {
		// An event after the verb is where the speech was when it is the
		// verb's object ("opened the session") or a preposition of place
		// says so; "presented the work of the Culture Forum" names a topic.
		// The event the document is about counts wherever it stands.
		cur := prev == e[0].ent && si-d.eventSentence <= 5
		if e[0].i > v+n+2 && !e[0].afterLoc && !(e[0].i > 0 && lx.during.matchAt(toks, e[0].i-1) > 0) && !cur {
			return
		}
		ev = e[0].ent
	} else if e := prev; e != nil && si-d.eventSentence <= 5 {
		for _, m := range ms {
			if m.ent != nil && m.ent.typ == evt {
				return // two events: which one is unclear
			}
		}
		ev = e
	}
	if ev == nil {
		return
	}
	// The subject: the person nearest before the verb in the clause, else
	// right after it ("otworzył X", "opening address, Dr X").
	si0 := -1
	for mi, m := range ms {
		if m.j > v {
			break
		}
		if clauseBreak(toks, m.j, v) || coordClause(lx, toks, m.j, v) {
			si0 = -1
			continue
		}
		if m.ent != nil && m.ent.typ == per {
			si0 = mi
		}
	}
	var list []*mention
	if si0 >= 0 {
		list = append(list, ms[si0])
		// "X (Grecja) i Y (Irlandia) podzielili się …": every speaker of
		// a list, past the brackets of each.
		for q := si0 - 1; q >= 0; q-- {
			p := ms[q]
			if p.ent == nil {
				continue
			}
			if p.ent.typ != per {
				if inBrackets(toks, p) {
					continue
				}
				break
			}
			if !listGap(lx, toks, p.j, list[len(list)-1].i) {
				break
			}
			list = append(list, p)
		}
	} else if m := nextMention(toks, ms, v+n, 1); m != nil && m.ent != nil && m.ent.typ == per {
		list = append(list, m)
	}
	for _, m := range list {
		d.add(s, m.ent, ev, graph.Attended, 0.6, lx.lang+"/attended/speech")
	}
}

// coordClause: ", a", ", and" between a and b opens a new clause with its
// own subject ("…, a przedstawicielka X Y przedstawiła").
func coordClause(lx *lexicon, toks []token, a, b int) bool {
	for k := a; k+1 < b; k++ {
		if toks[k].text == "," && toks[k+1].word() && lx.coord.matchAt(toks, k+1) > 0 {
			return true
		}
	}
	return false
}

// inBrackets: the mention is the whole of a bracket ("(Grecja)").
func inBrackets(toks []token, m *mention) bool {
	return m.i > 0 && m.j < len(toks) && toks[m.i-1].text == "(" && toks[m.j].text == ")"
}

// listGap: only commas, coordinators and bracketed words stand in
// toks[a:b].
func listGap(lx *lexicon, toks []token, a, b int) bool {
	depth := 0
	for k := a; k < b; k++ {
		t := toks[k]
		switch {
		case t.text == "(":
			depth++
		case t.text == ")":
			depth--
		case depth > 0 || t.text == ",":
		case t.word() && lx.coord.matchAt(toks, k) > 0:
		default:
			return false
		}
	}
	return depth == 0
}

// clauseBreak: a clause barrier stands in toks[a:b].
func clauseBreak(toks []token, a, b int) bool {
	for k := a; k < b && k < len(toks); k++ {
		if barrier(toks[k]) && toks[k].text != "(" && toks[k].text != ")" {
			return true
		}
	}
	return false
}
