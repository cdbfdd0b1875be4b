package export

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The web page in a real browser: headless Chromium (Debian's chromium,
// which .ci/run installs) shows it at 1280 px and prints it to PDF.

func findChromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("Chromium not installed (.ci/run installs the chromium package)")
	return ""
}

// chromium runs one headless job on a page, in a fresh profile, with
// nothing reaching the network.
func chromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--hide-scrollbars", "--force-device-scale-factor=1"}
	out, err := exec.CommandContext(ctx, bin, append(base, args...)...).Output()
	if err != nil {
		t.Fatalf("chromium %v: %v", args, err)
	}
	return out
}

// measure is what a script in the page reports about its layout.
type measure struct {
	Charset     string            `json:"charset"`
	InnerWidth  float64           `json:"innerWidth"`
	ScrollWidth float64           `json:"scrollWidth"`
	Overflow    []string          `json:"overflow"`
	Styles      map[string]string `json:"styles"`
	Tables      [][4]float64      `json:"tables"`
	Text        string            `json:"text"`
}

const measureScript = `<script>
(function () {
  var out = {charset: document.characterSet, innerWidth: innerWidth, scrollWidth: document.documentElement.scrollWidth,
             overflow: [], styles: {}, tables: [], text: document.body.innerText};
  document.querySelectorAll('h1,h2,h3,p,th,td').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (el.scrollWidth > el.clientWidth + 1 || r.right > innerWidth) out.overflow.push(el.textContent.slice(0, 30));
  });
  ['h1', 'h2', 'h3', 'p', 'th', 'td', 'td[style*="left"]'].forEach(function (sel) {
    var cs = getComputedStyle(document.querySelector(sel));
    out.styles[sel] = [cs.fontFamily, cs.fontSize, cs.fontWeight, cs.textAlign, cs.textIndent, cs.lineHeight, cs.wordBreak].join(' | ');
  });
  document.querySelectorAll('table').forEach(function (t) {
    var r = t.getBoundingClientRect();
    out.tables.push([r.left, r.top, r.width, r.height]);
  });
  var pre = document.createElement('pre');
  pre.id = 'measure';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>`

func measurePage(t *testing.T, bin, page string) measure {
	t.Helper()
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	probe := strings.TrimSuffix(page, ".html") + "-probe.html"
	os.WriteFile(probe, bytes.Replace(b, []byte("</body>"), []byte(measureScript+"</body>"), 1), 0o644)
	dom := string(chromium(t, bin, "--window-size=1280,900", "--dump-dom", "file://"+probe))
	i, j := strings.Index(dom, `<pre id="measure">`), strings.LastIndex(dom, "</pre>")
	if i < 0 || j < i {
		t.Fatalf("no measurement in the page: %.300s", dom)
	}
	var m measure
	if err := json.Unmarshal([]byte(html.UnescapeString(dom[i+len(`<pre id="measure">`):j])), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func screenshot(t *testing.T, bin, page, png string) image.Image {
	t.Helper()
	chromium(t, bin, "--window-size=1280,5000", "--screenshot="+png, "file://"+page)
	f, err := os.Open(png)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := pngDecode(f)
	if err != nil {
		t.Fatal(err)
	}
	keep(t, png)
	return img
}

var pngDecode = png.Decode

func TestHTMLInChromium(t *testing.T) {
	bin := findChromium(t)
	r := pingtan2022(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "page.html")
	if err := ToFile(context.Background(), "html", page, r, Options{}, false); err != nil {
		t.Fatal(err)
	}
	// The CMS fragment pasted into a minimal page, in an article box as
	// wide as the page's body.
	var frag bytes.Buffer
	if err := HTML(&frag, r, true); err != nil {
		t.Fatal(err)
	}
	pasted := filepath.Join(dir, "pasted.html")
	os.WriteFile(pasted, []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div style="max-width:52em;margin:2em auto;padding:0 1em">`+
		frag.String()+`</div></body></html>`), 0o644)

	m := measurePage(t, bin, page)
	if m.Charset != "UTF-8" || !strings.Contains(m.Text, "申请人情况") || !strings.Contains(m.Text, "本机关不掌握相关政府信息") ||
		!strings.Contains(m.Text, "平潭综合实验区") {
		t.Errorf("the page's Chinese text does not come through (%s): %.200q", m.Charset, m.Text)
	}
	if m.ScrollWidth > m.InnerWidth || len(m.Overflow) > 0 {
		t.Errorf("cut at the right edge: page %v wide in %v; overflowing %v", m.ScrollWidth, m.InnerWidth, m.Overflow)
	}
	p := measurePage(t, bin, pasted)
	for sel, s := range m.Styles {
		if p.Styles[sel] != s {
			t.Errorf("%s in the pasted fragment: %s\n  on the page: %s", sel, p.Styles[sel], s)
		}
	}
	if len(p.Tables) != len(m.Tables) {
		t.Fatalf("%d tables pasted, %d on the page", len(p.Tables), len(m.Tables))
	}
	for i := range m.Tables {
		for k := range 4 {
			if d := p.Tables[i][k] - m.Tables[i][k]; d < -1 || d > 1 {
				t.Errorf("table %d pasted at %v, on the page at %v", i+1, p.Tables[i], m.Tables[i])
				break
			}
		}
	}

	// Screenshots at 1280 px: the margins beside the text stay white (nothing
	// cut), and the pasted fragment draws the same picture as the page.
	a := screenshot(t, bin, page, filepath.Join(dir, "page.png"))
	b := screenshot(t, bin, pasted, filepath.Join(dir, "pasted.png"))
	if a.Bounds().Dx() != 1280 {
		t.Errorf("screenshot %d px wide", a.Bounds().Dx())
	}
	white := func(img image.Image, x int) bool {
		for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				return false
			}
		}
		return true
	}
	for _, x := range []int{0, 40, 1240, 1279} {
		if !white(a, x) {
			t.Errorf("column %d of the screenshot is not blank margin", x)
		}
	}
	diff, total := 0, 0
	for y := 0; y < min(a.Bounds().Dy(), b.Bounds().Dy()); y += 2 {
		for x := 0; x < 1280; x += 2 {
			total++
			if a.At(x, y) != b.At(x, y) {
				diff++
			}
		}
	}
	if diff*1000 > total { // more than 0.1 % of the pixels
		t.Errorf("the pasted fragment looks different: %d of %d pixels differ", diff, total)
	}

	// Printed: A4 pages; 表三's header rows repeat on its next page; no text
	// past the right margin; the Chinese text is real text, not boxes.
	pdf := filepath.Join(dir, "page.pdf")
	chromium(t, bin, "--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+page)
	keep(t, pdf)
	pages := pdfLayout(t, pdf)
	var t3 []int
	for i, pg := range pages {
		text := pageText(pg)
		if strings.Contains(text, "予以公开") || strings.Contains(text, "本年新收政府信息公开申请数量") || strings.Contains(text, "结转下年度继续办理") {
			t3 = append(t3, i)
		}
		for _, l := range pg {
			if l.x1 > 210-26+1 {
				t.Errorf("printed page %d: %q reaches %.1f mm, past the right margin", i+1, l.text, l.x1)
			}
		}
	}
	if len(t3) < 2 {
		t.Fatalf("表三 prints on %d page(s); the test expects it to cross a page", len(t3))
	}
	for _, i := range t3[1:] {
		for _, h := range []string{"申请人情况", "法人或其他组织", "自然人", "总计"} {
			if !strings.Contains(pageText(pages[i]), h) {
				t.Errorf("printed page %d continues 表三 without its header %s", i+1, h)
			}
		}
	}
	if !strings.Contains(pageText(pages[0]), "平潭综合实验区2022年度政府信息公开工作年度报告") {
		t.Errorf("printed title: %q", pageText(pages[0]))
	}
}
