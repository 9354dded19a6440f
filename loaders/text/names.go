package text

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"strings"

	"github.com/ties-graph/ties/graph"
)

// loadFirstNames reads the given-name list and adds the inflected forms
// Polish, Ukrainian and Lithuanian texts use (Roberta, Олександром,
// Antanui), each mapped to the base name.
func loadFirstNames(fsys fs.FS, name string) (map[string]string, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("read given names %s: %w", name, err)
	}
	m := map[string]string{}
	base := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		for _, n := range strings.Fields(line) {
			base[graph.Fold(n)] = true
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for _, n := range strings.Fields(line) {
			f := graph.Fold(n)
			if f == "" {
				continue
			}
			if _, ok := m[f]; !ok {
				m[f] = n
			}
			// Derived forms never shadow a real name ("Marie" is not a
			// form of "Maria").
			for _, v := range nameForms(n) {
				if base[graph.Fold(v)] {
					continue
				}
				if _, ok := m[graph.Fold(v)]; !ok {
					m[graph.Fold(v)] = n
				}
			}
		}
	}
	return m, sc.Err()
}

// nameForms gives the oblique case forms of a given name by its ending.
func nameForms(n string) []string {
	rs := []rune(n)
	last := rs[len(rs)-1]
	stem := string(rs[:len(rs)-1])
	cyr := last >= 'а' && last <= 'я' || last == 'і' || last == 'ї' || last == 'є' || last == 'й'
	switch {
	case cyr && (last == 'а' || last == 'я'):
		return []string{stem + "и", stem + "і", stem + "у", stem + "ю", stem + "ою", stem + "ею"}
	case cyr && last == 'й':
		return []string{stem + "я", stem + "ю", stem + "єм", stem + "ем", stem + "ю"}
	case cyr && last == 'о':
		return []string{stem + "а", stem + "у", stem + "ові", stem + "ом"}
	case cyr:
		return []string{n + "а", n + "у", n + "ові", n + "ом", n + "е"}
	case strings.HasSuffix(n, "as"):
		s := strings.TrimSuffix(n, "as")
		return []string{s + "o", s + "ui", s + "ą", s + "u", s + "e"}
	case strings.HasSuffix(n, "is") || strings.HasSuffix(n, "ys"):
		s := n[:len(n)-2]
		return []string{s + "io", s + "iui", s + "į", s + "iu", s + "i"}
	case strings.HasSuffix(n, "us"):
		s := strings.TrimSuffix(n, "us")
		return []string{s + "aus", s + "ui", s + "ų", s + "umi"}
	case strings.HasSuffix(n, "ė"):
		return []string{stem + "ės", stem + "ei", stem + "ę"}
	case last == 'a':
		out := []string{stem + "y", stem + "i", stem + "ę", stem + "ą", stem + "os", stem + "ai", stem + "ie"}
		if strings.HasSuffix(stem, "i") {
			out = append(out, stem)
		}
		return out
	case last == 'k' && strings.HasSuffix(n, "ek"):
		s := strings.TrimSuffix(n, "ek")
		return []string{s + "ka", s + "kowi", s + "kiem"}
	case last == 'y' || last == 'i':
		return []string{n + "ego", n + "emu", n + "m"}
	default:
		return []string{n + "a", n + "owi", n + "em", n + "ie", n + "u", n + "as", n + "o", n + "ui"}
	}
}

// surnameBase guesses the nominative of a surname from the case its given
// name shows: "Piaskowskiego" → "Piaskowski", "Баньковим" → "Баньков",
// "Černeckiui" → "Černeckis".
func surnameBase(sur, given, givenSurface string) string {
	if graph.Fold(given) == graph.Fold(givenSurface) {
		return sur
	}
	rules := [][2]string{
		{"skiego", "ski"}, {"ckiego", "cki"}, {"dzkiego", "dzki"}, {"skiemu", "ski"}, {"ckiemu", "cki"},
		{"skim", "ski"}, {"ckim", "cki"}, {"skiej", "ska"}, {"ckiej", "cka"}, {"ską", "ska"}, {"cką", "cka"},
		{"ським", "ський"}, {"ського", "ський"}, {"ському", "ський"}, {"цьким", "цький"}, {"цького", "цький"},
		{"овим", "ов"}, {"евим", "ев"}, {"євим", "єв"}, {"ова", "ов"}, {"ову", "ов"}, {"ові", "ов"},
		{"енком", "енко"}, {"енка", "енко"}, {"ком", "к"}, {"ем", ""}, {"ом", ""},
		{"kiem", "k"}, {"giem", "g"}, {"kowi", "k"},
		{"iui", "is"}, {"ui", "as"}, {"io", "is"}, {"o", "as"}, {"ą", "as"}, {"ei", "ė"}, {"ės", "ė"},
		{"owi", ""}, {"em", ""},
	}
	for _, r := range rules {
		if strings.HasSuffix(sur, r[0]) && len([]rune(sur)) > len([]rune(r[0]))+1 {
			return strings.TrimSuffix(sur, r[0]) + r[1]
		}
	}
	if strings.HasSuffix(sur, "a") && !strings.HasSuffix(given, "a") && !strings.HasSuffix(given, "а") {
		// Polish genitive of a male surname: Kowalczyka → Kowalczyk.
		return strings.TrimSuffix(sur, "a")
	}
	return sur
}
