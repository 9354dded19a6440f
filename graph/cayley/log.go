package cayley

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/cayleygraph/cayley/clog"
)

// useLogger routes Cayley's clog, a process-wide setting, to l. With several
// stores open the last Open's logger wins; all of them are this package's.
func useLogger(l *slog.Logger) { clog.SetLogger(clogSlog{l}) }

// clogSlog adapts slog to clog.Logger. Cayley's info lines are debug noise
// for ties, so they go out at Debug.
type clogSlog struct{ l *slog.Logger }

func (c clogSlog) Infof(format string, args ...any) {
	c.l.Debug(fmt.Sprintf(format, args...), "component", "cayley")
}
func (c clogSlog) Warningf(format string, args ...any) {
	c.l.Warn(fmt.Sprintf(format, args...), "component", "cayley")
}
func (c clogSlog) Errorf(format string, args ...any) {
	c.l.Error(fmt.Sprintf(format, args...), "component", "cayley")
}
func (c clogSlog) Fatalf(format string, args ...any) {
	c.l.Log(context.Background(), slog.LevelError+4, fmt.Sprintf(format, args...), "component", "cayley")
	os.Exit(1)
}
func (c clogSlog) V(level int) bool { return false }
func (c clogSlog) SetV(int)         {}
