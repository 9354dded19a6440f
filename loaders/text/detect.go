package text

import (
	"strings"
	"unicode"
)

// detectLanguage names the language of a text from its letters and most
// frequent function words: "pl", "uk", "ru", "lt", "de", "en" or "".
func detectLanguage(s string) string {
	l, _ := detectScored(s)
	return l
}

// detectScored also says whether the choice is clear: the best language
// scores at least 6 and twice the runner-up.
func detectScored(s string) (string, bool) {
	if len(s) > 4000 {
		s = s[:4000]
	}
	var cyr, lat, ukr, rus int
	score := map[string]int{}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
			switch unicode.ToLower(r) {
			case 'і', 'ї', 'є', 'ґ':
				ukr++
			case 'ы', 'э', 'ъ', 'ё':
				rus++
			}
		case unicode.Is(unicode.Latin, r):
			lat++
			switch unicode.ToLower(r) {
			case 'ą', 'ę', 'ł', 'ń', 'ś', 'ź', 'ż', 'ć':
				score["pl"] += 3
			case 'ė', 'ų', 'ū', 'į', 'č', 'š', 'ž':
				score["lt"] += 3
			case 'ä', 'ö', 'ü', 'ß':
				score["de"] += 3
			}
		}
	}
	if cyr > lat {
		if rus > ukr {
			return "ru", true
		}
		return "uk", true
	}
	if lat == 0 {
		return "", false
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch w {
		case "i", "w", "z", "na", "się", "jest", "oraz", "do", "że", "nie", "od", "dla", "przez":
			score["pl"] += 2
		case "ir", "yra", "kad", "su", "iš", "bei", "buvo", "į", "jo", "taip":
			score["lt"] += 2
		case "und", "der", "die", "das", "mit", "für", "von", "den", "ist", "sich", "auf", "dem", "des", "im", "sind", "ein", "eine":
			score["de"] += 2
		case "the", "and", "of", "to", "in", "is", "was", "for", "with", "on", "by":
			score["en"] += 2
		}
	}
	best, bestN, second := "", 0, 0
	for _, l := range []string{"pl", "lt", "de", "en"} {
		if score[l] > bestN {
			best, bestN, second = l, score[l], bestN
		} else if score[l] > second {
			second = score[l]
		}
	}
	return best, bestN >= 4 && bestN >= 2*second
}
