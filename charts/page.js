// page.js draws the charts of the report. It is static and embedded in the
// binary: every figure and every text of a spreadsheet reaches it as JSON data
// (the JSON block after each chart), never as
// code. It adds to the options only what JSON cannot hold: functions.
(function () {
  "use strict";
  // Axis numbers the French way, like the figures that Go formats: "2 500",
  // "83 %" (Intl writes the same narrow no-break spaces).
  var num = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
  var pct = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 0 });
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
  function errorBar(horizontal) {
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
      return { type: "group", children: [line(lo[0], lo[1], hi[0], hi[1])].concat(caps) };
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
  document.querySelectorAll("div.chart").forEach(function (el) {
    el.style.height = el.getAttribute("data-height") + "px";
    var spec = JSON.parse(document.getElementById(el.id + "-spec").textContent);
    var option = spec.option;
    [].concat(option.xAxis || [], option.yAxis || []).forEach(function (axis) {
      axis.axisLabel = axis.axisLabel || {};
      if (axis.type === "value") {
        axis.axisLabel.formatter = axisFormat[spec.axis] || axisFormat.num;
      } else {
        // Long action names: cut on the axis, whole in the tooltip and table.
        axis.axisLabel.width = 260;
        axis.axisLabel.overflow = "truncate";
      }
    });
    option.series.forEach(function (s, i) {
      if (s.type === "custom") {
        s.renderItem = errorBar(spec.horizontal);
        s.z = 3;
      }
      if (s.label && s.label.show) {
        s.label.formatter = function (p) { return spec.labels[i][p.dataIndex]; };
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
    chart.setOption(option);
    drawn.push(chart);
  });
  window.addEventListener("resize", function () {
    drawn.forEach(function (c) { c.resize(); });
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
