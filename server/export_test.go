package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/ties-graph/ties/export"
	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/server"
)

func TestExport(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	// A token is set: exports are reads and need none.
	h := server.New(server.Options{Store: s, Token: "secret"})
	docs, err := s.Documents(ctx, graph.ListOptions{Limit: 1})
	if err != nil || len(docs) == 0 {
		t.Fatalf("fixture documents: %v, %v", docs, err)
	}
	stmts, err := s.DocumentStatements(ctx, docs[0].ID)
	if err != nil || len(stmts) == 0 {
		t.Fatalf("fixture statements: %v, %v", stmts, err)
	}
	doc, ent := docs[0].ID, stmts[0].Subject.ID

	var cases []export.Options
	for _, f := range export.Formats {
		cases = append(cases, export.Options{Format: f}, export.Options{Format: f, Document: doc})
		if f != export.NQuads {
			cases = append(cases, export.Options{Format: f, Entity: ent, Depth: 2})
		}
	}
	for _, opt := range cases {
		q := url.Values{"format": {string(opt.Format)}}
		if opt.Document != "" {
			q.Set("document", opt.Document)
		}
		if opt.Entity != "" {
			q.Set("entity", opt.Entity)
			q.Set("depth", "2")
		}
		t.Run(q.Encode(), func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, server.ExportPath+"?"+q.Encode(), nil))
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
			}
			if got := rec.Header().Get("Content-Type"); got != opt.Format.ContentType() {
				t.Errorf("Content-Type %q, want %q", got, opt.Format.ContentType())
			}
			if got, want := rec.Header().Get("Content-Disposition"), `attachment; filename="`+opt.FileName()+`"`; got != want {
				t.Errorf("Content-Disposition %q, want %q", got, want)
			}
			var want bytes.Buffer
			if err := export.Write(ctx, &want, s, opt); err != nil {
				t.Fatal(err)
			}
			if want.Len() == 0 || !bytes.Equal(rec.Body.Bytes(), want.Bytes()) {
				t.Errorf("body (%d bytes) differs from export.Write (%d bytes)", rec.Body.Len(), want.Len())
			}
		})
	}
}

func TestExportErrors(t *testing.T) {
	h := server.New(server.Options{Store: newStore(t)})
	tests := []struct {
		query  string
		status int
		code   string
	}{
		{"", http.StatusBadRequest, graph.EINVALID},
		{"format=svg", http.StatusBadRequest, graph.EINVALID},
		{"format=gexf&depth=two&entity=x", http.StatusBadRequest, graph.EINVALID},
		{"format=gexf&depth=2", http.StatusBadRequest, graph.EINVALID},
		{"format=nquads&entity=x", http.StatusBadRequest, graph.EINVALID},
		{"format=gexf&entity=atlantis", http.StatusNotFound, graph.ENOTFOUND},
		{"format=nquads&document=nope.txt", http.StatusNotFound, graph.ENOTFOUND},
		{"format=csv&document=nope.txt", http.StatusNotFound, graph.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, server.ExportPath+"?"+tt.query, nil))
			var body struct{ Code, Error string }
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatalf("status %d, body %q: %v", rec.Code, rec.Body.String(), err)
			}
			if rec.Code != tt.status || body.Code != tt.code || body.Error == "" {
				t.Errorf("status %d, %+v; want %d, code %s", rec.Code, body, tt.status, tt.code)
			}
			if cd := rec.Header().Get("Content-Disposition"); cd != "" {
				t.Errorf("an error is served as a download: %q", cd)
			}
		})
	}
}

func TestExportContext(t *testing.T) {
	h := server.New(server.Options{Store: newStore(t)})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, server.ExportContextPath, nil))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/ld+json" {
		t.Fatalf("status %d, Content-Type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	if !bytes.Equal(rec.Body.Bytes(), export.Context) {
		t.Error("served context differs from export.Context")
	}
	var ctx struct {
		Context map[string]any `json:"@context"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &ctx); err != nil || ctx.Context["member_of"] == nil {
		t.Errorf("context: %v, member_of = %v", err, ctx.Context["member_of"])
	}
}
