// Package cli implements Mamori's command-line commands, so that they can be
// tested; cmd/agent only wires them to the real system.
package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/report"
)

// Env is what a command needs from the process it runs in.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Now            func() time.Time
	App            report.App
	// Checks are the checks to run, in display order.
	Checks []monitor.Check
	// Timeout bounds each check whose Spec sets none; zero uses the
	// engine's default.
	Timeout time.Duration
	// Runner runs the checks (a worker process, internal/worker); nil
	// runs them in this process.
	Runner monitor.Runner
	// Shaped names the policies that shape a check's verdict
	// (policy.Set.Shaped); nil for none.
	Shaped func(check string) []string
}

// Check runs every check once and prints the results. It returns the exit
// code (report.ExitCode): 0 all ok, 10 a check could not tell (and nothing
// worse), 11 a warning, 12 a critical finding, 64 for a usage error, 70 for
// an internal error; no code a failing Go program exits with (1, 2) is a
// verdict.
// Usage is the check command's usage line; `mamori help` prints it too.
const Usage = "mamori check [--json] [--lang ja|en] [--details]"

func Check(ctx context.Context, args []string, env Env) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	asJSON := fs.Bool("json", false, "print a JSON document instead of a table")
	lang := fs.String("lang", "", "language of the text: ja or en (default: from the locale)")
	details := fs.Bool("details", false, "also print what each check saw, as the status window shows it under Details: the files, tools and certificates a finding refers to, and what the system said where a check could not tell (technical, often English)")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: "+Usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return report.ExitUsage
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return report.ExitUsage
	}
	language := i18n.Normalize(*lang)
	if *lang != "" && language == "" {
		fmt.Fprintf(env.Stderr, "mamori check: unknown language %q (use ja or en)\n", *lang)
		return report.ExitUsage
	}
	if language == "" {
		language = i18n.Detect(env.Getenv)
	}
	cat, err := i18n.Load()
	if err != nil {
		fmt.Fprintf(env.Stderr, "mamori check: %v\n", err)
		return report.ExitInternal
	}
	p := cat.Printer(language).On(i18n.SystemOf(runtime.GOOS, env.Getenv))

	engine, err := monitor.New(env.Checks, monitor.Options{Now: env.Now, Timeout: env.Timeout, Runner: env.Runner})
	if err != nil {
		fmt.Fprintf(env.Stderr, "mamori check: %v\n", err)
		return report.ExitInternal
	}
	results := engine.Run(ctx)
	doc := report.Build(results, p, env.App, env.Now())
	if env.Shaped != nil {
		for i := range doc.Checks {
			doc.Checks[i].Policy = env.Shaped(doc.Checks[i].ID)
		}
	}
	if *asJSON {
		err = report.WriteJSON(env.Stdout, doc)
	} else {
		err = report.WriteTable(env.Stdout, doc, p, *details)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "mamori check: writing the report: %v\n", err)
		return report.ExitInternal
	}
	if ctx.Err() != nil {
		// Stopped before every check answered: no verdict.
		fmt.Fprintln(env.Stderr, "mamori check: stopped before every check answered")
		return report.ExitInterrupted
	}
	return report.ExitCode(results)
}
