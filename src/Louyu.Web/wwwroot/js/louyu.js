// Louyu's only script for now: draws the growth chart (ECharts, served by the app itself).
(function () {
  var el = document.getElementById("growth-chart");
  if (!el || typeof echarts === "undefined") return;
  var data = JSON.parse(el.getAttribute("data-chart"));
  var colours = ["#c8102e", "#3b6ea5", "#d4a017", "#2e8b57", "#7a5195"];
  var chart = echarts.init(el, null, { renderer: "svg" });
  chart.setOption({
    color: colours,
    tooltip: { trigger: "axis" },
    legend: { top: 0, type: el.clientWidth < 560 ? "plain" : "scroll" },
    grid: { left: 52, right: 44, top: el.clientWidth < 560 ? 104 : 68, bottom: 28 },
    xAxis: { type: "category", data: data.years, boundaryGap: false },
    yAxis: [{ type: "value", name: data.axes[0], nameTextStyle: { align: "left" } }, { type: "value", name: data.axes[1], nameTextStyle: { align: "right" }, splitLine: { show: false } }],
    series: data.series.map(function (s) {
      return { name: s.name, type: "line", yAxisIndex: s.axis, data: s.data, smooth: true, symbolSize: 5 };
    })
  });
  window.addEventListener("resize", function () { chart.resize(); });
  chart.on("finished", function () { el.setAttribute("data-rendered", "true"); });
})();
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(function () {});
}
