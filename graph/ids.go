package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold reduces a name to the form used to compare names: Unicode NFKD with
// combining marks dropped, letters that do not decompose (ł, ø, đ, ß…)
// mapped to their base, case folded, punctuation turned into single spaces.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if m, ok := foldExtra[r]; ok {
			r = m
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	return b.String()
}

var foldExtra = map[rune]rune{
	'ł': 'l', 'Ł': 'l', 'ø': 'o', 'Ø': 'o', 'đ': 'd', 'Đ': 'd', 'ı': 'i',
	'ß': 's', 'æ': 'a', 'Æ': 'a', 'œ': 'o', 'Œ': 'o', 'þ': 't',
	'’': '\'', 'ʼ': '\'',
}

// translit maps Ukrainian and Russian Cyrillic to Latin (after Fold, so
// lower case only), following the Ukrainian national romanisation where the
// two differ.
var translit = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "h", 'ґ': "g", 'д': "d", 'е': "e", 'є': "ie",
	'ж': "zh", 'з': "z", 'и': "y", 'і': "i", 'ї': "i", 'й': "i", 'к': "k", 'л': "l",
	'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ь': "",
	'ю': "iu", 'я': "ia", 'ы': "y", 'э': "e", 'ё': "io", 'ъ': "",
}

// Latin transliterates Cyrillic letters of a folded string to Latin and
// leaves other characters as they are.
func Latin(folded string) string {
	var b strings.Builder
	for _, r := range folded {
		if t, ok := translit[r]; ok {
			b.WriteString(t)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Slug turns a name into an ID fragment: folded, transliterated, words joined
// by hyphens ("Kraków" → "krakow", "Рада Європи" → "rada-yevropy").
func Slug(name string) string {
	s := Latin(Fold(name))
	s = strings.ReplaceAll(s, "'", "")
	return strings.Join(strings.Fields(s), "-")
}

// RelationID identifies the relation subject–predicate–object; symmetric
// predicates give the same ID in both directions.
func RelationID(subject string, p Predicate, object string) string {
	if p.Symmetric() && object < subject {
		subject, object = object, subject
	}
	var buf [256]byte
	return shortHash('r', hashParts(buf[:0], subject, string(p), object))
}

// hashParts appends each part followed by a zero byte: the hashed form of
// an ID's parts.
func hashParts(b []byte, parts ...string) []byte {
	for _, p := range parts {
		b = append(b, p...)
		b = append(b, 0)
	}
	return b
}

// shortHash is kind followed by the first 10 bytes of b's SHA-256 in hex.
// IDs are made for every statement a load writes, so this allocates only
// the result.
func shortHash(kind byte, b []byte) string {
	sum := sha256.Sum256(b)
	var out [21]byte
	out[0] = kind
	hex.Encode(out[1:], sum[:10])
	return string(out[:])
}

// StatementID identifies one statement of one document.
func StatementID(document string, s Statement) string {
	var buf [512]byte
	b := hashParts(buf[:0], document, s.Subject.ID, string(s.Predicate), s.Object.ID)
	b = append(strconv.AppendInt(b, int64(s.Evidence.Start), 10), 0)
	b = append(strconv.AppendInt(b, int64(s.Evidence.End), 10), 0)
	return shortHash('s', b)
}
