// Package tempfile names the hidden temporary files nianbao writes next to
// their destination (a file is written whole under such a name, then
// renamed) and cleans up those a killed process left behind.
package tempfile

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

const marker = ".nianbao-"

// Prefix is the name prefix of this process's temporary files, for
// os.CreateTemp(dir, Prefix()+"*"): ".nianbao-<pid>-". The process id
// tells a later run whether the writer is still alive.
func Prefix() string { return marker + strconv.Itoa(os.Getpid()) + "-" }

// staleAge is when a temporary file without a process id (written by an
// older version) counts as left behind.
const staleAge = time.Hour

// Clean removes, in dir, the temporary files of processes that are no
// longer running, and reports how many bytes it freed. Files of running
// processes (another export at this moment) are left alone.
func Clean(dir string) int64 {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	var freed int64
	for _, e := range entries {
		name := e.Name()
		rest, ok := strings.CutPrefix(name, marker)
		if !ok || e.IsDir() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		pidText, _, hasPid := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		switch {
		case hasPid && err == nil && pid > 0:
			if pid == os.Getpid() || alive(pid) {
				continue
			}
		case time.Since(info.ModTime()) < staleAge:
			continue
		}
		if os.Remove(filepath.Join(dir, name)) == nil {
			freed += info.Size()
		}
	}
	return freed
}
