package text

import (
	"sort"
	"strconv"
	"strings"

	"github.com/ties-graph/ties/graph"
)

// eventKinds maps folded stems of event nouns in every language to one
// class, so "sesja", "session" and "сесія" of one body give one id.
var eventKinds = func() []struct{ kind, stem string } {
	groups := []struct {
		kind  string
		stems []string
	}{
		{"session", []string{"sesj", "sesij", "session", "сесі", "sitzung"}},
		{"conference", []string{"konferenc", "conferenc", "конференц", "konferenz"}},
		{"meeting", []string{"spotkan", "meeting", "зустріч", "susitikim", "treffen", "posiedzen", "засідан", "posėd"}},
		{"assembly", []string{"zgromadzen", "assembl", "асамбле", "asamblej", "versammlung"}},
		{"forum", []string{"forum", "форум"}},
		{"summit", []string{"szczyt", "summit", "саміт", "samit", "gipfel"}},
		{"congress", []string{"kongres", "congress", "конгрес", "kongress", "zjazd", "з'їзд", "suvažiavim"}},
		{"seminar", []string{"seminar", "семінар"}},
		{"workshop", []string{"warsztat", "workshop"}},
		{"training", []string{"szkoleni", "training", "schulung", "тренінг", "mokym"}},
		{"festival", []string{"festiwal", "festival", "фестивал"}},
		{"panel", []string{"panel", "панел"}},
	}
	var out []struct{ kind, stem string }
	for _, g := range groups {
		for _, s := range g.stems {
			out = append(out, struct{ kind, stem string }{g.kind, graph.Fold(s)})
		}
	}
	return out
}()

func eventKind(f string) string {
	for _, k := range eventKinds {
		if strings.HasPrefix(f, k.stem) {
			return k.kind
		}
	}
	return ""
}

// ordinalValues gives the number of the ordinal stems ("druga" → 2).
var ordinalValues = func() map[string]int {
	m := map[string]int{}
	for i, group := range [][]string{
		{"pierwsz", "first", "перш", "pirm", "erst"},
		{"drug", "second", "друг", "antr", "zweit"},
		{"trzec", "third", "трет", "treci", "dritt"},
		{"czwart", "fourth", "четверт", "ketvirt", "viert"},
		{"piat", "fifth"},
	} {
		for _, s := range group {
			m[graph.Fold(s)] = i + 1
		}
	}
	return m
}()

// romanValue reads an upper-case Roman numeral; 0 when w is none.
func romanValue(w string) int {
	val := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100, 'D': 500, 'M': 1000}
	n := 0
	for i := 0; i < len(w); i++ {
		v, ok := val[w[i]]
		if !ok {
			return 0
		}
		if i+1 < len(w) && val[w[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	if n <= 0 || n >= 200 {
		return 0
	}
	return n
}

// eventKey is what an event's name says about which event it is.
type eventKey struct {
	kind   string // class of the event noun ("session")
	body   string // gazetteer id of the body it belongs to
	number int    // ordinal ("59th", "XVIII", "druga")
	year   int    // a year in the name ("2020")
	proper bool   // a capitalised word of its own ("Baltic Climate Conference")
	// own are the capitalised words beside the body's name ("Executive
	// Board", "Generalna"): they tell two events of one body apart.
	own []string
}

// prefix is the id of the event without its number or date:
// body-kind, with the event's own words between.
func (k eventKey) prefix() string {
	if len(k.own) == 0 {
		return k.body + "-" + k.kind
	}
	return k.body + "-" + graph.Slug(strings.Join(k.own, " ")) + "-" + k.kind
}

// readEventName parses an event's nominative name.
func (d *docState) readEventName(name string) eventKey {
	var k eventKey
	var ws []token
	for _, t := range tokenize(name, 0) {
		if !t.punct() {
			ws = append(ws, t)
		}
	}
	covered := make([]bool, len(ws))
	bodies := map[string]*gazEntry{}
	lemmas := d.lemmaTokens(ws)
	for i := 0; i < len(ws); i++ {
		e, n := d.x.gaz.match(ws, i, d.x.suf)
		if e == nil && lemmas != nil {
			// Case forms the suffix rules miss: "Rady Praw Człowieka
			// ONZ" through the dictionary's "rada".
			e, n = d.x.gaz.match(lemmas, i, d.x.suf)
		}
		if e == nil || e.typ == graph.Event || e.typ == graph.City || e.typ == graph.Country || e.typ == graph.Person {
			continue
		}
		bodies[e.id] = e
		for j := i; j < i+n; j++ {
			covered[j] = true
		}
		i += n - 1
	}
	// Two bodies: the unit of the other one names the event ("Komitet
	// Regionów UE"); unrelated ones leave it open.
	for id, e := range bodies {
		unit := true
		for oid, o := range bodies {
			if oid != id && !hasParent(e, o) {
				unit = false
			}
		}
		if unit {
			k.body = id
		}
	}
	for i, t := range ws {
		switch {
		case t.kind == tNum:
			digits := strings.TrimRightFunc(t.text, func(r rune) bool { return r < '0' || r > '9' })
			v, err := strconv.Atoi(digits)
			if err != nil {
				continue
			}
			if len(digits) == 4 && digits == t.text && v >= 1900 && v < 2100 {
				k.year = v
			} else if k.number == 0 && v > 0 && v < 1000 {
				k.number = v
			}
		case romanValue(t.text) > 0 && (len(t.text) >= 2 || i == 0):
			if k.number == 0 {
				k.number = romanValue(t.text)
			}
		case ordinalValues[firstOrdinalStem(t.fold)] > 0 && !t.capital() || i == 0 && firstOrdinalStem(t.fold) != "":
			if k.number == 0 {
				k.number = ordinalValues[firstOrdinalStem(t.fold)]
			}
		case eventKind(t.fold) != "":
			if k.kind == "" {
				k.kind = eventKind(t.fold)
			}
		case t.capital() && !covered[i]:
			if eventDeterminers[t.fold] {
				continue
			}
			k.proper = k.proper || i > 0
			// Five letters stand for the word in any case form and in
			// the languages that share it: "Generalnej", "General".
			k.own = append(k.own, string([]rune(t.fold)[:min(5, len([]rune(t.fold)))]))
		case specialWord(t.fold):
			// "extraordinary session" is not the ordinary one of that number.
			k.own = append(k.own, "special")
		}
	}
	return k
}

var eventDeterminers = map[string]bool{"the": true, "a": true, "an": true, "die": true, "der": true, "das": true, "den": true}

// specialStems mark events outside a body's ordinary count.
var specialStems = foldAll("extraordinar", "special", "nadzwyczaj", "specjaln", "позачерг", "спеціальн", "neeilin", "specialioj", "außerordentlich", "sonder")

func specialWord(f string) bool {
	for _, s := range specialStems {
		if strings.HasPrefix(f, s) {
			return true
		}
	}
	return false
}

// lemmaTokens is ws with each word folded from its dictionary base form,
// nil without morphology.
func (d *docState) lemmaTokens(ws []token) []token {
	if d.x.morph == nil {
		return nil
	}
	out := make([]token, len(ws))
	for i, t := range ws {
		out[i] = t
		if t.word() && !t.acronym() {
			if l := d.x.morph.Lemma(d.lang, t.text); l != "" {
				out[i].fold = graph.Fold(l)
				out[i].key = strings.ReplaceAll(out[i].fold, " ", "")
			}
		}
	}
	return out
}

// eventHeadNoun returns the slug of a head noun the event was named with that
// stands in its name, "" when none does.
func (d *docState) eventHeadNoun(e *entity) string {
	var heads []string
	for h := range e.heads {
		heads = append(heads, h)
	}
	sort.Strings(heads)
	words := e.forms()[0]
	for _, h := range heads {
		hw := strings.Fields(graph.Fold(h))
		if len(hw) == 0 {
			continue
		}
		for _, w := range words {
			if w == hw[0] || inflected(w, hw[0], d.x.suf, false) || inflected(hw[0], w, d.x.suf, false) {
				return graph.Slug(h)
			}
		}
	}
	return ""
}

func firstOrdinalStem(f string) string {
	for s := range ordinalValues {
		if strings.HasPrefix(f, s) {
			return s
		}
	}
	return ""
}

func hasParent(e, p *gazEntry) bool {
	for _, x := range e.parents {
		if x == p || hasParent(x, p) {
			return true
		}
	}
	return false
}

// eventIDs gives an event a document-independent id when its name
// identifies it on its own, and keeps generic ones ("spotkanie", "the
// meeting") to the document: the same real event named in two documents,
// in any language, becomes one node, and two meetings of one body on two
// dates stay two.
func (d *docState) eventIDs() {
	scope := graph.Slug(strings.TrimSuffix(d.doc.ID, ".txt"))
	renamed := map[string]string{}
	taken := map[string]bool{}
	for _, e := range d.list {
		taken[e.id] = true
	}
	for _, e := range d.list {
		if e.typ != graph.Event || e.gaz != nil || strings.HasPrefix(e.id, scope+"-") {
			continue
		}
		k := d.readEventName(e.name)
		if k.kind == "" {
			// A head noun outside the classes above ("gala", "targi")
			// still makes the name no title.
			k.kind = d.eventHeadNoun(e)
		}
		id, why := "", ""
		switch {
		case k.kind == "":
			// No event noun: a title ("Zdrowie mieszkańców jako element …").
			id, why = graph.Slug(e.name), "event title"
		case k.body != "" && k.number > 0:
			id = k.prefix() + "-" + strconv.Itoa(k.number)
			why = "body " + k.body + ", " + k.kind + " number " + strconv.Itoa(k.number)
		case k.body != "" && k.year > 0:
			id = k.prefix() + "-" + strconv.Itoa(k.year)
			why = "body " + k.body + ", " + k.kind + " of " + strconv.Itoa(k.year)
		case k.proper && (k.number > 0 || k.year > 0):
			id, why = graph.Slug(e.name), "named and counted event"
		case k.body != "" && e.first != nil:
			if from, _ := sentenceDates(e.first, d.lexFor(e.first)); len(from) == len("2006-01-02") {
				id = k.prefix() + "-" + from
				why = "body " + k.body + ", " + k.kind + " on " + from
			}
		case k.proper:
			id, why = graph.Slug(e.name), "named event"
		}
		if id == "" {
			id, why = scope+"-"+graph.Slug(e.name), "generic event, kept to its document"
		}
		if id == e.id {
			e.note("document-independent id: " + why)
			continue
		}
		if taken[id] {
			continue // two events of the document would share it
		}
		taken[id] = true
		renamed[e.id] = id
		e.id = id
		e.note("id " + id + ": " + why)
	}
	if len(renamed) == 0 {
		return
	}
	d.seen = map[string]int{}
	for i := range d.stmts {
		st := &d.stmts[i]
		if n, ok := renamed[st.Subject.ID]; ok {
			st.Subject.ID = n
		}
		if n, ok := renamed[st.Object.ID]; ok {
			st.Object.ID = n
		}
		key := st.Subject.ID + "|" + string(st.Predicate) + "|" + st.Object.ID
		if st.Predicate.Symmetric() && st.Object.ID < st.Subject.ID {
			key = st.Object.ID + "|" + string(st.Predicate) + "|" + st.Subject.ID
		}
		d.seen[key] = i
	}
}
