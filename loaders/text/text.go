// Package text extracts entities and ties from plain-text news documents in
// Polish, Ukrainian, Lithuanian, English and German.
//
// The pipeline: language detection, sentence splitting with code point
// offsets, mention finding (gazetteer names in any case form, capitalised
// sequences and quoted names typed by their head noun, persons by given
// name), resolution of mentions to document entities (gazetteer ids,
// acronyms, inflected forms, surnames), and relation patterns read from the
// per-language lexicons in data/lexicon. Statements are made only where a
// trigger phrase, an office noun, a bracket or a place pattern links two
// mentions; co-occurrence alone never makes a tie.
//
// Grammar beyond single triggers: units named after the body they belong
// to are part_of it (units.go: "Kongres … Rady Europy", gazetteer names
// that embed another body); lists paired in order ("respectively"),
// delegates listed with persons, bodies in brackets after their countries
// (lists.go); speakers at an event attended it (speech.go); sessions and
// panels are part of their conference, English titles run to their verb
// (subevents.go); country adjectives and datelines place towns and events
// (adjplace.go); a mayor named without a town is the mayor of the town the
// sentence before names (mayors.go); short forms and uncounted mentions
// of a body or event merge into the full one at the end (merge.go).
//
// Data (embedded): data/lexicon/<lang>.tsv (grammar words per language, see
// its README.md), data/gazetteer/*.tsv (countries generated from Debian's
// iso-codes by gen/countries via go generate; international bodies and
// cities curated by hand) and data/names/firstnames.txt. Entity ids are the
// gazetteer id, else graph.Slug of the nominative name, so one actor gets
// one id in every document. Events (eventid.go) get one id across
// documents and languages when their name identifies them: body, kind and
// number or year ("un-hrc-session-59", "icorn-gener-assembly-2020"), a
// body's event with the date of its sentence, a proper name with a number
// or year, a title; generic ones ("spotkanie", "the meeting") keep an id
// scoped to their document.
//
// Use:
//
//	an, _ := morph.Open(ctx, morph.Options{Dir: morph.DefaultDir})
//	x, err := text.New(ctx, text.Options{Morph: an, Detect: lang.Detect, Logger: log})
//	ex, err := x.Load(ctx, loaders.Input{Name: "doc.txt", Data: data})
//	recs := loaders.Records(ex)
package text

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
	"github.com/ties-graph/ties/loaders/text/lang"
	"github.com/ties-graph/ties/loaders/text/morph"
)

//go:generate go run ./gen/countries -o data/gazetteer/countries.tsv

//go:embed data
var dataFS embed.FS

// Lemmatizer is the part of *morph.Analyzer the extractor uses.
type Lemmatizer interface {
	Lemma(lang, word string) string
	Lemmas(lang, word string) []string
	Guess(lang, word string) []string
	Known(lang, word string) bool
}

// Options configures an Extractor.
type Options struct {
	// Morph gives dictionary base forms (morph.Open); nil means the
	// extractor's own suffix rules only, with lower recall.
	Morph *morph.Analyzer
	// Detect names the language of a text ("pl", "uk", "lt", "en", "de");
	// nil means lang.Detect.
	Detect func(text string) string
	Logger *slog.Logger
}

// Languages the extractor has lexicons for.
var languages = []string{"pl", "uk", "lt", "en", "de"}

// Extractor is the "text" loader. It is safe for concurrent use: all its
// state is read-only after New.
type Extractor struct {
	morph      Lemmatizer
	detect     func(string) string
	log        *slog.Logger
	lex        map[string]*lexicon
	gaz        *gazetteer
	suf        map[string]bool
	firstNames map[string]string // folded form (also inflected) → given name
	abbrev     map[string]bool
	// countryWords: one-word country names, for country adjectives
	countryWords []countryWord
}

var _ loaders.Loader = (*Extractor)(nil)

// New loads the lexicons and gazetteers embedded in the package.
func New(ctx context.Context, opt Options) (*Extractor, error) {
	return newFrom(ctx, dataFS, opt)
}

func newFrom(ctx context.Context, fsys fs.FS, opt Options) (*Extractor, error) {
	x := &Extractor{detect: opt.Detect, log: opt.Logger, lex: map[string]*lexicon{},
		suf: suffixes(), abbrev: map[string]bool{}}
	if opt.Morph != nil {
		// Only a non-nil analyzer goes into the interface: a nil
		// *morph.Analyzer inside it would not compare equal to nil.
		x.morph = opt.Morph
	}
	if x.log == nil {
		x.log = slog.Default()
	}
	if x.detect == nil {
		x.detect = func(s string) string {
			if l := lang.Detect(s); l != "" {
				return l
			}
			return detectLanguage(s)
		}
	}
	for _, l := range languages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		lx, err := loadLexicon(fsys, l)
		if err != nil {
			return nil, err
		}
		x.lex[l] = lx
		for a := range lx.abbrev {
			x.abbrev[a] = true
		}
	}
	files, err := fs.Glob(fsys, "data/gazetteer/*.tsv")
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("text: no gazetteer files under data/gazetteer: %v", err)
	}
	sort.Strings(files)
	if x.gaz, err = loadGazetteer(fsys, files); err != nil {
		return nil, err
	}
	x.linkUnits()
	x.loadCountryWords()
	if x.firstNames, err = loadFirstNames(fsys, path.Join("data", "names", "firstnames.txt")); err != nil {
		return nil, err
	}
	x.log.Debug("text extractor ready", "gazetteer", len(x.gaz.entries), "given names", len(x.firstNames))
	return x, nil
}

// Format implements loaders.Loader.
func (x *Extractor) Format() string { return "text" }

// Load implements loaders.Loader.
func (x *Extractor) Load(ctx context.Context, in loaders.Input) (graph.Extraction, error) {
	if !utf8.Valid(in.Data) {
		return graph.Extraction{}, fmt.Errorf("load %s: text is not valid UTF-8", in.Name)
	}
	if strings.IndexByte(string(in.Data), 0) >= 0 {
		return graph.Extraction{}, fmt.Errorf("load %s: text holds NUL bytes (binary file?)", in.Name)
	}
	text := strings.ReplaceAll(string(in.Data), "\r\n", "\n")
	doc := graph.Document{ID: in.Name, Title: firstLine(text), Source: in.Source, Format: x.Format(),
		LoadedAt: time.Now().UTC(), Text: text}
	doc.Language = x.detect(text)
	d := &docState{x: x, doc: &doc, lang: doc.Language, byKey: map[string]*entity{},
		acronyms: map[string]*entity{}, seen: map[string]int{}}
	if err := d.run(ctx); err != nil {
		return graph.Extraction{}, fmt.Errorf("load %s: %w", in.Name, err)
	}
	return graph.Extraction{Document: doc, Entities: d.entities(), Statements: d.statements()}, nil
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if t := strings.TrimSpace(l); t != "" {
			return t
		}
	}
	return ""
}
