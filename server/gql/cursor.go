package gql

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/ties-graph/ties/graph"
)

// Cursors are opaque to clients: base64 of "kind:value", the kind guarding
// against a cursor of one list being passed to another.
func encodeCursor(kind, value string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(kind + ":" + value))
}

func decodeCursor(kind string, cursor *string) (string, error) {
	if cursor == nil || *cursor == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(*cursor)
	v, ok := strings.CutPrefix(string(b), kind+":")
	if err != nil || !ok {
		return "", graph.Errorf(graph.EINVALID, "invalid cursor %q for this list", *cursor)
	}
	return v, nil
}

func decodeOffset(kind string, cursor *string) (int, error) {
	v, err := decodeCursor(kind, cursor)
	if err != nil || v == "" {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, graph.Errorf(graph.EINVALID, "invalid cursor %q for this list", *cursor)
	}
	return n + 1, nil
}

func pageInfo(cursors []string, hasNext, hasPrev bool) *PageInfo {
	p := &PageInfo{HasNextPage: hasNext, HasPreviousPage: hasPrev}
	if len(cursors) > 0 {
		p.StartCursor = &cursors[0]
		p.EndCursor = &cursors[len(cursors)-1]
	}
	return p
}
