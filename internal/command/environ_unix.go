//go:build !windows

package command

// fixedEnv is the environment every program starts from: a PATH of the
// system's directories only.
func fixedEnv() []string {
	return []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
}

// passedEnv are the person's variables every program gets: none here.
var passedEnv []string

func sameVar(a, b string) bool { return a == b }
