package platform

import (
	"fmt"
	"strings"
	"unicode/utf16"
)

// MaxPath is Windows' classic path limit (MAX_PATH, 260 UTF-16 units with
// the terminating NUL). Word, Explorer and SQLite's Windows file calls
// fail on longer paths unless long paths are enabled for them.
const MaxPath = 260

// WindowsPathProblems lists, in Chinese, what in a Windows path would make
// opening or writing it fail or be unsafe: a reserved device name as a
// folder or file name (CON, NUL, COM1 …), characters Windows forbids, a
// name ending in a dot or space, a network share (SQLite's locking is not
// reliable there), and a path over MAX_PATH once extra characters (a file
// name still to be added) are counted. It only reads the string, so it
// behaves the same on every system.
func WindowsPathProblems(path string, extra int) []string {
	var out []string
	p := path
	if strings.HasPrefix(p, `\\?\`) { // long-path form: the limit is off
		p = p[4:]
	} else if n := len(utf16.Encode([]rune(path))) + extra; n >= MaxPath {
		out = append(out, fmt.Sprintf("路径太长（%d 个字符，Windows 限制为 %d）", n, MaxPath-1))
	}
	p = strings.ReplaceAll(p, "/", `\`)
	if strings.HasPrefix(p, `\\`) || strings.HasPrefix(strings.ToUpper(p), `UNC\`) {
		out = append(out, "位于网络共享文件夹，多台电脑同时使用时数据可能损坏")
		p = strings.TrimLeft(p, `\`)
	}
	if len(p) >= 2 && p[1] == ':' && isLetter(p[0]) {
		p = p[2:]
	}
	for _, name := range strings.Split(p, `\`) {
		if name == "" || name == "." || name == ".." {
			continue
		}
		if r := ReservedName(name); r {
			out = append(out, fmt.Sprintf("“%s”是 Windows 保留的设备名，不能用作文件或文件夹名", name))
		}
		if strings.ContainsAny(name, `<>:"|?*`) || strings.IndexFunc(name, func(r rune) bool { return r < 0x20 }) >= 0 {
			out = append(out, fmt.Sprintf("“%s”含有 Windows 不允许的字符（< > : \" | ? * 等）", name))
		}
		if strings.HasSuffix(name, ".") || strings.HasSuffix(name, " ") {
			out = append(out, fmt.Sprintf("“%s”以点或空格结尾，Windows 会去掉它们", name))
		}
	}
	return out
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// ReservedName reports a Windows device name (CON, PRN, AUX, NUL, COM0–9,
// LPT0–9, the superscript ¹²³ forms, CONIN$, CONOUT$), with or without an
// extension and trailing spaces: "nul.txt" and "COM1 .docx" open the
// device, not a file.
func ReservedName(name string) bool {
	base := name
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	base = strings.ToUpper(strings.TrimRight(base, " "))
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	for _, dev := range []string{"COM", "LPT"} {
		if rest, ok := strings.CutPrefix(base, dev); ok {
			switch rest {
			case "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³":
				return true
			}
		}
	}
	return false
}
