// Package styles is the one place where the UI's look is defined: colours,
// and the glyphs of the chrome. The ASCII theme uses no box drawing and no
// ambiguous-width characters, so that a classic Windows console (code page
// 936, 新宋体) draws the same columns the program measured.
package styles

import (
	"image/color"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Themes.
const (
	Default = "default"
	ASCII   = "ascii"
)

// Glyphs used in the chrome.
type Glyphs struct {
	Sep      string // vertical separator between outline and pane
	Rule     string // horizontal rule character
	Ellipsis string
	Done     string // section complete
	Partly   string // section started
	Todo     string // section not started
	Blank    string // a cell not yet entered
	Arrow    string // selected item marker
}

// Styles of every part of the UI.
type Styles struct {
	Theme string
	G     Glyphs

	App       lipgloss.Style
	Header    lipgloss.Style
	HeaderDim lipgloss.Style
	Title     lipgloss.Style
	Guide     lipgloss.Style
	Dim       lipgloss.Style
	Bold      lipgloss.Style
	Sep       lipgloss.Style

	Item         lipgloss.Style // outline / list item
	ItemSelected lipgloss.Style // selected, not focused
	ItemFocused  lipgloss.Style // selected and focused
	ItemDone     lipgloss.Style
	ItemErr      lipgloss.Style

	ColHeader    lipgloss.Style
	RowLabel     lipgloss.Style
	RowHeading   lipgloss.Style
	Cell         lipgloss.Style
	CellBlank    lipgloss.Style
	CellComputed lipgloss.Style
	CellError    lipgloss.Style
	CellSelected lipgloss.Style
	CellEditing  lipgloss.Style
	CellBad      lipgloss.Style // editing text that does not parse

	FieldLabel        lipgloss.Style
	FieldLabelFocused lipgloss.Style

	Status   lipgloss.Style
	StatusOK lipgloss.Style
	Error    lipgloss.Style
	Warning  lipgloss.Style
	Info     lipgloss.Style

	Dialog       lipgloss.Style
	DialogTitle  lipgloss.Style
	Button       lipgloss.Style
	ButtonActive lipgloss.Style

	Mark      lipgloss.Style // prose numbers that contradict the tables
	Selection lipgloss.Style // selected text
	Help      help.Styles

	// Paints of the table cells, drawn a hundred times per frame.
	P struct {
		Cell, Blank, Computed, CellError, Editing, Bad, Label, Bold, Heading Paint
		Item, ItemSelected, ItemFocused, ItemDone, ItemErr, Dim              Paint
		HelpKey, HelpDesc, HelpSep                                           Paint
		Title, Guide, Header, HeaderDim, StatusOK, Error, Warning, Status    Paint
	}
}

var (
	accent = lipgloss.Color("6") // cyan: works on dark and light consoles
	red    = lipgloss.Color("1")
	yellow = lipgloss.Color("3")
	green  = lipgloss.Color("2")
	gray   = lipgloss.Color("8")
	black  = lipgloss.Color("0")
	white  = lipgloss.Color("15")
)

// New returns the styles of a theme.
func New(theme string) *Styles {
	s := &Styles{Theme: theme}
	if theme == ASCII {
		s.G = Glyphs{Sep: "|", Rule: "-", Ellipsis: "..", Done: "v", Partly: "-", Todo: " ", Blank: ".", Arrow: ">"}
	} else {
		s.Theme = Default
		s.G = Glyphs{Sep: "│", Rule: "─", Ellipsis: "…", Done: "✓", Partly: "·", Todo: " ", Blank: "·", Arrow: "›"}
	}
	fg := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
	s.App = lipgloss.NewStyle()
	s.Header = lipgloss.NewStyle().Background(accent).Foreground(black).Bold(true)
	s.HeaderDim = lipgloss.NewStyle().Background(accent).Foreground(black)
	s.Title = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Guide = fg(gray)
	s.Dim = fg(gray)
	s.Bold = lipgloss.NewStyle().Bold(true)
	s.Sep = fg(gray)

	s.Item = lipgloss.NewStyle()
	s.ItemSelected = lipgloss.NewStyle().Reverse(true)
	s.ItemFocused = lipgloss.NewStyle().Background(accent).Foreground(black).Bold(true)
	s.ItemDone = fg(green)
	s.ItemErr = fg(red).Bold(true)

	s.ColHeader = lipgloss.NewStyle().Bold(true)
	s.RowLabel = lipgloss.NewStyle()
	s.RowHeading = lipgloss.NewStyle().Bold(true)
	s.Cell = lipgloss.NewStyle()
	s.CellBlank = fg(gray)
	s.CellComputed = fg(accent)
	s.CellError = fg(red).Bold(true)
	s.CellSelected = lipgloss.NewStyle().Reverse(true)
	s.CellEditing = lipgloss.NewStyle().Background(yellow).Foreground(black)
	s.CellBad = lipgloss.NewStyle().Background(red).Foreground(white)

	s.FieldLabel = fg(gray)
	s.FieldLabelFocused = lipgloss.NewStyle().Foreground(accent).Bold(true)

	s.Status = lipgloss.NewStyle()
	s.StatusOK = fg(green)
	s.Error = fg(red).Bold(true)
	s.Warning = fg(yellow)
	s.Info = fg(accent)

	s.Dialog = lipgloss.NewStyle().Padding(0, 1)
	if theme == ASCII {
		s.Dialog = s.Dialog.Border(asciiBorder)
	} else {
		s.Dialog = s.Dialog.Border(lipgloss.NormalBorder())
	}
	s.Dialog = s.Dialog.BorderForeground(accent)
	s.DialogTitle = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Button = lipgloss.NewStyle().Padding(0, 1)
	s.ButtonActive = lipgloss.NewStyle().Padding(0, 1).Background(accent).Foreground(black).Bold(true)

	s.Mark = lipgloss.NewStyle().Underline(true).Foreground(red)
	s.Selection = lipgloss.NewStyle().Reverse(true)

	s.Help = help.DefaultDarkStyles()
	s.Help.ShortKey = lipgloss.NewStyle().Foreground(accent)
	s.Help.ShortDesc = lipgloss.NewStyle()
	s.Help.FullKey = s.Help.ShortKey
	s.Help.FullDesc = s.Help.ShortDesc
	s.Help.ShortSeparator = fg(gray)
	s.Help.FullSeparator = fg(gray)
	s.Help.Ellipsis = fg(gray)

	s.P.Cell = PaintOf(s.Cell)
	s.P.Blank = PaintOf(s.CellBlank)
	s.P.Computed = PaintOf(s.CellComputed)
	s.P.CellError = PaintOf(s.CellError)
	s.P.Editing = PaintOf(s.CellEditing)
	s.P.Bad = PaintOf(s.CellBad)
	s.P.Label = PaintOf(s.RowLabel)
	s.P.Bold = PaintOf(s.Bold)
	s.P.Heading = PaintOf(s.RowHeading)
	s.P.Item = PaintOf(s.Item)
	s.P.ItemSelected = PaintOf(s.ItemSelected)
	s.P.ItemFocused = PaintOf(s.ItemFocused)
	s.P.ItemDone = PaintOf(s.ItemDone)
	s.P.ItemErr = PaintOf(s.ItemErr)
	s.P.Dim = PaintOf(s.Dim)
	s.P.HelpKey = PaintOf(s.Help.ShortKey)
	s.P.HelpDesc = PaintOf(s.Help.ShortDesc)
	s.P.HelpSep = PaintOf(s.Help.ShortSeparator)
	s.P.Title = PaintOf(s.Title)
	s.P.Guide = PaintOf(s.Guide)
	s.P.Header = PaintOf(s.Header)
	s.P.HeaderDim = PaintOf(s.HeaderDim)
	s.P.StatusOK = PaintOf(s.StatusOK)
	s.P.Error = PaintOf(s.Error)
	s.P.Warning = PaintOf(s.Warning)
	s.P.Status = PaintOf(s.Status)
	return s
}

// asciiBorder draws frames with + - | only.
var asciiBorder = lipgloss.Border{
	Top: "-", Bottom: "-", Left: "|", Right: "|",
	TopLeft: "+", TopRight: "+", BottomLeft: "+", BottomRight: "+",
}

// Paint is a style reduced to its escape sequences, for text drawn many
// times per frame (table cells): prefix + text + reset costs nothing,
// where lipgloss.Style.Render costs microseconds.
type Paint struct{ pre, post string }

// PaintOf reduces a style without padding, margins, borders or widths.
func PaintOf(st lipgloss.Style) Paint {
	const marker = "\uE000"
	out := st.Render(marker)
	i := strings.Index(out, marker)
	if i < 0 {
		return Paint{}
	}
	return Paint{pre: out[:i], post: out[i+len(marker):]}
}

// Render paints text.
func (p Paint) Render(s string) string {
	if p.pre == "" {
		return s
	}
	return p.pre + s + p.post
}

// Reverse returns the paint with foreground and background swapped (the
// selection).
func (p Paint) Reverse() Paint {
	post := p.post
	if post == "" {
		post = "\x1b[m"
	}
	return Paint{pre: p.pre + "\x1b[7m", post: post}
}
