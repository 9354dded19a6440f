package morph

import "unicode/utf8"

// Parts of speech POS reports.
const (
	Noun = "noun"
	Adj  = "adj"
	Verb = "verb"
)

// POS returns the parts of speech word can have in lang ("noun", "adj",
// "verb"), one per distinct reading, best reading first; nil when the
// dictionary does not know the word or lang has no such information.
// Debian's dictionaries carry no tags, so the class is read from each
// lemma's paradigm: an infinitive ending makes a verb (pl -ć, uk -ти, lt
// -ti), an adjectival declension (pl -ego, uk -ого, lt dative -am) an
// adjective, anything else a noun. English and German give nil.
func (a *Analyzer) POS(lang, word string) []string {
	d := a.dicts[lang]
	if d == nil || (lang != "pl" && lang != "uk" && lang != "lt") {
		return nil
	}
	w := d.normalize(word)
	if w == "" {
		return nil
	}
	var out []string
	for _, l := range d.lemmasWith(w, word, false) {
		p := d.partOfSpeech(l)
		if !contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// partOfSpeech classifies one lemma by its ending and paradigm.
func (d *dictionary) partOfSpeech(lemma string) string {
	if looksVerbal(d.lang, lemma) {
		return Verb
	}
	base := lowerString(lemma)
	var masc, adjMarker, verbMarker []string
	switch d.lang {
	case "pl":
		masc, adjMarker = []string{"y", "i"}, []string{"ego"}
	case "uk":
		masc, adjMarker = []string{"ий", "ій"}, []string{"ого", "ього"}
	case "lt":
		// lt_LT lists verbs by their present and past stems too ("tiko"):
		// a paradigm with first or second person plural forms is a verb's.
		masc, adjMarker, verbMarker = []string{"as", "is", "us"}, []string{"am", "iam"}, []string{"ome", "ote", "ėme", "ėte", "ate", "ite"}
	}
	// Prefixed lemmas ("susitiko") are found by their stem ("tiko").
	stem := base
	for len(stem) > 0 {
		if _, ok := d.index[stem]; ok {
			break
		}
		_, n := utf8.DecodeRuneInString(stem)
		stem = stem[n:]
	}
	if stem == "" {
		return Noun
	}
	adj, verb := false, false
	d.lookup(stem, func(e *entry, fl []flag) bool {
		d.generate(stem, fl, func(f string) {
			if hasAnySuffix(f, verbMarker) {
				verb = true
			}
			if hasAnySuffix(base, masc) && hasAnySuffix(f, adjMarker) {
				adj = true
			}
		})
		return true
	})
	switch {
	case verb:
		return Verb
	case adj:
		return Adj
	}
	return Noun
}
