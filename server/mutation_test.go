package server_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/ties-graph/ties/loaders/structured"
	"github.com/ties-graph/ties/server"
)

const loadMutation = `mutation($name: String!, $text: String!, $format: String) {
	loadDocument(name: $name, text: $text, format: $format) {
		document { id format statementCount }
		entities statements replaced
	}
}`

const removeMutation = `mutation($id: ID!) { removeDocument(id: $id) }`

// A JSON lines document in the shape `ties extract` prints.
const twinning = `{"document":"x","subject":{"name":"Kraków","type":"City"},"predicate":"partner_of","object":{"name":"Nuremberg","type":"City"},"evidence":"Kraków and Nuremberg are twin cities.","confidence":0.9}
{"document":"x","subject":{"name":"Kraków","type":"City"},"predicate":"member_of","object":{"name":"Eurocities","type":"Network"},"evidence":"Kraków is a member of Eurocities."}
`

func TestMutations(t *testing.T) {
	store := newStore(t)
	h := server.New(server.Options{Store: store, Loader: &structured.JSONLines{}, Token: "s3cret"})
	vars := map[string]any{"name": "twinning.jsonl", "text": twinning, "format": "jsonl"}

	t.Run("refused without the token", func(t *testing.T) {
		for _, token := range []string{"", "wrong"} {
			r := post(t, h, token, loadMutation, vars)
			if !slices.Equal(r.codes(), []string{"unauthorized"}) {
				t.Errorf("token %q: codes %v, want [unauthorized]", token, r.codes())
			}
			r = post(t, h, token, removeMutation, map[string]any{"id": "krakow.txt"})
			if !slices.Equal(r.codes(), []string{"unauthorized"}) {
				t.Errorf("remove with token %q: codes %v, want [unauthorized]", token, r.codes())
			}
		}
		var n struct{ Search struct{ Edges []struct{} } }
		query(t, h, `{ search(text: "Nuremberg") { edges { cursor } } }`, nil, &n)
		if len(n.Search.Edges) != 0 {
			t.Error("a refused load still wrote to the store")
		}
	})

	t.Run("load, replace, remove with the token", func(t *testing.T) {
		for i, replaced := range []bool{false, true} {
			r := post(t, h, "s3cret", loadMutation, vars)
			if len(r.Errors) > 0 {
				t.Fatalf("load %d: %+v", i, r.Errors)
			}
			for _, want := range []string{`"id":"twinning.jsonl"`, `"statements":2`, `"statementCount":2`, `"format":"jsonl"`} {
				if !strings.Contains(string(r.Data), want) {
					t.Errorf("load %d: %s lacks %s", i, r.Data, want)
				}
			}
			if got := strings.Contains(string(r.Data), `"replaced":true`); got != replaced {
				t.Errorf("load %d: replaced = %v, want %v", i, got, replaced)
			}
		}
		var s struct {
			Search struct {
				Edges []struct {
					Node struct{ ID string }
				}
			}
		}
		query(t, h, `{ search(text: "Nuremberg", first: 1) { edges { node { id } } } }`, nil, &s)
		if len(s.Search.Edges) != 1 {
			t.Fatal("loaded entity not found by search")
		}
		r := post(t, h, "s3cret", removeMutation, map[string]any{"id": "twinning.jsonl"})
		if len(r.Errors) > 0 || string(r.Data) != `{"removeDocument":true}` {
			t.Fatalf("remove: %s %+v", r.Data, r.Errors)
		}
		r = post(t, h, "s3cret", removeMutation, map[string]any{"id": "twinning.jsonl"})
		if !slices.Equal(r.codes(), []string{"not_found"}) {
			t.Errorf("second remove: codes %v, want [not_found]", r.codes())
		}
	})

	t.Run("bad input names the line", func(t *testing.T) {
		bad := map[string]any{"name": "bad.jsonl", "format": "jsonl",
			"text": twinning + `{"subject":{"name":"A"},"predicate":"likes","object":{"name":"B"}}` + "\n"}
		r := post(t, h, "s3cret", loadMutation, bad)
		if !slices.Equal(r.codes(), []string{"invalid"}) || !strings.Contains(r.Errors[0].Message, "bad.jsonl:3") {
			t.Errorf("codes %v, errors %+v; want invalid naming bad.jsonl:3", r.codes(), r.Errors)
		}
		r = post(t, h, "s3cret", loadMutation, map[string]any{"name": "../etc/passwd", "text": "x"})
		if !slices.Equal(r.codes(), []string{"invalid"}) {
			t.Errorf("path as name: codes %v, want [invalid]", r.codes())
		}
	})

	t.Run("read-only server", func(t *testing.T) {
		ro := server.New(server.Options{Store: store, Loader: &structured.JSONLines{}, ReadOnly: true})
		r := post(t, ro, "", loadMutation, vars)
		if !slices.Equal(r.codes(), []string{"forbidden"}) {
			t.Errorf("codes %v, want [forbidden]", r.codes())
		}
	})

	t.Run("no mutation over GET", func(t *testing.T) {
		req := httptest.NewRequest(http.MethodGet, server.GraphQLPath+"?query="+
			strings.ReplaceAll(`mutation{removeDocument(id:"krakow.txt")}`, " ", "%20"), nil)
		req.Header.Set("Authorization", "Bearer s3cret")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code == http.StatusOK && !strings.Contains(rec.Body.String(), "errors") {
			t.Errorf("GET mutation ran: %d %s", rec.Code, rec.Body)
		}
		var d struct{ Document *struct{ ID string } }
		query(t, h, `{ document(id: "krakow.txt") { id } }`, nil, &d)
		if d.Document == nil {
			t.Error("GET mutation removed the document")
		}
	})
}

func TestOpenMutationsWithoutToken(t *testing.T) {
	h := server.New(server.Options{Store: newStore(t), Loader: &structured.JSONLines{}})
	r := post(t, h, "", loadMutation, map[string]any{"name": "t.jsonl", "text": twinning})
	if len(r.Errors) > 0 {
		t.Fatalf("load without a configured token: %+v", r.Errors)
	}
}
