package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// readDOCX reads the paragraphs and tables of word/document.xml; a cell
// merged from above leaves an empty cell at its grid position, so that
// rows read like the published table.
func readDOCX(data []byte) (*doc, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errors.New("这个 .docx 文件已损坏，无法打开")
	}
	var body io.ReadCloser
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			// Checked before inflating: a small zip can expand to gigabytes.
			if f.UncompressedSize64 > maxDocumentXML {
				return nil, errors.New("这个 Word 文档的正文太大，不像是一份年度报告")
			}
			if body, err = f.Open(); err != nil {
				return nil, errors.New("这个 .docx 文件已损坏，无法读取正文")
			}
		}
	}
	if body == nil {
		return nil, errors.New("这不是 Word 文档（.docx 中没有正文）")
	}
	defer body.Close()
	// A guard against a compressed file that lies about its size.
	lr := &limitedReader{r: body, n: maxDocumentXML}
	dec := xml.NewDecoder(lr)
	d := &doc{kind: "docx"}
	var (
		text   strings.Builder // the current paragraph or cell
		depth  int             // table nesting
		cells  []string
		merged bool
		inT    bool
		n      int
		inCell bool
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if lr.over {
				return nil, errors.New("这个 Word 文档的正文太大，不像是一份年度报告")
			}
			return nil, errors.New("这个 .docx 文件的正文已损坏，无法读取")
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "tbl":
				depth++
			case "tr":
				if depth == 1 {
					cells = nil
				}
			case "tc":
				if depth == 1 {
					text.Reset()
					merged = false
					inCell = true
				}
			case "vMerge":
				// A continuation of a cell merged from above: an empty
				// position, like a rowspan in HTML.
				if depth == 1 && attr(t, "val") != "restart" {
					merged = true
				}
			case "t", "instrText":
				inT = t.Name.Local == "t"
			case "tab":
				text.WriteString(" ")
			case "br":
				if depth == 0 {
					text.WriteString("\n")
				}
			}
		case xml.CharData:
			if inT {
				text.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t", "instrText":
				inT = false
			case "p":
				if depth == 0 {
					n++
					for _, line := range strings.Split(text.String(), "\n") {
						if s := cleanPara(line); s != "" {
							d.para(s, n)
						}
					}
					text.Reset()
				} else if inCell {
					text.WriteString(" ")
				}
			case "tc":
				if depth == 1 {
					c := cleanPara(strings.ReplaceAll(text.String(), "\n", " "))
					if merged {
						c = ""
					}
					if len(cells) < maxGridCols {
						cells = append(cells, c)
					}
					inCell = false
					text.Reset()
				}
			case "tr":
				if depth == 1 {
					n++
					d.addRow(&row{cells: cells, sep: exact}, strings.Join(cells, " | "), n)
				}
			case "tbl":
				depth--
			}
		}
	}
	return d, nil
}

// maxDocumentXML bounds the body of a .docx: a report's is well under a
// megabyte; 20 MB leaves room for embedded formatting.
const maxDocumentXML = 20 << 20

type limitedReader struct {
	r    io.Reader
	n    int64
	over bool
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		l.over = true
		return 0, errors.New("too large")
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
