"use strict";
// The 18-character ID number keypad (0–9, X, backspace, clear) and GB 11643 checks as the resident types.
// Its words are the screen's (`keypad.*` texts): hints are returned as keys, labels asked of `text`.
window.IdKeypad = (() => {
  const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const CHECKS = "10X98765432";
  const LENGTH = 18;
  const BACKSPACE_SVG = '<svg viewBox="0 0 64 48" aria-hidden="true"><path d="M22 4h36a4 4 0 0 1 4 4v32a4 4 0 0 1-4 4H22L2 24Z" fill="none" stroke="currentColor" stroke-width="5" stroke-linejoin="round"/><path d="M32 15l18 18M50 15 32 33" stroke="currentColor" stroke-width="5" stroke-linecap="round"/></svg>';

  function checkCharacter(first17) {
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
    return CHECKS[sum % 11];
  }

  // Mirrors kioskd's IDNumber: year ≥ 1900, month 01–12, a real day of that month.
  function dateProblem(v) {
    if (v.length >= 10 && Number(v.slice(6, 10)) < 1900) return "birthYear";
    if (v.length >= 12) {
      const m = Number(v.slice(10, 12));
      if (m < 1 || m > 12) return "birthMonth";
    }
    if (v.length >= 14) {
      const y = Number(v.slice(6, 10)), m = Number(v.slice(10, 12)), d = Number(v.slice(12, 14));
      const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
      if (d < 1 || d > days) return "birthDay";
    }
    return null;
  }

  // → { valid, tone: "info"|"ok"|"bad", hint: the key of its text, params: what the text's {n} holds }
  function check(v) {
    if (!v) return { valid: false, tone: "info", hint: "empty" };
    if (!/^\d{0,17}[\dX]?$/.test(v) || (v.length < LENGTH && v.includes("X"))) {
      return { valid: false, tone: "bad", hint: "xMisplaced" };
    }
    const date = dateProblem(v);
    if (date) return { valid: false, tone: "bad", hint: date };
    if (v.length < LENGTH) return { valid: false, tone: "info", hint: "remaining", params: { n: LENGTH - v.length } };
    if (checkCharacter(v) !== v[17]) return { valid: false, tone: "bad", hint: "checkDigit" };
    return { valid: true, tone: "ok", hint: "valid" };
  }

  // 6-8-4: region, birth date, sequence + check character
  function grouped(v) {
    return [v.slice(0, 6), v.slice(6, 14), v.slice(14, 18)].filter(Boolean).join(" ");
  }

  class Keypad {
    // onChange(value, refusal): refusal is the text for a key that was not accepted, else null.
    // text(key): the screen's `keypad.<key>` text.
    constructor(host, { text, onChange, onActivity } = {}) {
      this.value = "";
      this.text = text;
      this.onChange = onChange || (() => {});
      this.onActivity = onActivity || (() => {});
      const pad = document.createElement("div");
      pad.className = "idpad";
      const keys = ["1", "2", "3", "backspace", "4", "5", "6", "7", "8", "9", "clear", "X", "0"];
      for (const key of keys) {
        const b = document.createElement("button");
        b.type = "button";
        b.dataset.key = key;
        if (key === "backspace") {
          b.innerHTML = BACKSPACE_SVG;
          b.append(text("backspace"));
          b.setAttribute("aria-label", text("backspace"));
        } else if (key === "clear") {
          b.textContent = text("clear");
        } else {
          b.textContent = key;
        }
        pad.append(b);
      }
      pad.addEventListener("click", (ev) => {
        const b = ev.target.closest("[data-key]");
        if (b) this.press(b.dataset.key);
      });
      host.append(pad);
    }

    press(key) {
      this.onActivity();
      let refusal = null;
      const v = this.value;
      if (key === "backspace") this.value = v.slice(0, -1);
      else if (key === "clear") this.value = "";
      else if (v.length >= LENGTH) refusal = this.text("full");
      else if (key === "X" && v.length !== LENGTH - 1) refusal = this.text("xOnlyLast");
      else if (/^[0-9X]$/.test(key)) this.value = v + key;
      this.onChange(this.value, refusal);
    }

    clear() {
      this.value = "";
    }
  }

  return { Keypad, check, grouped, checkCharacter };
})();
