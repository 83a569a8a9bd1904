// page.js draws the charts of the report. It is static and embedded in the
// binary: every figure and every text of a spreadsheet reaches it as JSON data
// (the JSON block after each chart), never as
// code. It adds to the options only what JSON cannot hold: functions.
(function () {
  "use strict";
  // Axis numbers in the page's language, like the figures that Go formats
  // (package lang): "2 500", "83 %" in French (Intl writes the same narrow
  // no-break spaces), "2,500", "83%" in English.
  var locale = document.documentElement.lang === "en" ? "en-GB" : "fr-FR";
  var num = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  var pct = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  var axisFormat = {
    num: function (v) { return num.format(v); },
    pct: function (v) { return pct.format(v); },
    // Diverging bars: shares to the left of 0 are drawn negative.
    pctabs: function (v) { return pct.format(Math.abs(v)); }
  };
  // Tooltips are HTML: every line is escaped before it becomes markup.
  var encode = echarts.format.encodeHTML;

  // errorBar draws a 95 % interval: a line from the low to the high bound,
  // with a cap at each end. Its data item is [category index, low, high].
  // On a vertical chart, the value of the first series at that category
  // (a trajectory's point) is written above the upper cap, where the bar
  // cannot cross it; the point itself has no label (see below).
  function errorBar(horizontal, spec) {
    return function (params, api) {
      var cat = api.value(0);
      var at = function (v) { return horizontal ? [v, cat] : [cat, v]; };
      var lo = api.coord(at(api.value(1)));
      var hi = api.coord(at(api.value(2)));
      var band = api.size(horizontal ? [0, 1] : [1, 0]);
      var cap = (horizontal ? band[1] : band[0]) * 0.2;
      var style = { stroke: "#1b1b1b", lineWidth: 2 };
      var line = function (x1, y1, x2, y2) {
        return { type: "line", shape: { x1: x1, y1: y1, x2: x2, y2: y2 }, style: style };
      };
      var caps = horizontal
        ? [line(lo[0], lo[1] - cap, lo[0], lo[1] + cap), line(hi[0], hi[1] - cap, hi[0], hi[1] + cap)]
        : [line(lo[0] - cap, lo[1], lo[0] + cap, lo[1]), line(hi[0] - cap, hi[1], hi[0] + cap, hi[1])];
      var children = [line(lo[0], lo[1], hi[0], hi[1])].concat(caps);
      var text = horizontal ? "" : spec.labels[0][cat];
      if (text && (!spec.shown || spec.shown[0][cat])) {
        children.push({ type: "text", x: hi[0], y: hi[1] - 4,
          style: { text: text, font: labelFont, fill: "#1b1b1b", align: "center", verticalAlign: "bottom" } });
      }
      return { type: "group", children: children };
    };
  }

  // html[data-charts=drawn] tells a printer (package pdf) that every chart
  // has finished drawing: ECharts fires "finished" once a chart is painted.
  var drawn = [];
  var pending = document.querySelectorAll("div.chart").length;
  function markDrawn() {
    if (pending === 0) {
      document.documentElement.setAttribute("data-charts", "drawn");
    }
  }
  markDrawn();
  // The messages for readers without scripts go, and the data tables,
  // open for them, close under their chart ("Données" opens them).
  document.querySelectorAll(".nojs").forEach(function (el) { el.remove(); });
  if (!window.matchMedia("print").matches) {
    document.querySelectorAll("details[open]").forEach(function (d) { d.open = false; });
  }
  // Text as ECharts draws its labels: 12px sans-serif, 14px a line.
  var labelFont = "12px sans-serif";
  var lineHeight = 14;
  function textWidth(text) {
    return new echarts.graphic.Text({ style: { text: text, font: labelFont } }).getBoundingRect().width;
  }
  // wrap breaks a name into lines of at most width pixels, at spaces, and
  // keeps maxLines of them, the last ending with "…" when some are left
  // out: the whole name is in the tooltip and in the table under the
  // chart. The lines are joined with "\n", as ECharts draws them.
  function wrap(text, width, maxLines) {
    var lines = [];
    String(text).split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && textWidth(lines[last] + " " + word) <= width) {
        lines[last] += " " + word;
      } else {
        lines.push(word);
      }
    });
    if (lines.length > maxLines) {
      lines = lines.slice(0, maxLines);
      var end = lines[maxLines - 1].split(" ");
      while (end.length > 1 && textWidth(end.join(" ") + "…") > width) {
        end.pop();
      }
      lines[maxLines - 1] = end.join(" ") + "…";
    }
    return lines.join("\n");
  }

  // keepApart chooses the labels of a category axis, or of the points of a
  // series, when the axis is too narrow for all: first the categories of
  // keys, in their order (a trajectory's target year, its baseline, its
  // last measured year), then the others from the first, each kept only if
  // it has a label (has) and is at least step categories from every label
  // already kept. It returns, per category, whether its label is drawn.
  function keepApart(count, keys, step, has) {
    var shown = [];
    var order = keys.concat(Array.from({ length: count }, function (_, i) { return i; }));
    order.forEach(function (i) {
      if (i < 0 || i >= count || shown[i] || !has(i)) {
        return;
      }
      for (var j = Math.max(0, i - step + 1); j < Math.min(count, i + step); j++) {
        if (shown[j]) {
          return;
        }
      }
      shown[i] = true;
    });
    return shown;
  }

  // roundTicks steps a value axis by 1, 2, 2.5 or 5 times a power of ten
  // (0, 25, 50, 75, 100 %; 0, 0.5, 1, 1.5), never ECharts' 3 (0, 30, 60,
  // 90, 100 %), and by whole numbers for counts, in at most splits steps;
  // a single step may end on any round number (0, 3 000).
  // The bounds Go set are kept; an open maximum is the lowest tick that
  // holds the highest value (with room above it for its label on a
  // vertical chart), so that a phone's two ticks do not halve the bars.
  function roundTicks(axis, splits, spec, i) {
    spec.bounds = spec.bounds || [];
    var b = spec.bounds[i] = spec.bounds[i] || { min: axis.min, max: axis.max };
    var lo = typeof b.min === "number" ? b.min : 0;
    var fixed = typeof b.max === "number";
    var top = fixed ? b.max : highest(spec.option);
    if (!(top > lo)) {
      return;
    }
    var reach = fixed || spec.horizontal ? top - lo : (top - lo) * 1.08;
    var best = null;
    var p = Math.pow(10, Math.floor(Math.log10(reach / splits)));
    [p, p * 10].forEach(function (decade) {
      [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8].forEach(function (m) {
        var step = m * decade;
        var n = Math.ceil(reach / step - 1e-9);
        // 1.5, 3, 4, 6 and 8 only as a single step (0 and 3 000).
        var round = [1, 2, 2.5, 5].indexOf(m) >= 0 || n === 1;
        if (!round || n > splits || (spec.whole && step % 1 !== 0) || (fixed && Math.abs(n * step - reach) > 1e-9)) {
          return;
        }
        if (!best || n * step < best.n * best.step - 1e-9) {
          best = { step: step, n: n };
        }
      });
    });
    if (!best) {
      return; // ECharts' own ticks
    }
    axis.interval = best.step;
    if (!fixed) {
      axis.max = lo + best.n * best.step;
    }
  }
  // highest returns the largest value the series of option draw, the
  // upper bounds of the intervals ([category, low, high]) included.
  function highest(option) {
    var top = null;
    option.series.forEach(function (s) {
      (s.data || []).forEach(function (d) {
        var v = Array.isArray(d) ? d[2] : (d !== null && typeof d === "object" ? d.value : d);
        if (typeof v === "number" && (top === null || v > top)) {
          top = v;
        }
      });
    });
    return top;
  }

  // plotOf returns the plot area (grid) of a drawn chart, in pixels.
  function plotOf(chart) {
    return chart.getModel().getComponent("grid").coordinateSystem.getRect();
  }
  // legendBottom returns the bottom of the drawn legend, 0 without one.
  function legendBottom(chart) {
    var legend = chart.getModel().getComponent("legend");
    if (!legend || !legend.get("show")) {
      return 0;
    }
    var g = chart.getViewOfComponentModel(legend).group;
    var r = g.getBoundingRect();
    return g.y + r.y + r.height;
  }

  // fit lays a chart out for the width of its box, in two passes: the
  // chart is drawn as Go set it, then what that drawing measured (the
  // legend's height, the width of the plot) sets the rest. The legend
  // wraps on a phone: the plot goes below it, and the box grows by its
  // height, so that the legend never covers the axes. Value axes get as
  // many ticks as their width holds, and a category axis of years shows
  // the years that fit, the target year first. Long category names wrap
  // on two lines (cut with "…" beyond, whole in the tooltip and the
  // table), and the rows grow to hold them. Called again on a resize.
  function fit(chart, el, spec) {
    var option = spec.option;
    var width = el.clientWidth;
    var baseHeight = Number(el.getAttribute("data-height"));
    // The room Go left above the plot, for the labels over the points.
    var grid = [].concat(option.grid || [{}])[0];
    option.grid = grid;
    if (spec.top === undefined) {
      spec.top = grid.top !== undefined ? Number(grid.top) : 24;
    }
    var top = spec.top;
    var cats = [].concat(option.xAxis || [], option.yAxis || []).filter(function (a) { return a.type === "category"; });
    var values = [].concat(option.xAxis || [], option.yAxis || []).filter(function (a) { return a.type === "value"; });

    // Category names of horizontal bars, on the vertical axis: at most
    // 260 px or 45 % of the box, two lines.
    var extraRows = 0;
    if (spec.horizontal) {
      cats.forEach(function (axis) {
        var w = Math.round(Math.max(90, Math.min(260, width * 0.45)));
        var data = axis.data || [];
        var shown = data.map(function (c) { return wrap(c, w, 2); });
        var lines = Math.max.apply(null, [1].concat(shown.map(function (c) { return c.split("\n").length; })));
        axis.axisLabel.lineHeight = lineHeight;
        axis.axisLabel.formatter = function (v, i) { return shown[i] !== undefined ? shown[i] : v; };
        // A row of Go's chart is 30 px: room for one line.
        extraRows += data.length * Math.max(0, lines * lineHeight + 10 - 30);
      });
    }
    // Axis titles wrap to the box, on two lines at most; a second line
    // takes its height from the box and gives it to the room Go left
    // under the plot (a title under it) or above it (a title over it).
    if (spec.bottom === undefined) {
      spec.bottom = grid.bottom !== undefined ? Number(grid.bottom) : 8;
      spec.names = values.map(function (axis) { return axis.name; });
    }
    var bottom = spec.bottom;
    values.forEach(function (axis, i) {
      if (!spec.names[i]) {
        return;
      }
      axis.name = wrap(spec.names[i], width - 64, 2);
      var more = (axis.name.split("\n").length - 1) * lineHeight;
      axis.nameTextStyle.lineHeight = lineHeight;
      if (axis.nameLocation === "end") {
        top += more;
      } else {
        bottom += more;
      }
      extraRows += more;
    });
    grid.bottom = bottom;
    el.style.height = baseHeight + extraRows + "px";
    chart.resize();
    values.forEach(function (axis) { axis.axisLabel.hideOverlap = true; });
    cats.forEach(function (axis) { axis.axisLabel.hideOverlap = true; });
    grid.top = top;
    chart.setOption(option, true);

    // Second pass, from what the first drew.
    var legend = legendBottom(chart);
    if (legend > 0) {
      el.style.height = baseHeight + extraRows + legend + "px";
      chart.resize();
      grid.top = legend + top;
    }
    var plot = plotOf(chart);
    values.forEach(function (axis, i) {
      // Horizontal values need about 72 px a tick ("2 500", "100 %").
      var room = spec.horizontal ? plot.width : plot.height;
      var splits = Math.max(2, Math.min(5, Math.floor(room / (spec.horizontal ? 72 : 40))));
      axis.splitNumber = splits;
      roundTicks(axis, splits, spec, i);
    });
    if (!spec.horizontal && spec.keyLabels) {
      cats.forEach(function (axis) {
        var data = axis.data || [];
        var widest = Math.max.apply(null, [0].concat(data.map(function (c) { return textWidth(String(c)); })));
        var slot = plot.width / Math.max(1, data.length - (axis.boundaryGap === false ? 1 : 0));
        var shown = keepApart(data.length, spec.keyLabels, Math.ceil((widest + 8) / slot), function () { return true; });
        axis.axisLabel.interval = function (i) { return !!shown[i]; };
        // The values over the points, the same way, the latest first
        // (keyLabels are the target, the baseline, then the years measured
        // from the latest): the others are in the tooltip and the table.
        var latestFirst = spec.keyLabels.slice(2).concat(spec.keyLabels.slice(0, 2));
        spec.shown = spec.labels.map(function (labels) {
          labels = labels || [];
          var w = Math.max.apply(null, [0].concat(labels.map(function (l) { return l ? textWidth(l) : 0; })));
          return keepApart(data.length, latestFirst, Math.ceil((w + 4) / slot), function (i) { return !!labels[i]; });
        });
      });
    }
    chart.setOption(option, true);
  }

  document.querySelectorAll("div.chart").forEach(function (el) {
    el.style.height = el.getAttribute("data-height") + "px";
    var spec = JSON.parse(document.getElementById(el.id + "-spec").textContent);
    var option = spec.option;
    [].concat(option.xAxis || [], option.yAxis || []).forEach(function (axis) {
      axis.axisLabel = axis.axisLabel || {};
      if (axis.type === "value") {
        axis.axisLabel.formatter = axisFormat[spec.axis] || axisFormat.num;
        // The axis's title: above a vertical axis it starts at the axis
        // line, so that a long one does not run off the chart's left.
        axis.nameTextStyle = { color: "#444", fontSize: 12, align: axis.nameLocation === "end" ? "left" : "center" };
      }
    });
    var withInterval = {}; // categories whose interval carries the label
    option.series.forEach(function (s, i) {
      if (s.type === "custom") {
        s.renderItem = errorBar(spec.horizontal, spec);
        s.data.forEach(function (d) { withInterval[d[0]] = !spec.horizontal; });
        s.z = 3;
      }
      if (s.label && s.label.show) {
        s.label.formatter = function (p) {
          if (i === 0 && withInterval[p.dataIndex]) {
            return ""; // written above its interval by errorBar
          }
          return !spec.shown || spec.shown[i][p.dataIndex] ? spec.labels[i][p.dataIndex] : "";
        };
      }
    });
    option.tooltip = {
      trigger: "item",
      confine: true,
      formatter: function (p) {
        var lines = (spec.tips[p.seriesIndex] || [])[p.dataIndex] || [];
        return lines.map(encode).join("<br>");
      }
    };
    var chart = echarts.init(el, null, { renderer: "canvas" });
    var finished = false;
    chart.on("finished", function () {
      if (!finished) {
        finished = true;
        pending--;
        markDrawn();
      }
    });
    fit(chart, el, spec);
    drawn.push({ chart: chart, el: el, spec: spec, width: el.clientWidth });
  });
  // A new width lays each chart out again; a new height only resizes it.
  window.addEventListener("resize", function () {
    drawn.forEach(function (d) {
      if (d.el.clientWidth !== d.width) {
        d.width = d.el.clientWidth;
        fit(d.chart, d.el, d.spec);
      } else {
        d.chart.resize();
      }
    });
  });
  // On paper, each chart's data table follows it: the closed details open
  // for printing, and close again after.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
