package check

import "testing"

func TestParsePasswd(t *testing.T) {
	got := parsePasswd("root:x:0:0::/root:/bin/bash\nsddm:x:117:126::/var/lib/sddm:/bin/false\ntaro:x:1000:1000::/home/taro:/usr/bin/zsh\nsvc:x:1500:1500::/srv:/usr/sbin/nologin\nguest-abc:x:999:999::/tmp/guest:/bin/bash\nnobody:x:65534:65534::/:/usr/sbin/nologin\nbroken line\n")
	if len(got) != 1 || got[0] != "taro" {
		t.Errorf("parsePasswd = %v", got)
	}
}
