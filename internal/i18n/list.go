package i18n

import (
	"fmt"
	"strings"
)

// ListMax is how many items of a list a text names before it counts the
// rest ("Chrome, Firefox, Edge and 2 more"; 「Chrome、Firefox、Edgeほか2件」).
const ListMax = 3

// MoreSuffix names the argument that counts the items of a list argument
// left out before it reached the printer: a list Names cut to its first
// items carries NamesMore, the number cut (monitor.Result.Bounded writes
// it, since a result crosses between processes with its lists bounded).
const MoreSuffix = "More"

// List joins items as the printer's language writes a list: Japanese with
// 、 and 「ほか13件」 for the rest, English with ", " and "and 13 more".
// At most max items are named (all when max <= 0); more is the number of
// items left out before these, which are counted with the rest.
func (p *Printer) List(items []string, max int, more int) string {
	shown := items
	if max > 0 && len(shown) > max {
		more += len(shown) - max
		shown = shown[:max]
	}
	joined := strings.Join(shown, p.T("list.separator", nil))
	if more == 0 {
		return joined
	}
	if len(shown) == 0 {
		return p.T("list.only-count", map[string]any{"Count": more})
	}
	return p.T("list.more", map[string]any{"Items": joined, "Count": more})
}

// listArgs returns args with each list (a []string, or the []any a list
// becomes when a result crosses as JSON) joined by p.List, and the count
// of what was cut from it (its name + MoreSuffix) taken in.
func (p *Printer) listArgs(args map[string]any) map[string]any {
	return rewriteArgs(args, func(name string, v any) (any, bool) {
		items, ok := asList(v)
		if !ok {
			return nil, false
		}
		return p.List(items, ListMax, asInt(args[name+MoreSuffix])), true
	})
}

// rewriteArgs returns args with the values rewrite changes (it says so
// with true), copying args only when one does: args itself is not changed,
// as it may be a result's.
func rewriteArgs(args map[string]any, rewrite func(name string, v any) (any, bool)) map[string]any {
	var out map[string]any
	for name, v := range args {
		nv, ok := rewrite(name, v)
		if !ok {
			continue
		}
		if out == nil {
			out = copyArgs(args)
		}
		out[name] = nv
	}
	if out == nil {
		return args
	}
	return out
}

// copyArgs returns a copy of args, to change without changing a result's.
func copyArgs(args map[string]any) map[string]any {
	out := make(map[string]any, len(args))
	for k, v := range args {
		out[k] = v
	}
	return out
}

func asList(v any) ([]string, bool) {
	switch x := v.(type) {
	case []string:
		return x, true
	case []any:
		items := make([]string, len(x))
		for i, e := range x {
			items[i] = fmt.Sprint(e)
		}
		return items, true
	}
	return nil, false
}

func asInt(v any) int {
	switch x := v.(type) {
	case int:
		return x
	case int64:
		return int(x)
	case float64:
		return int(x)
	}
	return 0
}
