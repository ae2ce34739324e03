"use strict";
// One render function per screen kind, each returning { title, main: Node[], buttons: Node[] };
// render() adds what the screen's actions still need and lays out the bottom bar.
// Server strings only ever go in via textContent; innerHTML is used for this file's own SVG only.
// Every word comes from kioskd with the screen (`texts`, ResidentPageTexts): this file holds none.
window.KioskScreens = (() => {
  // ---------- DOM helpers ----------
  function h(tag, props, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v == null || v === false) continue;
      if (k === "class") el.className = v;
      else if (k === "text") el.textContent = v;
      else el.setAttribute(k, v === true ? "" : String(v));
    }
    for (const kid of kids.flat(Infinity)) {
      if (kid == null || kid === false) continue;
      el.append(kid instanceof Node ? kid : String(kid));
    }
    return el;
  }
  const has = (s, action) => Array.isArray(s.actions) && s.actions.includes(action);

  // The screen's text for `key`, with {n} filled from `params`. A key kioskd did not send shows
  // nothing (and says so on the console) rather than a made-up word.
  function t(s, key, params) {
    const text = s.texts && s.texts[key];
    if (typeof text !== "string") {
      console.error("kioskd sent no text " + key + " for " + s.screen);
      return "";
    }
    return params ? text.replace(/\{(\w+)\}/g, (_, name) => String(params[name])) : text;
  }

  // An action button, or null when the screen does not offer that action.
  function act(s, action, label, opts = {}) {
    if (!has(s, action)) return null;
    const b = h("button", { type: "button", "data-action": action, class: opts.class || null });
    if (opts.primary) b.classList.add("primary");
    b.append(Array.isArray(label) ? h("span", { class: "label" }, label) : label);
    return b;
  }
  const exitBtn = (s, label = t(s, "exit")) => act(s, "cancel", label, { class: "exit" });
  const backBtn = (s) => act(s, "back", t(s, "back"), { class: "exit" });

  function svg(markup, cls) {
    const wrap = document.createElement("span");
    wrap.innerHTML = markup;
    const el = wrap.firstElementChild;
    if (cls) el.classList.add(cls);
    el.setAttribute("aria-hidden", "true");
    return el;
  }

  const yen = (text) => "¥" + text; // amounts are the server's strings; never computed here

  function amountFigure(text, size = "huge") {
    return h("div", { class: "amount " + size }, h("span", { class: "yen", text: "¥" }), h("span", { text }));
  }

  function amountHero(s, caption, size = "huge") {
    const text = s.amount && s.amount.text;
    if (!text) return null;
    return h("div", { class: "card amount-hero" },
      h("div", { class: "caption", text: caption }),
      amountFigure(text, size),
      s.amount.capitals ? h("div", { class: "capitals", text: "（" + s.amount.capitals + "）" }) : null);
  }

  function noticeBox(s, nextStep) {
    const n = s.notice;
    if (!n || !n.text) return null;
    const tone = n.tone === "info" ? "info" : "error";
    const next = nextStep === undefined ? (s.texts && s.texts.nextStep) : nextStep;
    return h("div", { class: "notice-box " + tone, role: tone === "error" ? "alert" : "status" },
      svg(tone === "error" ? ICON.warn : ICON.info),
      h("div", null,
        h("p", { class: "notice", text: n.text }),
        next && tone === "error" ? h("p", { class: "notice-next", text: next }) : null));
  }

  function personCard(s, extra) {
    const p = s.person;
    const rows = [];
    if (p && p.name) rows.push(h("dt", { text: t(s, "person.name") }), h("dd", { text: p.name }));
    if (p && p.idNumber) rows.push(h("dt", { text: t(s, "person.idNumber") }), h("dd", { class: "mono", text: p.idNumber }));
    for (const [k, v] of extra || []) if (v) rows.push(h("dt", { text: k }), h("dd", { text: v }));
    if (!rows.length && !s.payer) return null;
    return h("div", { class: "card person" },
      s.payer && s.payer.name ? h("div", { class: "payer-line", text: t(s, "payer.line") + s.payer.name }) : null,
      rows.length ? h("dl", { class: "facts" }, rows) : null);
  }

  function busyView(s, text, ...extra) {
    return h("div", { class: "busy" }, h("div", { class: "spinner", role: "progressbar", "aria-label": s.texts ? t(s, "working") : null }),
      h("p", { class: "lead", text }), extra);
  }

  function resultView(icon, title, tone, ...extra) {
    return h("div", { class: "result" }, svg(icon, "result-icon"),
      h("h2", { class: "result-title " + (tone || "") }, title.split(/(?<=，)/).map((part) => h("span", { class: "nowrap-soft", text: part }))), extra);
  }

  function countdownLine(s, before, after) {
    if (!s.countdown) return null;
    return h("p", { class: "countdown-line" }, before, h("span", { "data-countdown": "", text: String(s.countdown.seconds ?? "") }), after);
  }

  // ---------- illustrations (constant markup) ----------
  const ICON = {
    warn: '<svg viewBox="0 0 64 64"><path d="M32 5 61 57H3Z" fill="#C62828"/><path d="M29 24h6l-1 17h-4Zm0 22h6v6h-6Z" fill="#fff"/></svg>',
    info: '<svg viewBox="0 0 64 64"><circle cx="32" cy="32" r="29" fill="#1F63B5"/><path d="M29 27h6v22h-6Zm0-12h6v6h-6Z" fill="#fff"/></svg>',
    ok: '<svg viewBox="0 0 200 200"><circle cx="100" cy="100" r="92" fill="#E3F3E8"/><circle cx="100" cy="100" r="72" fill="#1E8745"/><path d="M64 102l24 24 50-52" fill="none" stroke="#fff" stroke-width="16" stroke-linecap="round" stroke-linejoin="round"/></svg>',
    fail: '<svg viewBox="0 0 200 200"><circle cx="100" cy="100" r="92" fill="#FDECEA"/><circle cx="100" cy="100" r="72" fill="#C62828"/><path d="M92 58h16l-3 56h-10Zm0 70h16v16H92Z" fill="#fff"/></svg>',
    pause: '<svg viewBox="0 0 200 200"><circle cx="100" cy="100" r="92" fill="#E3EEFA"/><circle cx="100" cy="100" r="72" fill="#0B4F9C"/><path d="M78 66h16v68H78Zm28 0h16v68h-16Z" fill="#fff"/></svg>',
    tools: '<svg viewBox="0 0 200 200"><circle cx="100" cy="100" r="92" fill="#E3EEFA"/><circle cx="100" cy="100" r="72" fill="#0B4F9C"/><path d="M120 56a26 26 0 0 0-30 34l-36 36a9 9 0 0 0 13 13l36-36a26 26 0 0 0 34-30l-15 15-14-4-4-14Z" fill="#fff"/></svg>',
    printer: '<svg viewBox="0 0 200 200"><circle cx="100" cy="100" r="92" fill="#FFF1D6"/><rect x="52" y="80" width="96" height="52" rx="8" fill="#7A3E00"/><rect x="68" y="52" width="64" height="30" fill="#fff" stroke="#7A3E00" stroke-width="6"/><rect x="68" y="118" width="64" height="34" fill="#fff" stroke="#7A3E00" stroke-width="6"/><circle cx="134" cy="96" r="6" fill="#FFC24B"/></svg>',
    ssc: '<svg viewBox="0 0 240 180"><rect x="30" y="118" width="180" height="40" rx="10" fill="#3D4957"/><rect x="50" y="130" width="140" height="10" rx="5" fill="#16202B"/><g class="card-in"><rect x="62" y="18" width="116" height="120" rx="12" fill="#1F63B5"/><rect x="80" y="40" width="36" height="28" rx="4" fill="#F2C94C"/><rect x="80" y="84" width="80" height="8" rx="4" fill="#fff" opacity=".8"/><rect x="80" y="100" width="56" height="8" rx="4" fill="#fff" opacity=".8"/></g><path d="M120 6v0" stroke="#0B4F9C"/></svg>',
    idcard: '<svg viewBox="0 0 240 180"><rect x="20" y="120" width="200" height="44" rx="12" fill="#3D4957"/><path d="M70 110c14-10 86-10 100 0" fill="none" stroke="#1F63B5" stroke-width="6" stroke-linecap="round"/><path d="M88 96c9-6 55-6 64 0" fill="none" stroke="#1F63B5" stroke-width="6" stroke-linecap="round"/><rect x="48" y="16" width="144" height="72" rx="10" fill="#F7F3E8" stroke="#8A7A55" stroke-width="4"/><rect x="150" y="28" width="30" height="40" rx="4" fill="#C9BFA5"/><rect x="60" y="32" width="70" height="7" rx="3" fill="#8A7A55"/><rect x="60" y="48" width="50" height="7" rx="3" fill="#8A7A55"/><rect x="60" y="66" width="80" height="7" rx="3" fill="#8A7A55"/></svg>',
    essc: '<svg viewBox="0 0 240 180"><rect x="80" y="6" width="96" height="160" rx="14" fill="#16202B"/><rect x="88" y="20" width="80" height="128" rx="6" fill="#fff"/><rect x="98" y="26" width="60" height="12" rx="3" fill="#C62828"/><g fill="#16202B"><rect x="102" y="50" width="18" height="18"/><rect x="136" y="50" width="18" height="18"/><rect x="102" y="84" width="18" height="18"/><rect x="124" y="72" width="8" height="8"/><rect x="140" y="90" width="12" height="12"/><rect x="124" y="94" width="8" height="8"/></g><rect x="100" y="114" width="56" height="8" rx="4" fill="#3D4957"/><path d="M30 150h196" stroke="#3D4957" stroke-width="10" stroke-linecap="round"/><path d="M40 120l20 14M40 150h22" stroke="#1F63B5" stroke-width="5" stroke-linecap="round"/></svg>',
    card: '<svg viewBox="0 0 150 150"><rect x="10" y="34" width="130" height="84" rx="10" fill="#16202B"/><rect x="10" y="52" width="130" height="14" fill="#FFC400"/><rect x="24" y="80" width="26" height="20" rx="3" fill="#E0B64A"/><rect x="60" y="92" width="60" height="8" rx="2" fill="#fff"/></svg>',
    paycode: '<svg viewBox="0 0 150 150"><rect x="38" y="4" width="74" height="142" rx="12" fill="#16202B"/><rect x="45" y="16" width="60" height="112" rx="4" fill="#fff"/><g fill="#16202B"><rect x="52" y="26" width="3" height="26"/><rect x="58" y="26" width="6" height="26"/><rect x="67" y="26" width="3" height="26"/><rect x="73" y="26" width="5" height="26"/><rect x="81" y="26" width="3" height="26"/><rect x="87" y="26" width="6" height="26"/><rect x="95" y="26" width="3" height="26"/><rect x="58" y="66" width="34" height="34"/></g><rect x="64" y="72" width="22" height="22" fill="#fff"/><rect x="70" y="78" width="10" height="10" fill="#16202B"/></svg>',
    scanqr: '<svg viewBox="0 0 150 150"><rect x="10" y="20" width="84" height="112" rx="8" fill="#fff" stroke="currentColor" stroke-width="6"/><g fill="currentColor"><rect x="24" y="36" width="22" height="22"/><rect x="58" y="36" width="22" height="22"/><rect x="24" y="72" width="22" height="22"/><rect x="58" y="76" width="10" height="10"/><rect x="70" y="88" width="10" height="10"/></g><rect x="84" y="50" width="56" height="94" rx="10" fill="currentColor"/><rect x="91" y="60" width="42" height="70" rx="4" fill="#fff"/><path d="M100 95h24" stroke="currentColor" stroke-width="5"/></svg>',
    phone: '<svg viewBox="0 0 240 400"><rect x="6" y="6" width="228" height="388" rx="30" fill="#16202B"/><rect x="20" y="40" width="200" height="320" rx="8" fill="#fff"/><rect x="36" y="56" width="168" height="30" rx="6" fill="#1E8745"/><g fill="#16202B"><rect x="40" y="104" width="6" height="64"/><rect x="52" y="104" width="12" height="64"/><rect x="70" y="104" width="5" height="64"/><rect x="82" y="104" width="10" height="64"/><rect x="98" y="104" width="5" height="64"/><rect x="110" y="104" width="12" height="64"/><rect x="128" y="104" width="6" height="64"/><rect x="140" y="104" width="10" height="64"/><rect x="156" y="104" width="5" height="64"/><rect x="168" y="104" width="12" height="64"/><rect x="186" y="104" width="8" height="64"/><rect x="70" y="196" width="100" height="100"/></g><rect x="86" y="212" width="68" height="68" fill="#fff"/><rect x="104" y="230" width="32" height="32" fill="#16202B"/><rect x="96" y="18" width="48" height="8" rx="4" fill="#3D4957"/></svg>',
    down: '<svg viewBox="0 0 140 120"><path d="M20 10l50 30 50-30" fill="none" stroke="#0B4F9C" stroke-width="14" stroke-linecap="round" stroke-linejoin="round"/><path d="M20 45l50 30 50-30" fill="none" stroke="#0B4F9C" stroke-width="14" stroke-linecap="round" stroke-linejoin="round"/><path d="M20 80l50 30 50-30" fill="none" stroke="#0B4F9C" stroke-width="14" stroke-linecap="round" stroke-linejoin="round"/></svg>',
    receipt: '<svg viewBox="0 0 200 200"><rect x="50" y="20" width="100" height="120" rx="4" fill="#fff" stroke="#3D4957" stroke-width="6"/><path d="M68 50h64M68 72h64M68 94h40" stroke="#3D4957" stroke-width="6" stroke-linecap="round"/><path class="drop" d="M70 150l30 18 30-18" fill="none" stroke="#0B4F9C" stroke-width="12" stroke-linecap="round" stroke-linejoin="round"/><path class="drop" d="M70 172l30 18 30-18" fill="none" stroke="#0B4F9C" stroke-width="12" stroke-linecap="round" stroke-linejoin="round"/></svg>',
    info200: '<svg viewBox="0 0 200 200"><circle cx="100" cy="100" r="92" fill="#E3EEFA"/><circle cx="100" cy="100" r="72" fill="#1F63B5"/><path d="M91 88h18v58H91Zm0-36h18v18H91Z" fill="#fff"/></svg>',
    tick: '<svg viewBox="0 0 52 52"><circle cx="26" cy="26" r="24" fill="#0B4F9C"/><path d="M14 27l8 8 16-17" fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  };

  // ---------- typed identity (kept across re-renders of the same session, wiped by dropEntry) ----------
  let entry = null;
  // choosingBeneficiary also takes a typed name + ID number for a relative who is not listed
  let typingOther = false;

  function ensureEntry(s, ctx) {
    if (entry) return entry;
    const e = { name: "", id: "", field: "name", refusal: null, view: null, kb: null, pad: null };
    e.kbHost = h("div", { class: "kb-host" });
    e.padHost = h("div", { class: "pad-host" });
    const activity = () => ctx.touch();
    if (typeof window.PinyinKeyboard === "function") {
      e.kb = new window.PinyinKeyboard(e.kbHost, {
        maxLength: 20,
        text: (key, params) => t(s, "pinyin." + key, params),
        onActivity: activity,
        onInput: (name) => { e.name = String(name || ""); updateEntry(e); },
      });
    } else {
      e.kbHost.append(h("p", { class: "sub", text: t(s, "keyboard.unavailable") }));
    }
    e.text = (key, params) => t(s, "keypad." + key, params);
    e.pad = new window.IdKeypad.Keypad(e.padHost, {
      text: e.text,
      onActivity: activity,
      onChange: (value, refusal) => { e.id = value; e.refusal = refusal; updateEntry(e); },
    });
    entry = e;
    return e;
  }

  function nameOk(name) {
    return Array.from(name.trim()).length >= 2;
  }

  function updateEntry(e) {
    const v = e.view;
    if (!v) return;
    v.name.textContent = e.name;
    v.id.textContent = window.IdKeypad.grouped(e.id);
    const c = window.IdKeypad.check(e.id);
    v.hint.textContent = e.refusal || e.text(c.hint, c.params);
    v.hint.className = e.refusal ? "bad" : c.tone;
    if (v.submit) v.submit.disabled = !(c.valid && nameOk(e.name));
    v.nameHint.textContent = c.valid && !nameOk(e.name) ? v.nameNeeded : "";
    const onName = e.field === "name";
    v.nameField.classList.toggle("active", onName);
    v.idField.classList.toggle("active", !onName);
    v.nameField.setAttribute("aria-pressed", String(onName));
    v.idField.setAttribute("aria-pressed", String(!onName));
    v.namePanel.hidden = !onName;
    v.idPanel.hidden = onName;
  }

  function typingIdentity(s, ctx, forOther) {
    const e = ensureEntry(s, ctx);
    const nameEl = h("span", { id: "name" });
    const idEl = h("span", { id: "id-number" });
    const switchTo = (field) => () => { e.field = field; e.refusal = null; updateEntry(e); ctx.touch(); };
    const nameField = h("button", { type: "button", class: "field", "data-field": "name" },
      h("span", { class: "field-label", text: t(s, "field.name") }), h("span", { class: "field-value" }, nameEl, h("span", { class: "caret" })));
    const idField = h("button", { type: "button", class: "field", "data-field": "id" },
      h("span", { class: "field-label", text: t(s, "field.idNumber") }), h("span", { class: "field-value" }, idEl, h("span", { class: "caret" })));
    nameField.addEventListener("click", switchTo("name"));
    idField.addEventListener("click", switchTo("id"));
    const hint = h("p", { id: "id-hint", "aria-live": "polite" });
    const nameHint = h("p", { id: "name-hint", "aria-live": "polite" });
    const toId = h("button", { type: "button", class: "to-id", "data-local": "to-id" }, t(s, "toIdNumber"));
    toId.addEventListener("click", switchTo("id"));
    const namePanel = h("div", { class: "kb-panel" }, e.kbHost, toId);
    const idPanel = h("div", { class: "kb-panel" }, e.padHost);
    const submit = act(s, "submitIdentity", t(s, "submit"), { primary: true });
    let buttons = [backBtn(s), exitBtn(s), submit];
    if (forOther) {
      const toList = h("button", { type: "button", class: "exit", "data-action-local": "relatives" }, t(s, "back"));
      toList.addEventListener("click", () => { dropEntry(); ctx.rerender(); });
      buttons = [toList, exitBtn(s), submit];
    }
    e.view = { name: nameEl, id: idEl, hint, nameHint, submit, nameField, idField, namePanel, idPanel, nameNeeded: t(s, "name.needed") };
    updateEntry(e);
    return {
      title: t(s, forOther ? "title.forOther" : "title"),
      main: [
        forOther && s.payer && s.payer.name ? h("div", { class: "payer-line", text: t(s, "payer.line") + s.payer.name }) : null,
        noticeBox(s),
        h("div", { class: "fields" }, nameField, nameHint, idField, hint),
        h("div", { class: "kbd-area" }, namePanel, idPanel),
      ],
      buttons,
      // its back button goes back to the list of relatives on this page, not to kioskd's previous screen
      skipFallback: forOther ? ["back"] : [],
    };
  }

  function dropEntry() {
    if (!entry) return;
    if (entry.kb && typeof entry.kb.clear === "function") entry.kb.clear();
    if (entry.pad) entry.pad.clear();
    entry.kbHost.replaceChildren();
    entry.padHost.replaceChildren();
    entry.name = entry.id = "";
    entry.view = entry.kb = entry.pad = null;
    entry = null;
    typingOther = false;
  }

  function identity() {
    if (!entry) return null;
    const name = entry.name.trim();
    const idNumber = entry.id;
    if (!nameOk(name) || !window.IdKeypad.check(idNumber).valid) return null;
    return { name, idNumber };
  }

  // ---------- screens ----------
  // Screens that wait for a device, the backend or the payer: kioskd sends what is being done as `busy`.
  const BUSY = ["readingCard", "lookingUpPerson", "lookingUpEnrollment", "loadingHistory", "checkingPrinter", "journalingIntent",
    "submitting", "resolvingSubmission", "reversing", "fetchingReceipt", "awaitingPayer", "printing", "resolvingTerminal", "reversingAtTerminal"];
  const MONEY_MOVING = new Set(["submitting", "resolvingSubmission", "reversing", "awaitingPayer", "atTerminal", "resolvingTerminal", "reversingAtTerminal"]);

  function busy(s) {
    const text = s.busy || t(s, "waiting");
    const extra = [];
    if (s.screen === "readingCard") extra.push(svg(ICON.ssc, "result-icon"));
    if (s.screen === "awaitingPayer" && s.amount && s.amount.text) {
      extra.push(h("p", { class: "sub", text: t(s, "due") }), amountFigure(s.amount.text, "big"));
    }
    if (MONEY_MOVING.has(s.screen)) extra.push(h("p", { class: "sub", text: t(s, "moneyMoving") }));
    else if (s.person && s.person.name && s.screen !== "readingCard") extra.push(h("p", { class: "sub", text: t(s, "person.line") + s.person.name }));
    return {
      title: t(s, "title"),
      main: [noticeBox(s), busyView(s, text, extra)],
      buttons: [backBtn(s), exitBtn(s, t(s, MONEY_MOVING.has(s.screen) ? "cancelPayment" : "exit"))],
    };
  }

  function attract(s) {
    return {
      title: t(s, "title"),
      main: [
        noticeBox(s, null),
        h("div", { class: "welcome" }, h("p", { class: "hero", text: t(s, "hero") }), h("p", { class: "sub", text: t(s, "sub") })),
        h("div", { class: "card way" }, svg(ICON.ssc), h("div", null, h("h2", { text: t(s, "ssc.title") }), h("p", { text: t(s, "ssc.how") }), h("span", { class: "tag", text: t(s, "ssc.tag") }))),
        h("div", { class: "card way" }, svg(ICON.idcard), h("div", null, h("h2", { text: t(s, "idCard.title") }), h("p", { text: t(s, "idCard.how") }), h("span", { class: "tag", text: t(s, "idCard.tag") }))),
        h("div", { class: "card way" }, svg(ICON.essc), h("div", null, h("h2", { text: t(s, "essc.title") }), h("p", { text: t(s, "essc.how") }))),
        h("p", { class: "pay-ways", text: t(s, "payWays") }),
        h("p", { class: "or", text: t(s, "noCard") }),
      ],
      buttons: [act(s, "chooseManualEntry", t(s, "manualEntry"), { primary: true })],
    };
  }

  function selectedTier(en) {
    const tiers = (en && en.tiers) || [];
    return tiers.find((tier) => tier.index === en.selectedTier) || (tiers.length === 1 ? tiers[0] : null);
  }

  function enrollmentFacts(s) {
    const en = s.enrollment || {};
    return personCard(s, [[t(s, "facts.category"), en.category],
      [t(s, "facts.year"), en.year && !String(en.policyTitle || "").includes(String(en.year)) ? en.year + t(s, "year.suffix") : null]]);
  }

  function policyCard(s, en) {
    if (!en) return null;
    const w = en.window;
    let when = null;
    if (w && (w.opens || w.closes)) when = (w.label ? w.label + "：" : "") + [w.opens, w.closes].filter(Boolean).join(t(s, "window.range"));
    else if (w && w.label) when = w.label;
    return h("div", { class: "card stack" },
      en.policyTitle ? h("p", { class: "policy-title", text: en.policyTitle }) : null,
      when ? h("p", { class: "sub", text: when }) : null,
      en.notes && en.notes.length ? h("ul", { class: "notes" }, en.notes.map((n) => h("li", { text: n }))) : null);
  }

  function tierChoice(s, en) {
    const tiers = (en && en.tiers) || [];
    if (tiers.length < 2) return null;
    const canChoose = has(s, "chooseTier");
    const items = tiers.map((tier) => {
      const selected = tier.index === en.selectedTier;
      if (!canChoose) return h("p", { class: "sub", text: `${tier.label} ${yen(tier.due)}${selected ? t(s, "tiers.chosen") : ""}` });
      return h("button", { type: "button", class: "tier", "data-action": "chooseTier", "data-tier": tier.index, "aria-pressed": String(selected) },
        svg(ICON.tick, "tick"), h("span", { class: "tier-label", text: tier.label }), h("span", { class: "tier-price", text: yen(tier.due) }));
    });
    return h("div", { class: "stack" },
      h("p", { class: "section-title", text: t(s, canChoose ? "tiers.choose" : "tiers.title") }),
      h("div", { class: canChoose ? "tiers" : "tier-static" }, items));
  }

  function breakdown(s, en, tier) {
    if (!tier) return null;
    const rows = [];
    for (const c of tier.components || []) {
      rows.push(c.included
        ? h("div", { class: "row" }, h("span", { text: c.label }), h("span", { class: "v", text: yen(c.amount) }))
        : h("div", { class: "row excluded" }, h("span", null, c.label, h("br"), h("span", { class: "note", text: t(s, "breakdown.notYours") })), h("span", { class: "v", text: yen(c.amount) })));
    }
    if (nonZero(tier.relief)) {
      rows.push(h("div", { class: "row" },
        h("span", null, t(s, "breakdown.relief") + (en.relief ? "（" + en.relief.label + "）" : ""), en.relief && en.relief.description ? [h("br"), h("span", { class: "note", text: en.relief.description })] : null),
        h("span", { class: "v", text: "−" + yen(tier.relief) })));
    }
    if (nonZero(tier.surcharge)) rows.push(h("div", { class: "row" }, h("span", { text: t(s, "breakdown.surcharge") }), h("span", { class: "v", text: "+" + yen(tier.surcharge) })));
    rows.push(h("div", { class: "row total" }, h("span", { text: t(s, "breakdown.total") }), h("span", { class: "v", text: yen(tier.due) })));
    return h("div", { class: "card" }, h("p", { class: "section-title", text: t(s, "breakdown.title") + (tier.label ? "（" + tier.label + "）" : "") }), h("div", { class: "rows" }, rows));
  }

  const nonZero = (a) => Boolean(a) && !/^0+(\.0+)?$/.test(a);

  // The history button's label breaks at its slash when it has to wrap.
  function historyBtn(s, primary) {
    return act(s, "history", [h("span", { class: "nowrap", text: t(s, "history.part1") }), h("span", { class: "nowrap", text: t(s, "history.part2") })], { primary });
  }

  function reliefBox(en) {
    const r = en && en.relief;
    if (!r) return null;
    return h("div", { class: "relief-box" }, h("h3", { text: r.label }), r.description ? h("p", { text: r.description }) : null);
  }

  function dueText(s) {
    if (s.amount && s.amount.text) return s.amount.text;
    const tier = selectedTier(s.enrollment);
    return tier ? tier.due : null;
  }

  function showingEnrollment(s) {
    const en = s.enrollment || {};
    const due = dueText(s);
    const tier = selectedTier(en);
    // A tier aid covers in full: kioskd offers registration instead of payment.
    const free = has(s, "confirmRegistration");
    const hero = free
      ? h("div", { class: "card amount-hero" }, h("div", { class: "caption", text: t(s, "free.caption") }), h("p", { class: "result-title ok", text: t(s, "free.title") }),
        h("p", { class: "sub", text: t(s, "free.sub") }))
      : due ? h("div", { class: "card amount-row" },
        h("div", null, h("p", { class: "caption", text: t(s, "due.caption") }),
          s.amount && s.amount.capitals ? h("p", { class: "capitals", text: s.amount.capitals }) : null),
        amountFigure(due, "big")) : null;
    // A relief already priced into the tier is explained on its row; any other relief gets its own box.
    const reliefPriced = tier && nonZero(tier.relief);
    return {
      title: t(s, "title"),
      main: [noticeBox(s), enrollmentFacts(s), hero, tierChoice(s, en), breakdown(s, en, tier), reliefPriced ? null : reliefBox(en), policyCard(s, en)],
      buttons: [act(s, "payForOther", t(s, "payForOther")), historyBtn(s), backBtn(s), exitBtn(s),
        free ? act(s, "confirmRegistration", t(s, "confirmRegistration"), { primary: true })
          : act(s, "confirmPayment", due ? t(s, "confirmPayment") + " " + yen(due) : t(s, "confirmPayment"), { primary: true })],
    };
  }

  function confirmingRegistration(s) {
    const en = s.enrollment || {};
    return {
      title: t(s, "title"),
      main: [noticeBox(s), enrollmentFacts(s),
        h("div", { class: "card amount-hero" }, h("div", { class: "caption", text: t(s, "caption") }), h("p", { class: "result-title ok", text: t(s, "free") }),
          h("p", { class: "sub", text: t(s, "sub") })),
        reliefBox(en), policyCard(s, en)],
      buttons: [act(s, "payForOther", t(s, "payForOther")), historyBtn(s), backBtn(s), exitBtn(s),
        act(s, "confirmRegistration", t(s, "confirm"), { primary: true })],
    };
  }

  function alreadyPaid(s) {
    const en = s.enrollment || {};
    return {
      title: t(s, "title"),
      main: [noticeBox(s), enrollmentFacts(s),
        h("div", { class: "card result" }, svg(ICON.ok, "result-icon"), h("p", { class: "result-title ok", text: t(s, "paid") }),
          h("p", { class: "sub", text: t(s, "sub") })),
        policyCard(s, en)],
      buttons: [act(s, "payForOther", t(s, "payForOther")), backBtn(s), exitBtn(s), act(s, "history", t(s, "history"), { primary: true })],
    };
  }

  function unavailable(s) {
    return {
      title: t(s, "title"),
      main: [personCard(s), resultView(ICON.info200, t(s, "headline"), "", noticeBox(s))],
      buttons: [act(s, "payForOther", t(s, "payForOther")), historyBtn(s), backBtn(s),
        has(s, "done") ? exitBtn(s) : act(s, "cancel", t(s, "exit"), { primary: true }), act(s, "done", t(s, "toHome"), { primary: true })],
    };
  }

  function choosingBeneficiary(s, ctx) {
    const canType = has(s, "submitIdentity");
    if (canType && typingOther) return typingIdentity(s, ctx, true);
    const list = s.relatives || [];
    const can = has(s, "chooseRelative");
    let typeOther = null;
    if (canType) {
      typeOther = h("button", { type: "button", class: "type-other", "data-action-local": "type-other" },
        t(s, list.length ? "typeOther" : "typeOther.first"));
      typeOther.addEventListener("click", () => { typingOther = true; ctx.touch(); ctx.rerender(); });
    }
    return {
      title: t(s, "title"),
      main: [
        s.payer && s.payer.name ? h("div", { class: "payer-line", text: t(s, "payer.line") + s.payer.name }) : null,
        h("p", { class: "lead", text: t(s, list.length ? "choose" : "none") }),
        noticeBox(s),
        can && list.length ? h("div", { class: "choices" }, list.map((r) =>
          h("button", { type: "button", class: "choice", "data-action": "chooseRelative", "data-index": r.index },
            h("span", { class: "who", text: r.name }), r.relation ? h("span", { class: "rel", text: r.relation }) : null,
            h("span", { class: "spacer" }), h("span", { class: "go", text: t(s, "select") })))) : null,
        typeOther,
      ],
      buttons: [exitBtn(s), act(s, "back", t(s, "back"), { class: "exit" })],
    };
  }

  function showingHistory(s) {
    const list = s.history || [];
    const can = has(s, "reprint");
    return {
      title: t(s, "title"),
      main: [
        personCard(s),
        noticeBox(s),
        list.length ? null : h("p", { class: "lead center", text: t(s, "none") }),
        list.map((x) => h("div", { class: "card hist" },
          h("div", null, h("span", { class: "year", text: x.year + t(s, "year.suffix") + " " }), h("span", { class: "amount mid", text: yen(x.amount) })),
          can && x.canReprint ? h("button", { type: "button", class: "reprint", "data-action": "reprint", "data-index": x.index }, t(s, "reprint")) : null,
          h("p", { class: "meta" },
            h("span", { class: "status " + (x.status === "succeeded" ? "ok" : "other"), text: x.statusText || "" }),
            [x.method, x.date].filter(Boolean).map((part) => " · " + part).join(""),
            x.forOther ? h("span", { class: "for-other", text: t(s, "forOther") }) : null))),
      ],
      buttons: [exitBtn(s), act(s, "back", t(s, "back"), { class: "exit" })],
    };
  }

  const METHOD_ICON = { "paycode": ICON.paycode, "qr": ICON.scanqr, "card": ICON.card };

  function choosingMethod(s) {
    const methods = (s.methods || []).filter((m) => METHOD_ICON[m]);
    const can = has(s, "chooseMethod");
    return {
      title: t(s, "title"),
      main: [
        noticeBox(s),
        h("div", { class: "card pay-summary" }, h("span", { class: "caption", text: t(s, "due") }), s.amount ? amountFigure(s.amount.text, "big") : null),
        h("p", { class: "lead", text: t(s, "lead") }),
        (s.unavailableMethods || []).includes("card") ? h("p", { class: "sub method-away", text: t(s, "card.unavailable") }) : null,
        h("div", { class: "methods" }, can ? methods.map((m, i) =>
          h("button", { type: "button", class: "method" + (i === 0 ? " primary" : ""), "data-action": "chooseMethod", "data-method": m },
            h("span", { class: "m-icon" }, svg(METHOD_ICON[m])), h("span", null, h("span", { class: "m-title", text: t(s, m + ".title") }), h("span", { class: "m-sub", text: t(s, m + ".sub") })))) : null),
      ],
      buttons: [backBtn(s), exitBtn(s)],
    };
  }

  function printerUnavailable(s) {
    return {
      title: t(s, "title"),
      main: [personCard(s), resultView(ICON.printer, t(s, "headline"), "", noticeBox(s), amountHero(s, t(s, "due.amount"), "big"))],
      buttons: [backBtn(s), exitBtn(s), act(s, "continueWithoutReceipt", t(s, "continue"), { primary: true })],
    };
  }

  function awaitingPayCode(s) {
    return {
      title: t(s, "title"),
      main: [
        h("div", { class: "card pay-summary" }, h("span", { class: "caption", text: t(s, "due") }), s.amount ? amountFigure(s.amount.text, "big") : null),
        noticeBox(s),
        h("p", { class: "lead center", text: t(s, "lead") }),
        h("div", { class: "paycode-stage" }, svg(ICON.phone, "phone"), svg(ICON.down, "arrows")),
        h("p", { class: "scanner-label", text: t(s, "scanner") }),
        countdownLine(s, t(s, "countdown.before"), t(s, "countdown.after")),
      ],
      buttons: [exitBtn(s, t(s, "cancelPayment"))],
    };
  }

  // The QR arrives as SVG text from kioskd; it is parsed as SVG and only its drawing is kept.
  function qrNode(s, markup) {
    if (!markup) return h("div", { class: "qr-missing", text: t(s, "qr.missing") });
    const doc = new DOMParser().parseFromString(markup, "image/svg+xml");
    const root = doc.documentElement;
    if (!root || root.nodeName.toLowerCase() !== "svg" || doc.getElementsByTagName("parsererror").length) {
      return h("div", { class: "qr-missing", text: t(s, "qr.missing") });
    }
    for (const bad of root.querySelectorAll("script, foreignObject, image, use, a, style")) bad.remove();
    for (const el of [root, ...root.querySelectorAll("*")]) {
      for (const attr of [...el.attributes]) if (/^on|href$/i.test(attr.name)) el.removeAttribute(attr.name);
    }
    if (!root.getAttribute("viewBox")) {
      const w = parseFloat(root.getAttribute("width")), hgt = parseFloat(root.getAttribute("height"));
      if (w > 0 && hgt > 0) root.setAttribute("viewBox", `0 0 ${w} ${hgt}`);
    }
    root.removeAttribute("width");
    root.removeAttribute("height");
    root.setAttribute("role", "img");
    root.setAttribute("aria-label", t(s, "qr.label"));
    return document.importNode(root, true);
  }

  function showingQR(s) {
    return {
      title: t(s, "title"),
      main: [
        h("div", { class: "card pay-summary" }, h("span", { class: "caption", text: t(s, "due") }), s.amount ? amountFigure(s.amount.text, "big") : null),
        noticeBox(s),
        h("p", { class: "lead center", text: t(s, "lead") }),
        h("div", { class: "qr-box" }, qrNode(s, s.qr && s.qr.svg)),
        h("p", { class: "channels", text: (s.qr && s.qr.channelsText) || t(s, "channels") }),
        countdownLine(s, t(s, "countdown.before"), t(s, "countdown.after")),
      ],
      buttons: [exitBtn(s, t(s, "cancelPayment"))],
    };
  }

  // The terminal has the payment: the resident follows the steps at the PIN pad; the kiosk never sees the PIN.
  function atTerminal(s) {
    if (s.busy) return { title: t(s, "title"), main: [busyView(s, s.busy)], buttons: [] };
    return {
      title: t(s, "title"),
      main: [
        h("div", { class: "card pay-summary" }, h("span", { class: "caption", text: t(s, "due") }), s.amount ? amountFigure(s.amount.text, "big") : null),
        h("p", { class: "lead center", text: t(s, "lead") }),
        h("ol", { class: "terminal-steps" }, [1, 2, 3, 4].map((n) => h("li", { text: t(s, "step." + n) }))),
        h("p", { class: "scanner-label", text: t(s, "pinpad") }),
        h("p", { class: "sub center", text: t(s, "privacy") }),
      ],
      buttons: [exitBtn(s, t(s, "cancelPayment"))],
    };
  }

  function paymentFailed(s) {
    return {
      title: t(s, "title"),
      main: [resultView(ICON.fail, t(s, "headline"), "err", noticeBox(s), amountHero(s, t(s, "due.amount"), "big"))],
      buttons: [backBtn(s), exitBtn(s), act(s, "retry", t(s, "retry"), { primary: true })],
    };
  }

  function completionTitle(s, c) {
    if (!c) return t(s, "completion.done");
    if (c.kind === "reprinted") return t(s, "completion.reprinted");
    if (c.kind === "registered") return t(s, "completion.registered");
    return t(s, "completion.paid");
  }

  function takingReceipt(s) {
    const c = s.completion;
    return {
      title: completionTitle(s, c),
      main: [
        resultView(ICON.ok, completionTitle(s, c), "ok",
          h("p", { class: "lead", text: t(s, "take") }),
          c && c.kind === "registered" ? h("p", { class: "sub", text: t(s, "slip") }) : null,
          h("div", { class: "slot" }, svg(ICON.receipt), h("p", { class: "scanner-label", text: t(s, "slot") })),
          countdownLine(s, t(s, "countdown.before"), t(s, "countdown.after"))),
      ],
      buttons: [act(s, "done", t(s, "done"), { primary: true })],
    };
  }

  function finished(s) {
    const c = s.completion || {};
    const kind = c.kind === "registered" ? "registered" : "paid";
    let title = completionTitle(s, c), detail = t(s, "thanks");
    if (c.receipt === "owed") {
      title = t(s, "owed." + kind);
      detail = t(s, "owed.detail");
    } else if (c.receipt === "notPrinted") {
      detail = t(s, "notPrinted." + kind);
    } else if (c.receipt === "printed") {
      detail = t(s, "printed." + (c.kind === "reprinted" ? "reprinted" : kind));
    }
    return {
      title: t(s, "title"),
      main: [noticeBox(s), resultView(ICON.ok, title, "ok", h("p", { class: "sub", text: detail }), amountHero(s, t(s, "amount"), "mid"))],
      buttons: [act(s, "payForOther", t(s, "payForOther")), exitBtn(s), act(s, "done", t(s, "done"), { primary: true })],
      skipFallback: ["chooseManualEntry"], // that is for the next resident, from the home screen
    };
  }

  function stillThere(s) {
    const total = (s.countdown && s.countdown.seconds) || 0;
    const circ = 2 * Math.PI * 150;
    return {
      title: t(s, "title"),
      main: [
        h("div", { class: "result" },
          h("p", { class: "result-title", text: t(s, "question") }),
          h("div", { class: "ring" },
            svg(`<svg viewBox="0 0 340 340"><circle class="track" cx="170" cy="170" r="150"/><circle class="meter" data-countdown-ring="${total}" cx="170" cy="170" r="150" stroke-dasharray="${circ.toFixed(1)}" stroke-dashoffset="0"/></svg>`),
            h("div", { class: "num" }, h("span", { "data-countdown": "", text: String(total) }), h("span", { class: "unit", text: t(s, "seconds") }))),
          h("p", { class: "sub", text: t(s, "sub") })),
      ],
      buttons: [exitBtn(s), act(s, "continue", t(s, "continue"), { primary: true })],
    };
  }

  function failed(s) {
    return {
      title: t(s, "title"),
      main: [resultView(ICON.fail, t(s, "headline"), "err", noticeBox(s))],
      buttons: [exitBtn(s), act(s, "done", t(s, "toHome"), { primary: true })],
    };
  }

  // Shown by the page itself when kioskd cannot be reached, with the texts of the last screen it had.
  function outOfService(s) {
    if (s.local) return { title: t(s, "outOfService.title"), main: [resultView(ICON.pause, t(s, "outOfService.local"), "")], buttons: [] };
    return {
      title: t(s, "title"),
      main: [resultView(ICON.pause, t(s, "headline"), "", h("p", { class: "sub", text: t(s, "sub") }), noticeBox(s, null))],
      buttons: [],
    };
  }

  function maintenance(s) {
    return { title: t(s, "title"), main: [resultView(ICON.tools, t(s, "headline"), "", noticeBox(s, null))], buttons: [] };
  }

  // Before the first screen the page has no texts yet: a spinner alone.
  function connecting(s) {
    return { title: s.texts ? t(s, "title") : "", main: [busyView(s, s.texts ? t(s, "connecting") : "")], buttons: [] };
  }

  function generic(s) {
    return { title: t(s, "title"), main: [noticeBox(s), s.busy ? busyView(s, s.busy) : h("p", { class: "lead", text: s.prompt || "" })], buttons: [] };
  }

  const RENDER = {
    attract, typingIdentity, showingEnrollment, confirmingRegistration, alreadyPaid, unavailable,
    choosingBeneficiary, showingHistory, choosingMethod, printerUnavailable, awaitingPayCode, showingQR, atTerminal,
    paymentFailed, takingReceipt, finished, stillThere, failed, outOfService, stopped: outOfService,
    maintenance, connecting,
  };
  for (const kind of BUSY) RENDER[kind] = busy;

  // Actions the page knows how to offer without screen-specific parameters (labels: `action.<name>`).
  const FALLBACK = new Set(["chooseManualEntry", "confirmPayment", "confirmRegistration", "payForOther", "history",
    "continueWithoutReceipt", "retry", "back", "cancel", "continue", "done"]);
  const PRIMARY_ORDER = ["done", "continue", "retry", "confirmPayment", "confirmRegistration", "history", "back", "cancel"];

  // → { title, main: Node[], bar: Node[] (rows) }
  function render(s, ctx) {
    const view = (RENDER[s.screen] || generic)(s, ctx);
    const main = [].concat(view.main).flat(Infinity).filter(Boolean);
    const buttons = [].concat(view.buttons).filter(Boolean);
    const present = (a) => buttons.some((b) => b.dataset.action === a) || main.some((n) => n.matches && (n.matches(`[data-action="${a}"]`) || n.querySelector(`[data-action="${a}"]`)));
    // "done" and "cancel" both end the session; one of them is enough.
    const same = { done: "cancel", cancel: "done" };
    for (const a of s.actions || []) {
      if (same[a] && present(same[a])) continue;
      if (FALLBACK.has(a) && !present(a) && !(view.skipFallback || []).includes(a)) buttons.unshift(act(s, a, t(s, "action." + a), { class: a === "cancel" || a === "back" ? "exit" : null }));
    }
    // Exactly one .primary whenever the screen offers anything.
    const inMain = main.flatMap((n) => (n.matches && n.matches(".primary") ? [n] : n.querySelectorAll ? [...n.querySelectorAll(".primary")] : []));
    let primaries = [...inMain, ...buttons.filter((b) => b.classList.contains("primary"))];
    if (!primaries.length && buttons.length) {
      const pick = PRIMARY_ORDER.map((a) => buttons.find((b) => b.dataset.action === a)).find(Boolean) || buttons[buttons.length - 1];
      pick.classList.add("primary");
      if (pick.classList.contains("exit")) pick.classList.add("quiet");
      primaries = [pick];
    }
    for (const extra of primaries.slice(1)) extra.classList.remove("primary");
    return { title: view.title, main, bar: layoutBar(buttons) };
  }

  // Secondary actions first, the primary last (bottom right, or full width on its own row).
  function layoutBar(buttons) {
    if (!buttons.length) return [];
    const primary = buttons.find((b) => b.classList.contains("primary"));
    const rest = buttons.filter((b) => b !== primary);
    const short = (b) => b.textContent.length <= (b === primary ? 6 : 4);
    if (primary && rest.length && (rest.length > 2 || !buttons.every(short))) {
      return [h("div", { class: "bar-row" }, rest), h("div", { class: "bar-row" }, primary)];
    }
    return [h("div", { class: "bar-row" }, rest, primary)];
  }

  return { render, dropEntry, identity, text: t };
})();
