package policy

// System is Linux's channel: /etc/mamori/policies, root's.
func System(appID string) Channel {
	return Channel{Read: Files{Dir: "/etc/mamori/policies"}.Read}
}
