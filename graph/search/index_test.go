package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/ties-graph/ties/graph"
)

func TestScoreOrder(t *testing.T) {
	// Each case's score must be above the next one's.
	tests := []struct {
		name, query, form string
	}{
		{"exact", "Kraków", "krakow"},
		{"prefix of the whole name", "Kraków", "Kraków Technology Park"},
		{"inflected", "Krakowie", "Kraków"},
		{"token prefix", "Techn", "Kraków Technology Park"},
		{"similar (a typo)", "Eurocitties", "Eurocities"},
	}
	prev := 2.0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := score(newForm(tt.query), newForm(tt.form))
			if sc < MinScore || sc >= prev {
				t.Errorf("score(%q, %q) = %v, want in [%v, %v)", tt.query, tt.form, sc, MinScore, prev)
			}
			prev = sc
		})
	}
}

func TestScoreMisses(t *testing.T) {
	tests := []struct{ query, form string }{
		{"Lublin", "Berlin"},
		{"Rada", "Eurocities"},
		{"kra", "Vilnius"},
	}
	for _, tt := range tests {
		if sc := score(newForm(tt.query), newForm(tt.form)); sc >= MinScore {
			t.Errorf("score(%q, %q) = %v, want below %v", tt.query, tt.form, sc, MinScore)
		}
	}
}

func TestSearchFinds(t *testing.T) {
	ix := New()
	ix.Put(entity("krakow", graph.City, "Kraków", "Krakowie", "Cracow"))
	ix.Put(entity("lviv", graph.City, "Lviv", "Львів", "Lwów"))
	ix.Put(entity("coe", graph.Organization, "Council of Europe", "Rada Europy"))
	ix.Put(entity("ktp", graph.Organization, "Kraków Technology Park"))
	ix.Put(entity("eurocities", graph.Network, "Eurocities"))
	tests := []struct {
		query, want string
		types       []graph.EntityType
	}{
		{"Krakowa", "krakow", nil},
		{"KRAKÓW", "krakow", nil},
		{"Львів", "lviv", nil},
		{"Lwow", "lviv", nil},
		{"Eurocitties", "eurocities", nil},
		{"europy", "coe", nil},
		{"рада європи", "coe", nil},
		{"Technology Park", "ktp", nil},
		{"Krakow", "ktp", []graph.EntityType{graph.Organization}},
		{"Krakow", "", []graph.EntityType{graph.Network}},
		{"zzzzqqq", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, err := ix.Search(context.Background(), tt.query, graph.SearchOptions{Types: tt.types})
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if len(hits) > 0 {
					t.Errorf("got %+v, want nothing", hits)
				}
				return
			}
			if len(hits) == 0 || hits[0].Entity.ID != tt.want {
				t.Errorf("got %+v, want %s first", hits, tt.want)
			}
		})
	}
	ix.Remove("lviv")
	if hits, _ := ix.Search(context.Background(), "Lviv", graph.SearchOptions{}); len(hits) > 0 {
		t.Errorf("removed entity still found: %+v", hits)
	}
	if err := ix.Check(); err != nil {
		t.Error(err)
	}
}

func TestSearchInvalid(t *testing.T) {
	ix := New()
	for _, opt := range []graph.SearchOptions{{Limit: -1}, {Types: []graph.EntityType{"Dragon"}}} {
		if _, err := ix.Search(context.Background(), "x", opt); graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("%+v: error %v, want EINVALID", opt, err)
		}
	}
	if _, err := ix.Search(context.Background(), " ,. ", graph.SearchOptions{}); graph.ErrorCode(err) != graph.EINVALID {
		t.Errorf("no letters: error %v, want EINVALID", err)
	}
}

// TestIndexAgainstDefinition puts, replaces and removes generated
// multilingual entities at random, then checks the index's structure, its
// postings against an index built afresh from the entities left, and its
// answers against scoring every entity by the definition (score).
func TestIndexAgainstDefinition(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { againstDefinition(t, seed) })
	}
}

func againstDefinition(t *testing.T, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 4))
	ix := New()
	live := map[string]graph.Entity{}
	const n = 700
	for step := 0; step < 3*n; step++ {
		id := fmt.Sprintf("e%d", r.IntN(n))
		switch {
		case r.IntN(8) == 0:
			ix.Remove(id)
			delete(live, id)
		default:
			e := genEntity(r, id)
			ix.Put(e)
			live[id] = e
		}
	}
	if ix.Len() != len(live) {
		t.Fatalf("Len %d, want %d", ix.Len(), len(live))
	}
	if err := ix.Check(); err != nil {
		t.Fatal(err)
	}
	fresh := New()
	for _, e := range live {
		fresh.Put(e)
	}
	if !reflect.DeepEqual(ix.Postings(), fresh.Postings()) {
		t.Fatal("postings differ from an index built afresh")
	}
	for id, e := range live {
		if got, ok := ix.Entity(id); !ok || !reflect.DeepEqual(got, e) {
			t.Fatalf("Entity(%s) = %+v, want %+v", id, got, e)
		}
	}
	var queries []string
	for _, e := range live {
		if len(queries) == 80 {
			break
		}
		forms := append([]string{e.Name}, e.Aliases...)
		f := forms[r.IntN(len(forms))]
		switch r.IntN(5) {
		case 0:
			f = typo(r, f)
		case 1:
			f = graph.Fold(f)
		case 2:
			f = strings.Fields(f)[0]
		case 3:
			if rs := []rune(f); len(rs) > 4 {
				f = string(rs[:2+r.IntN(len(rs)-3)])
			}
		}
		queries = append(queries, f)
	}
	queries = append(queries, "Fundacja", "Rada", "ka", "k", "Forum 2015", "Sieć Ka", "Tinklas")
	for _, q := range queries {
		for _, opt := range []graph.SearchOptions{{Limit: 10}, {Limit: 3, Types: []graph.EntityType{graph.Organization}}} {
			got, err := ix.Search(context.Background(), q, opt)
			if err != nil {
				t.Fatal(err)
			}
			want := bruteForce(live, q, opt)
			if !sameHits(got, want) {
				t.Errorf("Search(%q, %+v):\n got %s\nwant %s", q, opt, show(got), show(want))
			}
		}
	}
}

func sameHits(a, b []graph.SearchHit) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Entity.ID != b[i].Entity.ID || a[i].Matched != b[i].Matched || a[i].Score != b[i].Score {
			return false
		}
	}
	return true
}

func show(hs []graph.SearchHit) string {
	var b strings.Builder
	for _, h := range hs {
		fmt.Fprintf(&b, "[%s %.4f %q] ", h.Entity.ID, h.Score, h.Matched)
	}
	return b.String()
}

// bruteForce scores every entity's every form by the definition, among
// the entities the index can reach (see the package doc): those with a
// form the query starts or a token scoring for a query token.
func bruteForce(live map[string]graph.Entity, text string, opt graph.SearchOptions) []graph.SearchHit {
	q := newForm(text)
	var hits []graph.SearchHit
	for _, e := range live {
		if len(opt.Types) > 0 && !slices.Contains(opt.Types, e.Type) {
			continue
		}
		var h graph.SearchHit
		var keys []string
		reach := false
		for _, text := range append([]string{e.Name}, e.Aliases...) {
			f := newForm(text)
			reach = reach || f.key != "" && strings.HasPrefix(f.key, q.key)
			for _, ft := range f.tokens {
				for _, qt := range q.tokens {
					reach = reach || tokenScore(qt, ft) > 0
				}
			}
		}
		if !reach {
			continue
		}
		for _, text := range append([]string{e.Name}, e.Aliases...) {
			f := newForm(text)
			if f.key == "" || slices.Contains(keys, f.key) {
				continue
			}
			keys = append(keys, f.key)
			sc := score(q, f)
			if sc > h.Score || sc == h.Score && sc > 0 && len(text) < len(h.Matched) {
				h.Score, h.Matched = sc, text
			}
		}
		if h.Score >= MinScore {
			h.Entity = e
			hits = append(hits, h)
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if len(a.Matched) != len(b.Matched) {
			return len(a.Matched) < len(b.Matched)
		}
		return a.Entity.ID < b.Entity.ID
	})
	return hits[:min(len(hits), opt.Limit)]
}

func entity(id string, t graph.EntityType, name string, aliases ...string) graph.Entity {
	return graph.Entity{ID: id, Name: name, Type: t, Aliases: aliases}
}

// genEntity makes an entity with names in the ways the documents write
// them: stems from a few syllables (so that many are alike), generic head
// words, inflected and Cyrillic forms.
func genEntity(r *rand.Rand, id string) graph.Entity {
	syl := strings.Fields("ka ri lo ve ma na to ru sa de")
	var b strings.Builder
	for k := 0; k < 2+r.IntN(3); k++ {
		b.WriteString(syl[r.IntN(len(syl))])
	}
	stem := strings.ToUpper(b.String()[:1]) + b.String()[1:] + []string{"n", "r", "s", ""}[r.IntN(4)]
	heads := []struct {
		t         graph.EntityType
		nom, gen  string
		ukr, year bool
	}{
		{graph.Organization, "Fundacja %s", "Fundacji %sa", true, false},
		{graph.Network, "Sieć %s", "Sieci %sy", false, false},
		{graph.PublicBody, "Rada Miasta %s", "Radzie Miasta %su", true, false},
		{graph.City, "%s", "%sie", true, false},
		{graph.Event, "Forum %s", "Forum %sa", false, true},
		{graph.Network, "%s tinklas", "%s tinklo", false, false},
	}
	h := heads[r.IntN(len(heads))]
	name, obl := fmt.Sprintf(h.nom, stem), fmt.Sprintf(h.gen, stem)
	if h.year {
		y := fmt.Sprint(2010 + r.IntN(10))
		name, obl = name+" "+y, obl+" "+y
	}
	aliases := []string{obl}
	if h.ukr {
		aliases = append(aliases, cyr(name))
	}
	if r.IntN(3) == 0 {
		aliases = append(aliases, stem)
	}
	sort.Strings(aliases)
	return graph.Entity{ID: id, Name: name, Type: h.t, Aliases: slices.Compact(aliases)}
}

func cyr(s string) string {
	m := map[rune]string{'a': "а", 'c': "ц", 'd': "д", 'e': "е", 'f': "ф", 'i': "і", 'j': "й", 'k': "к", 'l': "л",
		'm': "м", 'n': "н", 'o': "о", 'r': "р", 's': "с", 't': "т", 'u': "у", 'v': "в", 'w': "в", 'y': "и", 'z': "з"}
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		if t, ok := m[c]; ok {
			b.WriteString(t)
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// typo drops, doubles or swaps one letter within a word. (Words run
// together are found only as far as each word's similarity goes: the
// index has no trigram lists of whole names, see the package doc.)
func typo(r *rand.Rand, s string) string {
	rs := []rune(s)
	if len(rs) < 4 {
		return s
	}
	i := 1 + r.IntN(len(rs)-2)
	if rs[i] == ' ' || rs[i+1] == ' ' {
		return s
	}
	switch r.IntN(3) {
	case 0:
		rs = slices.Delete(rs, i, i+1)
	case 1:
		rs = slices.Insert(rs, i, rs[i])
	default:
		rs[i], rs[i+1] = rs[i+1], rs[i]
	}
	return string(rs)
}
