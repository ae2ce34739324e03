/*
 * pinyin-keyboard.js — on-screen pinyin keyboard for typing a resident's Chinese name.
 *
 *   const kb = new PinyinKeyboard(containerElement, {
 *     onInput: (name) => {},   // called after every change of the name
 *     onActivity: () => {},    // called on every key press (the page throttles "touch")
 *     maxLength: 20,           // name length in characters
 *     text: (key, params) => "", // its words: the screen's pinyin.<key> texts ({n}: a length)
 *   });
 *   kb.value      // the name typed so far
 *   kb.clear()    // empties name and pinyin (does not call onInput)
 *
 * Needs window.PINYIN_TABLE (pinyin-table.js, loaded before the first key press).
 * Plain script, no modules, no build step; its CSS is injected once as <style id="pinyin-keyboard-style">.
 * DOM: letters [data-pinyin="a".."z"], [data-pinyin="backspace"], [data-pinyin="clear"],
 * [data-pinyin="prev"] / [data-pinyin="next"] (candidate pages), [data-candidate] (text = the character),
 * [data-key="middot"] ("·" for minority names). The name itself is never logged.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 8;
  var MAX_PINYIN = 6; // longest syllables: zhuang, shuang, chuang
  var ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
  var ROW_START = [1, 2, 3]; // first grid column (of 20 half-key columns) of each letter row
  var MIDDOT = "\u00B7";
  var STYLE_ID = "pinyin-keyboard-style";

  var CSS = [
    ".pk-root{box-sizing:border-box;width:100%;background:#ffffff;color:#1a1a1a;padding:12px;border-radius:12px;",
    "font-family:\"Noto Sans CJK SC\",\"Noto Sans CJK\",sans-serif;font-size:32px;",
    "-webkit-user-select:none;user-select:none;touch-action:manipulation;-webkit-tap-highlight-color:transparent}",
    ".pk-root *{box-sizing:border-box}",
    ".pk-root button{font-family:inherit;margin:0;cursor:pointer;touch-action:manipulation;",
    "-webkit-user-select:none;user-select:none;min-width:64px;min-height:64px}",
    ".pk-top{display:flex;align-items:center;gap:12px;min-height:80px}",
    ".pk-comp{flex:1 1 auto;min-width:0;min-height:72px;display:flex;align-items:center;gap:16px;padding:0 12px;",
    "background:#ffffff;border-bottom:3px solid #0b4f9c;overflow:hidden;white-space:nowrap}",
    ".pk-comp-text{font-size:48px;line-height:1.2;color:#0b4f9c;letter-spacing:3px}",
    ".pk-comp-empty{font-size:32px;color:#595959}",
    ".pk-comp-hint{font-size:32px;color:#1a1a1a;background:#fff4cc;padding:2px 10px;border-radius:8px}",
    ".pk-page{flex:0 0 auto;min-width:132px;height:72px;font-size:32px;color:#0b4f9c;background:#ffffff;",
    "border:3px solid #0b4f9c;border-radius:10px;padding:0 8px}",
    ".pk-page:active{background:#d6e4f5}",
    ".pk-page.pk-off{visibility:hidden}",
    ".pk-cands{display:grid;grid-template-columns:repeat(8,minmax(64px,1fr));gap:8px;margin:12px 0;min-height:92px}",
    ".pk-cand{height:92px;font-size:52px;line-height:1;color:#1a1a1a;background:#ffffff;",
    "border:3px solid #0b4f9c;border-radius:10px;padding:0}",
    ".pk-cand:active{background:#d6e4f5}",
    ".pk-msg{grid-column:1 / -1;align-self:center;font-size:32px;color:#1a1a1a;padding:0 12px}",
    ".pk-keys{display:grid;grid-template-columns:repeat(20,minmax(28px,1fr));grid-auto-rows:84px;gap:10px 8px}",
    ".pk-key{font-size:42px;line-height:1;color:#1a1a1a;background:#f2f2f2;border:2px solid #8c8c8c;",
    "border-radius:10px;padding:0}",
    ".pk-key:active{background:#c9d9ee}",
    ".pk-fn{font-size:34px;background:#e3e3e3}",
    ".pk-middot{font-size:56px}",
    ".pk-note{grid-column:5 / span 12;align-self:center;font-size:32px;color:#1a1a1a;padding-left:8px}",
  ].join("\n");

  // ---- candidate lookup -------------------------------------------------

  var sortedKeys = null;
  var sortedKeysOf = null;

  function table() {
    return window.PINYIN_TABLE || {};
  }

  function allKeys() {
    var t = table();
    if (sortedKeysOf !== t) {
      sortedKeys = Object.keys(t).sort();
      sortedKeysOf = t;
    }
    return sortedKeys;
  }

  // Spellings to look up for what was typed: the table writes ü as v ("lv", "nve");
  // residents often type "lu"/"nu"/"lue" for it, and some IMEs accept "jv"/"qv"/"xv"/"yv".
  function variants(q) {
    var out = [q];
    function add(s) {
      if (out.indexOf(s) < 0) out.push(s);
    }
    if (/^[ln]u/.test(q)) add(q.replace(/^([ln])u/, "$1v"));
    if (/^[ln]v/.test(q)) add(q.replace(/^([ln])v/, "$1u"));
    if (/^[jqxy]v/.test(q)) add(q.replace(/^([jqxy])v/, "$1u"));
    return out;
  }

  // Exact syllable matches first (the typed spelling, then its ü spelling), then syllables
  // that start with the typed letters, taking their characters in turns (best of each
  // syllable first, syllables alphabetically). No character twice.
  function candidatesFor(q) {
    var result = [];
    if (!q) return result;
    var t = table();
    var seen = Object.create(null);
    function push(ch) {
      if (!seen[ch]) {
        seen[ch] = true;
        result.push(ch);
      }
    }
    var vs = variants(q);
    var exact = Object.create(null);
    vs.forEach(function (v) {
      if (Object.prototype.hasOwnProperty.call(t, v)) {
        exact[v] = true;
        Array.from(t[v]).forEach(push);
      }
    });
    var lists = [];
    allKeys().forEach(function (k) {
      if (exact[k]) return;
      for (var i = 0; i < vs.length; i++) {
        if (k.length > vs[i].length && k.lastIndexOf(vs[i], 0) === 0) {
          lists.push(Array.from(t[k]));
          return;
        }
      }
    });
    for (var r = 0, more = true; more; r++) {
      more = false;
      for (var j = 0; j < lists.length; j++) {
        if (r < lists[j].length) {
          more = true;
          push(lists[j][r]);
        }
      }
    }
    return result;
  }

  // ---- component ---------------------------------------------------------

  function injectStyle(doc) {
    if (doc.getElementById(STYLE_ID)) return;
    var style = doc.createElement("style");
    style.id = STYLE_ID;
    style.textContent = CSS;
    (doc.head || doc.documentElement).appendChild(style);
  }

  function el(doc, tag, className, text) {
    var e = doc.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  function button(doc, className, text, attr, value, label) {
    var b = el(doc, "button", className, text);
    b.type = "button";
    b.setAttribute(attr, value);
    if (label) b.setAttribute("aria-label", label);
    return b;
  }

  function PinyinKeyboard(container, options) {
    if (!(this instanceof PinyinKeyboard)) return new PinyinKeyboard(container, options);
    options = options || {};
    this.container = container;
    this.onInput = typeof options.onInput === "function" ? options.onInput : function () {};
    this.onActivity = typeof options.onActivity === "function" ? options.onActivity : function () {};
    this.maxLength = options.maxLength > 0 ? options.maxLength : 20;
    // text(key, params): the screen's `pinyin.<key>` text; the keyboard holds no words of its own.
    this.text = typeof options.text === "function" ? options.text : function (key) { return key; };
    this._chars = []; // the name, one entry per character
    this._pinyin = "";
    this._cands = [];
    this._page = 0;
    this._build();
    this._render();
  }

  PinyinKeyboard.candidatesFor = candidatesFor;
  PinyinKeyboard.PAGE_SIZE = PAGE_SIZE;

  Object.defineProperty(PinyinKeyboard.prototype, "value", {
    get: function () {
      return this._chars.join("");
    },
  });

  Object.defineProperty(PinyinKeyboard.prototype, "pinyin", {
    get: function () {
      return this._pinyin;
    },
  });

  PinyinKeyboard.prototype.clear = function () {
    this._chars = [];
    this._setPinyin("");
  };

  PinyinKeyboard.prototype.destroy = function () {
    if (this.root) {
      this.root.removeEventListener("click", this._onClick);
      if (this.root.parentNode) this.root.parentNode.removeChild(this.root);
    }
    this.root = null;
    this._chars = [];
    this._pinyin = "";
  };

  PinyinKeyboard.prototype._build = function () {
    var doc = this.container.ownerDocument || document;
    injectStyle(doc);
    var root = el(doc, "div", "pk-root");
    root.setAttribute("role", "group");
    root.setAttribute("aria-label", this.text("keyboard"));
    root.setAttribute("lang", "zh-CN");

    var top = el(doc, "div", "pk-top");
    this.compEl = el(doc, "div", "pk-comp");
    this.compEl.setAttribute("aria-live", "polite");
    this.prevBtn = button(doc, "pk-page", this.text("previous"), "data-pinyin", "prev");
    this.nextBtn = button(doc, "pk-page", this.text("next"), "data-pinyin", "next");
    top.appendChild(this.compEl);
    top.appendChild(this.prevBtn);
    top.appendChild(this.nextBtn);

    this.candEl = el(doc, "div", "pk-cands");

    var keys = el(doc, "div", "pk-keys");
    ROWS.forEach(function (row, r) {
      Array.from(row).forEach(function (letter, i) {
        var b = button(doc, "pk-key", letter, "data-pinyin", letter);
        b.style.gridRow = String(r + 1);
        b.style.gridColumn = ROW_START[r] + 2 * i + " / span 2";
        keys.appendChild(b);
      });
    });
    var back = button(doc, "pk-key pk-fn", this.text("delete"), "data-pinyin", "backspace", this.text("delete"));
    back.style.gridRow = "3";
    back.style.gridColumn = "17 / span 4";
    keys.appendChild(back);
    var dot = button(doc, "pk-key pk-middot", MIDDOT, "data-key", "middot", this.text("middot"));
    dot.style.gridRow = "4";
    dot.style.gridColumn = "1 / span 4";
    keys.appendChild(dot);
    var note = el(doc, "div", "pk-note", this.text("middotNote"));
    note.style.gridRow = "4";
    keys.appendChild(note);
    var clr = button(doc, "pk-key pk-fn", this.text("clear"), "data-pinyin", "clear", this.text("clear"));
    clr.style.gridRow = "4";
    clr.style.gridColumn = "17 / span 4";
    keys.appendChild(clr);

    root.appendChild(top);
    root.appendChild(this.candEl);
    root.appendChild(keys);

    this._onClick = this._handleClick.bind(this);
    root.addEventListener("click", this._onClick);
    root.addEventListener("contextmenu", function (e) {
      e.preventDefault();
    });
    this.container.appendChild(root);
    this.root = root;
  };

  PinyinKeyboard.prototype._handleClick = function (event) {
    var b = event.target && event.target.closest ? event.target.closest("button") : null;
    if (!b || !this.root || !this.root.contains(b) || b.disabled) return;
    event.preventDefault();
    try {
      this.onActivity();
    } catch (e) {
      /* the page's handler must not break typing */
    }
    var cand = b.getAttribute("data-candidate");
    if (cand != null) return this._choose(cand);
    if (b.getAttribute("data-key") === "middot") return this._middot();
    var p = b.getAttribute("data-pinyin");
    if (p == null) return;
    if (/^[a-z]$/.test(p)) {
      if (this._pinyin.length < MAX_PINYIN) this._setPinyin(this._pinyin + p);
    } else if (p === "backspace") {
      if (this._pinyin) this._setPinyin(this._pinyin.slice(0, -1));
      else if (this._chars.length) {
        this._chars.pop();
        this._render();
        this._changed();
      }
    } else if (p === "clear") {
      var had = this._chars.length > 0;
      this._chars = [];
      this._setPinyin("");
      if (had) this._changed();
    } else if (p === "prev") {
      if (this._page > 0) {
        this._page--;
        this._render();
      }
    } else if (p === "next") {
      if ((this._page + 1) * PAGE_SIZE < this._cands.length) {
        this._page++;
        this._render();
      }
    }
  };

  PinyinKeyboard.prototype._full = function () {
    return this._chars.length >= this.maxLength;
  };

  PinyinKeyboard.prototype._choose = function (ch) {
    if (this._full()) return this._render();
    this._chars.push(ch);
    this._setPinyin("");
    this._changed();
  };

  PinyinKeyboard.prototype._middot = function () {
    var n = this._chars.length;
    if (n === 0 || this._chars[n - 1] === MIDDOT || this._full()) return;
    this._chars.push(MIDDOT);
    this._render();
    this._changed();
  };

  PinyinKeyboard.prototype._setPinyin = function (p) {
    this._pinyin = p;
    this._cands = candidatesFor(p);
    this._page = 0;
    this._render();
  };

  PinyinKeyboard.prototype._changed = function () {
    try {
      this.onInput(this.value);
    } catch (e) {
      /* the page's handler must not break typing */
    }
  };

  PinyinKeyboard.prototype._render = function () {
    if (!this.root) return;
    var doc = this.root.ownerDocument;
    var comp = this.compEl;
    comp.textContent = "";
    if (this._pinyin) {
      comp.appendChild(el(doc, "span", "pk-comp-text", this._pinyin));
      if (/^[ln]ue?$/.test(this._pinyin)) comp.appendChild(el(doc, "span", "pk-comp-hint", this.text("uWithDiaeresis")));
    } else if (this._full()) {
      comp.appendChild(el(doc, "span", "pk-comp-empty", this.text("full", { n: this.maxLength })));
    } else {
      comp.appendChild(el(doc, "span", "pk-comp-empty", this.text("start")));
    }

    var list = this.candEl;
    list.textContent = "";
    var pages = Math.ceil(this._cands.length / PAGE_SIZE);
    if (this._pinyin && this._full()) {
      list.appendChild(el(doc, "div", "pk-msg", this.text("nameFull", { n: this.maxLength })));
    } else if (this._pinyin && !this._cands.length) {
      list.appendChild(el(doc, "div", "pk-msg", this.text("unknown")));
    } else {
      var start = this._page * PAGE_SIZE;
      this._cands.slice(start, start + PAGE_SIZE).forEach(function (ch) {
        list.appendChild(button(doc, "pk-cand", ch, "data-candidate", ch));
      });
    }
    var showPages = pages > 1 && !this._full();
    this._pageButton(this.prevBtn, showPages && this._page > 0);
    this._pageButton(this.nextBtn, showPages && this._page < pages - 1);
  };

  PinyinKeyboard.prototype._pageButton = function (b, on) {
    b.disabled = !on;
    b.classList.toggle("pk-off", !on);
    if (on) b.removeAttribute("aria-hidden");
    else b.setAttribute("aria-hidden", "true");
    b.tabIndex = on ? 0 : -1;
  };

  window.PinyinKeyboard = PinyinKeyboard;
})();
