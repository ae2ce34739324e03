"use strict";
// Demo control page: drives kioskd --demo through /demo/api/* and shows the kiosk screen scaled.
(() => {
  const $ = (sel) => document.querySelector(sel);
  const frame = $("#kiosk");
  const wrap = $("#frame-wrap");
  let residents = [];

  // ---------- the kiosk screen, scaled to fit (keeps 1080×1920) ----------
  function fit() {
    const h = window.innerHeight - 32 - 30;
    const w = Math.max(320, window.innerWidth - 32 - 2 * 24 - 360 - 300);
    const k = Math.min(h / 1920, w / 1080);
    wrap.style.width = Math.floor(1080 * k) + "px";
    wrap.style.height = Math.floor(1920 * k) + "px";
    frame.style.transform = `scale(${k})`;
  }
  window.addEventListener("resize", fit);
  fit();
  $("#reload-kiosk").addEventListener("click", () => frame.contentWindow.location.reload());

  // ---------- API ----------
  const PAPER = { full: "充足", low: "将尽", out: "缺纸", jammed: "卡纸" };
  const CHANNEL = { wechat: "微信", alipay: "支付宝", unionpay: "云闪付" };

  function log(text, bad) {
    const li = document.createElement("li");
    li.textContent = new Date().toLocaleTimeString("zh-CN", { hour12: false }) + " " + text;
    if (bad) li.className = "err";
    const list = $("#log");
    list.prepend(li);
    while (list.children.length > 30) list.lastChild.remove();
  }

  async function call(path, body, what) {
    try {
      const res = await fetch("/demo/api/" + path, {
        method: body === undefined ? "GET" : "POST",
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      let data = {};
      try { data = await res.json(); } catch (e) { /* empty body */ }
      if (!res.ok) {
        const why = data.message || (typeof data.error === "string" ? data.error : data.error && data.error.message) || "";
        if (what) log(`${what}：未执行（${res.status}${why ? "，" + why : ""}）`, true);
        return null;
      }
      if (what) log(what + "：完成");
      return data;
    } catch (e) {
      if (what) log(what + "：无法连接 kioskd", true);
      return null;
    }
  }

  // ---------- residents ----------
  async function loadResidents() {
    const data = await call("residents");
    const sel = $("#resident");
    if (!data || !Array.isArray(data.residents)) {
      log("读取演示居民失败（kioskd 是否以 --demo 运行？）", true);
      return;
    }
    residents = data.residents;
    sel.replaceChildren(...residents.map((r) => {
      const o = document.createElement("option");
      o.value = String(r.index);
      o.textContent = r.label;
      return o;
    }));
    updateResidentButtons();
  }

  function current() {
    return residents.find((r) => String(r.index) === $("#resident").value) || null;
  }

  function updateResidentButtons() {
    const r = current();
    for (const b of document.querySelectorAll("[data-needs]")) b.disabled = !r || !r[b.dataset.needs];
  }
  $("#resident").addEventListener("change", updateResidentButtons);

  // ---------- controls ----------
  document.addEventListener("click", (ev) => {
    const b = ev.target.closest("[data-demo]");
    if (!b) return;
    const r = current();
    const who = r ? r.label.split(" ")[0] : "";
    const channel = $("#channel").value;
    switch (b.dataset.demo) {
      case "card":
        if (r) call("card", { kind: b.dataset.kind, resident: r.index }, `${b.textContent}（${who}）`);
        break;
      case "remove":
        call("card/remove", { kind: b.dataset.kind }, b.textContent);
        break;
      case "essc":
        if (r) call("scan/essc", { resident: r.index }, `扫电子社保卡（${who}）`);
        break;
      case "paycode":
        call("scan/paycode", { channel, outcome: $("#outcome").value },
          `扫${CHANNEL[channel]}付款码（${$("#outcome").selectedOptions[0].textContent}）`);
        break;
      case "qr-paid":
        call("qr-paid", { channel }, `${CHANNEL[channel]}扫屏幕二维码支付`);
        break;
      case "printer":
        call("printer", { paper: b.dataset.paper }, "打印机纸张：" + PAPER[b.dataset.paper]).then(refresh);
        break;
      case "terminal": {
        const step = { action: b.dataset.action };
        if (step.action === "present") { step.card = $("#terminal-card").value; step.entry = b.dataset.entry; }
        if (step.action === "pin") step.pin = b.dataset.pin;
        if (step.action === "fault") step.fault = $("#terminal-fault").value;
        const what = step.action === "present" ? `${b.textContent}：${$("#terminal-card").selectedOptions[0].textContent}`
          : step.action === "fault" ? "刷卡器故障：" + $("#terminal-fault").selectedOptions[0].textContent : b.textContent;
        call("terminal", step, what).then(refresh);
        break;
      }
      case "backend":
        call("backend", { up: b.dataset.up === "true" }, b.dataset.up === "true" ? "后台恢复" : "后台断开").then(refresh);
        break;
    }
  });

  $("#scan-text-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const text = $("#scan-text").value;
    if (text) call("scan/text", { text }, "扫描任意内容");
  });

  // ---------- state, every second ----------
  async function refresh() {
    const st = await call("state");
    const live = $("#live");
    live.className = "live " + (st ? "ok" : "bad");
    if (!st) return;
    $("#st-raw").textContent = JSON.stringify(st, null, 2);
    $("#st-screen").textContent = st.screen || "—";
    const be = $("#st-backend");
    be.textContent = st.backendUp ? "正常" : "断开";
    be.className = st.backendUp ? "" : "bad";
    const pr = $("#st-printer");
    pr.textContent = PAPER[st.printer] || st.printer || "—";
    pr.className = st.printer === "full" || st.printer === "low" ? "" : "bad";
    const cards = st.cards || {};
    $("#st-ssc").textContent = cards.ssc ? "已插入" : "无";
    $("#st-idcard").textContent = cards.idcard ? "已放置" : "无";
    for (const b of document.querySelectorAll("#printer button")) b.classList.toggle("on", b.dataset.paper === st.printer);
    showReceipt(st.printed || 0);
    $("#terminal-panel").hidden = st.terminal == null;
    $("#st-terminal").textContent = st.terminal || "—";
    for (const b of document.querySelectorAll("#backend button")) b.classList.toggle("on", (b.dataset.up === "true") === Boolean(st.backendUp));
  }

  // ---------- the paper out of the simulated printer, fetched again after each print ----------
  let shownPrints = 0;
  function showReceipt(printed) {
    $("#printed-count").textContent = printed ? `（已打印 ${printed} 张）` : "";
    if (printed === shownPrints) return;
    shownPrints = printed;
    const img = $("#receipt");
    img.onload = () => { img.hidden = false; $("#tray-empty").hidden = true; };
    img.src = "/demo/api/receipt.png?n=" + printed;
  }

  loadResidents();
  refresh();
  setInterval(refresh, 1000);
})();
