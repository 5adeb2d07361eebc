package check

import "github.com/mamori-project/mamori/internal/osprefs"

// The settings pages of the checks that have one only on a Mac: System
// Settings' panes by the URLs macOS 13 and later open them by
// (x-apple.systempreferences:<pane id>[?<anchor>]). The checks whose
// pages exist on other systems too declare them in their own files.
var (
	firewallPages   = osprefs.Pages{osprefs.MacOS: osprefs.SystemSettings("x-apple.systempreferences:com.apple.Network-Settings.extension?Firewall")}
	fileVaultPages  = osprefs.Pages{osprefs.MacOS: osprefs.SystemSettings("x-apple.systempreferences:com.apple.settings.PrivacySecurity.extension?FileVault")}
	gatekeeperPages = osprefs.Pages{osprefs.MacOS: osprefs.SystemSettings("x-apple.systempreferences:com.apple.settings.PrivacySecurity.extension?Security")}
	sharingPages    = osprefs.Pages{osprefs.MacOS: osprefs.SystemSettings("x-apple.systempreferences:com.apple.Sharing-Settings.extension")}
)

// Pages declares the check's settings pages.
func (*Firewall) Pages() osprefs.Pages { return firewallPages }

// Pages declares the check's settings pages.
func (*DiskEncryption) Pages() osprefs.Pages { return fileVaultPages }

// Pages declares the check's settings pages.
func (*AppSources) Pages() osprefs.Pages { return gatekeeperPages }

// Pages declares the check's settings pages.
func (*RemoteControl) Pages() osprefs.Pages { return sharingPages }
