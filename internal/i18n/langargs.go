package i18n

import "strings"

// langArgs returns args with each argument written for the printer's
// language standing in for the argument it is named after: on a Japanese
// printer, Names@ja for Names (the names a Japanese system shows a product
// by, クイック アシスト for Quick Assist), and Names@jaMore, the count of
// what was cut from it, for NamesMore. Arguments for other languages are
// left as they are: no text names them. args itself is not changed.
func (p *Printer) langArgs(args map[string]any) map[string]any {
	suffix := "@" + p.Lang
	var out map[string]any
	for name, v := range args {
		base, ok := strings.CutSuffix(name, suffix)
		if !ok || base == "" {
			continue
		}
		if out == nil {
			out = copyArgs(args)
		}
		out[base] = v
		delete(out, base+MoreSuffix)
		if more, ok := args[name+MoreSuffix]; ok {
			out[base+MoreSuffix] = more
		}
	}
	if out == nil {
		return args
	}
	return out
}
