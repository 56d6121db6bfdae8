package report

import (
	"fmt"
	"math"
)

// A chart is computed here, in Go, as plain shapes with coordinates; the
// template only prints them. Nothing is fetched: the SVG is inline.

// chart is one inline SVG.
type chart struct {
	Title   string
	W, H    float64
	Lines   []line
	Rects   []rect
	Circles []circle
	Texts   []text
}

type line struct {
	X1, Y1, X2, Y2 float64
	Class          string
}

type rect struct {
	X, Y, W, H float64
	Fill       string
	Title      string
}

type circle struct {
	X, Y, R float64
	Fill    string
	Title   string
}

type text struct {
	X, Y   float64
	Anchor string
	Class  string
	Text   string
}

// palette is colour-blind-safe (Okabe-Ito).
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"}

func color(i int) string { return palette[i%len(palette)] }

// plot is the drawing area inside a chart's margins.
type plot struct {
	left, top, width, height float64
}

const (
	marginLeft   = 48.0
	marginRight  = 16.0
	marginTop    = 28.0
	marginBottom = 56.0
)

func newChart(title string, w, h float64) (*chart, plot) {
	c := &chart{Title: title, W: w, H: h}
	c.Texts = append(c.Texts, text{X: w / 2, Y: 16, Anchor: "middle", Class: "title", Text: title})
	return c, plot{left: marginLeft, top: marginTop, width: w - marginLeft - marginRight, height: h - marginTop - marginBottom}
}

// yAxis draws horizontal grid lines and labels from lo to hi.
func (c *chart) yAxis(p plot, lo, hi float64, ticks int, unit string) func(float64) float64 {
	y := func(v float64) float64 {
		if hi == lo {
			return p.top + p.height
		}
		return p.top + p.height - (v-lo)/(hi-lo)*p.height
	}
	for i := 0; i <= ticks; i++ {
		v := lo + (hi-lo)*float64(i)/float64(ticks)
		c.Lines = append(c.Lines, line{p.left, y(v), p.left + p.width, y(v), "grid"})
		c.Texts = append(c.Texts, text{X: p.left - 6, Y: y(v) + 4, Anchor: "end", Class: "tick", Text: tickLabel(v) + unit})
	}
	c.Lines = append(c.Lines, line{p.left, p.top, p.left, p.top + p.height, "axis"})
	return y
}

func tickLabel(v float64) string {
	if math.Abs(v-math.Round(v)) < 1e-9 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

// niceMax rounds a maximum up to 1, 2 or 5 times a power of ten.
func niceMax(v float64) float64 {
	if v <= 0 || math.IsNaN(v) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// series is one coloured set of bars in a grouped bar chart.
type series struct {
	Name   string
	Values []float64 // one per group; NaN leaves a gap
}

// groupedBars draws one group of bars per label, one bar per series.
func groupedBars(title string, groups []string, ss []series, hi float64, unit string) *chart {
	w := math.Max(360, 80+float64(len(groups)*len(ss))*26+float64(len(groups))*24)
	c, p := newChart(title, math.Min(w, 900), 300)
	y := c.yAxis(p, 0, hi, 5, unit)
	groupW := p.width / float64(max(1, len(groups)))
	barW := math.Min(32, (groupW-12)/float64(max(1, len(ss))))
	for g, label := range groups {
		x0 := p.left + float64(g)*groupW + (groupW-barW*float64(len(ss)))/2
		for i, s := range ss {
			v := s.Values[g]
			if math.IsNaN(v) {
				continue
			}
			top := y(math.Min(v, hi))
			c.Rects = append(c.Rects, rect{X: x0 + float64(i)*barW, Y: top, W: barW - 2, H: p.top + p.height - top, Fill: color(i),
				Title: fmt.Sprintf("%s, %s: %.2f%s", label, s.Name, v, unit)})
			if len(ss)*len(groups) <= 30 && v != 0 {
				c.Texts = append(c.Texts, text{X: x0 + float64(i)*barW + barW/2 - 1, Y: top - 3, Anchor: "middle", Class: "value", Text: tickLabel(v)})
			}
		}
		c.Texts = append(c.Texts, text{X: p.left + float64(g)*groupW + groupW/2, Y: p.top + p.height + 16, Anchor: "middle", Class: "label", Text: label})
	}
	c.legend(p, ss)
	return c
}

func (c *chart) legend(p plot, ss []series) {
	x := p.left
	for i, s := range ss {
		c.Rects = append(c.Rects, rect{X: x, Y: c.H - 18, W: 10, H: 10, Fill: color(i), Title: s.Name})
		c.Texts = append(c.Texts, text{X: x + 14, Y: c.H - 9, Anchor: "start", Class: "label", Text: s.Name})
		x += 24 + 7*float64(len([]rune(s.Name)))
	}
}

// point is one dot of a scatter plot.
type point struct {
	X, Y  float64
	Title string
}

// scatter plots each series' points on 0-100 axes (QE score against chrF).
func scatter(title, xName, yName string, names []string, pts [][]point) *chart {
	c, p := newChart(title, 420, 380)
	y := c.yAxis(p, 0, 100, 5, "")
	x := func(v float64) float64 { return p.left + v/100*p.width }
	for i := 0; i <= 5; i++ {
		v := float64(i) * 20
		c.Lines = append(c.Lines, line{x(v), p.top, x(v), p.top + p.height, "grid"})
		c.Texts = append(c.Texts, text{X: x(v), Y: p.top + p.height + 14, Anchor: "middle", Class: "tick", Text: tickLabel(v)})
	}
	c.Lines = append(c.Lines, line{p.left, p.top + p.height, p.left + p.width, p.top + p.height, "axis"})
	c.Texts = append(c.Texts,
		text{X: p.left + p.width/2, Y: p.top + p.height + 30, Anchor: "middle", Class: "label", Text: xName},
		text{X: p.left + 4, Y: p.top + 12, Anchor: "start", Class: "label", Text: yName})
	var ss []series
	for i, set := range pts {
		ss = append(ss, series{Name: names[i]})
		for _, pt := range set {
			c.Circles = append(c.Circles, circle{X: x(clamp(pt.X)), Y: y(clamp(pt.Y)), R: 3.5, Fill: color(i), Title: pt.Title})
		}
	}
	c.legend(p, ss)
	return c
}

func clamp(v float64) float64 { return math.Max(0, math.Min(100, v)) }

// deltaBars draws one bar per value around a zero line: gains up in green,
// losses down in vermilion (segment-level chrF differences).
func deltaBars(title string, values []float64, titles []string) *chart {
	c, p := newChart(title, 900, 260)
	hi := 1.0
	for _, v := range values {
		hi = math.Max(hi, math.Abs(v))
	}
	hi = niceMax(hi)
	y := c.yAxis(p, -hi, hi, 4, "")
	zero := y(0)
	c.Lines = append(c.Lines, line{p.left, zero, p.left + p.width, zero, "axis"})
	w := p.width / float64(max(1, len(values)))
	for i, v := range values {
		fill, top, h := "#009E73", y(v), zero-y(v)
		if v < 0 {
			fill, top, h = "#D55E00", zero, y(v)-zero
		}
		c.Rects = append(c.Rects, rect{X: p.left + float64(i)*w, Y: top, W: math.Max(0.5, w-0.5), H: math.Max(0.5, h), Fill: fill, Title: titles[i]})
	}
	c.Texts = append(c.Texts, text{X: p.left + p.width/2, Y: p.top + p.height + 16, Anchor: "middle", Class: "label", Text: "segments, from the largest loss to the largest gain"})
	return c
}
