package loaders

import (
	"regexp"
	"strings"
)

var (
	mdImage     = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink      = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	mdRefLink   = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	mdRefDef    = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s+\S`)
	mdAutolink  = regexp.MustCompile(`<(https?://[^>]+)>`)
	mdStrong    = regexp.MustCompile(`(\*\*|__)([^*_]+?)(\*\*|__)`)
	mdEmph      = regexp.MustCompile(`(^|[^\w*])\*([^*\s][^*]*?)\*`)
	mdEmphU     = regexp.MustCompile(`(^|\W)_([^_\s][^_]*?)_(\W|$)`)
	mdCode      = regexp.MustCompile("`([^`]*)`")
	mdHTMLTag   = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
	mdHeadingRe = regexp.MustCompile(`^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdListItem  = regexp.MustCompile(`^\s*([-*+]|\d+[.)])\s+`)
	mdQuote     = regexp.MustCompile(`^\s*(>\s?)+`)
	mdRule      = regexp.MustCompile(`^\s{0,3}([-*_]\s*){3,}$`)
	mdSetext    = regexp.MustCompile(`^\s{0,3}(=+|-+)\s*$`)
	mdTableSep  = regexp.MustCompile(`^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`)
)

// MarkdownText returns the plain text of a Markdown document: headings,
// paragraphs and list items one per line (a paragraph's wrapped lines
// joined, since the text extractor ends sentences at line breaks), markup,
// link targets, code blocks and HTML tags dropped; and its title, the first
// heading.
func MarkdownText(src string) (text, title string) {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	var out []string
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, strings.Join(para, " "))
			para = para[:0]
		}
	}
	emit := func(line string) {
		flush()
		if line != "" {
			out = append(out, line)
		}
	}
	lines := strings.Split(src, "\n")
	fence := ""
	for i := 0; i < len(lines); i++ {
		raw := lines[i]
		trimmed := strings.TrimSpace(raw)
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			flush()
			fence = trimmed[:3]
			continue
		}
		switch {
		case trimmed == "":
			flush()
			continue
		case mdRefDef.MatchString(raw), mdTableSep.MatchString(trimmed) && strings.Contains(trimmed, "-"),
			mdRule.MatchString(trimmed) && len(para) == 0:
			flush()
			continue
		case mdSetext.MatchString(trimmed) && len(para) > 0:
			// The paragraph so far was a heading.
			h := strings.Join(para, " ")
			para = para[:0]
			if title == "" {
				title = h
			}
			emit(h)
			continue
		}
		if m := mdHeadingRe.FindStringSubmatch(raw); m != nil {
			h := inline(m[2])
			if title == "" {
				title = h
			}
			emit(h)
			continue
		}
		line := raw
		if mdQuote.MatchString(line) {
			line = mdQuote.ReplaceAllString(line, "")
		}
		if mdListItem.MatchString(line) {
			flush()
			line = mdListItem.ReplaceAllString(line, "")
		}
		if strings.HasPrefix(strings.TrimSpace(line), "|") {
			// A table row: its cells, one line.
			cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
			for j := range cells {
				cells[j] = inline(cells[j])
			}
			emit(strings.Join(strings.Fields(strings.Join(cells, " ")), " "))
			continue
		}
		hard := strings.HasSuffix(line, "  ") || strings.HasSuffix(line, "\\")
		if l := inline(strings.TrimSuffix(strings.TrimSpace(line), "\\")); l != "" {
			para = append(para, l)
		}
		if hard {
			flush()
		}
	}
	flush()
	return strings.Join(out, "\n"), title
}

// inline strips inline markup from one line.
func inline(s string) string {
	s = mdImage.ReplaceAllString(s, "$1")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdRefLink.ReplaceAllString(s, "$1")
	s = mdAutolink.ReplaceAllString(s, "$1")
	s = mdCode.ReplaceAllString(s, "$1")
	s = mdStrong.ReplaceAllString(s, "$2")
	s = mdEmph.ReplaceAllString(s, "$1$2")
	s = mdEmphU.ReplaceAllString(s, "$1$2$3")
	s = mdHTMLTag.ReplaceAllString(s, "")
	return strings.Join(strings.Fields(s), " ")
}
