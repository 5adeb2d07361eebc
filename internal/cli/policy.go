package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/policy"
	"github.com/mamori-project/mamori/internal/report"
)

// PolicyUsage is the policy command's usage line.
const PolicyUsage = "mamori policy show [--json]"

// PolicyEnv is what `mamori policy` needs.
type PolicyEnv struct {
	Stdout, Stderr io.Writer
	// Set is the organisation's policy as read now.
	Set policy.Set
	// Store is the person's settings file (its Policy is Set).
	Store config.Store
	// Checks are the IDs of Mamori's checks, to report those a Checks
	// policy names that do not exist; nil where they could not be learned.
	Checks []string
	// Export is what keeps the results export from working for this
	// person (export.Status): a directory that may not be used, or their
	// file there that another account put there first; nil for none.
	Export error
}

// policyDoc is `mamori policy show --json`.
type policyDoc struct {
	Policies []policy.Row `json:"policies"`
	Problems []string     `json:"problems"`
}

// Policy prints every policy's effective value and where it came from
// (managed policy, user settings, recommended policy, default), like
// Chromium's policy page, and the values that could not be used. For
// administrators: English, technical.
func Policy(args []string, env PolicyEnv) int {
	fs := flag.NewFlagSet("policy", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	asJSON := fs.Bool("json", false, "print a JSON document instead of a table")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: "+PolicyUsage)
		fs.PrintDefaults()
	}
	if len(args) == 0 || args[0] != "show" {
		fs.Usage()
		return report.ExitUsage
	}
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 {
		fs.Usage()
		return report.ExitUsage
	}
	st, err := env.Store.Load()
	doc := policyDoc{Policies: env.Set.Show(st, env.Store.Fields()), Problems: []string{}}
	for _, p := range slices.Concat(env.Set.Problems, env.Set.UnknownChecks(env.Checks), []error{env.Export}) {
		if p != nil {
			doc.Problems = append(doc.Problems, p.Error())
		}
	}
	if err != nil {
		// The settings file's own problems (the policy's are listed already).
		var inv *config.InvalidError
		var cor *config.CorruptError
		if errorsAs(err, &inv) || errorsAs(err, &cor) {
			doc.Problems = append(doc.Problems, "settings file: "+firstLine(err))
		}
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(doc); err != nil {
			return report.ExitInternal
		}
		return 0
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "POLICY\tVALUE\tSOURCE\tWHERE")
	for _, r := range doc.Policies {
		v, _ := json.Marshal(r.Value)
		source := string(r.Source)
		if r.Locked {
			source += " (locked)"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.Policy, cut(string(v), 60), source, r.Where)
	}
	w.Flush()
	if len(doc.Problems) > 0 {
		fmt.Fprintln(env.Stdout, "\nNot used:")
		for _, p := range doc.Problems {
			fmt.Fprintln(env.Stdout, "  "+p)
		}
	}
	return 0
}

func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

func errorsAs[T error](err error, target *T) bool { return errors.As(err, target) }
