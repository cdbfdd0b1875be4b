//go:build !unix && !windows

package tempfile

// alive cannot tell on this system: assume the process runs, so that only
// files without a process id are ever cleaned.
func alive(pid int) bool { return true }
