package text

import (
	"fmt"
	"strconv"
	"strings"
)

// date is a possibly partial calendar date.
type date struct{ y, m, d int }

func (t date) iso() string {
	switch {
	case t.y == 0:
		return ""
	case t.m == 0:
		return fmt.Sprintf("%04d", t.y)
	case t.d == 0:
		return fmt.Sprintf("%04d-%02d", t.y, t.m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", t.y, t.m, t.d)
}

// sentenceDates returns the first date or date range a sentence gives, as
// ISO dates: "13-15 listopada 2023" → 2023-11-13, 2023-11-15; "od 1 maja
// do 31 grudnia 2022"; "2025 m. birželio 16 d. iki liepos 9 d."; "19-20
// October 2006"; "04.07.2023"; "2021-10-05".
func sentenceDates(s *sentence, lx *lexicon) (string, string) {
	toks := s.toks
	var found []date
	year := 0
	month := func(k int) int {
		if k < 0 || k >= len(toks) || !toks[k].word() {
			return 0
		}
		for mi, ws := range lx.months {
			for _, p := range ws {
				if len(p) == 1 && matchWord(p[0], toks[k].fold) && len(toks[k].fold) >= 3 {
					return mi + 1
				}
			}
		}
		return 0
	}
	num := func(k int) int {
		if k < 0 || k >= len(toks) || toks[k].kind != tNum {
			return 0
		}
		n, err := strconv.Atoi(strings.TrimRight(toks[k].text, "abcdefghijklmnopqrstuvwxyz"))
		if err != nil {
			return 0
		}
		return n
	}
	isYear := func(n int) bool { return n >= 1900 && n <= 2100 }
	for k := 0; k < len(toks); k++ {
		n := num(k)
		if n == 0 {
			continue
		}
		// Numeric dates: 2021-10-05, 04.07.2023, 15/02/2022.
		if k+4 < len(toks) {
			sep := toks[k+1].text
			if (sep == "-" || sep == "." || sep == "/") && toks[k+3].text == sep {
				a, b, c := n, num(k+2), num(k+4)
				if isYear(a) && b >= 1 && b <= 12 && c >= 1 && c <= 31 {
					found = append(found, date{a, b, c})
					k += 4
					continue
				}
				if isYear(c) && b >= 1 && b <= 12 && a >= 1 && a <= 31 {
					found = append(found, date{c, b, a})
					k += 4
					continue
				}
			}
		}
		// Day [- day] month [year]; German "26. Januar".
		d1, d2 := n, 0
		j := k + 1
		if j < len(toks) && toks[j].text == "." {
			j++
		}
		if j+1 < len(toks) && (toks[j].text == "-" || toks[j].text == "–") && num(j+1) > 0 {
			d2 = num(j + 1)
			j += 2
		}
		if m := month(j); m > 0 && d1 >= 1 && d1 <= 31 {
			y := 0
			if isYear(num(j + 1)) {
				y = num(j + 1)
			}
			found = append(found, date{y, m, d1})
			if d2 > 0 {
				found = append(found, date{y, m, d2})
			}
			k = j
			continue
		}
		// Lithuanian: 2025 m. birželio 16 d.; English: October 19, 2006.
		if isYear(n) {
			jj := k + 1
			if jj+1 < len(toks) && toks[jj].fold == "m" && toks[jj+1].text == "." {
				jj += 2
			}
			if m := month(jj); m > 0 {
				d := num(jj + 1)
				if d < 1 || d > 31 {
					d = 0
				}
				found = append(found, date{n, m, d})
				// A day range: "2024 m. spalio 3–5 d.".
				if d > 0 && jj+3 < len(toks) && (toks[jj+2].text == "-" || toks[jj+2].text == "–") {
					if d2 := num(jj + 3); d2 > d && d2 <= 31 {
						found = append(found, date{n, m, d2})
					}
				}
				k = jj
				continue
			}
			year = n
			continue
		}
	}
	// Month name followed by a day (lt "liepos 9 d.", en "July 9").
	if len(found) == 1 {
		for k := 0; k < len(toks); k++ {
			if m := month(k); m > 0 && toks[k].start > 0 {
				if d := num(k + 1); d >= 1 && d <= 31 && !(k+1 < len(toks) && isYear(num(k+1))) {
					cand := date{found[0].y, m, d}
					if cand != found[0] && (cand.m > found[0].m || cand.m == found[0].m && cand.d > found[0].d) {
						found = append(found, cand)
						break
					}
				}
			}
		}
	}
	if len(found) == 0 {
		if year != 0 {
			return date{y: year}.iso(), ""
		}
		return "", ""
	}
	// Ranges give the year once, at the end: fill it backwards.
	y := year
	for i := len(found) - 1; i >= 0; i-- {
		if found[i].y != 0 {
			y = found[i].y
		} else if y != 0 {
			found[i].y = y
		}
	}
	for i := range found {
		if found[i].y == 0 && year != 0 {
			found[i].y = year
		}
	}
	start := found[0].iso()
	end := ""
	if len(found) > 1 && found[1].iso() > start {
		end = found[1].iso()
	}
	return start, end
}
