package tempfile

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestCleanRemovesOnlyLeftovers(t *testing.T) {
	dir := t.TempDir()
	put := func(name string, age time.Duration) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte("半个文件"), 0o600)
		os.Chtimes(p, time.Now().Add(-age), time.Now().Add(-age))
		return p
	}
	dead := put(".nianbao-999999999-1", 0)                        // a killed process
	mine := put(Prefix()+"2", 0)                                  // this process, writing now
	parent := put(".nianbao-"+strconv.Itoa(os.Getppid())+"-3", 0) // a running process
	oldStyle := put(".nianbao-4123", 2*time.Hour)                 // an older version's, long ago
	fresh := put(".nianbao-5123", time.Minute)                    // an older version's, maybe running
	other := put("nianbao-备份-20260101-000000.db", 48*time.Hour)   // not a temporary file
	if freed := Clean(dir); freed != 2*int64(len("半个文件")) {
		t.Errorf("freed %d bytes", freed)
	}
	for p, want := range map[string]bool{dead: false, mine: true, parent: true, oldStyle: false, fresh: true, other: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s: kept=%v", filepath.Base(p), err == nil)
		}
	}
	if !strings.HasPrefix(Prefix(), ".nianbao-"+strconv.Itoa(os.Getpid())+"-") {
		t.Error(Prefix())
	}
}
