package loaders

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Check rejects input no loader should see: over limit bytes, empty (or
// only white space), binary (a NUL byte) or not UTF-8. Errors are
// graph.EINVALID and name the file and where the problem is.
func Check(name string, data []byte, limit int64) error {
	if limit > 0 && int64(len(data)) > limit {
		return errorf(name, "%d bytes, over the %d byte limit", len(data), limit)
	}
	data = trimBOM(data)
	if len(bytes.TrimSpace(data)) == 0 {
		return errorf(name, "empty file")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return errorf(name, "binary file, not text (NUL byte at offset %d)", i)
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		line := bytes.Count(data[:off], []byte("\n")) + 1
		return errorf(name, "invalid UTF-8 at line %d (byte offset %d): convert the file to UTF-8", line, off)
	}
	return nil
}

func trimBOM(data []byte) []byte { return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) }

var (
	mdHeading    = regexp.MustCompile(`^#{1,6} `)
	nquadLine    = regexp.MustCompile(`^(<[^>\s]*>|_:\S+)\s+<[^>\s]*>\s+.+\.\s*$`)
	htmlStart    = regexp.MustCompile(`(?i)^<(!doctype\s+html|html|head|body|meta|title|p|div|article|section|h[1-6])[\s>]`)
	markdownLine = regexp.MustCompile("^(#{1,6} |```|> |\\* |- |\\d+\\. )|\\[[^\\]]+\\]\\([^)]+\\)|\\*\\*[^*]+\\*\\*")
)

// Sniff guesses the format of content that has no telling name: "html",
// "nquads", "jsonl", "csv", "markdown" or "text".
func Sniff(data []byte) string {
	s := strings.TrimSpace(string(trimBOM(data)))
	var lines []string
	first := "" // the first line that is not a '#' comment or heading
	for _, l := range strings.SplitN(s, "\n", 21) {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		lines = append(lines, l)
		if first == "" && !strings.HasPrefix(l, "#") {
			first = l
		}
	}
	switch {
	case htmlStart.MatchString(first) || strings.HasPrefix(first, "<!--") && strings.Contains(strings.ToLower(s), "<html"):
		return "html"
	case nquadLine.MatchString(first):
		return "nquads"
	case strings.HasPrefix(first, "{") && strings.HasSuffix(first, "}"):
		return "jsonl"
	case isCSVHeader(first):
		return "csv"
	}
	md := 0
	for _, l := range lines {
		if markdownLine.MatchString(l) {
			md++
		}
	}
	if md >= 2 || md == 1 && mdHeading.MatchString(lines[0]) {
		return "markdown"
	}
	return "text"
}

// isCSVHeader reports whether a line is an edge list header: it names the
// subject, predicate and object columns.
func isCSVHeader(line string) bool {
	l := strings.ToLower(line)
	for _, c := range []string{"subject", "predicate", "object"} {
		if !strings.Contains(l, c) {
			return false
		}
	}
	return strings.ContainsAny(l, ",;\t")
}
