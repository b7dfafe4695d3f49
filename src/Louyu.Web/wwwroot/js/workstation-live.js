// Live queue and board (/services/queue, /services/board): a minimal SignalR client (JSON hub protocol over a
// WebSocket) on /hubs/notifications. When "tickets-changed" arrives for a department the page shows, the page is
// fetched again and every [data-live] region is replaced, so counts and lists change without a reload. Without
// script (or without WebSockets) the page is simply static.
(function () {
  var root = document.querySelector("[data-live-hub]");
  if (!root || !window.WebSocket || !window.fetch) return;
  var RS = "\u001e";
  var departments = (root.getAttribute("data-live-departments") || "").split(",").filter(Boolean);
  var status = document.querySelector("[data-live-status]");
  var timer = null, pinger = null, delay = 1000;

  function setState(s) {
    if (status) status.setAttribute("data-state", s);
    root.setAttribute("data-live-state", s);
  }

  function refresh() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch(location.href, { credentials: "same-origin", headers: { "X-Live-Refresh": "1" } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (text) {
          if (!text) return;
          var doc = new DOMParser().parseFromString(text, "text/html");
          document.querySelectorAll("[data-live]").forEach(function (el) {
            var fresh = doc.querySelector('[data-live="' + el.getAttribute("data-live") + '"]');
            if (fresh) el.innerHTML = fresh.innerHTML;
          });
          var n = parseInt(root.getAttribute("data-live-refreshes") || "0", 10) + 1;
          root.setAttribute("data-live-refreshes", String(n));
        })
        .catch(function () {});
    }, 250);
  }

  function onMessage(m) {
    if (m.type === 1 && typeof m.target === "string" && m.target.toLowerCase() === "tickets-changed") {
      var arg = (m.arguments && m.arguments[0]) || {};
      var dep = arg.departmentId || arg.DepartmentId || "";
      if (departments.length === 0 || departments.indexOf(String(dep).toLowerCase()) >= 0) refresh();
    } else if (m.type === 7) {
      // The server closes the connection; onclose reconnects.
    }
  }

  function connect() {
    fetch(root.getAttribute("data-live-hub") + "/negotiate?negotiateVersion=1", { method: "POST", credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error("negotiate " + r.status); return r.json(); })
      .then(function (n) {
        var url = new URL(root.getAttribute("data-live-hub"), location.href);
        url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
        url.searchParams.set("id", n.connectionToken || n.connectionId);
        var ws = new WebSocket(url.toString());
        var buffer = "";
        ws.onopen = function () {
          ws.send(JSON.stringify({ protocol: "json", version: 1 }) + RS);
          pinger = setInterval(function () { if (ws.readyState === 1) ws.send(JSON.stringify({ type: 6 }) + RS); }, 10000);
        };
        ws.onmessage = function (e) {
          buffer += e.data;
          var parts = buffer.split(RS);
          buffer = parts.pop();
          parts.forEach(function (p) {
            if (!p) return;
            var m = JSON.parse(p);
            if (m.type === undefined) { setState(m.error ? "error" : "live"); delay = 1000; return; }
            onMessage(m);
          });
        };
        ws.onclose = function () {
          clearInterval(pinger);
          setState("offline");
          setTimeout(connect, delay);
          delay = Math.min(delay * 2, 30000);
        };
      })
      .catch(function () {
        setState("offline");
        setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30000);
      });
  }
  setState("connecting");
  connect();
})();
