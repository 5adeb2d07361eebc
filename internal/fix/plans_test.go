package fix

import (
	"context"
	"errors"
	"testing"

	"github.com/mamori-project/mamori/internal/desktop"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// stubPlanner plans one change of its setting.
type stubPlanner struct{ s Setting }

func (p stubPlanner) Plan(context.Context, host.System) (Plan, error) {
	return Plan{Changes: []Change{p.s.Change("false", "true", Switch, "fix.lock-enabled")}}, nil
}

// TestFixesAreHandedIn: the plan, the offer and what Undo accepts come
// from the fixes handed in, under the ID they are declared with; a check
// or desktop with none has no fix.
func TestFixesAreHandedIn(t *testing.T) {
	// An xfconf setting: For asks gsettings whether a GSettings key is
	// locked, and this test runs no program.
	s := Setting{Tool: Xfconf, Schema: "xfce4-screensaver", Key: "/lock/enabled"}
	fixes := Fixes{"a-check": {desktop.GNOME: stubPlanner{s}}}
	env := func(d string) func(string) string {
		return func(k string) string { return map[string]string{"XDG_CURRENT_DESKTOP": d}[k] }
	}
	ctx := context.Background()
	t.Run("planned under its declared ID", func(t *testing.T) {
		// The stub's plan names no check: For names it, so that no
		// planner files its plan under another check's undo record.
		plan, err := fixes.For(ctx, host.System{Getenv: env("GNOME")}, "a-check")
		if err != nil || plan.Check != "a-check" || len(plan.Changes) != 1 {
			t.Fatalf("For: %+v, %v", plan, err)
		}
	})
	for _, tt := range []struct {
		name, desktop, check string
		want                 error
	}{
		{"another desktop", "KDE", "a-check", ErrNoFix},
		{"another check", "GNOME", "b-check", ErrNoFix},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := fixes.For(ctx, host.System{Getenv: env(tt.desktop)}, tt.check); !errors.Is(err, tt.want) {
				t.Errorf("For: %v, want %v", err, tt.want)
			}
		})
	}
	t.Run("offered", func(t *testing.T) {
		r := monitor.Result{CheckID: "a-check", Status: monitor.Critical}
		if !fixes.Offered(env("GNOME"), r) || fixes.Offered(env("KDE"), r) {
			t.Error("offered where no fix is declared, or not where one is")
		}
	})
	t.Run("verified against the declared settings", func(t *testing.T) {
		ok := Plan{Check: "a-check", Changes: []Change{s.Change("false", "true", Switch, "fix.lock-enabled")}}
		if err := ok.Verify(fixes); err != nil {
			t.Error(err)
		}
		other := ok
		other.Check = "b-check"
		if err := other.Verify(fixes); !errors.Is(err, ErrNotAFix) {
			t.Errorf("a change filed under another check: %v", err)
		}
	})
}
