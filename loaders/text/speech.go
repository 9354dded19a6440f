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
	v, n := -1, 0
	for k := range toks {
		if mentionAt(ms, k) >= 0 {
			continue
		}
		if n = lx.speech.matchAt(toks, k); n > 0 {
			v = k
			break
		}
	}
	if v < 0 {
		return
	}
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
	var subj *mention
	for _, m := range ms {
		if m.j > v {
			break
		}
		if clauseBreak(toks, m.j, v) {
			subj = nil
			continue
		}
		if m.ent != nil && m.ent.typ == per {
			subj = m
		}
	}
	if subj == nil {
		if m := nextMention(toks, ms, v+n, 1); m != nil && m.ent != nil && m.ent.typ == per {
			subj = m
		}
	}
	if subj == nil || subj.ent == nil {
		return
	}
	d.add(s, subj.ent, ev, graph.Attended, 0.6, lx.lang+"/attended/speech")
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
