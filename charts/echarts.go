package charts

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"

	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// How the page is assembled, and why not with go-echarts' own page.
//
// go-echarts builds the options of each chart (its chart types and option
// structs: charts.NewBar, opts.BarData...), but not the page. Its page
// template puts the options in a <script> without escaping them, turns any
// string holding "__f__" into JavaScript, loads ECharts from a CDN unless its
// assets are cleared after AddCharts, and draws random chart ids (no golden
// file). So Render takes each chart's option object (Bar.JSON), encodes it
// with encoding/json, which writes <, > and & as \u003c, \u003e and \u0026,
// and places it in a <script type="application/json"> block of our own
// html/template page. page.js, static and embedded, reads those blocks,
// adds the few functions that JSON cannot hold (axis numbers in the page's
// language, tooltip, error bar) and draws the charts. No text of a spreadsheet is ever code.

//go:embed assets/echarts.min.js
var echartsMinJS string

//go:embed page.js
var pageJS string

// inlineECharts returns the ECharts script ready to be inlined in the page.
// The minified file holds a few URLs (XML namespaces of its SVG renderer,
// licence links in comments). None is fetched, but a page meant to be read
// offline must not even mention one, so "://" is written ":\/\/": in a
// JavaScript string "\/" is "/", and in a comment it is just text.
func inlineECharts(js string) template.JS {
	return template.JS("/* Apache ECharts 5.4.3, Apache-2.0 (see charts/assets), each URL written with \":\\/\\/\". */\n" +
		strings.ReplaceAll(js, "://", `:\/\/`))
}

// chartText makes a text from a spreadsheet safe to put in chart options.
// encoding/json already escapes what could end the <script> block; this
// breaks go-echarts' "__f__" function marker with a zero-width space, so that
// the text stays text even if these options ever go through go-echarts' own
// renderer.
func chartText(s string) string {
	return strings.ReplaceAll(s, "__f__", "_\u200b_f__")
}

// point is one bar of a chart.
type point struct {
	Category string   // as shown on the axis
	Value    float64  // as drawn
	Label    string   // the value as written on the bar, formatted in Go
	Tip      []string // tooltip lines, plain text
	CILow    *float64 // 95 % interval, drawn as an error bar when set
	CIHigh   *float64
}

// axisKind tells page.js how to write the value axis: "pct" for shares
// (0.83 -> 83 %), "num" for everything else.
type axisKind string

const (
	axisPercent axisKind = "pct"
	axisNumber  axisKind = "num"
)

// chartSpec is what page.js reads for one chart.
type chartSpec struct {
	Option map[string]any `json:"option"` // ECharts options, built by go-echarts
	Axis   axisKind       `json:"axis"`
	// Horizontal tells the error bar which axis holds the values.
	Horizontal bool         `json:"horizontal"`
	Labels     [][]string   `json:"labels"` // per series, per bar: text on the bar
	Tips       [][][]string `json:"tips"`   // per series, per bar: tooltip lines
	// Whole tells page.js that the values are counts: the value axis
	// steps by whole numbers.
	Whole bool `json:"whole,omitempty"`
	// KeyLabels are the categories whose label page.js draws first when
	// the axis is too narrow for all (a trajectory's target year), in the
	// order they are kept.
	KeyLabels []int `json:"keyLabels,omitempty"`
}

// barOptions describes a bar chart to build.
type barOptions struct {
	ID         string
	Series     string // series name, for the tooltip
	Points     []point
	Horizontal bool // categories on the vertical axis, first at the top
	Axis       axisKind
	Max        any // maximum of the value axis (1 for a share), nil for automatic
	Min        any // minimum of the value axis, nil for 0
	// AxisName titles the value axis with what it measures, in the
	// report's language ("Participations", "Part de filles").
	AxisName string
	Whole    bool // counts: whole steps on the value axis
	// LabelInside writes the value inside the bar, at its start, to leave
	// the end of the bar to an error bar.
	LabelInside bool
	// Interval names the series of the 95 % intervals, in the report's
	// language, when a point has one.
	Interval string
}

// barColor is the green of the campus.
const barColor = "#2e7d32"

// buildBar builds one bar chart with go-echarts and returns its spec as
// JSON, escaped for a <script> block.
func buildBar(b barOptions) (template.JS, error) {
	cats := make([]string, len(b.Points))
	data := make([]opts.BarData, len(b.Points))
	labels := make([]string, len(b.Points))
	tips := make([][]string, len(b.Points))
	var ci [][3]float64
	for i, p := range b.Points {
		cats[i] = chartText(p.Category)
		data[i] = opts.BarData{Name: cats[i], Value: p.Value}
		labels[i] = p.Label
		for _, t := range p.Tip {
			tips[i] = append(tips[i], chartText(t))
		}
		if p.CILow != nil && p.CIHigh != nil {
			ci = append(ci, [3]float64{float64(i), *p.CILow, *p.CIHigh})
		}
	}

	bar := gocharts.NewBar()
	bar.SetGlobalOptions(
		gocharts.WithInitializationOpts(opts.Initialization{ChartID: b.ID, Renderer: "canvas"}),
		// No animation: a printout, a screenshot or a test sees the bars drawn.
		gocharts.WithAnimation(false),
		gocharts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)
	labelPos := "top"
	if b.Min == nil {
		b.Min = 0
	}
	name := chartText(b.AxisName)
	if b.Horizontal {
		labelPos = "right"
		bar.SetGlobalOptions(
			// The name under the value labels, in the room Bottom leaves.
			gocharts.WithGridOpts(opts.Grid{Left: "8", Right: "64", Top: "24", Bottom: "30", ContainLabel: opts.Bool(true)}),
			gocharts.WithXAxisOpts(opts.XAxis{Type: "value", Min: b.Min, Max: b.Max, Name: name, NameLocation: "middle", NameGap: 26}),
			gocharts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
		)
		bar.XYReversal()
	} else {
		bar.SetGlobalOptions(
			// The name above the axis, in the room Top leaves (page.js
			// starts it at the axis, so that it does not run off the left).
			gocharts.WithGridOpts(opts.Grid{Left: "8", Right: "64", Top: "44", Bottom: "8", ContainLabel: opts.Bool(true)}),
			gocharts.WithXAxisOpts(opts.XAxis{Type: "category"}),
			gocharts.WithYAxisOpts(opts.YAxis{Type: "value", Min: b.Min, Max: b.Max, Name: name, NameLocation: "end", NameGap: 22}),
		)
	}
	label := opts.Label{Show: opts.Bool(true), Position: labelPos}
	if b.LabelInside {
		label = opts.Label{Show: opts.Bool(true), Position: "insideLeft", Color: "#fff", FontWeight: "bold"}
	}
	bar.SetXAxis(cats)
	bar.AddSeries(chartText(b.Series), data,
		gocharts.WithLabelOpts(label),
		gocharts.WithItemStyleOpts(opts.ItemStyle{Color: barColor}),
		gocharts.WithSeriesOpts(func(s *gocharts.SingleSeries) { s.BarMaxWidth = "48" }),
	)
	spec := chartSpec{Axis: b.Axis, Horizontal: b.Horizontal, Whole: b.Whole, Labels: [][]string{labels}, Tips: [][][]string{tips}}
	if len(ci) > 0 {
		// A custom series whose renderItem (page.js errorBar) draws each
		// interval; encode puts both bounds on the value axis so that its
		// extent covers them.
		enc := &opts.Encode{X: []int{1, 2}, Y: 0}
		if !b.Horizontal {
			enc = &opts.Encode{X: 0, Y: []int{1, 2}}
		}
		bar.MultiSeries = append(bar.MultiSeries, gocharts.SingleSeries{
			Name: b.Interval, Type: "custom", Data: ci, Encode: enc,
		})
		spec.addIntervals(ci, tips)
	}
	return encodeSpec(b.ID, bar, spec)
}

// addIntervals gives the interval series that follows the others, drawn by
// page.js errorBar from ci ([category index, low, high]), its place in
// Labels and Tips: no label, and on each interval the tooltip of its bar or
// point, taken from tips.
func (s *chartSpec) addIntervals(ci [][3]float64, tips [][]string) {
	var ciTips [][]string
	for _, c := range ci {
		ciTips = append(ciTips, tips[int(c[0])])
	}
	s.Labels = append(s.Labels, nil)
	s.Tips = append(s.Tips, ciTips)
}

// encodeSpec completes spec with the options of the chart c (a go-echarts
// Bar or Line) and returns it as JSON ready for a <script
// type="application/json"> block: encoding/json escapes <, >, &, U+2028 and
// U+2029. id names the chart in an error.
func encodeSpec(id string, c interface {
	Validate()
	JSON() map[string]any
}, spec chartSpec) (template.JS, error) {
	c.Validate()
	spec.Option = c.JSON()
	out, err := json.Marshal(spec)
	if err != nil {
		return "", fmt.Errorf("chart %s: %w", id, err)
	}
	return template.JS(out), nil
}
