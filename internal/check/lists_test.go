package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestFindingListsFollowTheLanguage: a finding that names several things
// reads as a list of its language: in Japanese joined with 、 and the
// rest counted as ほか…件, never ", " or "(+2)".
func TestFindingListsFollowTheLanguage(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	var hosts strings.Builder
	var files []string
	var local []string
	for i := range 5 {
		fmt.Fprintf(&hosts, "203.0.113.7 site%d.example\n", i)
		files = append(files, fmt.Sprintf("/home/a/Documents/passwords%d.txt", i))
		local = append(local, fmt.Sprintf("tool%d", i))
	}
	results := map[string]monitor.Result{
		"site-redirects": judgeRedirects(redirectFacts{HostsFile: "/etc/hosts", Entries: parseHosts([]byte(hosts.String()))}, catalog.Sites{}),
		"password-files": judgePasswordFiles(files, walked{}),
	}
	// Package names are technical: the app-sources finding counts them and
	// leaves the names to Details (ADVICE.md: no package names in a finding).
	t.Run("app-sources", func(t *testing.T) {
		r := judgeSources(sourcesFacts{Local: local})
		for _, lang := range []string{"ja", "en"} {
			if text := cat.Printer(lang).T(r.Finding.Key, r.Finding.Args); strings.Contains(text, "tool0") {
				t.Errorf("%s: the finding names a package: %q", lang, text)
			}
		}
	})
	for id, r := range results {
		t.Run(id, func(t *testing.T) {
			ja := cat.Printer("ja").T(r.Finding.Key, r.Finding.Args)
			if strings.Contains(ja, ", ") || strings.Contains(ja, "(+") || !strings.Contains(ja, "、") || !strings.Contains(ja, "ほか2件") {
				t.Errorf("ja: %q is not a Japanese list of three and ほか2件", ja)
			}
			en := cat.Printer("en").T(r.Finding.Key, r.Finding.Args)
			if strings.Contains(en, "、") || !strings.Contains(en, ", ") || !strings.Contains(en, "and 2 more") {
				t.Errorf("en: %q is not an English list of three and 2 more", en)
			}
		})
	}
}
