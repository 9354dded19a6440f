package gql

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// jsonPOST is gqlgen's POST transport for its common case, a JSON body
// asking for a JSON answer (Accept empty, application/json or a
// wildcard), with one change: the data of an answer without errors,
// which the executor has already written as compact JSON, is copied out
// with only the HTML escaping encoding/json adds. transport.POST passes it
// through json.Marshal, which validates and compacts every byte again:
// 40% of the server's time for a 300 KB neighbourhood. Other requests go
// to transport.POST; the bytes on the wire are the same (see
// TestJSONPOSTWritesWhatPOSTWrites).
type jsonPOST struct{ post transport.POST }

func (t jsonPOST) Supports(r *http.Request) bool {
	return t.post.Supports(r) && wantsJSON(r.Header.Get("Accept"))
}

// wantsJSON reports whether transport.POST would answer application/json
// for this Accept header (it does for the first of these types listed).
func wantsJSON(accept string) bool {
	if accept == "" {
		return true
	}
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "*/*", "application/*", "application/json":
			return true
		case "application/graphql-response+json":
			return false
		}
	}
	return false
}

func (t jsonPOST) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	w.Header().Add("Content-Type", "application/json")
	start := graphql.Now()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeResponse(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf("could not read request body: %+v", err)}))
		return
	}
	var params graphql.RawParams
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&params); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		writeResponse(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf(
			"json request body could not be decoded: %+v body:%s", err, string(body))}))
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	rc, opErr := exec.CreateOperationContext(ctx, &params)
	if opErr != nil {
		if errcode.GetErrorKind(opErr) == errcode.KindProtocol {
			w.WriteHeader(http.StatusUnprocessableEntity)
		}
		writeResponse(w, exec.DispatchError(graphql.WithOperationContext(ctx, rc), opErr))
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	writeResponse(w, responses(ctx))
}

// writeResponse writes resp as json.Marshal does, copying the data of an
// answer without errors or extras instead of re-encoding it.
func writeResponse(w io.Writer, resp *graphql.Response) {
	// The fields json.Marshal would omit (omitempty) must be empty.
	if len(resp.Errors) == 0 && resp.Data != nil && resp.Label == "" && len(resp.Path) == 0 &&
		resp.HasNext == nil && len(resp.Extensions) == 0 {
		switch escape, ok := scanData(resp.Data); {
		case ok && !escape: // the usual case: the bytes as they are
			w.Write([]byte(`{"data":`))
			w.Write(resp.Data)
			w.Write([]byte(`}`))
			return
		case ok:
			b := make([]byte, 0, len(resp.Data)+len(`{"data":}`)+64)
			b, _ = appendCompactData(append(b, `{"data":`...), resp.Data)
			w.Write(append(b, '}'))
			return
		}
	}
	b, err := json.Marshal(resp)
	if err != nil {
		panic(fmt.Errorf("unable to marshal %s: %w", string(resp.Data), err))
	}
	w.Write(b)
}

// appendCompactData appends data, JSON the executor wrote, as json.Marshal
// writes a json.RawMessage: <, > and & in strings as \u003c, \u003e and
// \u0026, U+2028 and U+2029 as \u2028 and \u2029. It reports false when the
// data holds whitespace outside strings or is cut inside a string (then
// only encoding/json knows the answer).
func appendCompactData(b, data []byte) ([]byte, bool) {
	const hex = "0123456789abcdef"
	inString := false
	from := 0
	for i := 0; i < len(data); i++ {
		if inString {
			// Skip the bytes that need nothing, most of them.
			for i < len(data) && !stringStop[data[i]] {
				i++
			}
			if i == len(data) {
				break
			}
		}
		c := data[i]
		if !inString {
			switch c {
			case '"':
				inString = true
			case ' ', '\t', '\n', '\r':
				return b, false
			}
			continue
		}
		switch {
		case c == '\\':
			i++ // the escaped byte, whatever it is
		case c == '"':
			inString = false
		case c == '<' || c == '>' || c == '&':
			b = append(b, data[from:i]...)
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			from = i + 1
		case c == 0xe2 && i+2 < len(data) && data[i+1] == 0x80 && data[i+2]&^1 == 0xa8:
			b = append(b, data[from:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[data[i+2]&0xf])
			i += 2
			from = i + 1
		}
	}
	if inString {
		return b, false
	}
	return append(b, data[from:]...), true
}

// scanData reports whether appendCompactData would change data (escape)
// and whether it can write it at all (ok), without copying.
func scanData(data []byte) (escape, ok bool) {
	inString := false
	for i := 0; i < len(data); i++ {
		if inString {
			for i < len(data) && !stringStop[data[i]] {
				i++
			}
			if i == len(data) {
				break
			}
			switch c := data[i]; {
			case c == '\\':
				i++
			case c == '"':
				inString = false
			case c == '<' || c == '>' || c == '&':
				escape = true
			case c == 0xe2 && i+2 < len(data) && data[i+1] == 0x80 && data[i+2]&^1 == 0xa8:
				escape = true
			}
			continue
		}
		switch data[i] {
		case '"':
			inString = true
		case ' ', '\t', '\n', '\r':
			return escape, false
		}
	}
	return escape, !inString
}

// stringStop marks the bytes appendCompactData must look at inside a
// string.
var stringStop = [256]bool{'\\': true, '"': true, '<': true, '>': true, '&': true, 0xe2: true}
