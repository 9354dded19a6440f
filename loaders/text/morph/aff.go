package morph

import (
	"bufio"
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// flag is a hunspell affix or property flag, interned to a small number so
// that stems carry compact flag sets whatever the FLAG type of the file.
type flag uint16

// flagKind is the FLAG setting of an .aff file: how flag strings split.
type flagKind int

const (
	flagChar flagKind = iota // default: one character per flag
	flagLong                 // two characters per flag
	flagNum                  // comma-separated decimal numbers
	flagUTF8                 // one UTF-8 character per flag
)

// charClass is one position of an affix condition: ".", "x", "[xyz]" or
// "[^xyz]". Single characters, the usual case, compare without a loop.
type charClass struct {
	any    bool
	neg    bool
	single rune   // the one character, when runes has length 1
	runes  []rune // the set, for brackets
}

func (c charClass) match(r rune) bool {
	if c.any {
		return true
	}
	if c.single != 0 {
		return (r == c.single) != c.neg
	}
	for _, x := range c.runes {
		if x == r {
			return !c.neg
		}
	}
	return c.neg
}

func newClass(set string, neg bool) charClass {
	rs := []rune(set)
	if len(rs) == 1 {
		return charClass{neg: neg, single: rs[0]}
	}
	return charClass{neg: neg, runes: rs}
}

// condition is a parsed affix condition, matched against the end of a stem
// (suffixes) or its start (prefixes).
type condition []charClass

func parseCondition(s string) (condition, error) {
	if s == "." || s == "" {
		return nil, nil
	}
	var c condition
	for i := 0; i < len(s); {
		switch s[i] {
		case '[':
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				return nil, fmt.Errorf("condition %q: unclosed [", s)
			}
			body := s[i+1 : i+j]
			neg := strings.HasPrefix(body, "^")
			c = append(c, newClass(strings.TrimPrefix(body, "^"), neg))
			i += j + 1
		case '.':
			c = append(c, charClass{any: true})
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			c = append(c, newClass(string(r), false))
			i += n
		}
	}
	return c, nil
}

// matchEnd reports whether the last len(c) characters of s match c.
func (c condition) matchEnd(s string) bool {
	for i := len(c) - 1; i >= 0; i-- {
		if s == "" {
			return false
		}
		r, n := utf8.DecodeLastRuneInString(s)
		if !c[i].match(r) {
			return false
		}
		s = s[:len(s)-n]
	}
	return true
}

// matchStart reports whether the first len(c) characters of s match c.
func (c condition) matchStart(s string) bool {
	for i := 0; i < len(c); i++ {
		if s == "" {
			return false
		}
		r, n := utf8.DecodeRuneInString(s)
		if !c[i].match(r) {
			return false
		}
		s = s[n:]
	}
	return true
}

// affix is one PFX or SFX rule. strip and add are lowercased: matching is
// case-insensitive and the dictionary's own spelling is returned.
type affix struct {
	flag  flag
	cross bool
	strip string
	add   string
	cond  condition
	cont  []flag // continuation classes (twofold affixes), sorted
	src   string // the condition as written, to find rules that share it
}

// stripGroup gathers the rules that share an appended string and a stripped
// string, so the candidate stem is built and looked up once for all of them.
type stripGroup struct {
	strip string
	rules []*affix
	conds []condition // the distinct conditions of rules, for a quick reject
	// always is set when a condition holds whatever the word: it tests no
	// more letters than the stripped string restores (see finishGroups).
	always bool
}

// finishGroups drops the conditions that the stripped string decides
// alone: a stem built with strip "ów" always ends in "ów", so condition
// "ów" holds and "[^ó]w" never does. Most Polish rules are of that kind.
func finishGroups(m map[string][]stripGroup) {
	for add, gs := range m {
		kept := gs[:0]
		for _, g := range gs {
			n := utf8.RuneCountInString(g.strip)
			var dynamic []condition
			for _, c := range g.conds {
				switch {
				case len(c) > n:
					dynamic = append(dynamic, c)
				case c.matchEnd(g.strip):
					g.always = true
				}
			}
			g.conds = dynamic
			if !g.always && len(dynamic) == 0 {
				continue // no rule of the group can ever apply
			}
			kept = append(kept, g)
		}
		if len(kept) == 0 {
			delete(m, add)
		} else {
			m[add] = kept
		}
	}
}

// affixData is everything read from an .aff file that the analyzer uses.
type affixData struct {
	enc       encoding.Encoding // nil for UTF-8
	kind      flagKind
	flagIDs   map[string]flag
	aliases   [][]flag // AF aliases, 1-based in the .dic
	ignore    string
	fullStrip bool

	needAffix, onlyInCompound, forbidden, circumfix, keepCase flag

	sfx, pfx       map[string][]stripGroup // keyed by the appended string
	sfxByFlag      map[flag][]*affix       // for generating forms
	pfxByFlag      map[flag][]*affix
	maxSfx, maxPfx int  // longest appended string, bytes
	hasCont        bool // some suffix has continuation classes
}

// encodingFor maps a SET value to a decoder; nil means UTF-8.
func encodingFor(set string) (encoding.Encoding, error) {
	norm := strings.ToUpper(strings.NewReplacer("-", "", "_", "").Replace(set))
	switch norm {
	case "UTF8":
		return nil, nil
	case "ISO88591":
		return charmap.ISO8859_1, nil
	case "ISO88592":
		return charmap.ISO8859_2, nil
	case "ISO88593":
		return charmap.ISO8859_3, nil
	case "ISO88594":
		return charmap.ISO8859_4, nil
	case "ISO88595":
		return charmap.ISO8859_5, nil
	case "ISO88597":
		return charmap.ISO8859_7, nil
	case "ISO885910":
		return charmap.ISO8859_10, nil
	case "ISO885913":
		return charmap.ISO8859_13, nil
	case "ISO885915":
		return charmap.ISO8859_15, nil
	case "KOI8R":
		return charmap.KOI8R, nil
	case "KOI8U":
		return charmap.KOI8U, nil
	case "MICROSOFTCP1251", "CP1251", "WINDOWS1251":
		return charmap.Windows1251, nil
	case "MICROSOFTCP1250", "CP1250", "WINDOWS1250":
		return charmap.Windows1250, nil
	case "MICROSOFTCP1257", "CP1257", "WINDOWS1257":
		return charmap.Windows1257, nil
	}
	return nil, fmt.Errorf("unsupported SET %q", set)
}

// decode converts raw file bytes to UTF-8 text.
func decode(enc encoding.Encoding, raw []byte) (string, error) {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if enc == nil {
		return string(raw), nil
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// findSet returns the SET value of a raw .aff file, "" if there is none.
func findSet(raw []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "SET" {
			return f[1]
		}
	}
	return ""
}

// intern returns the id of one flag name, assigning a new id on first sight.
func (a *affixData) intern(name string) (flag, error) {
	if id, ok := a.flagIDs[name]; ok {
		return id, nil
	}
	if len(a.flagIDs) >= 65535 {
		return 0, fmt.Errorf("too many distinct flags")
	}
	id := flag(len(a.flagIDs) + 1) // 0 means "no flag"
	a.flagIDs[name] = id
	return id, nil
}

// splitFlags splits a flag string by the file's FLAG type.
func (a *affixData) splitFlags(s string) ([]string, error) {
	var out []string
	switch a.kind {
	case flagNum:
		for _, p := range strings.Split(s, ",") {
			if p == "" {
				continue
			}
			if _, err := strconv.ParseUint(p, 10, 16); err != nil {
				return nil, fmt.Errorf("bad numeric flag %q", p)
			}
			out = append(out, p)
		}
	case flagLong:
		rs := []rune(s)
		if len(rs)%2 != 0 {
			return nil, fmt.Errorf("odd long flag string %q", s)
		}
		for i := 0; i < len(rs); i += 2 {
			out = append(out, string(rs[i:i+2]))
		}
	default:
		for _, r := range s {
			out = append(out, string(r))
		}
	}
	return out, nil
}

// parseFlags turns a flag string into sorted, deduplicated flag ids.
func (a *affixData) parseFlags(s string) ([]flag, error) {
	names, err := a.splitFlags(s)
	if err != nil {
		return nil, err
	}
	out := make([]flag, 0, len(names))
	for _, n := range names {
		id, err := a.intern(n)
		if err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return dedupFlags(out), nil
}

func dedupFlags(f []flag) []flag {
	if len(f) < 2 {
		return f
	}
	j := 1
	for i := 1; i < len(f); i++ {
		if f[i] != f[j-1] {
			f[j] = f[i]
			j++
		}
	}
	return f[:j]
}

func hasFlag(set []flag, f flag) bool {
	if f == 0 {
		return false
	}
	for _, x := range set {
		if x == f {
			return true
		}
		if x > f {
			return false
		}
	}
	return false
}

// parseAff reads an .aff file (already decoded to UTF-8). name is used in errors.
func parseAff(name, text string, enc encoding.Encoding) (*affixData, error) {
	a := &affixData{
		enc:       enc,
		flagIDs:   make(map[string]flag),
		sfx:       make(map[string][]stripGroup),
		pfx:       make(map[string][]stripGroup),
		sfxByFlag: make(map[flag][]*affix),
		pfxByFlag: make(map[flag][]*affix),
	}
	lines := strings.Split(text, "\n")
	// FLAG must be known before any flag is parsed; hunspell allows it anywhere
	// before use, in practice near the top, so read it first.
	for _, ln := range lines {
		f := strings.Fields(ln)
		if len(f) >= 2 && f[0] == "FLAG" {
			switch f[1] {
			case "long":
				a.kind = flagLong
			case "num":
				a.kind = flagNum
			case "UTF-8":
				a.kind = flagUTF8
			}
		}
	}
	// remaining counts rules still expected for the current PFX/SFX header.
	var (
		remaining int
		curFlag   flag
		curCross  bool
		curType   string
		afLeft    = -1
	)
	setFlag := func(dst *flag, f []string, lineNo int) error {
		if len(f) < 2 {
			return fmt.Errorf("%s:%d: %s needs a flag", name, lineNo, f[0])
		}
		ids, err := a.parseFlags(f[1])
		if err != nil || len(ids) != 1 {
			return fmt.Errorf("%s:%d: %s: bad flag %q", name, lineNo, f[0], f[1])
		}
		*dst = ids[0]
		return nil
	}
	for i, ln := range lines {
		lineNo := i + 1
		ln = strings.TrimRight(ln, "\r")
		f := strings.Fields(ln)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		var err error
		switch f[0] {
		case "AF":
			if afLeft < 0 {
				n, perr := strconv.Atoi(safeField(f, 1))
				if perr != nil {
					return nil, fmt.Errorf("%s:%d: AF count %q is not a number", name, lineNo, safeField(f, 1))
				}
				afLeft = n
				continue
			}
			if afLeft == 0 {
				return nil, fmt.Errorf("%s:%d: more AF lines than declared", name, lineNo)
			}
			ids, perr := a.parseFlags(safeField(f, 1))
			if perr != nil {
				return nil, fmt.Errorf("%s:%d: AF: %w", name, lineNo, perr)
			}
			a.aliases = append(a.aliases, ids)
			afLeft--
		case "IGNORE":
			a.ignore = safeField(f, 1)
		case "FULLSTRIP":
			a.fullStrip = true
		case "NEEDAFFIX", "PSEUDOROOT":
			err = setFlag(&a.needAffix, f, lineNo)
		case "ONLYINCOMPOUND":
			err = setFlag(&a.onlyInCompound, f, lineNo)
		case "FORBIDDENWORD":
			err = setFlag(&a.forbidden, f, lineNo)
		case "CIRCUMFIX":
			err = setFlag(&a.circumfix, f, lineNo)
		case "KEEPCASE":
			err = setFlag(&a.keepCase, f, lineNo)
		case "PFX", "SFX":
			if remaining == 0 || f[0] != curType {
				// Header: PFX flag cross count
				if len(f) < 4 {
					return nil, fmt.Errorf("%s:%d: %s header needs flag, cross-product and count", name, lineNo, f[0])
				}
				if err := setFlag(&curFlag, f, lineNo); err != nil {
					return nil, err
				}
				n, perr := strconv.Atoi(f[3])
				if perr != nil {
					return nil, fmt.Errorf("%s:%d: %s count %q is not a number", name, lineNo, f[0], f[3])
				}
				curCross = f[2] == "Y"
				curType = f[0]
				remaining = n
				continue
			}
			r, perr := a.parseRule(f, curFlag, curCross)
			if perr != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, lineNo, perr)
			}
			remaining--
			if f[0] == "SFX" {
				a.sfxByFlag[r.flag] = append(a.sfxByFlag[r.flag], r)
				addGroup(a.sfx, r)
				a.maxSfx = max(a.maxSfx, len(r.add))
				if len(r.cont) > 0 {
					a.hasCont = true
				}
			} else {
				a.pfxByFlag[r.flag] = append(a.pfxByFlag[r.flag], r)
				addGroup(a.pfx, r)
				a.maxPfx = max(a.maxPfx, len(r.add))
			}
		}
		if err != nil {
			return nil, err
		}
	}
	finishGroups(a.sfx)
	return a, nil
}

func safeField(f []string, i int) string {
	if i < len(f) {
		return f[i]
	}
	return ""
}

// parseRule reads "SFX flag strip add[/cont] cond [morph]".
func (a *affixData) parseRule(f []string, fl flag, cross bool) (*affix, error) {
	if len(f) < 4 {
		return nil, fmt.Errorf("%s rule needs strip and affix fields", f[0])
	}
	ids, err := a.parseFlags(f[1])
	if err != nil || len(ids) != 1 || ids[0] != fl {
		return nil, fmt.Errorf("%s rule flag %q does not match its header", f[0], f[1])
	}
	r := &affix{flag: fl, cross: cross}
	r.strip = a.clean(f[2])
	add := f[3]
	if j := strings.IndexByte(add, '/'); j >= 0 {
		cont := add[j+1:]
		add = add[:j]
		if n, err := strconv.Atoi(cont); err == nil && len(a.aliases) > 0 {
			if n < 1 || n > len(a.aliases) {
				return nil, fmt.Errorf("continuation alias %d out of range", n)
			}
			r.cont = a.aliases[n-1]
		} else if r.cont, err = a.parseFlags(cont); err != nil {
			return nil, err
		}
	}
	r.add = a.clean(add)
	cond := "."
	if len(f) >= 5 {
		cond = f[4]
	}
	r.src = strings.ToLower(cond)
	if r.cond, err = parseCondition(r.src); err != nil {
		return nil, err
	}
	return r, nil
}

// clean normalizes an affix string: "0" is empty, IGNORE characters are
// dropped, case is folded.
func (a *affixData) clean(s string) string {
	if s == "0" {
		return ""
	}
	return strings.ToLower(removeRunes(s, a.ignore))
}

func removeRunes(s, set string) string {
	if set == "" || !strings.ContainsAny(s, set) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(set, r) {
			return -1
		}
		return r
	}, s)
}

func addGroup(m map[string][]stripGroup, r *affix) {
	gs := m[r.add]
	for i := range gs {
		g := &gs[i]
		if g.strip != r.strip {
			continue
		}
		g.rules = append(g.rules, r)
		for _, q := range g.rules[:len(g.rules)-1] {
			if q.src == r.src {
				return
			}
		}
		g.conds = append(g.conds, r.cond)
		return
	}
	m[r.add] = append(gs, stripGroup{strip: r.strip, rules: []*affix{r}, conds: []condition{r.cond}})
}
