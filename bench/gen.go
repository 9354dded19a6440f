package bench

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/ties-graph/ties/graph"
)

// Corpus is a generated graph: the entities, and one extraction per
// document as a loader would hand it to graph.Store.PutDocument.
type Corpus struct {
	Entities []Entity
	Docs     []graph.Extraction
	// Quads estimates the quads the documents contribute through ties'
	// quad model (the store's Stats gives the exact figure).
	Quads int
	seed  uint64
}

// Entity is one generated actor with its name forms per language.
type Entity struct {
	graph.Entity
	// Forms holds, per language (pl, uk, lt, en), the nominative and an
	// inflected form, the way news texts write them.
	Forms map[string][2]string
}

// Languages of the generated documents.
var Languages = []string{"pl", "uk", "lt", "en"}

// signature is the plausible subject and object types of a predicate
// (../shared/gold/vocabulary.md, restated here from the vocabulary's table).
type signature struct{ subj, obj []graph.EntityType }

const (
	per = graph.Person
	org = graph.Organization
	pub = graph.PublicBody
	cit = graph.City
	cou = graph.Country
	net = graph.Network
	evt = graph.Event
	prj = graph.Project
)

func signatures() map[graph.Predicate]signature {
	return map[graph.Predicate]signature{
		graph.MemberOf:    {[]graph.EntityType{cit, org, pub, per}, []graph.EntityType{net, org, pub, prj}},
		graph.Represents:  {[]graph.EntityType{per, pub}, []graph.EntityType{org, pub, cit, cou, net}},
		graph.Attended:    {[]graph.EntityType{per, org, pub, cit}, []graph.EntityType{evt}},
		graph.Organized:   {[]graph.EntityType{org, pub, cit, net, cou}, []graph.EntityType{evt, prj, net}},
		graph.LocatedIn:   {[]graph.EntityType{evt, org, pub, net, prj, cit}, []graph.EntityType{cit, cou}},
		graph.PartOf:      {[]graph.EntityType{evt, org, pub, prj, net}, []graph.EntityType{evt, org, pub, prj, net, cit, cou}},
		graph.Founded:     {[]graph.EntityType{cit, org, pub, per}, []graph.EntityType{net, org}},
		graph.Funded:      {[]graph.EntityType{org, pub, cou, prj}, []graph.EntityType{prj, evt, org}},
		graph.Supported:   {[]graph.EntityType{org, pub, net}, []graph.EntityType{evt, prj, net}},
		graph.Coordinates: {[]graph.EntityType{cit, org, pub}, []graph.EntityType{net, prj, org}},
		graph.PartnerOf:   {[]graph.EntityType{cit, org, pub, net}, []graph.EntityType{cit, org, pub, net}},
	}
}

// typeShare is how often each type occurs among entities, in per mille.
var typeShare = []struct {
	t graph.EntityType
	n int
}{{per, 330}, {org, 250}, {pub, 110}, {cit, 130}, {cou, 15}, {net, 45}, {evt, 80}, {prj, 40}}

// Quads per document in ties' model: 7 for the document node, 1 mention +
// type + name + 2 aliases + language per entity, about 12.5 per statement
// (10 statement quads, rule, dates sometimes, the direct edge).
const (
	docQuads    = 7
	entityQuads = 6
	stmtQuads   = 12
)

// Generate makes a corpus of about quads quads, deterministic for a seed:
// entities picked by a Zipf law within each type (a few hubs, a long tail),
// every predicate with subjects and objects of plausible types, statements
// with evidence sentences in the document's language and their offsets.
func Generate(seed uint64, quads int) *Corpus {
	r := rand.New(rand.NewPCG(seed, 0x7165))
	// About 100 quads per document (10k documents at 1M quads) and one
	// entity per 40 quads.
	nEnt := max(64, quads/40)
	c := &Corpus{seed: seed}
	byType := map[graph.EntityType][]int{}
	for i := 0; i < nEnt; i++ {
		t := pickType(r)
		e := newEntity(i, t, r)
		byType[t] = append(byType[t], len(c.Entities))
		c.Entities = append(c.Entities, e)
	}
	for _, ts := range typeShare {
		if len(byType[ts.t]) == 0 { // tiny corpora: every type present
			e := newEntity(nEnt+len(c.Entities), ts.t, r)
			byType[ts.t] = append(byType[ts.t], len(c.Entities))
			c.Entities = append(c.Entities, e)
		}
	}
	zipf := map[graph.EntityType]*rand.Zipf{}
	for t, ids := range byType {
		zipf[t] = rand.NewZipf(r, 1.15, 2, uint64(len(ids)-1))
	}
	pick := func(ts []graph.EntityType) int {
		t := ts[r.IntN(len(ts))]
		return byType[t][zipf[t].Uint64()]
	}
	sig := signatures()
	for i := 0; c.Quads < quads; i++ {
		x, n := c.document(i, r, sig, pick)
		c.Docs = append(c.Docs, x)
		c.Quads += n
	}
	return c
}

func pickType(r *rand.Rand) graph.EntityType {
	n := r.IntN(1000)
	for _, ts := range typeShare {
		if n < ts.n {
			return ts.t
		}
		n -= ts.n
	}
	return per
}

// document composes document i: 1 to 6 statements (most 2 to 5), their
// sentences in the document's language forming its text.
func (c *Corpus) document(i int, r *rand.Rand, sig map[graph.Predicate]signature, pick func([]graph.EntityType) int) (graph.Extraction, int) {
	lang := Languages[i%len(Languages)]
	id := fmt.Sprintf("gen-%06d-%s.txt", i, lang)
	n := 1 + r.IntN(4) + r.IntN(3)
	var text strings.Builder
	title := fmt.Sprintf("%s %d", titles[lang], i)
	text.WriteString(title)
	text.WriteString("\n")
	pos := len([]rune(title)) + 1
	x := graph.Extraction{Document: graph.Document{ID: id, Title: title, Language: lang, Source: "bench://" + id,
		Format: "text", LoadedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)}}
	seen := map[int]bool{}
	quads := docQuads
	for k := 0; k < n; k++ {
		p := graph.Predicates[r.IntN(len(graph.Predicates))]
		s, o := pick(sig[p].subj), pick(sig[p].obj)
		if s == o {
			continue
		}
		se, oe := c.Entities[s], c.Entities[o]
		sent := fmt.Sprintf(templates[lang][p], se.Forms[lang][0], oe.Forms[lang][1])
		if k > 0 {
			text.WriteString(" ")
			pos++
		}
		start := pos
		text.WriteString(sent)
		pos += len([]rune(sent))
		st := graph.Statement{Subject: se.mention(lang), Predicate: p, Object: oe.mention(lang),
			Evidence:   graph.Evidence{Document: id, Sentence: sent, Start: start, End: pos},
			Confidence: 0.5 + float64(r.IntN(50))/100, Rule: "bench." + string(p)}
		if r.IntN(3) == 0 {
			st.Start = fmt.Sprintf("%d", 2010+r.IntN(15))
		}
		x.Statements = append(x.Statements, st)
		quads += stmtQuads
		for _, e := range []int{s, o} {
			if !seen[e] {
				seen[e] = true
				x.Entities = append(x.Entities, c.Entities[e].mention(lang))
				quads += entityQuads
			}
		}
	}
	x.Document.Text = text.String()
	return x, quads
}

// mention is the entity as a document in lang names it.
func (e Entity) mention(lang string) graph.Entity {
	f := e.Forms[lang]
	m := e.Entity
	m.Aliases = []string{f[0], f[1]}
	m.Languages = []string{lang}
	return m
}

// Variant is document i changed the way a corrected re-upload changes it:
// confidences moved and its last statement gone.
func (c *Corpus) Variant(i int) graph.Extraction {
	x := c.Docs[i]
	x.Statements = append([]graph.Statement(nil), x.Statements...)
	for k := range x.Statements {
		x.Statements[k].Confidence = 1 - x.Statements[k].Confidence/2
	}
	if len(x.Statements) > 1 {
		x.Statements = x.Statements[:len(x.Statements)-1]
	}
	return x
}

// Names of generated entities are built from open syllables, so that the
// index of an entity spelt in syllables is its unique stem.
var syllables = strings.Fields("ka ri lo ve ma na to ru sa de mi bo la ne vi ko ta ge po ly da mo re si tu ba no le zi fa ho pe")

var finals = []string{"n", "r", "s", "k", "l", "m", "t", "v"}

var firstNames = strings.Fields("Anna Jan Olena Petro Rasa Tomas Maria Adam Iryna Jonas Ewa Marek Oksana Darius Laura Piotr")

func stem(i int, r *rand.Rand) string {
	var b strings.Builder
	for k := 0; k < 3 || i > 0; k++ {
		b.WriteString(syllables[i%len(syllables)])
		i /= len(syllables)
	}
	b.WriteString(finals[r.IntN(len(finals))])
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// Type words per language: %s is the (possibly inflected) stem.
var typeWords = map[graph.EntityType]map[string]string{
	org: {"pl": "Fundacja %s", "uk": "Фундація %s", "lt": "%s fondas", "en": "%s Foundation"},
	pub: {"pl": "Urząd Miasta %s", "uk": "Міська рада %s", "lt": "%s savivaldybė", "en": "%s City Council"},
	cit: {"pl": "%s", "uk": "%s", "lt": "%s", "en": "%s"},
	cou: {"pl": "Republika %s", "uk": "Республіка %s", "lt": "%s Respublika", "en": "Republic of %s"},
	net: {"pl": "Sieć %s", "uk": "Мережа %s", "lt": "%s tinklas", "en": "%s Network"},
	evt: {"pl": "Forum %s", "uk": "Форум %s", "lt": "%s forumas", "en": "%s Forum"},
	prj: {"pl": "Projekt %s", "uk": "Проєкт %s", "lt": "Projektas %s", "en": "Project %s"},
}

// Inflected type words (the object of a sentence), where the head noun
// changes.
var typeWordsOblique = map[graph.EntityType]map[string]string{
	org: {"pl": "Fundacji %s", "uk": "Фундації %s", "lt": "%s fondo"},
	pub: {"pl": "Urzędu Miasta %s", "uk": "Міської ради %s", "lt": "%s savivaldybės"},
	cou: {"pl": "Republiki %s", "uk": "Республіки %s", "lt": "%s Respublikos"},
	net: {"pl": "Sieci %s", "uk": "Мережі %s", "lt": "%s tinklo"},
	evt: {"pl": "Forum %s", "uk": "Форуму %s", "lt": "%s forumo"},
	prj: {"pl": "Projektu %s", "uk": "Проєкту %s", "lt": "Projekto %s"},
}

func newEntity(i int, t graph.EntityType, r *rand.Rand) Entity {
	st := stem(i, r)
	forms := map[string][2]string{}
	if t == per {
		first := firstNames[r.IntN(len(firstNames))]
		for _, l := range Languages {
			forms[l] = [2]string{inflect(first, l, false) + " " + inflect(st, l, false),
				inflect(first, l, true) + " " + inflect(st, l, true)}
		}
	} else {
		for _, l := range Languages {
			nom := fmt.Sprintf(typeWords[t][l], inflect(st, l, false))
			obl := nom
			if w, ok := typeWordsOblique[t][l]; ok {
				// Stems after a head noun stay in the genitive in pl/uk,
				// as in "Urząd Miasta Krakowa".
				obl = fmt.Sprintf(w, inflect(st, l, t == pub))
			} else {
				obl = fmt.Sprintf(typeWords[t][l], inflect(st, l, true))
			}
			if t == pub && (l == "pl" || l == "uk") {
				nom = fmt.Sprintf(typeWords[t][l], inflect(st, l, true))
			}
			forms[l] = [2]string{nom, obl}
		}
	}
	name := forms["en"][0]
	if t == evt {
		year := 2010 + r.IntN(15)
		for l, f := range forms {
			forms[l] = [2]string{fmt.Sprintf("%s %d", f[0], year), fmt.Sprintf("%s %d", f[1], year)}
		}
		name = forms["en"][0]
	}
	e := graph.Entity{ID: graph.Slug(name), Name: name, Type: t}
	return Entity{Entity: e, Forms: forms}
}

// inflect gives a latin stem's form in lang: the nominative, or the
// genitive when oblique (Polish -a/-y, Ukrainian in Cyrillic -а/-и,
// Lithuanian -as/-o).
func inflect(s, lang string, oblique bool) string {
	vowelEnd := strings.ContainsRune("aeiouy", rune(s[len(s)-1]))
	switch lang {
	case "pl":
		if !oblique {
			return s
		}
		if strings.HasSuffix(s, "a") {
			return s[:len(s)-1] + "y"
		}
		if vowelEnd {
			return s
		}
		return s + "a"
	case "uk":
		c := cyrillic(s)
		if !oblique {
			return c
		}
		if strings.HasSuffix(s, "a") {
			return strings.TrimSuffix(c, "а") + "и"
		}
		if vowelEnd {
			return c
		}
		return c + "а"
	case "lt":
		if vowelEnd {
			if oblique && strings.HasSuffix(s, "a") {
				return s[:len(s)-1] + "os"
			}
			return s
		}
		if oblique {
			return s + "o"
		}
		return s + "as"
	}
	return s
}

var toCyrillic = map[rune]string{'a': "а", 'b': "б", 'c': "ц", 'd': "д", 'e': "е", 'f': "ф", 'g': "г",
	'h': "х", 'i': "і", 'j': "й", 'k': "к", 'l': "л", 'm': "м", 'n': "н", 'o': "о", 'p': "п", 'r': "р",
	's': "с", 't': "т", 'u': "у", 'v': "в", 'w': "в", 'y': "и", 'z': "з"}

func cyrillic(s string) string {
	var b strings.Builder
	for i, c := range strings.ToLower(s) {
		t, ok := toCyrillic[c]
		if !ok {
			t = string(c)
		}
		if i == 0 {
			t = strings.ToUpper(t)
		}
		b.WriteString(t)
	}
	return b.String()
}

var titles = map[string]string{"pl": "Wiadomości z regionu nr", "uk": "Новини регіону №",
	"lt": "Regiono naujienos Nr.", "en": "Regional news no."}

// templates per language and predicate: subject (nominative), object
// (inflected form).
var templates = map[string]map[graph.Predicate]string{
	"en": {
		graph.MemberOf: "%s is a member of %s.", graph.Represents: "%s represents %s.",
		graph.Attended: "%s attended %s.", graph.Organized: "%s organised %s.",
		graph.LocatedIn: "%s is located in %s.", graph.PartOf: "%s is part of %s.",
		graph.Founded: "%s founded %s.", graph.Funded: "%s funded %s.", graph.Supported: "%s supported %s.",
		graph.Coordinates: "%s coordinates %s.", graph.PartnerOf: "%s signed a partnership agreement with %s.",
	},
	"pl": {
		graph.MemberOf: "%s jest członkiem %s.", graph.Represents: "%s reprezentuje %s.",
		graph.Attended: "%s wziął udział w obradach %s.", graph.Organized: "%s był organizatorem %s.",
		graph.LocatedIn: "%s ma siedzibę na terenie %s.", graph.PartOf: "%s jest częścią %s.",
		graph.Founded: "%s był założycielem %s.", graph.Funded: "%s przekazał środki na rzecz %s.",
		graph.Supported: "%s objął patronatem działania %s.", graph.Coordinates: "%s pełni funkcję koordynatora %s.",
		graph.PartnerOf: "%s podpisał porozumienie o partnerstwie z przedstawicielami %s.",
	},
	"uk": {
		graph.MemberOf: "%s є членом %s.", graph.Represents: "%s представляє інтереси %s.",
		graph.Attended: "%s взяв участь у роботі %s.", graph.Organized: "%s виступив організатором %s.",
		graph.LocatedIn: "%s розташований на території %s.", graph.PartOf: "%s є частиною %s.",
		graph.Founded: "%s став засновником %s.", graph.Funded: "%s виділив кошти для %s.",
		graph.Supported: "%s підтримав діяльність %s.", graph.Coordinates: "%s є координатором %s.",
		graph.PartnerOf: "%s підписав меморандум про співпрацю з представниками %s.",
	},
	"lt": {
		graph.MemberOf: "%s yra %s narys.", graph.Represents: "%s atstovauja %s interesams.",
		graph.Attended: "%s dalyvavo %s renginiuose.", graph.Organized: "%s buvo %s organizatorius.",
		graph.LocatedIn: "%s įsikūręs %s teritorijoje.", graph.PartOf: "%s yra %s dalis.",
		graph.Founded: "%s buvo %s steigėjas.", graph.Funded: "%s skyrė lėšų %s veiklai.",
		graph.Supported: "%s parėmė %s veiklą.", graph.Coordinates: "%s koordinuoja %s veiklą.",
		graph.PartnerOf: "%s pasirašė bendradarbiavimo sutartį su %s atstovais.",
	},
}

// filler sentences pad the text documents for the extractor, per language.
var filler = map[string][]string{
	"en": {"The meeting took place in the town hall.", "Journalists asked about the budget for next year.",
		"The weather was warm and the square was full of people.", "More information will follow in the coming weeks."},
	"pl": {"Spotkanie odbyło się w ratuszu.", "Dziennikarze pytali o budżet na przyszły rok.",
		"Pogoda dopisała, a rynek był pełen ludzi.", "Więcej informacji pojawi się w najbliższych tygodniach."},
	"uk": {"Зустріч відбулася в ратуші.", "Журналісти запитували про бюджет на наступний рік.",
		"Погода була теплою, а площа була повна людей.", "Більше інформації з'явиться найближчими тижнями."},
	"lt": {"Susitikimas vyko rotušėje.", "Žurnalistai klausė apie kitų metų biudžetą.",
		"Oras buvo šiltas, aikštė buvo pilna žmonių.", "Daugiau informacijos bus paskelbta artimiausiomis savaitėmis."},
}

// TextDocs composes n plain-text documents of about size bytes in pl, uk,
// lt and en from the generator's templates and entities, for the
// extractor.
func (c *Corpus) TextDocs(n, size int) [][]byte {
	r := rand.New(rand.NewPCG(c.seed, 0x7478))
	sig := signatures()
	byType := map[graph.EntityType][]int{}
	for i, e := range c.Entities {
		byType[e.Type] = append(byType[e.Type], i)
	}
	pick := func(ts []graph.EntityType) Entity {
		for {
			ids := byType[ts[r.IntN(len(ts))]]
			if len(ids) > 0 {
				return c.Entities[ids[r.IntN(len(ids))]]
			}
		}
	}
	out := make([][]byte, n)
	for i := range out {
		lang := Languages[i%len(Languages)]
		var b strings.Builder
		fmt.Fprintf(&b, "%s %d\n\n", titles[lang], i)
		for k := 0; b.Len() < size; k++ {
			if k%3 == 2 {
				b.WriteString(filler[lang][r.IntN(len(filler[lang]))])
			} else {
				p := graph.Predicates[r.IntN(len(graph.Predicates))]
				s, o := pick(sig[p].subj), pick(sig[p].obj)
				fmt.Fprintf(&b, templates[lang][p], s.Forms[lang][0], o.Forms[lang][1])
			}
			if k%5 == 4 {
				b.WriteString("\n\n")
			} else {
				b.WriteString(" ")
			}
		}
		out[i] = []byte(b.String())
	}
	return out
}
