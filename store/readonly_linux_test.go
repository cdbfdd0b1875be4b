//go:build linux

package store

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"

	"nianbao/model"
)

// asOtherUser makes cmd run as a user without rights on the test's files:
// when the tests run as root (who may write anywhere), as nobody, from a
// copy of the test binary nobody can execute; otherwise as we are (file
// modes then bind us too).
func asOtherUser(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if os.Geteuid() != 0 {
		return
	}
	dir, err := os.MkdirTemp("", "nianbao-bin-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	bin := filepath.Join(dir, "store.test")
	b, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(bin, b, 0o755)
	cmd.Path, cmd.Args[0] = bin, bin
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
}

// publicDir is a folder another user can reach.
func publicDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "nianbao-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755); os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	return dir
}

func probe(t *testing.T, path, mode string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "NIANBAO_STORE_CHILD=probe", "NIANBAO_DB="+path, "NIANBAO_MODE="+mode)
	asOtherUser(t, cmd)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("child: %v %s", err, out.String())
	}
	return strings.TrimSpace(out.String())
}

func listDir(dir string) string {
	es, _ := os.ReadDir(dir)
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}

// Issue 12 §4: a database in a folder that cannot be written (a
// write-protected USB stick) opens read-only with the reason, lists its
// reports and writes nothing there; it used to fail with 无法创建锁文件.
func TestReadOnlyFolderOpensReadOnly(t *testing.T) {
	dir := publicDir(t)
	path := filepath.Join(dir, "nb.db")
	s := openT(t, path)
	s.Create(model.Demo(), "demo")
	s.Close()
	os.Remove(path + ".lock")
	os.Chmod(path, 0o444)
	os.Chmod(dir, 0o555)
	before := listDir(dir)
	if got := probe(t, path, "auto"); !strings.HasPrefix(got, "ro 1 ") || !strings.Contains(got, "不能写入") {
		t.Errorf("read-only folder: %s", got)
	}
	if got := probe(t, path, "write"); !strings.HasPrefix(got, "error readonly") || !strings.Contains(got, "复制到可以写入的文件夹") {
		t.Errorf("writing in a read-only folder: %s", got)
	}
	if after := listDir(dir); after != before {
		t.Errorf("files appeared: %s → %s", before, after)
	}
}

// Issue 12 §4: a lock file left by another user does not lock others out
// of a database they may write: a readable one is locked read-only, an
// unreadable one (older versions made them private) is replaced.
func TestAnotherUsersLockFileDoesNotBlock(t *testing.T) {
	for _, mode := range []os.FileMode{0o644, 0o600, 0o000} {
		dir := publicDir(t)
		path := filepath.Join(dir, "nb.db")
		s := openT(t, path)
		s.Create(model.Demo(), "demo")
		s.Close()
		os.Chmod(dir, 0o777)
		os.Chmod(path, 0o666)
		os.Chmod(path+".lock", mode)
		if got := probe(t, path, "write"); got != "rw 1" {
			t.Errorf("lock file mode %o: %s", mode, got)
		}
	}
}
