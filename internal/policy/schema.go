package policy

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/mamori-project/mamori/internal/config"
)

// Kind is the type of a policy's value, as every channel spells it.
type Kind string

const (
	// Bool is true or false (a DWORD 0 or 1 in the registry, <true/> in a
	// property list).
	Bool Kind = "bool"
	// Int is a whole number within the policy's Range (a DWORD).
	Int Kind = "int"
	// String is text; with Choices, one of them.
	String Kind = "string"
	// List is a list of text (a subkey of values 1, 2, … in the
	// registry, an array in JSON and property lists).
	List Kind = "list"
	// Map is text by name (a subkey of named values; an object or a
	// dictionary).
	Map Kind = "map"
)

// Policy is one value an organisation can set, the same in every channel:
// the name is the registry value, the JSON key and the property-list key.
type Policy struct {
	Name string
	Kind Kind
	// Setting is the JSON name of the config.Settings field the policy
	// sets; "" for one the person's settings do not hold (Export).
	Setting string
	// Sub is the part of Setting's value it sets ("start" of quiet_hours).
	Sub string
	// Shapes are the checks whose verdict the policy changes.
	Shapes []string
	// Range bounds an Int.
	Range config.Range
	// Choices are the values a String may take; nil for any.
	Choices []string
	// ManagedOnly refuses the policy as a recommendation: it is the
	// organisation's alone (results export).
	ManagedOnly bool
	// TitleEn and TitleJa name the policy in a few words (the Group
	// Policy editor's list).
	TitleEn, TitleJa string
	// En and Ja say what the policy means, for administrators (the ADMX
	// texts, `mamori policy show`).
	En, Ja string
	// set applies a value already of Kind to the settings, or says why
	// it cannot be used.
	set func(st *config.Settings, e *Export, v any) error
}

// Export is where results go for the organisation's collectors; set only
// by a managed policy, never by the person.
type Export struct {
	// PrometheusDir is the textfile collector's directory; "" for none.
	PrometheusDir string `json:"prometheus_dir,omitempty"`
	// ResultsDir is where each user's JSON document goes (osquery,
	// Fleet); "" for none.
	ResultsDir string `json:"results_dir,omitempty"`
}

// CheckState is a Checks policy's value for one check.
const (
	CheckOff      = "off"      // not run
	CheckOn       = "on"       // run (as a recommendation, the person may turn it off)
	CheckRequired = "required" // run, and the person cannot turn it off, whatever the level
)

// Schema is every policy, in the order the ADMX and `policy show` list them.
var Schema = []Policy{
	{Name: "Checks", TitleEn: "Checks that run", TitleJa: "実行する確認項目", Kind: Map, Setting: "disabled_checks",
		En:  `Which checks run: each check's ID ("screen-lock", "wifi", …) with "on", "off" or "required". "required" cannot be turned off by the person even when recommended.`,
		Ja:  `実行する確認項目：確認項目のID（"screen-lock"、"wifi" など）ごとに "on"、"off"、"required" のいずれか。"required" は推奨設定でも利用者が止められません。`,
		set: setChecks},
	{Name: "ScreenLockMinutes", TitleEn: "Minutes before the screen must lock", TitleJa: "画面ロックまでの時間（分）", Kind: Int, Shapes: []string{"screen-lock"}, Setting: "screen_lock_minutes", Range: config.Ranges["screen_lock_minutes"],
		En:  "The longest idle time, in minutes, before the screen must lock (screen-lock check). Default 5.",
		Ja:  "画面ロックまでの待ち時間の上限（分）。確認項目 screen-lock の基準です。既定は5分。",
		set: setField(func(st *config.Settings) *int { return &st.ScreenLockMinutes })},
	{Name: "IdleSleepMinutes", TitleEn: "Minutes before the computer must sleep", TitleJa: "スリープまでの時間（分）", Kind: Int, Shapes: []string{"idle-power"}, Setting: "idle_sleep_minutes", Range: config.Ranges["idle_sleep_minutes"],
		En:  "The longest idle time, in minutes, before the computer must sleep (idle-power check). Default 30.",
		Ja:  "スリープまでの待ち時間の上限（分）。確認項目 idle-power の基準です。既定は30分。",
		set: setField(func(st *config.Settings) *int { return &st.IdleSleepMinutes })},
	{Name: "UpdateDays", TitleEn: "Days updates may wait", TitleJa: "更新を待てる日数", Kind: Int, Shapes: []string{"os-updates"}, Setting: "update_days", Range: config.Ranges["update_days"],
		En:  "How many days updates may wait (the package index's age) before os-updates warns. Default 7.",
		Ja:  "更新を待てる日数（パッケージ一覧の古さ）。これを超えると os-updates が注意を出します。既定は7日。",
		set: setField(func(st *config.Settings) *int { return &st.UpdateDays })},
	{Name: "TrustedNetworks", TitleEn: "Trusted Wi-Fi networks", TitleJa: "信頼する Wi-Fi ネットワーク", Kind: List, Shapes: []string{"wifi"}, Setting: "trusted_networks",
		En:  `Wi-Fi networks the organisation trusts. Each entry is a JSON object: {"ssid": "Office", "security": "wpa2-personal"}, optionally with "bssid". The security is one of open, owe, wep, wpa-tkip, wpa2-personal, wpa3-personal, enterprise.`,
		Ja:  `組織が信頼する Wi-Fi ネットワーク。各項目は JSON オブジェクト：{"ssid": "Office", "security": "wpa2-personal"}。"bssid" も指定できます。security は open、owe、wep、wpa-tkip、wpa2-personal、wpa3-personal、enterprise のいずれかです。`,
		set: setTrusted},
	{Name: "AllowedRemoteTools", TitleEn: "Remote-control tools in use on purpose", TitleJa: "業務で使う遠隔操作ツール", Kind: List, Shapes: []string{"remote-control"}, Setting: "expected_remote_tools",
		En:  `Remote-control tools in use on purpose, by catalogue ID ("anydesk", "teamviewer", …): remote-control lists them and does not warn.`,
		Ja:  `業務で使う遠隔操作ツールのカタログID（"anydesk"、"teamviewer" など）。確認項目 remote-control は一覧に示すだけで注意を出しません。`,
		set: setList(func(st *config.Settings) *[]string { return &st.ExpectedRemoteTools }, nil)},
	{Name: "AllowedRootCertificates", TitleEn: "Root certificates added on purpose", TitleJa: "意図して追加したルート証明書", Kind: List, Shapes: []string{"site-redirects"}, Setting: "allowed_root_certificates",
		En:  "Root certificates the organisation added on purpose, by SHA-256 fingerprint (64 hex digits, colons allowed): site-redirects lists them and does not warn.",
		Ja:  "組織が意図して追加したルート証明書の SHA-256 フィンガープリント（16進64桁、コロン可）。確認項目 site-redirects は一覧に示すだけで注意を出しません。",
		set: setList(func(st *config.Settings) *[]string { return &st.AllowedRootCertificates }, fingerprint)},
	{Name: "AllowedHostsEntries", TitleEn: "Hosts-file names written on purpose", TitleJa: "意図して hosts ファイルに書いたホスト名", Kind: List, Shapes: []string{"site-redirects"}, Setting: "allowed_hosts_entries",
		En:  "Host names whose entries in the hosts file the organisation wrote on purpose: site-redirects lists them and does not warn.",
		Ja:  "組織が意図して hosts ファイルに書いたホスト名。確認項目 site-redirects は一覧に示すだけで注意を出しません。",
		set: setList(func(st *config.Settings) *[]string { return &st.AllowedHostsEntries }, hostName)},
	{Name: "Notifications", TitleEn: "Show notifications", TitleJa: "通知を表示する", Kind: Bool, Setting: "notifications",
		En:  "Whether Mamori shows notifications.",
		Ja:  "通知を表示するかどうか。",
		set: setField(func(st *config.Settings) *bool { return &st.Notifications })},
	{Name: "QuietHoursEnabled", TitleEn: "Quiet hours", TitleJa: "通知しない時間帯", Kind: Bool, Setting: "quiet_hours", Sub: "enabled",
		En:  "Whether notifications are silent during quiet hours.",
		Ja:  "通知しない時間帯を使うかどうか。",
		set: setField(func(st *config.Settings) *bool { return &st.QuietHours.Enabled })},
	{Name: "QuietHoursStart", TitleEn: "Quiet hours start", TitleJa: "通知しない時間帯の開始", Kind: String, Setting: "quiet_hours", Sub: "start",
		En:  `When quiet hours start, "HH:MM" (24-hour clock).`,
		Ja:  `通知しない時間帯の開始時刻（"HH:MM"、24時間制）。`,
		set: setClock(func(st *config.Settings) *string { return &st.QuietHours.Start })},
	{Name: "QuietHoursEnd", TitleEn: "Quiet hours end", TitleJa: "通知しない時間帯の終了", Kind: String, Setting: "quiet_hours", Sub: "end",
		En:  `When quiet hours end, "HH:MM" (24-hour clock); before the start, they run past midnight.`,
		Ja:  `通知しない時間帯の終了時刻（"HH:MM"、24時間制）。開始より前なら日をまたぎます。`,
		set: setClock(func(st *config.Settings) *string { return &st.QuietHours.End })},
	{Name: "NotificationsPerHour", TitleEn: "Notifications per hour at most", TitleJa: "1時間あたりの通知の上限", Kind: Int, Setting: "notifications_per_hour", Range: config.Ranges["notifications_per_hour"],
		En:  "The most notifications Mamori shows in one hour. Default 4.",
		Ja:  "1時間に表示する通知の上限。既定は4件。",
		set: setField(func(st *config.Settings) *int { return &st.NotificationsPerHour })},
	{Name: "SnoozeAllowed", TitleEn: "Allow snoozing notifications", TitleJa: "通知の一時停止を許可する", Kind: Bool, Setting: "snooze_allowed",
		En:  "Whether the person may snooze notifications.",
		Ja:  "利用者が通知を一時停止できるかどうか。",
		set: setField(func(st *config.Settings) *bool { return &st.SnoozeAllowed })},
	{Name: "FixOffered", TitleEn: "Offer Fix it", TitleJa: "「修正する」を表示する", Kind: Bool, Setting: "fix_offered",
		En:  "Whether Mamori offers Fix it where it can change a setting itself.",
		Ja:  "Mamori が設定を変更できる項目で「修正する」を表示するかどうか。",
		set: setField(func(st *config.Settings) *bool { return &st.FixOffered })},
	{Name: "Language", TitleEn: "Language", TitleJa: "表示言語", Kind: String, Setting: "language", Choices: []string{"auto", "en", "ja"},
		En: `The language Mamori speaks: "auto" (the system's), "en" or "ja".`,
		Ja: `Mamori の表示言語："auto"（システムに合わせる）、"en"、"ja"。`,
		set: func(st *config.Settings, _ *Export, v any) error {
			st.Language = strings.TrimPrefix(v.(string), "auto")
			return nil
		}},
	{Name: "PrometheusTextfileDirectory", TitleEn: "Prometheus textfile directory", TitleJa: "Prometheus textfile の出力先", Kind: String, ManagedOnly: true,
		En: "Turns on the Prometheus export: the directory of node_exporter's (or windows_exporter's) textfile collector, where each user's agent writes mamori-<user>.prom. Managed only.",
		Ja: "Prometheus への出力を有効にします。node_exporter（または windows_exporter）の textfile コレクターのディレクトリで、利用者ごとに mamori-<user>.prom を書きます。管理設定でのみ有効です。",
		set: func(_ *config.Settings, e *Export, v any) error {
			e.PrometheusDir = v.(string)
			return absolute(e.PrometheusDir)
		}},
	{Name: "ResultsDirectory", TitleEn: "Results document directory (osquery, Fleet)", TitleJa: "結果ファイルの出力先（osquery・Fleet）", Kind: String, ManagedOnly: true,
		En: "Turns on the results document for osquery, Fleet and Kolide: the directory where each user's agent writes mamori-<user>.json. Managed only.",
		Ja: "osquery・Fleet・Kolide 向けの結果ファイルを有効にします。利用者ごとに mamori-<user>.json を書くディレクトリです。管理設定でのみ有効です。",
		set: func(_ *config.Settings, e *Export, v any) error {
			e.ResultsDir = v.(string)
			return absolute(e.ResultsDir)
		}},
}

// Lookup returns the policy named name.
func Lookup(name string) (Policy, bool) {
	i := slices.IndexFunc(Schema, func(p Policy) bool { return strings.EqualFold(p.Name, name) })
	if i < 0 {
		return Policy{}, false
	}
	return Schema[i], true
}

// typed turns a value as a channel gave it (JSON's float64, a property
// list's uint64, a registry DWORD) into the policy's Kind: bool, int,
// string, []any or map[string]string.
func (p Policy) typed(v any) (any, error) {
	switch p.Kind {
	case Bool:
		switch b := v.(type) {
		case bool:
			return b, nil
		case float64, int64, uint64:
			n, _ := whole(b)
			if n == 0 || n == 1 {
				return n == 1, nil
			}
		}
		return nil, fmt.Errorf("%v is not true or false", show(v))
	case Int:
		n, ok := whole(v)
		if !ok {
			return nil, fmt.Errorf("%v is not a whole number", show(v))
		}
		if n < int64(p.Range.Min) || n > int64(p.Range.Max) {
			return nil, fmt.Errorf("%d is outside %d to %d", n, p.Range.Min, p.Range.Max)
		}
		return int(n), nil
	case String:
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("%v is not text", show(v))
		}
		if p.Choices != nil && !slices.Contains(p.Choices, s) {
			return nil, fmt.Errorf("%q is not one of %s", s, strings.Join(p.Choices, ", "))
		}
		return s, nil
	case List:
		l, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("%v is not a list", show(v))
		}
		return l, nil
	case Map:
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%v is not a set of names and values", show(v))
		}
		// A bad entry costs only itself (Resolve keeps the rest).
		out := map[string]string{}
		var bad []error
		for _, k := range sortedKeys(m) {
			s, ok := m[k].(string)
			if !ok {
				bad = append(bad, fmt.Errorf("%s: %v is not text", k, show(m[k])))
				continue
			}
			out[k] = s
		}
		return out, errors.Join(bad...)
	}
	return nil, fmt.Errorf("policy %s has no kind", p.Name)
}

// whole is v as a whole number, if it is one.
func whole(v any) (int64, bool) {
	switch n := v.(type) {
	case float64:
		if n == float64(int64(n)) {
			return int64(n), true
		}
	case int64:
		return n, true
	case uint64:
		if n <= 1<<62 {
			return int64(n), true
		}
	case int:
		return int64(n), true
	}
	return 0, false
}

// show quotes a value in a message.
func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil || len(b) > 80 {
		return fmt.Sprintf("a %T", v)
	}
	return string(b)
}

// setField sets a field of the settings to a value of its own type.
func setField[T any](field func(*config.Settings) *T) func(*config.Settings, *Export, any) error {
	return func(st *config.Settings, _ *Export, v any) error {
		*field(st) = v.(T)
		return nil
	}
}

func setClock(field func(*config.Settings) *string) func(*config.Settings, *Export, any) error {
	return func(st *config.Settings, _ *Export, v any) error {
		q := config.QuietHours{Start: v.(string), End: v.(string)}
		if _, _, err := q.Minutes(); err != nil {
			return err
		}
		*field(st) = v.(string)
		return nil
	}
}

// setList sets a list of text, each entry checked (and normalised) by
// check; a bad entry costs only itself.
func setList(field func(*config.Settings) *[]string, check func(string) (string, error)) func(*config.Settings, *Export, any) error {
	return func(st *config.Settings, _ *Export, v any) error {
		out := []string{}
		var bad []error
		for i, e := range v.([]any) {
			s, ok := e.(string)
			if !ok {
				bad = append(bad, fmt.Errorf("entry %d: %v is not text", i+1, show(e)))
				continue
			}
			if check != nil {
				var err error
				if s, err = check(s); err != nil {
					bad = append(bad, fmt.Errorf("entry %d: %w", i+1, err))
					continue
				}
			}
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
		*field(st) = out
		return errors.Join(bad...)
	}
}

// setTrusted reads trusted networks: objects, or (the registry holds
// text) objects written as JSON text.
func setTrusted(st *config.Settings, _ *Export, v any) error {
	out := []config.TrustedNetwork{}
	var bad []error
	for i, e := range v.([]any) {
		var data []byte
		switch e := e.(type) {
		case string:
			data = []byte(e)
		case map[string]any:
			data, _ = json.Marshal(e)
		}
		var t config.TrustedNetwork
		err := json.Unmarshal(data, &t)
		if err == nil && t.SSID == "" && t.SSIDHex == "" {
			err = errors.New("no ssid")
		}
		if err == nil && !slices.Contains(Securities, t.Security) {
			err = fmt.Errorf("security %q is not one of %s", t.Security, strings.Join(Securities, ", "))
		}
		if err != nil {
			bad = append(bad, fmt.Errorf("entry %d: %v is not a network {\"ssid\", \"security\"}: %v", i+1, show(e), err))
			continue
		}
		out = append(out, t)
	}
	st.TrustedNetworks = out
	return errors.Join(bad...)
}

// Securities are the Wi-Fi security names a trusted network may have
// (internal/wifi's; a test holds them equal).
var Securities = []string{"open", "owe", "wep", "wpa-tkip", "wpa2-personal", "wpa3-personal", "enterprise"}

// setChecks turns each check on or off. A check ID Mamori does not know
// (a misspelt one does nothing) is reported by Set.UnknownChecks, which
// the agent and `policy show` call with the checks they know: this
// package does not link the checks.
func setChecks(st *config.Settings, _ *Export, v any) error {
	var bad []error
	for _, id := range sortedKeys(v.(map[string]string)) {
		state := v.(map[string]string)[id]
		switch state {
		case CheckOff:
			if !slices.Contains(st.DisabledChecks, id) {
				st.DisabledChecks = append(st.DisabledChecks, id)
			}
		case CheckOn, CheckRequired:
			st.DisabledChecks = slices.DeleteFunc(slices.Clone(st.DisabledChecks), func(d string) bool { return d == id })
		default:
			bad = append(bad, fmt.Errorf("%s: %q is not on, off or required", id, state))
		}
	}
	return errors.Join(bad...)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// fingerprint normalises a SHA-256 fingerprint to lower-case hex.
func fingerprint(s string) (string, error) {
	h := strings.ToLower(strings.NewReplacer(":", "", " ", "").Replace(s))
	if b, err := hex.DecodeString(h); err != nil || len(b) != 32 {
		return "", fmt.Errorf("%q is not a SHA-256 fingerprint (64 hex digits)", s)
	}
	return h, nil
}

// hostName accepts a host name as hosts files hold them.
func hostName(s string) (string, error) {
	h := strings.ToLower(strings.TrimSpace(s))
	if h == "" || len(h) > 253 || strings.ContainsAny(h, " \t/\\#") {
		return "", fmt.Errorf("%q is not a host name", s)
	}
	return h, nil
}

func absolute(p string) error {
	if !(strings.HasPrefix(p, "/") || len(p) > 2 && p[1] == ':' && (p[2] == '\\' || p[2] == '/')) {
		return fmt.Errorf("%q is not an absolute path", p)
	}
	return nil
}
