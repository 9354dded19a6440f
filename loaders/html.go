package loaders

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipped are the elements whose text is not the document's: code, page
// chrome and navigation.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Nav: true, atom.Header: true, atom.Footer: true,
	atom.Aside: true, atom.Noscript: true, atom.Template: true, atom.Head: true, atom.Svg: true,
	atom.Form: true, atom.Button: true, atom.Select: true, atom.Iframe: true, atom.Object: true,
}

// blocks are the elements that end a line: the text extractor splits
// sentences at line breaks, so each paragraph, heading or item is one line.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Br: true, atom.Tr: true, atom.Td: true,
	atom.Th: true, atom.Blockquote: true, atom.Pre: true, atom.Section: true, atom.Article: true,
	atom.Main: true, atom.Dd: true, atom.Dt: true, atom.Figcaption: true, atom.Caption: true,
	atom.Ul: true, atom.Ol: true, atom.Table: true, atom.Hr: true, atom.Address: true, atom.Body: true,
}

// HTMLText returns the text of an HTML page, one line per paragraph,
// heading or list item, white space collapsed, without scripts, styles and
// page chrome (nav, header, footer, aside); and its title, from <title>, else
// the first <h1>.
func HTMLText(data []byte) (text, title string, err error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return "", "", fmt.Errorf("parse HTML: %w", err)
	}
	var lines []string
	var cur strings.Builder
	flush := func() {
		if l := strings.Join(strings.Fields(cur.String()), " "); l != "" {
			lines = append(lines, l)
		}
		cur.Reset()
	}
	var h1, titleText string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.Title && titleText == "" {
				titleText = strings.Join(strings.Fields(textOf(n)), " ")
			}
			if skipped[n.DataAtom] {
				return
			}
			if n.DataAtom == atom.H1 && h1 == "" {
				h1 = strings.Join(strings.Fields(textOf(n)), " ")
			}
		}
		if n.Type == html.TextNode {
			cur.WriteString(n.Data)
			return
		}
		block := n.Type == html.ElementNode && blocks[n.DataAtom]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		} else if n.Type == html.ElementNode {
			// Inline elements next to each other (<td>a</td><td>b</td>
			// aside) should not glue words together.
			switch n.DataAtom {
			case atom.Span, atom.A, atom.B, atom.I, atom.Em, atom.Strong, atom.Small, atom.Sup, atom.Sub,
				atom.Abbr, atom.Cite, atom.Q, atom.Time, atom.Mark, atom.U, atom.S, atom.Code:
			default:
				cur.WriteByte(' ')
			}
		}
	}
	// <title> lives in <head>, which is skipped: read it first.
	var findTitle func(n *html.Node)
	findTitle = func(n *html.Node) {
		if titleText != "" {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Title {
			titleText = strings.Join(strings.Fields(textOf(n)), " ")
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			findTitle(c)
		}
	}
	findTitle(doc)
	walk(doc)
	flush()
	title = titleText
	if title == "" {
		title = h1
	}
	return strings.Join(lines, "\n"), title, nil
}

// textOf is the concatenated text under n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
