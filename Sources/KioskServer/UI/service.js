"use strict";
// Technician tools on the resident screen: the hidden gesture (hold the logo 5 s while no resident is
// served) → PIN pad → service menu (kioskd's diagnostics, maintenance, test page, test pattern), and
// the screen test pattern kioskd fans out (`kioskctl selftest screen`). kioskd checks the PIN; the
// page never knows it, and forgets what was typed as soon as it is sent.
window.KioskService = (() => {
  const IDLE_SCREENS = new Set(["attract", "maintenance", "outOfService"]);
  const HOLD_MS = 5000;
  const MENU_IDLE_MS = 120000;
  const PIN_MAX = 8, PIN_MIN = 6;

  let send = () => false;
  let currentScreen = () => "connecting";
  let layer = null;
  let view = null;          // "pin" | "menu" | null
  let pin = "";
  let idleTimer = null;
  let patternTimer = null;
  let lastMenu = null;

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function button(label, service, extra) {
    const b = el("button", "service-button" + (extra ? " " + extra : ""), label);
    b.type = "button";
    b.dataset.service = service;
    return b;
  }

  function ensureLayer() {
    if (layer) return layer;
    layer = el("div", "service-layer");
    layer.id = "service";
    layer.hidden = true;
    layer.addEventListener("click", onClick);
    document.body.append(layer);
    return layer;
  }

  function open(kind, children) {
    ensureLayer();
    const header = document.querySelector("header.top");
    layer.style.top = (header ? header.offsetHeight : 0) + "px";
    layer.replaceChildren(...children);
    layer.hidden = false;
    view = kind;
    document.body.classList.add("service-open");
    document.body.dataset.service = kind;
    restartIdle();
  }

  function close() {
    pin = "";
    lastMenu = null;
    view = null;
    clearTimeout(idleTimer);
    idleTimer = null;
    if (layer) {
      layer.hidden = true;
      layer.replaceChildren();
    }
    document.body.classList.remove("service-open");
    delete document.body.dataset.service;
  }

  // The menu closes itself 2 minutes after the last touch.
  function restartIdle() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (view === "menu") send({ type: "serviceAction", action: "close" });
      close();
    }, MENU_IDLE_MS);
  }

  // ---------- PIN pad ----------
  function showPinPad(message) {
    const title = el("h2", "service-title", "技术人员 PIN");
    const dots = el("div", "service-pin" + (pin ? " typed" : ""), pin ? "●".repeat(pin.length) : "请输入 6–8 位数字");
    dots.id = "service-pin";
    const note = el("p", "service-note" + (message ? " service-refused" : ""), message || "维护菜单仅供技术人员使用");
    note.id = "service-message";
    const pad = el("div", "idpad service-pad");
    for (const key of ["1", "2", "3", "backspace", "4", "5", "6", "7", "8", "9", "clear", "0"]) {
      const b = el("button", "", key === "backspace" ? "退格" : key === "clear" ? "取消" : key);
      b.type = "button";
      b.dataset.key = key;
      pad.append(b);
    }
    const ok = button("确定", "submitPIN", "service-ok");
    ok.disabled = pin.length < PIN_MIN;
    open("pin", [title, dots, note, pad, ok]);
  }

  function pressKey(key) {
    if (key === "clear") {
      close();
      return;
    }
    if (key === "backspace") pin = pin.slice(0, -1);
    else if (/^\d$/.test(key) && pin.length < PIN_MAX) pin += key;
    showPinPad(null);
  }

  function submitPin() {
    if (pin.length < PIN_MIN) return;
    send({ type: "servicePIN", pin });
    pin = "";
    showPinPad("正在核对…");
  }

  // ---------- menu ----------
  function showMenu(msg) {
    lastMenu = msg;
    const report = msg.report || { checks: [] };
    const maintenance = msg.maintenance;
    const inMaintenance = maintenance && maintenance.state !== "off";
    const title = el("h2", "service-title", "服务菜单");
    const meta = el("p", "service-meta", `终端 ${report.kioskID || ""} · ${report.checks.filter((c) => !c.passed).length === 0 ? "全部检查通过" : "有检查未通过"}`);
    const mode = el("p", "service-meta", maintenance ? `维护模式：${{ off: "关", pending: "待生效（当前业务结束后）", active: "开" }[maintenance.state] || maintenance.state}` : "维护模式：不可用");
    mode.id = "service-maintenance";
    const children = [title, meta, mode];
    if (msg.notice) {
      const notice = el("p", "service-notice", msg.notice);
      notice.id = "service-notice";
      children.push(notice);
    }
    const list = el("ul", "service-checks");
    for (const check of report.checks) {
      const item = el("li", check.passed ? "passed" : "failed");
      item.dataset.check = check.id;
      item.append(el("span", "check-mark", check.passed ? "✔" : "✘"), el("span", "check-title", check.title));
      item.append(el("span", "check-detail", check.detail));
      if (!check.passed && check.fix) item.append(el("span", "check-fix", "处理：" + check.fix));
      list.append(item);
    }
    const buttons = el("div", "service-buttons");
    buttons.append(
      button("重新检查", "recheck"),
      button(inMaintenance ? "维护模式 关" : "维护模式 开", inMaintenance ? "maintenanceOff" : "maintenanceOn"),
      button("打印测试页", "printTestPage"),
      button("屏幕测试", "screenTest"),
      button("关闭", "close"),
    );
    // The buttons come first: the list of checks may be longer than the screen.
    children.push(buttons, list);
    open("menu", children);
    layer.scrollTop = 0;
  }

  function onClick(ev) {
    restartIdle();
    const key = ev.target.closest("[data-key]");
    if (key && view === "pin") {
      pressKey(key.dataset.key);
      return;
    }
    const b = ev.target.closest("[data-service]");
    if (!b || b.disabled) return;
    const action = b.dataset.service;
    if (action === "submitPIN") {
      submitPin();
      return;
    }
    if (action === "close") {
      send({ type: "serviceAction", action: "close" });
      close();
      return;
    }
    if (send({ type: "serviceAction", action })) {
      for (const other of layer.querySelectorAll("[data-service]")) other.disabled = true;
      b.textContent = b.textContent + "…";
    }
  }

  // ---------- test pattern ----------
  function showPattern(overlay) {
    clearTimeout(patternTimer);
    let pattern = document.getElementById("test-pattern");
    if (!pattern) {
      pattern = el("div", "test-pattern");
      pattern.id = "test-pattern";
      document.body.append(pattern);
    }
    const bars = el("div", "pattern-bars");
    for (const colour of ["#FF0000", "#00FF00", "#0000FF", "#FFFFFF", "#000000"]) {
      const bar = el("div");
      bar.style.background = colour;
      bars.append(bar);
    }
    const ramp = el("div", "pattern-ramp");
    for (let i = 0; i <= 16; i++) {
      const step = el("div");
      const v = Math.round((255 * i) / 16);
      step.style.background = `rgb(${v}, ${v}, ${v})`;
      ramp.append(step);
    }
    const width = window.innerWidth, height = window.innerHeight, ratio = window.devicePixelRatio;
    const info = el("div", "pattern-info");
    info.append(el("div", "pattern-size", `${width}×${height}`), el("div", "pattern-line", `devicePixelRatio ${ratio}`),
                el("div", "pattern-line", `终端 ${overlay.kioskID || ""}`), el("div", "pattern-title", "屏幕测试"));
    pattern.replaceChildren(bars, ramp, info);
    pattern.hidden = false;
    document.body.dataset.overlay = "testPattern";
    send({ type: "overlayShown", width, height, ratio });
    const left = Math.max(0, Number(overlay.until) - Date.now());
    patternTimer = setTimeout(hidePattern, left);
  }

  function hidePattern() {
    const pattern = document.getElementById("test-pattern");
    if (pattern) pattern.hidden = true;
    delete document.body.dataset.overlay;
    // Back to the menu (if it was open): ask kioskd for it afresh.
    if (view === "menu") send({ type: "serviceAction", action: "recheck" });
  }

  // ---------- gesture ----------
  function attachGesture() {
    const logo = document.querySelector("header.top .emblem");
    if (!logo) return;
    let holdTimer = null;
    const cancel = () => {
      clearTimeout(holdTimer);
      holdTimer = null;
    };
    logo.addEventListener("pointerdown", (ev) => {
      ev.preventDefault();
      cancel();
      if (!IDLE_SCREENS.has(currentScreen()) || view) return;
      holdTimer = setTimeout(() => {
        holdTimer = null;
        if (IDLE_SCREENS.has(currentScreen())) send({ type: "serviceOpen" });
      }, HOLD_MS);
    });
    for (const type of ["pointerup", "pointercancel", "pointerleave"]) logo.addEventListener(type, cancel);
  }

  // ---------- from kiosk.js ----------
  function attach(options) {
    send = options.send;
    currentScreen = options.screen;
    attachGesture();
  }

  // A message from kioskd; true when it was the service menu's or the pattern's.
  function handle(msg) {
    switch (msg.type) {
      case "overlay":
        if (msg.overlay && msg.overlay.kind === "testPattern") showPattern(msg.overlay);
        return true;
      case "servicePINPad":
        pin = "";
        showPinPad(null);
        return true;
      case "serviceMenu":
        showMenu(msg);
        return true;
      case "serviceRefused":
        if (view === "pin") showPinPad(msg.message);
        return true;
      case "serviceClosed":
        close();
        return true;
      default:
        return false;
    }
  }

  // A resident reached the screen (or kioskd went away): the technician's views go at once.
  function screenChanged(kind) {
    if (!IDLE_SCREENS.has(kind)) close();
  }

  function disconnected() {
    close();
    const pattern = document.getElementById("test-pattern");
    if (pattern) pattern.hidden = true;
    delete document.body.dataset.overlay;
  }

  return { attach, handle, screenChanged, disconnected, get view() { return view; }, get lastMenu() { return lastMenu; } };
})();
