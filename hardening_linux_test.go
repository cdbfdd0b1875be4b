//go:build linux

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// runAs runs nianbao (this test binary, see TestMain) in another process;
// when the tests run as root, as nobody, so that file modes bind it.
func runAs(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	bin := os.Args[0]
	cmd := exec.Command(bin, "-test.run=^$")
	if os.Geteuid() == 0 {
		dir := publicDir(t, 0o755)
		b, _ := os.ReadFile(bin)
		cmd.Path = filepath.Join(dir, "nianbao.test")
		os.WriteFile(cmd.Path, b, 0o755)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	a, _ := json.Marshal(args)
	cmd.Env = append(os.Environ(), "NIANBAO_TEST_ARGS="+string(a))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func publicDir(t *testing.T, mode os.FileMode) string {
	dir, err := os.MkdirTemp("", "nianbao-pub-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755); os.RemoveAll(dir) })
	os.Chmod(dir, mode)
	return dir
}

// Issue 12 §4: a database that cannot be written (a write-protected
// stick) is listed, and an export from it succeeds — exit 0, the file
// written — with a note that the history did not record it (it exited 2
// after writing the file, or could not even open: 无法创建锁文件).
func TestReadOnlyDatabaseListsAndExports(t *testing.T) {
	dir := publicDir(t, 0o755)
	db := filepath.Join(dir, "nb.db")
	n := &nbT{t, db}
	id := n.ok("demo")
	os.Chmod(db, 0o444)
	os.Chmod(dir, 0o555)
	if out, errs, code := runAs(t, "--db", db, "list"); code != 0 || !strings.Contains(out, "平罗县司法局") {
		t.Errorf("list: %d %s %s", code, out, errs)
	}
	outDir := publicDir(t, 0o777)
	file := filepath.Join(outDir, "r.json")
	_, errs, code := runAs(t, "--db", db, "export", id, "--format", "json", "-o", file)
	if code != 0 || !strings.Contains(errs, "没有记入历史版本") {
		t.Errorf("export: exit %d %s", code, errs)
	}
	if _, err := os.Stat(file); err != nil {
		t.Error("no file written")
	}
	if _, errs, code := runAs(t, "--db", db, "set", id, "s6.text=改"); code != 2 || !strings.Contains(errs, "不能写入") {
		t.Errorf("set: exit %d %s", code, errs)
	}
}
