package gql

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

func TestAppendCompactData(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
		ok   bool
	}{
		{"plain", `{"a":[1,2.5,true,null,"x"]}`, true},
		{"html", `{"n":"Polska <&> \"<\" \\<"}`, true},
		{"html in a key", `{"<a>":"&"}`, true},
		{"line separators", "{\"s\":\"a\u2028b\u2029c\u2027\"}", true},
		{"escapes kept", `{"s":"\u003c\n\t\\\""}`, true},
		{"unicode", `{"s":"Львів Kraków 東京 🙂"}`, true},
		{"space in a string", `{"s":"a b"}`, true},
		{"space outside", `{"a": 1}`, false},
		{"newline outside", "{\"a\":1}\n", false},
		{"cut in a string", `{"a":"b`, false},
		{"cut after a backslash", `{"a":"b\`, false},
		{"a lone E2 byte", "{\"s\":\"\xe2\x80\"}", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := appendCompactData([]byte("x"), []byte(tc.data))
			if ok != tc.ok {
				t.Fatalf("ok %v, want %v", ok, tc.ok)
			}
			escape, scanOK := scanData([]byte(tc.data))
			if scanOK != ok || ok && escape != (string(got[1:]) != tc.data) {
				t.Errorf("scanData says escape %v, ok %v; appendCompactData changed it: %v, ok %v", escape, scanOK, string(got[1:]) != tc.data, ok)
			}
			if !ok {
				return
			}
			want, err := json.Marshal(json.RawMessage(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != "x"+string(want) {
				t.Errorf("got %s, json.Marshal writes %s", got[1:], want)
			}
		})
	}
}

// TestJSONPOSTWritesWhatPOSTWrites sends the same raw requests to the
// handler with jsonPOST and to one with gqlgen's POST alone: status,
// content type and body must be equal.
func TestJSONPOSTWritesWhatPOSTWrites(t *testing.T) {
	r := &Resolver{Store: plainStore(t)}
	fast, _ := newHandler(r, handlerConfig{plain: true})
	generic, _ := newHandler(r, handlerConfig{})
	q := `{"query":"{ neighborhood(id: \"krakow\") { nodes { id name } } }"}`
	tests := []struct {
		name, body, accept, contentType string
	}{
		{"answer", q, "", "application/json"},
		{"accept json", q, "application/json", "application/json"},
		{"accept anything", q, "text/html, */*;q=0.8", "application/json"},
		{"accept graphql-response", q, "application/graphql-response+json", "application/json"},
		{"content type with charset", q, "", "application/json; charset=utf-8"},
		{"errors and data", `{"query":"{ a: entity(id: \"krakow\") { name } b: neighborhood(id: \"atlantis\") { nodes { id } } }"}`, "", "application/json"},
		{"parse error", `{"query":"{ neighborhood("}`, "", "application/json"},
		{"validation error", `{"query":"{ nope }"}`, "", "application/json"},
		{"bad json", `{"query":`, "", "application/json"},
		{"no operation", `{"query":"query A { stats { quads } } query B { stats { quads } }"}`, "", "application/json"},
		{"variables", `{"query":"query($id: ID!) { entity(id: $id) { name aliases } }","variables":{"id":"krakow"}}`, "", "application/json"},
		{"html escaping", `{"query":"{ entity(id: \"poland\") { name } }"}`, "", "application/json"},
	}
	do := func(h http.Handler, tc struct{ name, body, accept, contentType string }) string {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(tc.body))
		req.Header.Set("Content-Type", tc.contentType)
		if tc.accept != "" {
			req.Header.Set("Accept", tc.accept)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		b, _ := io.ReadAll(rec.Body)
		return rec.Result().Status + " " + rec.Header().Get("Content-Type") + " " + string(b)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := do(fast, tc), do(generic, tc); got != want {
				t.Errorf("jsonPOST answers\n%s\nPOST\n%s", got, want)
			}
		})
	}
}

func TestWriteResponseFallsBack(t *testing.T) {
	more := true
	for _, resp := range []*graphql.Response{
		{Data: json.RawMessage(`{"a": 1}`)},
		{Data: json.RawMessage(`{"a":"<"}`), HasNext: &more},
		{Data: json.RawMessage(`{"a":"<"}`), Extensions: map[string]any{"x": 1}},
		{Data: json.RawMessage(`{"a":"<"}`)},
		{Data: json.RawMessage(`{"a":"b"}`)},
		{Data: json.RawMessage(`{"a":"<"}`), Extensions: map[string]any{}, Path: nil},
		{},
	} {
		var got bytes.Buffer
		writeResponse(&got, resp)
		want, _ := json.Marshal(resp)
		if got.String() != string(want) {
			t.Errorf("wrote %s, json.Marshal %s", got.String(), want)
		}
	}
}
