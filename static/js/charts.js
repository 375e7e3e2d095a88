// Draws every chart of templates/includes/_chart.html on the page with Chart.js (static/vendor/chartjs).
// Chart.js (210 kB) is fetched only on a page that has a chart; its address is this script's data-chartjs.
// Without animation for people who ask for reduced motion. Once a chart is drawn its table folds away
// (still one click from the summary); before printing every table opens.
(function () {
  "use strict";
  var canvases = document.querySelectorAll("canvas[data-chart]");
  var source = document.currentScript && document.currentScript.dataset.chartjs;

  function tables() {
    return document.querySelectorAll("details[data-chart-table]");
  }

  window.addEventListener("beforeprint", function () {
    tables().forEach(function (details) {
      details.dataset.openBeforePrint = details.open ? "true" : "false";
      details.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    tables().forEach(function (details) {
      details.open = details.dataset.openBeforePrint === "true";
    });
  });

  if (!canvases.length || !source) {
    return;
  }

  // A long label (a full name) on the label axis of a horizontal chart is broken over lines of about this
  // many characters, so that it is not cut off at the canvas's edge on a phone; the table has it whole.
  var LABEL_LINE = 16;

  function wrap(label) {
    var lines = [];
    String(label).split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && (lines[last] + " " + word).length <= LABEL_LINE) {
        lines[last] += " " + word;
      } else {
        lines.push(word);
      }
    });
    return lines.length > 1 ? lines : label;
  }

  function draw() {
    var locale = document.documentElement.lang || "nl";
    var number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var page = window.getComputedStyle(document.body);
    window.Chart.defaults.font.family = page.fontFamily;
    window.Chart.defaults.color = page.color;

    canvases.forEach(function (canvas) {
      var script = document.getElementById(canvas.dataset.chart);
      if (!script) {
        return;
      }
      var config = JSON.parse(script.textContent);
      var unit = canvas.dataset.chartUnit || "";
      var valueAxis = config.options.indexAxis === "y" ? "x" : "y";
      var format = function (value) {
        return value === null || value === undefined ? "—" : number.format(value) + unit;
      };
      config.options.locale = locale;
      if (reduceMotion) {
        config.options.animation = false;
      }
      if (config.options.indexAxis === "y") {
        var labels = config.options.scales.y;
        labels.ticks = Object.assign({}, labels.ticks, {
          callback: function (value) {
            return wrap(this.getLabelForValue(value));
          },
        });
      }
      var scale = config.options.scales[valueAxis];
      scale.ticks = Object.assign({}, scale.ticks, { callback: format });
      config.options.plugins.tooltip = {
        callbacks: {
          label: function (context) {
            return context.dataset.label + ": " + format(context.parsed[valueAxis]);
          },
        },
      };
      new window.Chart(canvas, config);
      canvas.dataset.chartDrawn = "true";
      var details = canvas.closest("figure").querySelector("details[data-chart-table]");
      if (details) {
        details.open = false;
      }
    });
  }

  var library = document.createElement("script");
  library.src = source;
  library.onload = draw;
  document.head.appendChild(library);
})();
