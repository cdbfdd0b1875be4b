package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

// readDOCX reads the paragraphs and tables of word/document.xml; merged
// cells keep their grid positions (a span leaves empty cells behind it),
// so that rows read like the published table.
func readDOCX(data []byte) (*doc, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errors.New("这个 .docx 文件已损坏，无法打开")
	}
	var body io.ReadCloser
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			if body, err = f.Open(); err != nil {
				return nil, errors.New("这个 .docx 文件已损坏，无法读取正文")
			}
		}
	}
	if body == nil {
		return nil, errors.New("这不是 Word 文档（.docx 中没有正文）")
	}
	defer body.Close()
	// A guard against a compressed file that expands without end.
	dec := xml.NewDecoder(io.LimitReader(body, MaxSize))
	d := &doc{kind: "docx"}
	var (
		text   strings.Builder // the current paragraph or cell
		depth  int             // table nesting
		cells  []string
		span   int
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
					span = 1
					inCell = true
				}
			case "gridSpan":
				if depth == 1 {
					span, _ = strconv.Atoi(attr(t, "val"))
					span = max(1, min(span, 64))
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
					text.WriteString("")
				}
			case "tc":
				if depth == 1 {
					cells = append(cells, cleanPara(strings.ReplaceAll(text.String(), "\n", "")))
					for i := 1; i < span; i++ {
						cells = append(cells, "")
					}
					inCell = false
					text.Reset()
				}
			case "tr":
				if depth == 1 {
					n++
					d.addRow(cells, exact, strings.Join(cells, " | "), n)
				}
			case "tbl":
				depth--
			}
		}
	}
	return d, nil
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
