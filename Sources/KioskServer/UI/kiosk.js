"use strict";
// The socket to kioskd, rendering of the latest SCREEN, actions, `touch`, countdowns and the privacy wipe.
(() => {
  const WIPE_ON = new Set(["attract", "outOfService", "maintenance", "stopped"]);
  // Screens during which typed name and number survive, so a mistyped lookup or a "still there?" loses nothing.
  const KEEP_TYPING = new Set(["typingIdentity", "lookingUpPerson", "stillThere", "choosingBeneficiary"]);
  const TOUCH_EVERY_MS = 5000;
  const OUT_OF_SERVICE_AFTER_MS = 5000;
  // The page tells kioskd it is alive this often: a crashed or hung renderer stops, and kiosk-browser
  // restarts Chromium once kioskd has not heard from the page for 30 s (ScreenPresence.swift).
  const ALIVE_EVERY_MS = 10000;
  // A connection that neither opens nor fails (kioskd down while systemd holds its socket: the kernel
  // accepts, nobody answers) is given up after this long, so the out-of-service screen shows and a new try follows.
  const CONNECT_TIMEOUT_MS = 10000;

  const main = document.getElementById("main");
  const bar = document.getElementById("bar");
  const title = document.getElementById("screen-title");
  const demoBadge = document.getElementById("demo-badge");
  const voiceButton = document.querySelector('[data-action-local="voice"]');
  const voiceState = document.getElementById("voice-state");
  const moreButton = document.querySelector('[data-action-local="more"]');
  const voiceLabel = document.getElementById("voice-label");

  // What tests and developers may inspect. It never holds more than the screen on display.
  const state = { connected: false, screen: "connecting", seq: null, data: null, voice: false };
  window.kiosk = { state };

  let socket = null;
  let reconnectTimer = null;
  let outOfServiceTimer = null;
  let aliveTimer = null;
  let everTried = false;
  let lastTouch = 0;
  let locked = false;
  let lockTimer = null;
  let tickTimer = null;
  // The words of the last screen kioskd sent (no personal data): the page's frame and the screens it
  // shows on its own when kioskd cannot be reached use them. None before the first screen.
  let texts = null;
  const text = (key) => (texts && typeof texts[key] === "string" ? texts[key] : "");

  // ---------- socket ----------
  function url() {
    return (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
  }

  function connect() {
    reconnectTimer = null;
    let ws;
    try {
      ws = new WebSocket(url());
    } catch (e) {
      scheduleReconnect();
      return;
    }
    socket = ws;
    // Until it opens, the page is not connected: the out-of-service screen follows as after a loss.
    if (!state.connected && !outOfServiceTimer && state.screen !== "outOfService") startOutOfServiceTimer();
    const handshake = setTimeout(() => {
      if (socket === ws && ws.readyState === WebSocket.CONNECTING) ws.close(); // onclose follows
    }, CONNECT_TIMEOUT_MS);
    ws.onopen = () => {
      clearTimeout(handshake);
      if (socket !== ws) return;
      state.connected = true;
      clearInterval(aliveTimer);
      aliveTimer = setInterval(() => sendMessage({ type: "alive" }), ALIVE_EVERY_MS);
      everTried = false;
      state.seq = null;
      clearTimeout(outOfServiceTimer);
      outOfServiceTimer = null;
    };
    ws.onmessage = (ev) => {
      if (socket !== ws) return;
      let msg;
      try {
        msg = JSON.parse(ev.data);
      } catch (e) {
        console.warn("kiosk: a frame from kioskd is not JSON");
        return;
      }
      if (msg.type === "screen" && msg.screen) show(msg.screen);
      else if (window.KioskService.handle(msg)) return;
      else if (msg.type === "error") {
        console.error("kioskd:", msg.message);
        unlock();
      }
    };
    ws.onclose = () => {
      clearTimeout(handshake);
      if (socket !== ws) return;
      socket = null;
      clearInterval(aliveTimer);
      aliveTimer = null;
      disconnected();
    };
    ws.onerror = () => {}; // onclose follows
  }

  function scheduleReconnect() {
    if (reconnectTimer) return;
    reconnectTimer = setTimeout(connect, everTried ? 2000 : 1000);
    everTried = true;
  }

  function disconnected() {
    const wasConnected = state.connected;
    state.connected = false;
    window.KioskService.disconnected();
    if (wasConnected) {
      wipe();
      paint(localScreen("connecting"));
    }
    if (!outOfServiceTimer && state.screen !== "outOfService") startOutOfServiceTimer();
    scheduleReconnect();
  }

  function startOutOfServiceTimer() {
    outOfServiceTimer = setTimeout(() => {
      outOfServiceTimer = null;
      if (!state.connected) {
        paint({ ...localScreen("outOfService"), prompt: text("outOfService.local") });
      }
    }, OUT_OF_SERVICE_AFTER_MS);
  }

  // A message that is not a resident's action (the service menu, the test pattern's answer).
  function sendMessage(message) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  function send(action, params) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    // seq lets kioskd drop a tap that was aimed at an older screen
    const seq = state.seq === null ? {} : { seq: state.seq };
    socket.send(JSON.stringify({ type: "action", action, ...(params || {}), ...seq }));
    return true;
  }

  // The resident is typing: tell kioskd at most once per 5 s so the idle timer restarts.
  function touch() {
    const now = Date.now();
    if (now - lastTouch < TOUCH_EVERY_MS) return;
    if (send("touch")) lastTouch = now;
  }

  // ---------- rendering ----------
  function localScreen(kind) {
    return { screen: kind, seq: null, actions: [], prompt: "", local: true, texts };
  }

  // The words around the screen: the voice switch, "more below", the demo badge. (The document's
  // <title> stays as index.html has it: it names the kiosk window, which must not change.)
  function paintFrame() {
    voiceLabel.textContent = text("voice");
    voiceState.textContent = text(state.voice ? "voice.on" : "voice.off");
    moreButton.textContent = text("more");
    demoBadge.textContent = text("demo");
  }

  function show(screen) {
    if (typeof screen.seq === "number" && typeof state.seq === "number" && screen.seq <= state.seq) return;
    window.KioskService.screenChanged(screen.screen);
    if (WIPE_ON.has(screen.screen)) wipe();
    else if (!KEEP_TYPING.has(screen.screen)) window.KioskScreens.dropEntry();
    paint(screen);
  }

  function paint(screen, quiet) {
    unlock();
    stopTicker();
    if (!screen.local && screen.texts) texts = screen.texts;
    paintFrame();
    const view = window.KioskScreens.render(screen, { touch, rerender });
    state.data = screen.local ? null : screen;
    state.screen = screen.screen;
    state.seq = typeof screen.seq === "number" ? screen.seq : null;
    title.textContent = view.title;
    demoBadge.hidden = !screen.demo;
    main.replaceChildren(...view.main);
    bar.replaceChildren(...view.bar);
    main.scrollTop = 0;
    main.classList.remove("fade-in");
    void main.offsetWidth; // restart the fade for the new screen
    main.classList.add("fade-in");
    document.body.dataset.screen = screen.screen;
    if (state.seq === null) delete document.body.dataset.seq;
    else document.body.dataset.seq = String(state.seq);
    if (screen.countdown) startTicker(screen.countdown);
    updateMore();
    if (!quiet) window.KioskSpeech.speak(screen.prompt);
    const detail = { screen: screen.screen, seq: state.seq };
    requestAnimationFrame(() => window.dispatchEvent(new CustomEvent("kiosk:rendered", { detail })));
  }

  // A local change of view on the same SCREEN (e.g. typing a relative's ID on choosingBeneficiary).
  function rerender() {
    if (state.data) paint(state.data, true);
  }

  // Everything that could hold a resident's data goes: typed entry, keyboards, screen, DOM, speech.
  function wipe() {
    window.KioskScreens.dropEntry();
    window.KioskSpeech.cancel();
    stopTicker();
    unlock();
    main.replaceChildren();
    bar.replaceChildren();
    state.data = null;
    updateMore();
  }

  function updateMore() {
    const hidden = main.scrollHeight - main.clientHeight - main.scrollTop <= 24;
    if (!hidden) moreButton.style.bottom = bar.offsetHeight + 20 + "px";
    moreButton.hidden = hidden;
  }
  main.addEventListener("scroll", updateMore, { passive: true });

  // ---------- countdown ----------
  function startTicker(cd) {
    const deadline = Number(cd.deadline) || Date.now() + (Number(cd.seconds) || 0) * 1000;
    const update = () => {
      const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      for (const el of document.querySelectorAll("[data-countdown]")) {
        if (el.textContent !== String(left)) el.textContent = String(left);
      }
      for (const ring of document.querySelectorAll("[data-countdown-ring]")) {
        const total = Number(ring.getAttribute("data-countdown-ring")) || 1;
        const circ = Number(ring.getAttribute("stroke-dasharray")) || 0;
        ring.setAttribute("stroke-dashoffset", String(circ * (1 - Math.min(1, left / total))));
      }
      if (left === 0) stopTicker();
    };
    update();
    tickTimer = setInterval(update, 250);
  }

  function stopTicker() {
    clearInterval(tickTimer);
    tickTimer = null;
  }

  // ---------- taps ----------
  // One action per screen: a second tap before kioskd answers is ignored (elderly hands double-tap).
  function lock() {
    locked = true;
    clearTimeout(lockTimer);
    lockTimer = setTimeout(unlock, 1500);
  }

  function unlock() {
    locked = false;
    clearTimeout(lockTimer);
    lockTimer = null;
    for (const b of document.querySelectorAll("button.sent")) b.classList.remove("sent");
  }

  function params(el) {
    const p = {};
    if (el.dataset.tier !== undefined) p.tier = Number(el.dataset.tier);
    if (el.dataset.index !== undefined) p.index = Number(el.dataset.index);
    if (el.dataset.method !== undefined) p.method = el.dataset.method;
    return p;
  }

  document.addEventListener("click", (ev) => {
    const local = ev.target.closest("[data-action-local]");
    if (local) {
      if (local.dataset.actionLocal === "voice") toggleVoice();
      else if (local.dataset.actionLocal === "more") main.scrollBy({ top: main.clientHeight * 0.7, behavior: "smooth" });
      return;
    }
    const el = ev.target.closest("[data-action]");
    if (!el || el.disabled || locked) return;
    const screen = state.data;
    const action = el.dataset.action;
    if (!screen || !Array.isArray(screen.actions) || !screen.actions.includes(action)) return;
    let p = params(el);
    if (action === "submitIdentity") {
      const typed = window.KioskScreens.identity();
      if (!typed) return;
      p = typed;
    }
    if (send(action, p)) {
      lock();
      el.classList.add("sent");
    }
  });

  function toggleVoice() {
    state.voice = !state.voice;
    window.KioskSpeech.setEnabled(state.voice);
    voiceButton.setAttribute("aria-pressed", String(state.voice));
    voiceState.textContent = text(state.voice ? "voice.on" : "voice.off");
    if (state.voice && state.data) window.KioskSpeech.speak(state.data.prompt);
  }

  // No zooming, no context menu, no dragging pictures: this is a public touch screen.
  document.addEventListener("contextmenu", (ev) => ev.preventDefault());
  document.addEventListener("dragstart", (ev) => ev.preventDefault());
  document.addEventListener("selectstart", (ev) => ev.preventDefault());
  document.addEventListener("touchmove", (ev) => { if (ev.touches.length > 1) ev.preventDefault(); }, { passive: false });
  document.addEventListener("wheel", (ev) => { if (ev.ctrlKey) ev.preventDefault(); }, { passive: false });
  document.addEventListener("gesturestart", (ev) => ev.preventDefault());

  window.KioskService.attach({ send: sendMessage, screen: () => state.screen });
  paint(localScreen("connecting"));
  connect();
})();
