package policy

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"

	"github.com/mamori-project/mamori/internal/config"
)

// The ADMX template and its ADML texts are generated from Schema (go
// generate, or `go test ./internal/policy -update`); TestADMXMatchesSchema
// fails when the files in packaging/windows/policy differ from what the
// schema makes, so the two never drift.
//
//go:generate go test -run TestADMXMatchesSchema -update .

const (
	admxNamespace = "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"
	// policiesKey is the key Group Policy writes, without its hive
	// (class "Both": HKLM and HKCU).
	policiesKey = `Software\Policies\Mamori`
)

// ADMXLanguages are the ADML languages, each with its texts.
var ADMXLanguages = []string{"en-US", "ja-JP"}

// ADMX is mamori.admx: every policy, once under Mamori (enforced) and,
// unless ManagedOnly, once under Mamori - recommended (the Recommended
// subkey), as Chromium's template has them.
func ADMX() []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from internal/policy/schema.go (go generate ./internal/policy); do not edit. -->
<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="` + admxNamespace + `">
  <policyNamespaces>
    <target prefix="mamori" namespace="Mamori.Policies.Mamori" />
    <using prefix="windows" namespace="Microsoft.Policies.Windows" />
  </policyNamespaces>
  <resources minRequiredRevision="1.0" />
  <supportedOn>
    <definitions>
      <definition name="SUPPORTED_Mamori" displayName="$(string.SUPPORTED_Mamori)" />
    </definitions>
  </supportedOn>
  <categories>
    <category name="Mamori" displayName="$(string.Mamori)" />
    <category name="Mamori_Recommended" displayName="$(string.Mamori_Recommended)" />
  </categories>
  <policies>
`)
	for _, p := range Schema {
		writeADMXPolicy(&b, p, "", policiesKey, "Mamori")
		if !p.ManagedOnly {
			writeADMXPolicy(&b, p, "_Recommended", policiesKey+`\`+recommendedKey, "Mamori_Recommended")
		}
	}
	b.WriteString("  </policies>\n</policyDefinitions>\n")
	return b.Bytes()
}

func writeADMXPolicy(b *bytes.Buffer, p Policy, suffix, key, category string) {
	id := p.Name + suffix
	presentation := ""
	if p.Kind != Bool {
		presentation = fmt.Sprintf(` presentation="$(presentation.%s)"`, p.Name)
	}
	fmt.Fprintf(b, `    <policy name="%s" class="Both" displayName="$(string.%s)" explainText="$(string.%s_Explain)"%s key="%s"`, id, p.Name, p.Name, presentation, esc(key))
	if p.Kind == Bool {
		fmt.Fprintf(b, ` valueName="%s"`, p.Name)
	}
	fmt.Fprintf(b, ">\n      <parentCategory ref=\"%s\" />\n      <supportedOn ref=\"SUPPORTED_Mamori\" />\n", category)
	switch p.Kind {
	case Bool:
		b.WriteString("      <enabledValue><decimal value=\"1\" /></enabledValue>\n      <disabledValue><decimal value=\"0\" /></disabledValue>\n")
	case Int:
		fmt.Fprintf(b, "      <elements>\n        <decimal id=\"%s\" valueName=\"%s\" minValue=\"%d\" maxValue=\"%d\" />\n      </elements>\n", p.Name, p.Name, p.Range.Min, p.Range.Max)
	case String:
		if p.Choices == nil {
			fmt.Fprintf(b, "      <elements>\n        <text id=\"%s\" valueName=\"%s\" />\n      </elements>\n", p.Name, p.Name)
			break
		}
		fmt.Fprintf(b, "      <elements>\n        <enum id=\"%s\" valueName=\"%s\">\n", p.Name, p.Name)
		for _, c := range p.Choices {
			fmt.Fprintf(b, "          <item displayName=\"$(string.%s_%s)\"><value><string>%s</string></value></item>\n", p.Name, c, esc(c))
		}
		b.WriteString("        </enum>\n      </elements>\n")
	case List:
		fmt.Fprintf(b, "      <elements>\n        <list id=\"%s\" key=\"%s\" valuePrefix=\"\" />\n      </elements>\n", p.Name, esc(key+`\`+p.Name))
	case Map:
		fmt.Fprintf(b, "      <elements>\n        <list id=\"%s\" key=\"%s\" explicitValue=\"true\" />\n      </elements>\n", p.Name, esc(key+`\`+p.Name))
	}
	b.WriteString("    </policy>\n")
}

// admlTexts are the ADML's own words, by language.
var admlTexts = map[string]map[string]string{
	"en-US": {
		"displayName": "Mamori", "description": "Policies for Mamori, the security-habits agent.",
		"SUPPORTED_Mamori": "Mamori 0.1 and later", "Mamori": "Mamori", "Mamori_Recommended": "Mamori - Recommended (the person may change)",
		"Language_auto": "The system's language", "Language_en": "English", "Language_ja": "Japanese",
		"value": "Value:", "entries": "Entries:", "checks": "Check ID and on, off or required:",
	},
	"ja-JP": {
		"displayName": "Mamori", "description": "Mamori（セキュリティ設定を見守るアプリ）のポリシーです。",
		"SUPPORTED_Mamori": "Mamori 0.1 以降", "Mamori": "Mamori", "Mamori_Recommended": "Mamori - 推奨（利用者が変更できます）",
		"Language_auto": "システムの言語", "Language_en": "英語", "Language_ja": "日本語",
		"value": "値：", "entries": "項目：", "checks": "確認項目のIDと on、off、required：",
	},
}

// ADML is the texts of mamori.admx in lang ("en-US" or "ja-JP").
func ADML(lang string) []byte {
	t := admlTexts[lang]
	ja := lang == "ja-JP"
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from internal/policy/schema.go (go generate ./internal/policy); do not edit. -->
<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="%s">
  <displayName>%s</displayName>
  <description>%s</description>
  <resources>
    <stringTable>
`, admxNamespace, esc(t["displayName"]), esc(t["description"]))
	str := func(id, text string) { fmt.Fprintf(&b, "      <string id=\"%s\">%s</string>\n", id, esc(text)) }
	for _, id := range []string{"SUPPORTED_Mamori", "Mamori", "Mamori_Recommended"} {
		str(id, t[id])
	}
	for _, p := range Schema {
		title, explain := p.TitleEn, p.En
		if ja {
			title, explain = p.TitleJa, p.Ja
		}
		str(p.Name, title)
		str(p.Name+"_Explain", explain)
		for _, c := range p.Choices {
			str(p.Name+"_"+c, t[p.Name+"_"+c])
		}
	}
	b.WriteString("    </stringTable>\n    <presentationTable>\n")
	defaults := defaultValues()
	for _, p := range Schema {
		if p.Kind == Bool {
			continue
		}
		fmt.Fprintf(&b, "      <presentation id=\"%s\">\n", p.Name)
		switch p.Kind {
		case Int:
			fmt.Fprintf(&b, "        <decimalTextBox refId=\"%s\" defaultValue=\"%v\">%s</decimalTextBox>\n", p.Name, defaults[p.Setting], esc(t["value"]))
		case String:
			if p.Choices != nil {
				fmt.Fprintf(&b, "        <dropdownList refId=\"%s\" noSort=\"true\" defaultItem=\"0\">%s</dropdownList>\n", p.Name, esc(t["value"]))
			} else {
				fmt.Fprintf(&b, "        <textBox refId=\"%s\"><label>%s</label></textBox>\n", p.Name, esc(t["value"]))
			}
		case List:
			fmt.Fprintf(&b, "        <listBox refId=\"%s\">%s</listBox>\n", p.Name, esc(t["entries"]))
		case Map:
			fmt.Fprintf(&b, "        <listBox refId=\"%s\">%s</listBox>\n", p.Name, esc(t["checks"]))
		}
		b.WriteString("      </presentation>\n")
	}
	b.WriteString("    </presentationTable>\n  </resources>\n</policyDefinitionResources>\n")
	return b.Bytes()
}

// defaultValues are Mamori's defaults by setting name.
func defaultValues() map[string]any {
	var m map[string]any
	data, _ := json.Marshal(config.Defaults())
	json.Unmarshal(data, &m)
	return m
}

func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
