// Package morph finds dictionary base forms (lemmas) of words in Polish,
// Ukrainian, Lithuanian, English and German. It reads Debian's hunspell
// .aff/.dic files with its own pure-Go code and stems by applying the affix
// rules in reverse (Lemmas, Known); it also generates the forms of a lemma
// (Forms) and tells nouns, adjectives and verbs apart (POS).
//
// Words the dictionary lacks, mostly proper names, get ranked guesses
// (Guess) from a suffix model learned from the names the dictionary lists
// (on first use per language, a few hundred ms) and hand-written tables of
// each language's declension endings. Lemma combines both.
//
// Readings are ranked for a knowledge-graph extractor that lemmatizes
// names and noun phrases: a capitalized word prefers proper-name readings
// ("Gdańska" -> Gdańsk), keeps a feminine adjective feminine ("Unii
// Europejskiej" -> Europejska), nominal readings beat verbal ones, and
// prepositions stay themselves.
//
// An Analyzer is read-only after Open (its lazily learned models are built
// under sync.Once) and safe for concurrent use.
package morph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// DefaultDir is where Debian's hunspell-* packages install dictionaries.
const DefaultDir = "/usr/share/hunspell"

// DefaultLangs returns the languages Open tries when Options.Langs is empty.
// German is loaded only when its dictionary is installed.
func DefaultLangs() []string { return []string{"pl", "uk", "lt", "en", "de"} }

// dictNames lists the file base names tried for lang, best first.
func dictNames(lang string) []string {
	switch lang {
	case "pl":
		return []string{"pl_PL", "pl"}
	case "uk":
		return []string{"uk_UA", "uk"}
	case "lt":
		return []string{"lt_LT", "lt"}
	case "en":
		return []string{"en_US", "en_GB", "en"}
	case "de":
		return []string{"de_DE", "de_AT", "de_CH", "de"}
	case "ru":
		return []string{"ru_RU", "ru"}
	}
	return []string{lang}
}

// Options configure Open.
type Options struct {
	// Dir holds the .aff/.dic files; default DefaultDir.
	Dir string
	// Langs to load (ISO 639-1 codes); default pl, uk, lt, en and de.
	Langs []string
	// Logger receives a Warn for each missing dictionary; default slog.Default().
	Logger *slog.Logger
	// CacheSize bounds the per-Analyzer cache of Lemma results (entries);
	// 0 means the default, negative disables the cache.
	CacheSize int
}

// Analyzer stems words with the loaded dictionaries.
type Analyzer struct {
	dicts    map[string]*dictionary
	guessers map[string]*guesser
	cache    *lemmaCache
}

// Open loads the dictionaries for opt.Langs. A missing dictionary is logged
// as a warning and that language falls back to Guess; a dictionary that is
// present but malformed is an error naming the file and line.
func Open(ctx context.Context, opt Options) (*Analyzer, error) {
	dir := opt.Dir
	if dir == "" {
		dir = DefaultDir
	}
	langs := opt.Langs
	if len(langs) == 0 {
		langs = DefaultLangs()
	}
	log := opt.Logger
	if log == nil {
		log = slog.Default()
	}

	type result struct {
		lang string
		d    *dictionary
		err  error
	}
	results := make([]result, len(langs))
	var wg sync.WaitGroup
	// Two loads at a time: the dictionaries are decoded and indexed on their
	// own, but the machine running ties may have few cores.
	sem := make(chan struct{}, 2)
	for i, lang := range langs {
		results[i].lang = lang
		aff, dic, ok := findDict(dir, lang)
		if !ok {
			if !(len(opt.Langs) == 0 && lang == "de") {
				log.Warn("morph: no hunspell dictionary; lemmas for this language are guessed",
					"lang", lang, "dir", dir)
			} else {
				log.Info("morph: no German hunspell dictionary (install hunspell-de-de)", "dir", dir)
			}
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			start := time.Now()
			d, err := loadDict(ctx, lang, aff, dic)
			if err == nil {
				log.Debug("morph: dictionary loaded", "lang", lang, "stems", len(d.entries),
					"took", time.Since(start))
			}
			results[i].d, results[i].err = d, err
		}()
	}
	wg.Wait()
	a := &Analyzer{dicts: make(map[string]*dictionary), guessers: make(map[string]*guesser)}
	for _, l := range append(DefaultLangs(), append([]string{"ru"}, langs...)...) {
		if g := newGuesser(l); g != nil {
			a.guessers[l] = g
		}
	}
	var errs []error
	for _, r := range results {
		if r.err != nil {
			errs = append(errs, fmt.Errorf("morph: load %s dictionary: %w", r.lang, r.err))
			continue
		}
		if r.d != nil {
			r.d.guess = a.guessers[r.lang]
			a.dicts[r.lang] = r.d
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	size := opt.CacheSize
	if size == 0 {
		size = defaultCacheSize
	}
	if size > 0 {
		a.cache = newLemmaCache(size)
	}
	return a, nil
}

// findDict returns the .aff and .dic paths for lang in dir.
func findDict(dir, lang string) (aff, dic string, ok bool) {
	for _, n := range dictNames(lang) {
		aff = filepath.Join(dir, n+".aff")
		dic = filepath.Join(dir, n+".dic")
		if fileExists(aff) && fileExists(dic) {
			return aff, dic, true
		}
	}
	// Any other region of the language, e.g. de_BE.
	matches, _ := filepath.Glob(filepath.Join(dir, lang+"_*.aff"))
	for _, m := range matches {
		d := strings.TrimSuffix(m, ".aff") + ".dic"
		if fileExists(d) {
			return m, d, true
		}
	}
	return "", "", false
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// loadDict reads and parses one .aff/.dic pair.
func loadDict(ctx context.Context, lang, affPath, dicPath string) (*dictionary, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rawAff, err := os.ReadFile(affPath)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", affPath, err)
	}
	set := findSet(rawAff)
	if set == "" {
		set = "ISO8859-1" // hunspell's default
	}
	enc, err := encodingFor(set)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", affPath, err)
	}
	affText, err := decode(enc, rawAff)
	if err != nil {
		return nil, fmt.Errorf("decode %s as %s: %w", affPath, set, err)
	}
	ad, err := parseAff(affPath, affText, enc)
	if err != nil {
		return nil, err
	}
	rawDic, err := os.ReadFile(dicPath)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dicPath, err)
	}
	dicText, err := decode(enc, rawDic)
	if err != nil {
		return nil, fmt.Errorf("decode %s as %s: %w", dicPath, set, err)
	}
	d := &dictionary{lang: lang, aff: ad}
	if err := d.parseDic(ctx, dicPath, dicText); err != nil {
		return nil, err
	}
	return d, nil
}

// Has reports whether a dictionary is loaded for lang.
func (a *Analyzer) Has(lang string) bool {
	_, ok := a.dicts[lang]
	return ok
}

// Langs returns the languages with a loaded dictionary.
func (a *Analyzer) Langs() []string {
	out := make([]string, 0, len(a.dicts))
	for _, l := range DefaultLangs() {
		if a.Has(l) {
			out = append(out, l)
		}
	}
	for l := range a.dicts {
		if !contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// Known reports whether word is a form the lang dictionary accepts (a stem
// or a stem with affixes), case-insensitively.
func (a *Analyzer) Known(lang, word string) bool {
	d := a.dicts[lang]
	if d == nil {
		return false
	}
	w := d.normalize(word)
	if w == "" {
		return false
	}
	found := false
	d.analyze(w, func(string, kind) bool {
		found = true
		return false
	})
	return found
}

// Lemmas returns the dictionary base forms of word, spelled as the
// dictionary spells them ("Krakowie" -> ["Kraków"]), best first; nil when
// the dictionary does not know the word or lang has no dictionary.
func (a *Analyzer) Lemmas(lang, word string) []string {
	d := a.dicts[lang]
	if d == nil {
		return nil
	}
	w := d.normalize(word)
	if w == "" {
		return nil
	}
	return d.lemmas(w, word)
}

// Lemma returns the best single base form of word: the first of Lemmas,
// else (German) the compound with its last part lemmatized, else (for a
// hyphenated word) the Lemma of each part, else the first of Guess, else
// word itself. Results are cached per Analyzer.
func (a *Analyzer) Lemma(lang, word string) string {
	if a.cache != nil {
		if l, ok := a.cache.get(lang, word); ok {
			return l
		}
	}
	l := a.lemma(lang, word)
	if a.cache != nil {
		a.cache.put(lang, word, l)
	}
	return l
}

func (a *Analyzer) lemma(lang, word string) string {
	if ls := a.Lemmas(lang, word); len(ls) > 0 {
		return ls[0]
	}
	if d := a.dicts[lang]; d != nil {
		if c := d.compound(d.normalize(word), strings.TrimSpace(word)); c != "" {
			return c
		}
	}
	// Double-barrelled names inflect in each part: "Danileckiej-Wojewódzkiej".
	if strings.Contains(word, "-") && !strings.HasPrefix(word, "-") && !strings.HasSuffix(word, "-") {
		if strings.ContainsAny(word, "0123456789") {
			return word // "59-ojoje", "COVID-19": numbers with endings
		}
		parts := strings.Split(word, "-")
		for i, p := range parts {
			if p == "" || (i < len(parts)-1 && strings.HasSuffix(p, "o")) {
				continue // "Polsko-", "Biało-": the uninflected first part of a compound adjective
			}
			l := a.lemma(lang, p)
			if isCapitalized(p) && !isCapitalized(l) {
				l = capitalize(l)
			}
			parts[i] = l
		}
		return strings.Join(parts, "-")
	}
	if gs := a.Guess(lang, word); len(gs) > 0 {
		return gs[0]
	}
	return word
}

// Prepare learns the guessing models of all loaded languages now (about a
// second in all) instead of on each language's first Guess; a server calls
// it at start so that no request waits. It stops early when ctx ends.
func (a *Analyzer) Prepare(ctx context.Context) error {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for _, d := range a.dicts {
		if err := ctx.Err(); err != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if ctx.Err() == nil {
				d.suffixModel()
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}
