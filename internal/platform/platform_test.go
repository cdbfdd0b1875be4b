package platform

import (
	"errors"
	"strings"
	"testing"
)

// fakeConsole records the code page calls a Windows console would get.
type fakeConsole struct {
	cp      uint32
	none    bool // no console attached
	failSet bool
	sets    []uint32
}

func (f *fakeConsole) OutputCP() (uint32, error) {
	if f.none {
		return 0, errors.New("the handle is invalid")
	}
	return f.cp, nil
}

func (f *fakeConsole) SetOutputCP(cp uint32) error {
	if f.failSet {
		return errors.New("access denied")
	}
	f.sets = append(f.sets, cp)
	f.cp = cp
	return nil
}

// Classic conhost in a Chinese Windows: code page 936 is switched to UTF-8
// for the program's lifetime and put back once at exit.
func TestSwitchToUTF8From936(t *testing.T) {
	c := &fakeConsole{cp: 936}
	restore := SwitchToUTF8(c)
	if c.cp != UTF8 {
		t.Fatalf("code page %d during the run, want 65001", c.cp)
	}
	st := Console()
	if !st.Console || st.Original != 936 || !st.Switched || st.Err != nil {
		t.Fatalf("state %+v", st)
	}
	restore()
	restore() // Ctrl+C handler and normal exit may both run it
	if c.cp != 936 || len(c.sets) != 2 {
		t.Fatalf("after restore: cp %d, calls %v", c.cp, c.sets)
	}
}

// Windows Terminal or a console already in UTF-8: nothing to change.
func TestSwitchToUTF8AlreadyUTF8(t *testing.T) {
	c := &fakeConsole{cp: UTF8}
	SwitchToUTF8(c)()
	if len(c.sets) != 0 || Console().Switched || !Console().Console {
		t.Fatalf("calls %v state %+v", c.sets, Console())
	}
}

// Output redirected with no console at all (started from a GUI, a
// scheduled task): no calls, no error.
func TestSwitchToUTF8NoConsole(t *testing.T) {
	c := &fakeConsole{none: true}
	SwitchToUTF8(c)()
	if len(c.sets) != 0 || Console().Console {
		t.Fatalf("calls %v state %+v", c.sets, Console())
	}
}

// A console that refuses the change keeps its code page; the failure is
// recorded for doctor and restore does nothing.
func TestSwitchToUTF8Refused(t *testing.T) {
	c := &fakeConsole{cp: 936, failSet: true}
	restore := SwitchToUTF8(c)
	restore()
	st := Console()
	if st.Switched || st.Err == nil || c.cp != 936 {
		t.Fatalf("state %+v cp %d", st, c.cp)
	}
}

func TestCodePageName(t *testing.T) {
	for cp, want := range map[uint32]string{936: "936（简体中文 GBK）", 65001: "65001（UTF-8）", 1251: "1251"} {
		if got := CodePageName(cp); got != want {
			t.Errorf("%d: %q, want %q", cp, got, want)
		}
	}
}

func TestReservedName(t *testing.T) {
	for _, n := range []string{"CON", "con", "nul.txt", "COM1", "com9.docx", "LPT3", "Aux", "PRN.tar.gz", "CONOUT$", "COM¹", "NUL ", "COM0"} {
		if !ReservedName(n) {
			t.Errorf("%q not reserved", n)
		}
	}
	for _, n := range []string{"CONSOLE", "COM10", "LPT", "平罗县司法局2020年政府信息公开工作年度报告.docx", "nianbao.db", "com", "xCON"} {
		if ReservedName(n) {
			t.Errorf("%q reserved", n)
		}
	}
}

func TestWindowsPathProblems(t *testing.T) {
	ok := []string{
		`C:\Users\张三\AppData\Roaming\nianbao\nianbao.db`,
		`D:\年报\2025`,
		`C:/Users/zhang/Documents`,
		`\\?\C:\` + strings.Repeat(`很长的文件夹名\`, 40) + `nianbao.db`,
	}
	for _, p := range ok {
		if got := WindowsPathProblems(p, 0); len(got) != 0 {
			t.Errorf("%s: %v", p, got)
		}
	}
	cases := []struct {
		path  string
		extra int
		want  string
	}{
		{`C:\Users\zhang\Documents\CON\报告`, 0, "保留的设备名"},
		{`C:\Users\zhang\nul.txt`, 0, "保留的设备名"},
		{`C:\年报\问题?`, 0, "不允许的字符"},
		{`C:\年报\2025.`, 0, "以点或空格结尾"},
		{`\\fileserver\共享\nianbao.db`, 0, "网络共享"},
		{`//fileserver/共享/nianbao.db`, 0, "网络共享"},
		{`C:\` + strings.Repeat("a", 257), 0, "路径太长（260 个字符"},
		// The export folder plus the default file name crosses the limit.
		{`C:\` + strings.Repeat("文", 200), 60, "路径太长（263 个字符"},
	}
	for _, c := range cases {
		got := strings.Join(WindowsPathProblems(c.path, c.extra), "；")
		if !strings.Contains(got, c.want) {
			t.Errorf("%.40s…: %q, want %q", c.path, got, c.want)
		}
	}
	// Counted in UTF-16 units as Windows does, not in bytes: 200 Chinese
	// characters are 200 units (600 bytes in UTF-8).
	if got := WindowsPathProblems(`C:\`+strings.Repeat("文", 200), 0); len(got) != 0 {
		t.Errorf("203 characters flagged: %v", got)
	}
}

// Value names as they appear under HKLM\…\Windows NT\CurrentVersion\Fonts
// on a Chinese Windows 10 with the official fonts installed by hand.
var registryNames = []string{
	"SimSun & NSimSun (TrueType)", "SimHei (TrueType)", "FangSong (TrueType)", "KaiTi (TrueType)",
	"Microsoft YaHei & Microsoft YaHei UI (TrueType)", "仿宋_GB2312 (TrueType)", "Arial (TrueType)",
}

func TestFontInstalledFromRegistry(t *testing.T) {
	got := map[string]FontReport{}
	for _, f := range OfficialFonts {
		got[f.Name] = windowsReport(f, registryNames, []string{"simsun.ttc", "SIMHEI.TTF", "arial.ttf"})
	}
	for name, want := range map[string]bool{"仿宋_GB2312": true, "楷体_GB2312": false, "黑体": true, "方正小标宋简体": false, "宋体": true} {
		if got[name].Installed != want {
			t.Errorf("%s installed = %v, want %v", name, got[name].Installed, want)
		}
	}
	if s := got["楷体_GB2312"].Substitute; s != "楷体" {
		t.Errorf("楷体_GB2312 substitute %q", s)
	}
	if s := got["方正小标宋简体"].Substitute; s != "宋体" {
		t.Errorf("方正小标宋简体 substitute %q", s)
	}
	// Found by file name alone (a font copied into the Fonts folder of
	// this user, which Windows 10 registers under HKCU).
	f := OfficialFonts[3]
	if !f.Installed(nil, []string{"FZXBSJW.TTF"}) {
		t.Error("方正小标宋简体 not found by its file")
	}
	// A similar name is not the font Word looks for.
	if (Font{Name: "楷体_GB2312"}).Installed([]string{"楷体 (TrueType)", "方正楷体_GB2312 (TrueType)"}, nil) {
		t.Error("楷体_GB2312 matched another font")
	}
}

func TestFirstFamily(t *testing.T) {
	if got := FirstFamily("Noto Serif CJK SC,Noto Serif CJK SC Regular\n"); got != "Noto Serif CJK SC" {
		t.Fatal(got)
	}
}

func TestFreeBytes(t *testing.T) {
	n, err := FreeBytes(t.TempDir())
	if err != nil || n == 0 {
		t.Fatalf("%d %v", n, err)
	}
	if _, err := FreeBytes("/no/such/folder/here"); err == nil {
		t.Fatal("no error for a missing folder")
	}
}
