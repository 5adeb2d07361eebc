package i18n

import (
	"regexp"
	"testing"
)

// phoneNumber is what a number to call looks like in a text: a short
// number (#9110, 110番, 188), a toll-free or area-coded one.
var phoneNumber = regexp.MustCompile(`#\d{3,}|\d+番|0120|0800|\b0\d{1,4}-\d{1,4}-\d{3,4}\b|\b(110|119|188|189)\b`)

// TestNoNumberToCall: ADVICE.md says never to tell the person to call a
// number the agent shows (a fake warning shows one too, and the person
// cannot tell the two apart); a text names whom to contact, and where the
// person finds the number themselves (the brokerage's site, their trade
// reports). The third ja review's #9110 stays out for this reason.
func TestNoNumberToCall(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages {
		for k, src := range c.msgs[lang] {
			if m := phoneNumber.FindString(src); m != "" {
				t.Errorf("%s %s shows the number %q to call: %s", lang, k, m, src)
			}
		}
	}
}
