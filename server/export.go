package server

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/ties-graph/ties/export"
	"github.com/ties-graph/ties/graph"
)

// Export routes: the exports (reads only, so no token) and the JSON-LD
// context the JSON-LD export follows.
const (
	ExportPath        = "/export"
	ExportContextPath = "/export/context.jsonld"
)

// exportRoutes adds the export routes to mux.
func exportRoutes(mux *http.ServeMux, opt Options) {
	mux.HandleFunc("GET "+ExportPath, exportHandler(opt.Store, opt.Logger))
	mux.HandleFunc("GET "+ExportContextPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/ld+json")
		// JSON-LD processors on other sites fetch contexts cross-origin.
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Content-Length", strconv.Itoa(len(export.Context)))
		w.Write(export.Context)
	})
}

// exportHandler serves GET /export?format=F[&document=ID | &entity=ID
// &depth=N &limit=N] as a download. Errors found before the first byte
// (bad parameters, unknown document or entity) get a JSON error with the
// status of their code; a failure mid-stream aborts the response, so a
// client never takes a cut file for a whole one.
func exportHandler(store graph.Store, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		opt := export.Options{Document: q.Get("document"), Entity: q.Get("entity")}
		f, err := export.ParseFormat(q.Get("format"))
		if q.Get("format") == "" {
			err = graph.Errorf(graph.EINVALID, "the format parameter is missing (gexf, graphml, csv, nquads, jsonld or jsonl)")
		}
		opt.Format = f
		for _, p := range []struct {
			name string
			dst  *int
		}{{"depth", &opt.Depth}, {"limit", &opt.Limit}} {
			if s := q.Get(p.name); s != "" && err == nil {
				n, perr := strconv.Atoi(s)
				if perr != nil {
					err = graph.Errorf(graph.EINVALID, "%s %q is not a whole number", p.name, s)
				}
				*p.dst = n
			}
		}
		if err == nil {
			err = opt.Check()
		}
		if err != nil {
			exportError(w, r, log, err)
			return
		}
		lw := &lazyWriter{w: w, start: func() {
			h := w.Header()
			h.Set("Content-Type", opt.Format.ContentType())
			h.Set("Content-Disposition", `attachment; filename="`+opt.FileName()+`"`)
			h.Set("X-Content-Type-Options", "nosniff")
		}}
		if err := export.Write(r.Context(), lw, store, opt); err != nil {
			if !lw.started {
				exportError(w, r, log, err)
				return
			}
			log.ErrorContext(r.Context(), "export failed mid-stream", "format", opt.Format, "err", err)
			panic(http.ErrAbortHandler)
		}
		if !lw.started {
			lw.start() // an empty export (JSON lines of an empty store)
			w.WriteHeader(http.StatusOK)
		}
	}
}

// lazyWriter sets the download headers at the first byte, so that errors
// before it can still answer with an error status.
type lazyWriter struct {
	w       http.ResponseWriter
	start   func()
	started bool
}

func (l *lazyWriter) Write(p []byte) (int, error) {
	if !l.started {
		l.started = true
		l.start()
	}
	return l.w.Write(p)
}

func exportError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	status := http.StatusInternalServerError
	switch graph.ErrorCode(err) {
	case graph.EINVALID:
		status = http.StatusBadRequest
	case graph.ENOTFOUND:
		status = http.StatusNotFound
	default:
		log.ErrorContext(r.Context(), "export failed", "err", err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"code": graph.ErrorCode(err), "error": graph.ErrorMessage(err)})
}
