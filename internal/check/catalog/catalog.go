// Package catalog holds the data the checks match against, kept as embedded
// JSON so that adding a product or a browser is a data change.
package catalog

import (
	"embed"
	"encoding/json"
	"fmt"
)

//go:embed *.json
var files embed.FS

// Browser is a web browser the browser-updates check knows how to find.
type Browser struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Packages []string `json:"packages"`
	Exes     []string `json:"exes"`
	Procs    []string `json:"procs"`
	Snap     string   `json:"snap"`
	Flatpak  string   `json:"flatpak"`
}

// Antivirus is a security product recognised by its processes.
type Antivirus struct {
	ID    string   `json:"id"`
	Name  string   `json:"name"`
	Procs []string `json:"procs"`
	// Windows are the program names of its Windows services (MsMpEng.exe).
	Windows []string `json:"windows,omitempty"`
}

// Browsers returns the browser catalogue.
func Browsers() ([]Browser, error) {
	var doc struct {
		Browsers []Browser `json:"browsers"`
	}
	return doc.Browsers, load("browsers.json", &doc)
}

// AntivirusProducts returns the antivirus catalogue.
func AntivirusProducts() ([]Antivirus, error) {
	var doc struct {
		Products []Antivirus `json:"products"`
	}
	return doc.Products, load("antivirus.json", &doc)
}

func load(name string, v any) error {
	data, err := files.ReadFile(name)
	if err != nil {
		return fmt.Errorf("reading catalogue %s: %w", name, err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("parsing catalogue %s: %w", name, err)
	}
	return nil
}

// Sites are the names a hosts file must not send elsewhere: Finance ones
// (an attack on the person's money) and Known ones (phishing's usual
// targets), each matching itself and every name under it.
type Sites struct {
	Finance []string `json:"finance"`
	Known   []string `json:"known"`
}

// SiteList returns the site catalogue.
func SiteList() (Sites, error) {
	var s Sites
	return s, load("sites.json", &s)
}

// RemoteTool is a remote-control or remote-support program.
type RemoteTool struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// NameJa is the name a Japanese system shows the program by (クイック
	// アシスト), where its maker or its package spells it in Japanese;
	// empty where the product keeps its Latin name. glossary.json's
	// products say where each was read.
	NameJa  string   `json:"name_ja,omitempty"`
	Procs   []string `json:"procs"`
	Windows []string `json:"windows"`
}

// DisplayName is the tool's name in lang: its Japanese name where it has
// one, else its own.
func (t RemoteTool) DisplayName(lang string) string {
	if lang == "ja" && t.NameJa != "" {
		return t.NameJa
	}
	return t.Name
}

// RemotePorts are the TCP ports remote-control servers listen on, Port to
// Last (or Port alone).
type RemotePorts struct {
	Port int    `json:"port"`
	Last int    `json:"last"`
	What string `json:"what"`
}

// Remote is the remote-control catalogue.
type Remote struct {
	Tools []RemoteTool  `json:"tools"`
	Ports []RemotePorts `json:"ports"`
}

// RemoteTools returns the remote-control catalogue.
func RemoteTools() (Remote, error) {
	var r Remote
	return r, load("remote.json", &r)
}

// PasswordManager is a password manager and where it shows itself.
type PasswordManager struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Desktop []string `json:"desktop"`
	Procs   []string `json:"procs"`
	Windows []string `json:"windows"`
	// Uninstall: how DisplayName starts in the program's Uninstall key.
	Uninstall []string `json:"uninstall"`
	// Store: the Microsoft Store edition's package name (its package
	// family name before "_" and the publisher's hash).
	Store    []string `json:"store"`
	Chromium []string `json:"chromium"`
	Firefox  []string `json:"firefox"`
}

// PasswordManagers returns the password-manager catalogue.
func PasswordManagers() ([]PasswordManager, error) {
	var doc struct {
		Managers []PasswordManager `json:"managers"`
	}
	return doc.Managers, load("passwords.json", &doc)
}

// SecurityRoot is a root certificate a security product adds to look
// inside encrypted web traffic, recognised by its subject.
type SecurityRoot struct {
	Product string `json:"product"`
	// Antivirus is the product's ID in the antivirus catalogue, to tell
	// whether its program runs.
	Antivirus string `json:"antivirus"`
	// Names: a common name that starts with one is the product's
	// (without regard to case); Orgs: an organisation that is one.
	Names   []string `json:"names"`
	Orgs    []string `json:"orgs"`
	Sources []string `json:"sources"`
}

// SecurityRoots returns the security products' root certificates.
func SecurityRoots() ([]SecurityRoot, error) {
	var doc struct {
		Roots []SecurityRoot `json:"roots"`
	}
	return doc.Roots, load("securityroots.json", &doc)
}

// WindowsSupport is a Windows version's last day of security updates for
// some of its editions: builds MinBuild to MaxBuild (CurrentBuild), editions
// as EditionID spells them.
type WindowsSupport struct {
	Name string `json:"name"`
	// Version is the feature version ("23H2"), empty where the entry
	// covers every version of Name.
	Version  string   `json:"version,omitempty"`
	MinBuild int      `json:"min_build"`
	MaxBuild int      `json:"max_build"`
	Editions []string `json:"editions"`
	// LastDay is the last day of security updates, "2006-01-02".
	LastDay string `json:"last_day"`
	// BoughtLastDay, where set, is the last day of the Extended Security
	// Updates Microsoft sells organisations for these editions: until then
	// a computer past LastDay may still get updates, bought in a way the
	// check cannot see.
	BoughtLastDay string   `json:"bought_last_day,omitempty"`
	Sources       []string `json:"sources"`
}

// ReleaseSupport is a Linux release's last day of security updates, by
// os-release's ID and VERSION_ID.
type ReleaseSupport struct {
	ID        string `json:"id"`
	VersionID string `json:"version_id"`
	Name      string `json:"name"`
	LastDay   string `json:"last_day"`
	// BoughtLastDay, where set, is the last day of the security updates
	// that can be bought for the release past LastDay (Ubuntu Pro's Legacy
	// add-on), which the check cannot see.
	BoughtLastDay string `json:"bought_last_day,omitempty"`
	// StandardLastDay, where set, is the end of the release's standard
	// support (an Ubuntu LTS), before LastDay: past it, only Ubuntu Pro,
	// which the system's apt sources show, still brings most security
	// updates.
	StandardLastDay string   `json:"standard_last_day,omitempty"`
	Sources         []string `json:"sources"`
}

// OSSupport is the catalogue of operating-system versions whose makers'
// security updates end on a known day.
type OSSupport struct {
	Windows []WindowsSupport `json:"windows"`
	Linux   []ReleaseSupport `json:"linux"`
}

// OSSupportList returns the operating-system support catalogue.
func OSSupportList() (OSSupport, error) {
	var s OSSupport
	return s, load("os-support.json", &s)
}
