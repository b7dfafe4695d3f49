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
// The coverage donut (/organization/coverage): five states, each named in its label as well as coloured.
(function () {
  var el = document.getElementById("coverage-chart");
  if (!el || typeof echarts === "undefined") return;
  var data = JSON.parse(el.getAttribute("data-chart"));
  var colours = { own: "#1e7b34", joint: "#138a8a", instructor: "#d4a017", members: "#d9480f", nothing: "#9aa0a6" };
  var chart = echarts.init(el, null, { renderer: "svg" });
  chart.setOption({
    tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
    legend: { bottom: 0, type: "scroll" },
    series: [{
      name: data.title,
      type: "pie",
      radius: ["45%", "70%"],
      center: ["50%", "45%"],
      avoidLabelOverlap: true,
      label: { formatter: "{b}\n{c}" },
      data: data.states.map(function (s) {
        return { name: s.name, value: s.value, itemStyle: { color: colours[s.key] || "#9aa0a6" } };
      })
    }],
    graphic: [{ type: "text", left: "center", top: "41%", style: { text: String(data.total), fontSize: 22, fontWeight: 700, fill: "#1f2329" } }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
  chart.on("finished", function () { el.setAttribute("data-rendered", "true"); });
})();
// A filter box over a long checkbox list (the organisation form's enterprises): hides the items whose text does not
// contain what is typed; checked items stay visible. Without script every item is shown.
(function () {
  document.querySelectorAll("[data-filter-for]").forEach(function (box) {
    var list = document.getElementById(box.getAttribute("data-filter-for"));
    if (!list) return;
    box.addEventListener("input", function () {
      var q = box.value.trim().toLowerCase();
      list.querySelectorAll("li[data-filter-text]").forEach(function (li) {
        var checked = li.querySelector("input:checked");
        var match = !q || li.getAttribute("data-filter-text").toLowerCase().indexOf(q) >= 0;
        li.hidden = !(match || checked);
      });
    });
  });
})();
// The transfer letter's "dues paid up to" (/party-affairs/transfers/new): follows the chosen member's month by the
// dues ledger (data-dues on the option) until typed over, with a note when what is typed differs from the ledger.
// Without script the server fills it from the ledger when left blank.
(function () {
  var member = document.querySelector("[data-testid=transfer-member]");
  var dues = document.querySelector("[data-testid=transfer-dues]");
  var note = document.getElementById("dues-ledger-note");
  if (!member || !dues || !note) return;
  function ledger() {
    var o = member.options[member.selectedIndex];
    return (o && o.getAttribute("data-dues")) || "";
  }
  var auto = dues.value === "" || dues.value === ledger();
  function show() {
    var l = ledger();
    note.hidden = !(dues.value !== "" && l !== "" && dues.value !== l);
    note.querySelector("[data-ledger]").textContent = l;
  }
  member.addEventListener("change", function () {
    if (auto) dues.value = ledger();
    show();
  });
  dues.addEventListener("input", function () {
    auto = dues.value === "";
    show();
  });
  show();
})();
