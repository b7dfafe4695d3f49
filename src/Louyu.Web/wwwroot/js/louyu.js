// Louyu's only script for now: draws the growth chart (ECharts, served by the app itself).
(function () {
  var el = document.getElementById("growth-chart");
  if (!el || typeof echarts === "undefined") return;
  var data = JSON.parse(el.getAttribute("data-chart"));
  var colours = ["#c8102e", "#3b6ea5", "#d4a017", "#2e8b57", "#7a5195"];
  var chart = echarts.init(el, null, { renderer: "svg" });
  // Two panels sharing the years: thousands (enterprises, members) above, tens (buildings, branches, workers) below,
  // so that no line is read against the wrong scale.
  var narrow = el.clientWidth < 560;
  var top = narrow ? 76 : 56;
  chart.setOption({
    color: colours,
    tooltip: { trigger: "axis" },
    axisPointer: { link: [{ xAxisIndex: "all" }] },
    legend: { top: 0, type: narrow ? "plain" : "scroll" },
    grid: [
      { left: 52, right: 24, top: top, height: narrow ? "30%" : "34%" },
      { left: 52, right: 24, top: narrow ? "62%" : "60%", bottom: 28 }
    ],
    xAxis: [
      { type: "category", gridIndex: 0, data: data.years, boundaryGap: false, axisLabel: { show: false } },
      { type: "category", gridIndex: 1, data: data.years, boundaryGap: false }
    ],
    yAxis: [
      { type: "value", gridIndex: 0, name: data.axes[0], nameTextStyle: { align: "left" } },
      { type: "value", gridIndex: 1, name: data.axes[1], nameTextStyle: { align: "left" }, minInterval: 1 }
    ],
    series: data.series.map(function (s) {
      return { name: s.name, type: "line", xAxisIndex: s.axis, yAxisIndex: s.axis, data: s.data, smooth: true, symbolSize: 5 };
    })
  });
  window.addEventListener("resize", function () { chart.resize(); });
  chart.on("finished", function () { el.setAttribute("data-rendered", "true"); });
})();
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(function () {});
}
