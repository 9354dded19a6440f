package browsertest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
)

// A generated network big enough to test the layout and the filters: a hub
// with cities as members (some of them only until 2015), people who
// represent it, and partnerships among the cities.
const (
	hubName       = "Baltic Test Network"
	cities        = 240
	leftIn2015    = 30 // the first cities' memberships end in 2015
	people        = 20
	partnerEvery  = 4 // city i partners city i+1 when i%partnerEvery == 0
	memberSince   = "2010"
	membershipEnd = "2015"
)

func writeLargeNetwork(t *testing.T) (dir string, partnerships int) {
	t.Helper()
	hub := loaders.RecordEntity{Name: hubName, Type: graph.EntityType("Network")}
	var lines []string
	add := func(r loaders.Record) {
		r.Document = "large.jsonl"
		r.Confidence = 0.9
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(b))
	}
	city := func(i int) loaders.RecordEntity {
		return loaders.RecordEntity{Name: fmt.Sprintf("Testcity %03d", i), Type: graph.EntityType("City")}
	}
	for i := range cities {
		r := loaders.Record{Subject: city(i), Predicate: graph.Predicate("member_of"), Object: hub,
			Evidence: fmt.Sprintf("Testcity %03d is a member of the %s.", i, hubName), From: memberSince}
		if i < leftIn2015 {
			r.Until = membershipEnd
		}
		add(r)
	}
	for i := range people {
		add(loaders.Record{Subject: loaders.RecordEntity{Name: fmt.Sprintf("Person Number%02d", i), Type: graph.EntityType("Person")},
			Predicate: graph.Predicate("represents"), Object: hub,
			Evidence: fmt.Sprintf("Person Number%02d speaks for the %s.", i, hubName)})
	}
	for i := 0; i+1 < cities; i += partnerEvery {
		add(loaders.Record{Subject: city(i), Predicate: graph.Predicate("partner_of"), Object: city(i + 1),
			Evidence: fmt.Sprintf("Testcity %03d and Testcity %03d are partners.", i, i+1)})
		partnerships++
	}
	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "large.jsonl"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, partnerships
}

func TestExplorerLargeNeighbourhood(t *testing.T) {
	chrome := findChromium(t)
	if testing.Short() {
		t.Skip("the browser test takes a while; skipped in -short mode")
	}
	dir, partnerships := writeLargeNetwork(t)
	b := openPage(t, chrome, dir)
	nodes, edges := 1+cities+people, cities+people+partnerships

	b.do(t, "search", chromedp.SendKeys(chromedp.CSS("#search"), "baltic test"))
	b.poll(t, "suggestion", `document.querySelector("#search-suggestions li.hit") !== null`)
	b.do(t, "pick", chromedp.Click(chromedp.CSS("#search-suggestions li.hit")))
	b.poll(t, fmt.Sprintf("%d nodes laid out", nodes),
		fmt.Sprintf(`tiesExplorer.idle() && tiesExplorer.cy.nodes().length === %d`, nodes))

	// visible counts what the filters leave shown; cytoscape's :visible
	// lags a frame behind, so count the elements without the hiding class.
	visible := func() (n, e int) {
		v := evalJS[[]int](t, b, `[tiesExplorer.cy.nodes().not(".filtered").length, tiesExplorer.cy.edges().not(".filtered").length]`)
		return v[0], v[1]
	}
	if n, e := visible(); n != nodes || e != edges {
		t.Fatalf("visible: %d nodes, %d edges; want %d, %d", n, e, nodes, edges)
	}

	t.Run("layout keeps nodes apart", func(t *testing.T) {
		// Nodes are 26 px wide at zoom 1; centres closer than that overlap.
		overlapping := evalJS[int](t, b, `(() => { const ns = tiesExplorer.cy.nodes(), bad = new Set();
			for (let i = 0; i < ns.length; i++) for (let j = i + 1; j < ns.length; j++) {
				const a = ns[i].position(), c = ns[j].position();
				if (Math.hypot(a.x - c.x, a.y - c.y) < 26) { bad.add(i); bad.add(j); } }
			return bad.size; })()`)
		if overlapping > nodes/20 {
			t.Errorf("%d of %d nodes overlap another", overlapping, nodes)
		}
		b.shot(t, "large.png")
	})

	// check clicks a filter checkbox.
	check := func(box, value string) {
		b.do(t, "toggle "+value, chromedp.Click(chromedp.CSS(fmt.Sprintf(`#%s input[value=%q]`, box, value))))
	}
	typeDate := func(id, v string) {
		b.do(t, "date "+id, chromedp.SendKeys(chromedp.CSS("#"+id), v))
	}
	clearDate := func(id string) {
		evalJS[bool](t, b, fmt.Sprintf(`(() => { const i = document.getElementById(%q); i.value = "";
			return i.dispatchEvent(new Event("input", { bubbles: true })); })()`, id))
	}
	undated := func() { b.do(t, "toggle undated", chromedp.Click(chromedp.CSS("#date-undated"))) }
	// Cities that left in 2015 and have no partner keep no visible tie.
	lonelyLeavers := 0
	for i := range leftIn2015 {
		if i%partnerEvery > 1 {
			lonelyLeavers++
		}
	}
	tests := []struct {
		name         string
		apply, reset func()
		nodes, edges int
	}{
		{"predicate", func() { check("filter-predicates", "PARTNER_OF") }, func() { check("filter-predicates", "PARTNER_OF") },
			nodes, edges - partnerships},
		{"entity type", func() { check("filter-types", "PERSON") }, func() { check("filter-types", "PERSON") },
			nodes - people, edges - people},
		// Memberships run from 2010: none before; undated ties stay.
		{"until before the memberships", func() { typeDate("date-until", "2009") }, func() { clearDate("date-until") },
			1 + people + 2*partnerships, people + partnerships},
		// The first cities left in 2015; the first partner pair is among them.
		{"from after some left", func() { typeDate("date-from", "2016") }, func() { clearDate("date-from") },
			nodes - lonelyLeavers, edges - leftIn2015},
		{"dated ties only", undated, undated,
			1 + cities, cities},
	}
	for _, tc := range tests {
		t.Run("filter by "+tc.name, func(t *testing.T) {
			tc.apply()
			n, e := visible()
			tc.reset()
			if n != tc.nodes || e != tc.edges {
				t.Errorf("visible: %d nodes, %d edges; want %d, %d", n, e, tc.nodes, tc.edges)
			}
			if n, e := visible(); n != nodes || e != edges {
				t.Errorf("after reset: %d nodes, %d edges; want %d, %d", n, e, nodes, edges)
			}
		})
	}

	t.Run("a dragged node stays pinned through a layout", func(t *testing.T) {
		name := "Person Number07"
		b.frames(t)
		p := evalJS[*struct{ X, Y float64 }](t, b, nodeXY(name))
		if p == nil {
			t.Fatalf("no node %s", name)
		}
		held := func(e *input.DispatchMouseEventParams) {
			e.Button, e.Buttons, e.ClickCount = input.MouseButtonLeft, 1, 1
		}
		b.do(t, "drag",
			chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, p.X, p.Y, held),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, p.X+30, p.Y+20, held),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, p.X+60, p.Y+40, held),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, p.X+60, p.Y+40, held))
		pos := fmt.Sprintf(`(() => { const n = tiesExplorer.cy.nodes().filter((x) => x.data("name") === %s)[0];
			return { x: n.position().x, y: n.position().y, pinned: n.hasClass("pinned") }; })()`, jsString(name))
		type place struct {
			X, Y   float64
			Pinned bool
		}
		before := evalJS[place](t, b, pos)
		if !before.Pinned {
			t.Fatalf("%s not pinned after a drag from %+v: now at %+v", name, p, before)
		}
		b.do(t, "layout", chromedp.Click(chromedp.CSS("#relayout")))
		b.poll(t, "layout done", `tiesExplorer.idle()`)
		after := evalJS[place](t, b, pos)
		if d := (after.X-before.X)*(after.X-before.X) + (after.Y-before.Y)*(after.Y-before.Y); d > 1 {
			t.Errorf("pinned %s moved from %+v to %+v", name, before, after)
		}
		b.do(t, "unpin", chromedp.Click(chromedp.CSS("#unpin")))
		if evalJS[place](t, b, pos).Pinned {
			t.Errorf("%s still pinned after Unpin all", name)
		}
	})

	t.Run("zoom and fit", func(t *testing.T) {
		z0 := evalJS[float64](t, b, `tiesExplorer.cy.zoom()`)
		b.do(t, "zoom in", chromedp.Click(chromedp.CSS("#zoom-in")))
		if z := evalJS[float64](t, b, `tiesExplorer.cy.zoom()`); z <= z0 {
			t.Errorf("zoom %v after +, was %v", z, z0)
		}
		b.do(t, "fit", chromedp.Click(chromedp.CSS("#fit")))
		b.poll(t, "everything in view", `(() => { const cy = tiesExplorer.cy, e = cy.extent(), bb = cy.nodes().boundingBox();
			return !cy.animated() && bb.x1 >= e.x1 - 1 && bb.x2 <= e.x2 + 1 && bb.y1 >= e.y1 - 1 && bb.y2 <= e.y2 + 1; })()`)
	})
	b.checkClean(t)
}
