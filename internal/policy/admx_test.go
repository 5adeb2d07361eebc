package policy

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the ADMX and ADML files from the schema")

// admxDir is where the templates are kept, beside the installer.
var admxDir = filepath.Join("..", "..", "packaging", "windows", "policy")

// TestADMXMatchesSchema: the ADMX and ADML files are what the schema
// makes (regenerate with go generate ./internal/policy), well-formed, and
// name every key and value the code reads, each text in both languages.
func TestADMXMatchesSchema(t *testing.T) {
	files := map[string][]byte{"mamori.admx": ADMX()}
	for _, lang := range ADMXLanguages {
		files[filepath.Join(lang, "mamori.adml")] = ADML(lang)
	}
	for name, want := range files {
		path := filepath.Join(admxDir, name)
		if *update {
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go generate ./internal/policy writes it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what the schema makes: go generate ./internal/policy", path)
		}
		wellFormed(t, name, got)
	}

	// Every policy's value name (or list key) is in the ADMX, at both
	// levels unless managed only.
	var admx struct {
		Policies []struct {
			Name      string `xml:"name,attr"`
			Key       string `xml:"key,attr"`
			ValueName string `xml:"valueName,attr"`
			Display   string `xml:"displayName,attr"`
			Explain   string `xml:"explainText,attr"`
			Elements  struct {
				Inner []struct {
					ValueName string `xml:"valueName,attr"`
					Key       string `xml:"key,attr"`
				} `xml:",any"`
			} `xml:"elements"`
		} `xml:"policies>policy"`
	}
	if err := xml.Unmarshal(files["mamori.admx"], &admx); err != nil {
		t.Fatal(err)
	}
	reads := map[string]bool{} // key\value as Group Policy writes them
	for _, p := range admx.Policies {
		if p.ValueName != "" {
			reads[p.Key+`\`+p.ValueName] = true
		}
		for _, e := range p.Elements.Inner {
			switch {
			case e.ValueName != "":
				reads[p.Key+`\`+e.ValueName] = true
			case e.Key != "":
				reads[e.Key] = true
			}
		}
	}
	for _, p := range Schema {
		for _, key := range []string{policiesKey, policiesKey + `\` + recommendedKey} {
			if key != policiesKey && p.ManagedOnly {
				if reads[key+`\`+p.Name] {
					t.Errorf("%s is managed only, but the ADMX offers it as recommended", p.Name)
				}
				continue
			}
			if !reads[key+`\`+p.Name] {
				t.Errorf("the ADMX does not write %s\\%s", key, p.Name)
			}
		}
	}
	if n := len(reads); n != 2*len(Schema)-countManagedOnly() {
		t.Errorf("the ADMX writes %d values, the schema reads %d", n, 2*len(Schema)-countManagedOnly())
	}
	// Each text the ADMX names is in each ADML.
	for _, lang := range ADMXLanguages {
		adml := string(files[filepath.Join(lang, "mamori.adml")])
		for _, p := range admx.Policies {
			for _, ref := range []string{p.Display, p.Explain} {
				id := strings.TrimSuffix(strings.TrimPrefix(ref, "$(string."), ")")
				if !strings.Contains(adml, `<string id="`+id+`">`) {
					t.Errorf("%s: no string %s", lang, id)
				}
			}
		}
		if lang == "ja-JP" && !strings.Contains(adml, "画面ロックまでの時間") {
			t.Error("ja-JP's texts are not Japanese")
		}
	}
}

func countManagedOnly() int {
	n := 0
	for _, p := range Schema {
		if p.ManagedOnly {
			n++
		}
	}
	return n
}

// wellFormed reads a whole XML document, failing on any error.
func wellFormed(t *testing.T, name string, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Errorf("%s is not well-formed XML: %v", name, err)
			}
			return
		}
	}
}
