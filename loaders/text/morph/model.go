package morph

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// suffixModel guesses base forms of unknown names from the declensions of
// the names the dictionary lists. It is learned from the dictionary itself:
// every capitalized stem and every form its affix flags generate give one
// example "form ending -> base ending" (Krakowie -> Kraków: cut "owie", add
// "ów"), counted under each word ending of up to maxKey letters that covers
// the change. A word is guessed from the longest of its endings seen often
// enough, so "-owie" words get "-ów" and "-nie" words get "-n" or "-na" in
// the proportions the dictionary shows.
type suffixModel struct {
	table map[string][]transform // word ending -> transforms, most frequent first
}

// transform rewrites a word's ending: drop cut letters, append add.
type transform struct {
	cut   int
	add   string
	count int32
	total int32 // examples under the same ending
}

const (
	maxKey     = 6  // longest word ending used as context, letters
	maxContext = 3  // letters before the changed ending that keys include
	minSupport = 2  // examples an ending needs to be kept
	smoothing  = 20 // pseudo-count that weighs a shorter ending against a longer
	keepTop    = 4  // transforms kept per ending
)

// buildModel learns the model from the capitalized stems of d for which
// keep returns true (tests hold some out).
func (d *dictionary) buildModel(keep func(i int) bool) *suffixModel {
	// Per ending: its index in ends; per index the transforms seen, with
	// counts. Keys and added endings are substrings of form and base, so
	// counting allocates little beyond the tables.
	index := make(map[string]int32, 1<<16)
	var ends [][]transform
	record := func(form, base string) {
		pf, pb, p := 0, 0, 0 // common prefix: bytes in form, in base, runes
		for pf < len(form) && pb < len(base) {
			rf, nf := utf8.DecodeRuneInString(form[pf:])
			rb, nb := utf8.DecodeRuneInString(base[pb:])
			if rf != rb {
				break
			}
			pf, pb, p = pf+nf, pb+nb, p+1
		}
		cut := utf8.RuneCountInString(form[pf:])
		if cut > maxKey || p < 1 {
			return
		}
		add := base[pb:]
		i, l := pf, cut
		for l <= maxKey && l <= cut+maxContext && l < p+cut {
			k, ok := index[form[i:]]
			if !ok {
				k = int32(len(ends))
				index[form[i:]] = k
				ends = append(ends, nil)
			}
			ts := ends[k]
			found := false
			for j := range ts {
				if ts[j].cut == cut && ts[j].add == add {
					ts[j].count++
					found = true
					break
				}
			}
			if !found {
				ends[k] = append(ts, transform{cut: cut, add: add, count: 1})
			}
			_, sz := utf8.DecodeLastRuneInString(form[:i])
			i -= sz
			l++
		}
	}
	var forms []string
	for i := range d.entries {
		e := &d.entries[i]
		fl := d.flagsets[e.flags]
		if len(fl) == 0 || !isCapitalized(e.form) || strings.ContainsAny(e.form, "-. '") || !d.usable(fl) {
			continue
		}
		if keep != nil && !keep(i) {
			continue
		}
		base := lowerString(e.form)
		if !hasFlag(fl, d.aff.needAffix) {
			record(base, base)
		}
		forms = forms[:0]
		d.generate(base, fl, func(f string) { forms = append(forms, f) })
		fem := feminineBase(d.lang, base, forms)
		for _, f := range forms {
			if pluralForm(d.lang, base, f) {
				continue
			}
			if fem != "" && feminineForm(d.lang, f) {
				record(f, fem)
			} else {
				record(f, base)
			}
		}
	}
	m := &suffixModel{table: make(map[string][]transform)}
	for end, k := range index {
		ts := ends[k]
		var total int32
		for _, t := range ts {
			total += t.count
		}
		if total < minSupport {
			continue
		}
		sort.Slice(ts, func(i, j int) bool {
			if ts[i].count != ts[j].count {
				return ts[i].count > ts[j].count
			}
			return ts[i].add < ts[j].add // deterministic
		})
		if len(ts) > keepTop {
			ts = ts[:keepTop]
		}
		kept := make([]transform, len(ts))
		for i, t := range ts {
			t.total = total
			t.add = strings.Clone(t.add) // do not pin the generated forms
			kept[i] = t
		}
		// The ending is a substring of a generated form; clone it too.
		m.table[strings.Clone(end)] = kept
	}
	return m
}

// candidates returns guesses for the lowercased word w with scores
// 0..100: the share of examples, interpolated from the longest attested
// ending down to shorter ones so that a rare long ending does not decide
// alone.
func (m *suffixModel) candidates(w string) []guess {
	n := utf8.RuneCountInString(w)
	type prob struct {
		cut int
		add string
		p   float64
	}
	var ps []prob
	// i walks the word's rune boundaries from the end: w[i:] has l letters.
	i := len(w)
	for l := 0; l <= maxKey && l < n; l++ {
		if l > 0 {
			_, sz := utf8.DecodeLastRuneInString(w[:i])
			i -= sz
		}
		ts, ok := m.table[w[i:]]
		if !ok {
			continue
		}
		lambda := float64(ts[0].total) / float64(ts[0].total+smoothing)
		for k := range ps {
			ps[k].p *= 1 - lambda
		}
	next:
		for _, t := range ts {
			if t.cut >= l && t.cut > 0 {
				// No letter of context before the change: "-m" alone says
				// nothing about "Lindström".
				continue
			}
			v := lambda * float64(t.count) / float64(t.total)
			for k := range ps {
				if ps[k].cut == t.cut && ps[k].add == t.add {
					ps[k].p += v
					continue next
				}
			}
			ps = append(ps, prob{t.cut, t.add, v})
		}
	}
	out := make([]guess, 0, len(ps))
	for _, t := range ps {
		if n-t.cut < minStemRunes {
			continue
		}
		j := len(w)
		for k := 0; k < t.cut; k++ {
			_, sz := utf8.DecodeLastRuneInString(w[:j])
			j -= sz
		}
		out = append(out, guess{form: w[:j] + t.add, stem: n - t.cut, base: t.add, score: int(100*t.p + 0.5)})
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].score != out[b].score {
			return out[a].score > out[b].score
		}
		return out[a].form < out[b].form
	})
	return out
}

// pluralForm reports whether a form generated from base has an ending used
// only in the plural. News text names people and places mostly in the
// singular, so the model learns without them: "-owie" is then the locative
// of "-ów" towns (Krakowie), not the plural of surnames (Nowakowie).
func pluralForm(lang, base, f string) bool {
	switch lang {
	case "pl":
		if strings.HasSuffix(f, "owie") {
			return !strings.HasSuffix(base, "ów") && !strings.HasSuffix(base, "ow")
		}
		return hasAnySuffix(f, []string{"om", "ami", "ach", "ów", "ych", "ich", "ymi", "imi"})
	case "uk":
		if strings.HasSuffix(f, "ів") {
			return !strings.HasSuffix(base, "ів")
		}
		return hasAnySuffix(f, []string{"ами", "ями", "ах", "ях", "ам", "ям"})
	case "lt":
		// Accusative plurals look like masculine nominatives: "Kenčinas"
		// is not a form of "Kenčina" in news text.
		if strings.HasSuffix(base, "a") && strings.HasSuffix(f, "as") ||
			strings.HasSuffix(base, "ė") && strings.HasSuffix(f, "es") {
			return true
		}
		return hasAnySuffix(f, []string{"ams", "ėms", "ims", "omis", "ėmis", "imis", "ais", "uose", "ose", "ėse"})
	}
	return false
}

// feminineBase returns the feminine nominative singular of an adjectival
// paradigm (surnames such as Nowacki, places such as Полтавський), "" for
// other paradigms. The dictionaries lemmatize such forms to the masculine;
// a woman's surname in the genitive ("Nowackiej") should give "Nowacka".
func feminineBase(lang, base string, forms []string) string {
	var masc, gen, fem []string
	switch lang {
	case "pl":
		masc, gen, fem = []string{"i", "y"}, []string{"ego"}, []string{"a"}
	case "uk":
		masc, gen, fem = []string{"ий", "ій"}, []string{"ого", "ього"}, []string{"а", "я"}
	default:
		return ""
	}
	if !hasAnySuffix(base, masc) {
		return ""
	}
	adjectival := false
	for _, f := range forms {
		if hasAnySuffix(f, gen) {
			adjectival = true
			break
		}
	}
	if !adjectival {
		return ""
	}
	// The regular feminine, when the paradigm has it; else the one form
	// with a feminine nominative ending.
	var regular []string
	switch {
	case lang == "pl" && strings.HasSuffix(base, "i"):
		regular = []string{base[:len(base)-1] + "a", base + "a"}
	case lang == "pl":
		regular = []string{base[:len(base)-len("y")] + "a"}
	case strings.HasSuffix(base, "ий"):
		regular = []string{strings.TrimSuffix(base, "ий") + "а"}
	default:
		regular = []string{strings.TrimSuffix(base, "ій") + "я"}
	}
	found := ""
	for _, f := range forms {
		for _, r := range regular {
			if f == r {
				return f
			}
		}
		if hasAnySuffix(f, fem) {
			if found != "" && found != f {
				found = "-" // not one clear feminine form
			}
			if found == "" {
				found = f
			}
		}
	}
	if found == "-" {
		return ""
	}
	return found
}

// feminineForm reports whether an adjectival form is feminine singular.
func feminineForm(lang, f string) bool {
	switch lang {
	case "pl":
		return hasAnySuffix(f, []string{"a", "ej", "ą"})
	case "uk":
		if hasAnySuffix(f, []string{"ому", "ьому", "ему"}) {
			return false // masculine and neuter dative
		}
		return hasAnySuffix(f, []string{"а", "я", "ої", "ьої", "ій", "у", "ю", "ою", "ьою"})
	}
	return false
}

func hasAnySuffix(s string, ends []string) bool {
	for _, e := range ends {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}
