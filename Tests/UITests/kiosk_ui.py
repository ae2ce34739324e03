"""Shared helpers for the end-to-end tests of kioskd's resident touch UI (see journeys.py).

- `launch()` starts the system Chromium through Playwright (never `playwright install`) as the kiosk
  runs it: portrait 1080x1920, touch, zh-CN.
- `DemoAPI` drives kioskd --demo's simulated devices and sandbox backend (/demo/api/...).
- `Kiosk` is the page object: it waits for screens (`body[data-screen=...]`), taps actions, types on
  the ID keypad and the pinyin keyboard, saves a screenshot of every screen it waits for, and audits
  accessibility on every screen the page renders (AUDIT_JS, installed before the page's own scripts).

The contract these tests hold the page and kioskd to is /tmp/ui/CONTRACT.md (SCREEN JSON, DOM
conventions, accessibility rules, demo API). Python standard library + Playwright only.
"""
import json
import os
import re
import time
import tomllib
import urllib.error
import urllib.request

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RESIDENTS_FILE = os.path.join(REPO, "Sources/SandboxBackend/Data/residents.toml")
CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1080, "height": 1920}

# Screens that end a resident's attempt: waiting for another screen stops early when one shows up.
DEAD_ENDS = ("failed", "paymentFailed", "outOfService", "maintenance", "stopped")

# The pinyin of every character in the demo residents' names (residents.toml).
PINYIN = {
    "张": "zhang", "建": "jian", "国": "guo", "小": "xiao", "雨": "yu", "王": "wang", "秀": "xiu",
    "英": "ying", "刘": "liu", "洋": "yang", "陈": "chen", "德": "de", "明": "ming", "黄": "huang",
    "桂": "gui", "芳": "fang", "周": "zhou", "海": "hai", "燕": "yan", "马": "ma", "玉": "yu", "兰": "lan",
}


class JourneyFailure(Exception):
    """A journey step did not go as the contract says; the message says which and what was shown."""


# ---------------------------------------------------------------------------------------------
# Personal data forms (the same rules as KioskCore's PersonalDataMasking and GB 11643)

def mask_name(name):
    """"张*国", "刘*", "欧**娜": first and last character kept."""
    if len(name) <= 1:
        return "*" * len(name)
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_id(number):
    """"3206**********0210": the first four and last four characters."""
    return number[:4] + "*" * 10 + number[-4:]


def id_check_character(first17):
    """The GB 11643 check character of the first 17 digits of an ID number."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


# ---------------------------------------------------------------------------------------------
# Demo API

class Resident:
    """A demo resident: the index the demo API knows it by, joined with its residents.toml entry."""

    def __init__(self, index, label, has_ssc, has_essc, data):
        self.index = index
        self.label = label
        self.has_ssc = has_ssc
        self.has_essc = has_essc
        self.data = data
        self.name = data["name"]
        self.id_number = data["id_number"]
        self.masked_name = mask_name(self.name)
        self.masked_id = mask_id(self.id_number)

    def __repr__(self):
        return f"Resident({self.index}, {self.masked_name})"


def residents_file_entries():
    with open(RESIDENTS_FILE, "rb") as file:
        return tomllib.load(file)["resident"]


class DemoAPI:
    """kioskd --demo's control API: JSON over HTTP on the UI's address."""

    def __init__(self, base_url, timeout=10):
        self.base = base_url.rstrip("/")
        self.timeout = timeout

    def request(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"} if data else {})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            text = error.read().decode(errors="replace")
            raise JourneyFailure(f"demo API {method} {path} {json.dumps(body, ensure_ascii=False) if body else ''}"
                                 f" answered HTTP {error.code}: {text}") from None
        except (urllib.error.URLError, OSError) as error:
            raise JourneyFailure(f"demo API {method} {path}: {error}") from None

    def get(self, path):
        return self.request("GET", path)

    def get_bytes(self, path):
        """A GET whose answer is not JSON (the printed receipt's PNG): its bytes and Content-Type."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=self.timeout) as response:
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            text = error.read().decode(errors="replace")
            raise JourneyFailure(f"demo API GET {path} answered HTTP {error.code}: {text}") from None
        except (urllib.error.URLError, OSError) as error:
            raise JourneyFailure(f"demo API GET {path}: {error}") from None

    def post(self, path, body):
        return self.request("POST", path, body)

    def residents(self):
        """The demo residents, in the API's order, joined with residents.toml (same order) and checked."""
        listed = self.get("/demo/api/residents").get("residents", [])
        entries = residents_file_entries()
        if len(listed) != len(entries):
            raise JourneyFailure(f"/demo/api/residents lists {len(listed)} residents, {RESIDENTS_FILE} has {len(entries)}")
        residents = []
        for position, (item, entry) in enumerate(zip(listed, entries)):
            index = item.get("index", position)
            label = item.get("label", "")
            if not label.startswith(mask_name(entry["name"])):
                raise JourneyFailure(f"/demo/api/residents #{index} is labelled {label!r}, but residents.toml's "
                                     f"#{position} is {mask_name(entry['name'])}: the orders differ")
            residents.append(Resident(index, label, bool(item.get("hasSSC")), bool(item.get("hasESSC")), entry))
        return residents

    def insert_card(self, kind, resident):
        return self.post("/demo/api/card", {"kind": kind, "resident": resident.index})

    def remove_card(self, kind):
        return self.post("/demo/api/card/remove", {"kind": kind})

    def scan_paycode(self, channel="wechat", outcome="succeed"):
        return self.post("/demo/api/scan/paycode", {"channel": channel, "outcome": outcome})

    def scan_essc(self, resident):
        return self.post("/demo/api/scan/essc", {"resident": resident.index})

    def scan_text(self, text):
        """Any code held to the scanner (e.g. an e-SSC code the sandbox does not know)."""
        return self.post("/demo/api/scan/text", {"text": text})

    def qr_paid(self, channel="wechat"):
        return self.post("/demo/api/qr-paid", {"channel": channel})

    def printer(self, paper):
        return self.post("/demo/api/printer", {"paper": paper})

    def backend(self, up):
        return self.post("/demo/api/backend", {"up": up})

    def state(self):
        return self.get("/demo/api/state")

    def printed_count(self):
        """How many documents the simulated printer has printed since kioskd started."""
        return self.state().get("printed", 0)

    def receipt_image(self):
        """The last document the simulated printer printed, as PNG bytes (404 before the first)."""
        return self.get_bytes("/demo/api/receipt.png")

    # The virtual PIN pad (kioskd --demo without [terminal] in kiosk.conf). A step the pad cannot
    # take now (no payment waiting for a card, no card to type a PIN for…) answers 409.

    def terminal(self, action, **fields):
        return self.post("/demo/api/terminal", {"action": action, **fields})

    def present_bank_card(self, card="unionPayDebit", entry="insert"):
        """The resident inserts (or taps) a demo bank card: unionPayDebit, socialSecurityCard (its
        financial account), insufficientFunds, expired, blocked."""
        return self.terminal("present", card=card, entry=entry)

    def enter_pin(self, correct=True):
        """The resident types the card's PIN (or a wrong one) on the pad and presses OK."""
        return self.terminal("pin", pin="correct" if correct else "wrong")

    def cancel_at_pinpad(self):
        """The resident presses cancel on the PIN pad itself."""
        return self.terminal("cancel")

    def remove_bank_card(self):
        """The resident takes the inserted bank card out of the pad."""
        return self.terminal("remove")

    def terminal_network(self, online):
        """Plugs the PIN pad into the network or unplugs it (kioskd's terminal watch checks at once)."""
        return self.terminal("online" if online else "offline")

    def terminal_display(self):
        """What the PIN pad's own display says ("请插卡或挥卡 ¥…", "请输入密码（还可输入 3 次）",
        "交易成功", "交易失败：…", "请取卡", "待机"), or "已断开" while it is unplugged."""
        return self.state().get("terminal")


def find_resident(residents, name):
    for resident in residents:
        if resident.name == name:
            return resident
    raise JourneyFailure(f"no demo resident named {name} (residents: {[r.masked_name for r in residents]})")


# ---------------------------------------------------------------------------------------------
# Browser

def launch(playwright):
    """The system Chromium as the kiosk runs it. Returns (browser, context)."""
    if not os.access(CHROMIUM, os.X_OK):
        raise JourneyFailure(f"{CHROMIUM} is missing: run `make test` (it installs chromium and the ui-venv with playwright)")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--lang=zh-CN"])
    context = browser.new_context(viewport=VIEWPORT, screen=VIEWPORT, device_scale_factor=1, has_touch=True,
                                  is_mobile=False, locale="zh-CN")
    return browser, context


# The accessibility audit, run inside the page from computed styles. Installed as an init script: it
# audits every screen the page announces with `kiosk:rendered` once its finite animations have ended
# (a screen replaced before that is recorded as skipped), keyed by seq in window.__kioskAudit.
AUDIT_JS = r"""
(() => {
  if (window.__kioskAudit) return;
  const MIN_FONT_PX = 32, MIN_TARGET_PX = 64, MIN_CONTRAST = 4.5;
  const TARGETS = 'button, [data-action], [data-key], [data-pinyin], [data-candidate]';
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE']);
  let context2d = null;
  const colours = new Map();

  // Any CSS colour as straight sRGB [r, g, b, a] (modern colour spaces through a 1x1 canvas).
  function rgba(css) {
    if (colours.has(css)) return colours.get(css);
    let value;
    const match = /^rgba?\(([^)]*)\)$/.exec(css.trim());
    if (match) {
      const parts = match[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat);
      value = [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
    } else {
      if (!context2d) {
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 1;
        context2d = canvas.getContext('2d', {willReadFrequently: true});
      }
      context2d.clearRect(0, 0, 1, 1);
      context2d.fillStyle = 'rgba(0, 0, 0, 0)';
      context2d.fillStyle = css;
      context2d.fillRect(0, 0, 1, 1);
      const d = context2d.getImageData(0, 0, 1, 1).data;
      value = [d[0], d[1], d[2], d[3] / 255];
    }
    colours.set(css, value);
    return value;
  }
  const premultiplied = (c) => [c[0] * c[3], c[1] * c[3], c[2] * c[3], c[3]];
  const over = (top, bottom) => { const k = 1 - top[3]; return top.map((v, i) => v + bottom[i] * k); };

  // Elements whose opacity is being animated by a finite animation (a screen's fade-in): audited
  // before it ends, they count as faded in.
  let fading = new Set();

  // What the resident sees at a pixel of a box (styles: the box's, then its ancestors'): each box
  // paints its background colour under its content, and its opacity fades the whole box; the page's
  // default background is white. With `foreground`, a text pixel; without, the background.
  function seen(styles, foreground) {
    let layer = foreground ? premultiplied(foreground) : [0, 0, 0, 0];
    for (const style of styles) {
      layer = over(layer, premultiplied(rgba(style.backgroundColor)));
      const opacity = style.fading ? 1 : parseFloat(style.opacity);
      if (opacity < 1) layer = layer.map((v) => v * opacity);
    }
    return over(layer, [255, 255, 255, 1]);
  }
  function luminance(c) {
    const channel = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  }
  function contrast(a, b) {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  }
  function chainStyles(element) {
    const styles = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      styles.push(fading.has(node) ? {backgroundColor: style.backgroundColor, opacity: style.opacity, backgroundImage: style.backgroundImage, fading: true} : style);
    }
    return styles;
  }
  function finiteAnimations() {
    return document.getAnimations().filter((a) => {
      const timing = a.effect && a.effect.getComputedTiming();
      return a.playState === 'running' && timing && Number.isFinite(timing.endTime);
    });
  }
  // A background image (gradient, picture) under the text until the first opaque colour: the check
  // uses colours only, so say so when it fails.
  function imageNote(styles) {
    for (const style of styles) {
      if (style.backgroundImage && style.backgroundImage !== 'none') return ' (a background-image is ignored: give it an opaque background-color)';
      if (rgba(style.backgroundColor)[3] >= 1) break;
    }
    return '';
  }

  function visible(element) {
    if (!element.checkVisibility({opacityProperty: true, visibilityProperty: true, checkOpacity: true, checkVisibilityCSS: true})) return false;
    const r = element.getBoundingClientRect();
    // 1px "visually hidden" boxes and boxes moved off the page are not seen.
    if (r.width < 2 || r.height < 2 || r.right <= 0 || r.bottom <= 0) return false;
    return true;
  }

  function describe(element, text) {
    let s = '<' + element.tagName.toLowerCase();
    if (element.id) s += '#' + element.id;
    if (element.classList && element.classList.length) s += '.' + [...element.classList].join('.');
    for (const attribute of element.attributes) {
      if (!attribute.name.startsWith('data-')) continue;
      const value = attribute.value.length > 24 ? attribute.value.slice(0, 24) + '…' : attribute.value;
      s += ` ${attribute.name}="${value}"`;
    }
    if (element.disabled) s += ' disabled';
    s += '>';
    const shown = (text ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (shown) s += ' "' + (shown.length > 30 ? shown.slice(0, 30) + '…' : shown) + '"';
    return s;
  }

  function checkText(failures, element, text, style, styles) {
    const size = parseFloat(style.fontSize);
    if (!(size >= MIN_FONT_PX - 0.01)) failures.push(`${describe(element, text)}: font-size ${style.fontSize} < ${MIN_FONT_PX}px`);
    const foreground = rgba(style.color);
    const ratio = contrast(seen(styles, foreground), seen(styles, null));
    if (!(ratio >= MIN_CONTRAST - 0.005)) {
      failures.push(`${describe(element, text)}: contrast ${ratio.toFixed(2)}:1 < ${MIN_CONTRAST}:1 (color ${style.color} on ${seen(styles, null).slice(0, 3).map(Math.round).join(',')})${imageNote(styles)}`);
    }
  }

  function audit() {
    const failures = [];
    if (!document.body) return ['no <body>'];
    fading = new Set(finiteAnimations().map((a) => a.effect.target).filter(Boolean));
    // Visible text: every element holding text directly, input values, and ::before/::after content.
    const holders = new Map();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || SKIP.has(parent.tagName) || parent.closest('svg') || !node.data.trim()) continue;
      holders.set(parent, (holders.get(parent) || '') + node.data);
    }
    for (const [element, text] of holders) {
      if (!visible(element)) continue;
      const styles = chainStyles(element);
      checkText(failures, element, text, styles[0], styles);
    }
    for (const input of document.body.querySelectorAll('input, textarea, select')) {
      if (input.type === 'hidden' || !visible(input)) continue;
      const styles = chainStyles(input);
      checkText(failures, input, input.value || input.placeholder || '', styles[0], styles);
    }
    for (const element of document.body.querySelectorAll('*')) {
      if (SKIP.has(element.tagName) || element.closest('svg')) continue;
      for (const pseudo of ['::before', '::after']) {
        const style = getComputedStyle(element, pseudo);
        const content = style.content;
        if (!content || content === 'none' || content === 'normal') continue;
        const text = (content.match(/"((?:[^"\\]|\\.)*)"/g) || []).map((s) => s.slice(1, -1)).join('');
        if (!text.trim() || style.display === 'none' || !visible(element)) continue;
        checkText(failures, element, pseudo + ' ' + text, style, [style, ...chainStyles(element)]);
      }
    }
    // Touch targets.
    for (const target of document.body.querySelectorAll(TARGETS)) {
      if (!visible(target)) continue;
      const r = target.getBoundingClientRect();
      if (r.width < MIN_TARGET_PX - 0.01 || r.height < MIN_TARGET_PX - 0.01) {
        failures.push(`${describe(target)}: ${r.width.toFixed(1)}×${r.height.toFixed(1)} px < ${MIN_TARGET_PX}×${MIN_TARGET_PX} px`);
      }
    }
    // Exactly one primary button when the screen offers actions.
    const actions = [...document.body.querySelectorAll('[data-action]')].filter(visible);
    if (actions.length > 0) {
      const primaries = [...new Set(document.body.querySelectorAll('button.primary, [data-action].primary'))].filter(visible);
      if (primaries.length !== 1) {
        failures.push(`${primaries.length} visible .primary buttons (want exactly 1) among ${actions.length} action buttons: ` +
                      (primaries.length ? primaries : actions).map((e) => describe(e)).join(', '));
      }
    }
    // Spoken prompts can be switched on from every screen.
    const voice = [...document.querySelectorAll('[data-action-local="voice"]')].filter(visible);
    if (voice.length === 0) failures.push('no visible 语音播报 toggle ([data-action-local="voice"])');
    return failures;
  }

  // Lets finite CSS animations and transitions end (at most 1.5 s) so colours and opacity are final.
  function settled() {
    const ended = Promise.all(finiteAnimations().map((a) => a.finished.catch(() => null)));
    const cap = new Promise((resolve) => setTimeout(resolve, 1500));
    return Promise.race([ended, cap]).then(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
  }

  // Every screen is audited as it is announced (a busy screen may last a few milliseconds), and again
  // once its animations have ended if it is still shown then (`settled`). A screen already replaced
  // when its kiosk:rendered arrives was never painted: `skipped`.
  const state = {entries: [], audited: {}, run: audit, settled};
  window.__kioskAudit = state;
  const shownSeq = () => (document.body && document.body.dataset.seq !== undefined ? document.body.dataset.seq : 'null');
  window.addEventListener('kiosk:rendered', (event) => {
    const detail = event.detail || {};
    const seq = String(detail.seq);
    const entry = {seq, screen: String(detail.screen), skipped: shownSeq() !== seq, settled: false, failures: []};
    if (!entry.skipped) entry.failures = audit();
    state.entries.push(entry);
    state.audited[seq] = entry;
    if (entry.skipped) return;
    settled().then(() => {
      if (shownSeq() !== seq) return;
      entry.failures = audit();
      entry.settled = true;
    });
  });
})();
"""

# The personal data the page keeps anywhere a later resident could reach: the DOM, input values,
# storage and the page's own state object (Maps and Sets serialised too, cycles cut).
PERSISTED_JS = r"""
() => {
  const seen = new WeakSet();
  let kiosk;
  try {
    kiosk = JSON.stringify(window.kiosk ?? {}, (key, value) => {
      if (value instanceof Map) return [...value.entries()];
      if (value instanceof Set) return [...value.values()];
      if (value && typeof value === 'object') {
        if (seen.has(value)) return '[cycle]';
        seen.add(value);
      }
      return value;
    });
  } catch (error) {
    kiosk = 'window.kiosk could not be serialised: ' + error;
  }
  const storage = (s) => { const out = {}; for (let i = 0; i < s.length; i++) out[s.key(i)] = s.getItem(s.key(i)); return JSON.stringify(out); };
  return {
    html: document.documentElement.outerHTML,
    inputs: [...document.querySelectorAll('input, textarea, select')].map((i) => i.value).join('\n'),
    localStorage: storage(window.localStorage),
    sessionStorage: storage(window.sessionStorage),
    kiosk,
  };
}
"""


def _css_string(value):
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


class Kiosk:
    """The resident page in Chromium, as the tests drive it."""

    def __init__(self, context, base_url, journey, screenshots, audit=True):
        self.base_url = base_url.rstrip("/")
        self.journey = journey
        self.screenshots_dir = screenshots
        self.screenshots = []
        self.frames = []            # every SCREEN kioskd pushed, in order: (monotonic time, SCREEN dict)
        self.sent = []              # the page's action messages, in order: (monotonic time, dict)
        self.console = []           # console errors and page exceptions
        self.violations = []        # accessibility and contract failures, reported at the end
        self._violation_keys = set()
        self.forbidden = {}         # text that must never be in the DOM: text -> what it is
        self.steps = []             # (step, screen, seconds since the journey started, actions offered)
        self.notes = []             # measurements worth printing (QR size, countdowns…)
        self.audited = []           # the page's audit entries: {seq, screen, skipped, settled, failures}
        self.waiting = None         # the step and screens being waited for, if any
        self.leaving_seq = None     # the seq the journey last arrived at or tapped on: the screen being left
        self.started = time.monotonic()
        self.audit = audit
        self.page = context.new_page()
        if audit:
            self.page.add_init_script(AUDIT_JS)
        self.page.on("websocket", self._websocket)
        self.page.on("console", lambda message: message.type == "error" and self.console.append(f"console: {message.text}"))
        self.page.on("pageerror", self._page_error)
        os.makedirs(screenshots, exist_ok=True)

    # -- events -----------------------------------------------------------------------------

    def _websocket(self, socket):
        socket.on("framereceived", self._frame_received)
        socket.on("framesent", self._frame_sent)

    def _frame_received(self, payload):
        try:
            message = json.loads(payload)
        except (TypeError, ValueError):
            self.violate(f"kioskd sent a WebSocket frame that is not JSON: {str(payload)[:80]!r}")
            return
        if message.get("type") == "screen" and isinstance(message.get("screen"), dict):
            self.frames.append((time.monotonic(), message["screen"]))
        elif message.get("type") == "error":
            self.violate(f"kioskd says the page sent something malformed: {message.get('message')!r}")

    def _frame_sent(self, payload):
        try:
            message = json.loads(payload)
        except (TypeError, ValueError):
            self.violate(f"the page sent a WebSocket frame that is not JSON: {str(payload)[:80]!r}")
            return
        now = time.monotonic()
        if message.get("type") == "action" and message.get("action") == "touch":
            recent = [t for t, m in self.sent if m.get("action") == "touch" and now - t < 4.5]
            if recent:
                self.violate(f"the page sent `touch` {now - recent[-1]:.1f} s after the previous one (at most once per 5 s)")
        self.sent.append((now, message))

    def _page_error(self, error):
        self.console.append(f"page error: {error}")
        self.violate(f"uncaught exception in the page: {str(error)[:200]}")

    def violate(self, text, screen=None):
        key = (screen, text)
        if key in self._violation_keys:
            return
        self._violation_keys.add(key)
        self.violations.append(f"screen {screen}: {text}" if screen else text)

    # -- state ------------------------------------------------------------------------------

    def open(self):
        """Loads the page and waits for the attract screen."""
        try:
            self.page.goto(self.base_url + "/", wait_until="load", timeout=20000)
        except PlaywrightError as error:
            raise JourneyFailure(f"cannot load {self.base_url}/: {error}") from None
        return self.wait_screen("attract", step="open the page")

    def dataset(self):
        try:
            return self.page.evaluate("() => ({screen: document.body?.dataset.screen, seq: document.body?.dataset.seq})")
        except PlaywrightError:
            return {"screen": None, "seq": None}

    @property
    def screen(self):
        return self.dataset()["screen"]

    def screen_frame(self, seq=None):
        """The SCREEN kioskd pushed with this seq (default: the page's current one), or None."""
        if seq is None:
            seq = self.dataset()["seq"]
        for _, frame in reversed(self.frames):
            if str(frame.get("seq")) == str(seq):
                return frame
        return None

    def frame_time(self, seq=None):
        """When Playwright saw kioskd push this seq (monotonic seconds), or None."""
        if seq is None:
            seq = self.dataset()["seq"]
        for moment, frame in reversed(self.frames):
            if str(frame.get("seq")) == str(seq):
                return moment
        return None

    def latest_frame(self):
        return self.frames[-1][1] if self.frames else None

    def frames_since(self, moment):
        return [frame for t, frame in self.frames if t >= moment]

    def pushed_kinds(self, since=0.0):
        return [frame.get("screen") for frame in self.frames_since(since)]

    def notice_text(self):
        try:
            shown = self.page.evaluate("() => [...document.querySelectorAll('.notice')].map(n => n.textContent.replace(/\\s+/g, ' ').trim()).filter(Boolean).join(' | ')")
        except PlaywrightError:
            shown = ""
        frame = self.latest_frame()
        pushed = ((frame or {}).get("notice") or {}).get("text")
        return shown or (f"(none shown; kioskd's latest SCREEN has: {pushed})" if pushed else "(none)")

    def visible_text(self):
        return self.page.evaluate("() => document.body ? document.body.innerText : ''")

    def describe_state(self):
        data = self.dataset()
        seen = " → ".join(self._compressed(self.pushed_kinds()))
        return (f"the page shows {data['screen']!r} (seq {data['seq']}); notice: {self.notice_text()}; "
                f"screens kioskd pushed: {seen or '(none)'}")

    @staticmethod
    def _compressed(kinds):
        out = []
        for kind in kinds:
            if not out or out[-1] != kind:
                out.append(kind)
        return out

    # -- waiting ----------------------------------------------------------------------------

    def wait_screen(self, kinds, step, timeout=20):
        """Waits until the page shows one of `kinds`, then checks it (audit, contract rules, personal
        data) and saves a screenshot of it. Fails early if a dead-end screen (failed, outOfService…)
        shows up instead; not on the screen being left (the one the journey last arrived at or tapped
        on, e.g. `outOfService` while the backend comes back, `retry` on paymentFailed), which stays
        shown until kioskd's next screen arrives.

        The page is read once: the screen and seq that ended the wait are the ones judged, never a
        second read that a newer frame may already have replaced."""
        kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
        stop_on = [kind for kind in DEAD_ENDS if kind not in kinds]
        leaving = self.leaving_seq if self.leaving_seq is not None else ""
        began = time.monotonic()
        self.waiting = f"step '{step}', waiting for {' or '.join(kinds)}"
        try:
            ended = self.page.wait_for_function(
                """([kinds, stopOn, leaving]) => {
                    const body = document.body;
                    const screen = body && body.dataset.screen;
                    const seq = body && body.dataset.seq;
                    const ends = kinds.includes(screen) || (stopOn.includes(screen) && seq !== leaving);
                    return ends ? {screen, seq: seq ?? null} : false;
                }""",
                arg=[list(kinds), stop_on, str(leaving)],
                timeout=timeout * 1000, polling=50)
            data = ended.json_value()
        except PlaywrightTimeout:
            self.waiting = None
            self.failure_screenshot()
            raise JourneyFailure(f"step '{step}': expected screen {' or '.join(kinds)} within {timeout} s, but "
                                 f"{self.describe_state()}") from None
        self.waiting = None
        self.leaving_seq = data["seq"]
        if data["screen"] not in kinds:
            self.failure_screenshot()
            raise JourneyFailure(f"step '{step}': expected screen {' or '.join(kinds)}, but after "
                                 f"{time.monotonic() - began:.1f} s the page showed {data['screen']!r} (seq {data['seq']}); "
                                 f"now {self.describe_state()}")
        frame = self._frame_for(data["seq"]) or {}
        self.steps.append((step, data["screen"], time.monotonic() - self.started, frame.get("actions") or []))
        self._check_screen(data)
        self.screenshot(data["screen"])
        return data["screen"]

    def _check_screen(self, data):
        """The audit of this screen (from the page's kiosk:rendered), and the contract's DOM rules."""
        screen, seq = data["screen"], data["seq"]
        if self.audit:
            try:
                self.page.wait_for_function("seq => { const e = window.__kioskAudit.audited[seq]; return !!e && (e.settled || e.skipped); }",
                                            arg=str(seq), timeout=5000, polling=50)
            except PlaywrightTimeout:
                self.violate(f"no `kiosk:rendered` event with seq {seq} within 5 s of the screen showing "
                             "(audited here instead)", screen)
                self.page.evaluate("() => window.__kioskAudit.settled()")
                for failure in self.page.evaluate("() => window.__kioskAudit.run()"):
                    self.violate(failure, screen)
        frame = self._frame_for(seq)
        if frame is None:
            self.violate(f"the page shows seq {seq}, which kioskd never pushed", screen)
        else:
            if frame.get("screen") != screen:
                self.violate(f"body[data-screen] is {screen!r} but kioskd's SCREEN seq {seq} is {frame.get('screen')!r}", screen)
            offered = set(frame.get("actions") or [])
            # Read with the seq in one go: a newer screen may have replaced this one meanwhile, and its
            # buttons are not this frame's to judge (its own wait_screen checks it).
            page = self.page.evaluate("""() => ({seq: document.body.dataset.seq,
                shown: [...document.querySelectorAll('[data-action]')]
                    .filter(e => e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}))
                    .map(e => e.dataset.action)})""")
            extra = sorted(set(page["shown"]) - offered) if str(page["seq"]) == str(seq) else []
            if extra:
                self.violate(f"buttons for actions kioskd does not offer on this screen: {extra} (offered: {sorted(offered)})", screen)
            notice = ((frame.get("notice") or {}).get("text") or "").strip()
            if notice:
                shown_notice = self.page.evaluate("() => [...document.querySelectorAll('.notice')].map(n => n.textContent).join(' ')")
                if " ".join(notice.split()) not in " ".join(shown_notice.split()):
                    self.violate(f"kioskd's notice {notice!r} is not in a .notice element (shown: {shown_notice.strip()!r})", screen)
        self.check_forbidden(screen)

    def _frame_for(self, seq, wait=2.0):
        """The SCREEN for seq; the page may render a frame a moment before Playwright reports it."""
        deadline = time.monotonic() + wait
        while True:
            frame = self.screen_frame(seq)
            if frame is not None or time.monotonic() >= deadline:
                return frame
            self.page.wait_for_timeout(50)

    def audit_failures(self):
        """Accessibility failures of every screen audited so far (each screen named)."""
        if not self.audit:
            return []
        entries = self.page.evaluate("() => window.__kioskAudit ? window.__kioskAudit.entries : []")
        self.audited = entries
        for entry in entries:
            for failure in entry["failures"]:
                self.violate(failure, entry["screen"])
        return entries

    # -- personal data ----------------------------------------------------------------------

    def forbid(self, texts):
        """From now on, every screen waited for is checked not to hold these texts ({text: what it is})."""
        self.forbidden.update({text: what for text, what in texts.items() if text})

    def check_forbidden(self, screen):
        if not self.forbidden:
            return
        html = self.page.evaluate("() => document.documentElement.outerHTML + '\\n' + [...document.querySelectorAll('input, textarea')].map(i => i.value).join('\\n')")
        for text, what in self.forbidden.items():
            if text in html:
                self.violate(f"the DOM holds {what} ({text})", screen)

    def persisted(self):
        """What the page keeps: {place: text} for the DOM, input values, storages and window.kiosk."""
        return self.page.evaluate(PERSISTED_JS)

    # -- acting -----------------------------------------------------------------------------

    def _locator(self, selector, step):
        locator = self.page.locator(selector).filter(visible=True)
        count = locator.count()
        if count != 1:
            self.failure_screenshot()
            raise JourneyFailure(f"step '{step}': {count} visible elements match {selector} (want 1); {self.describe_state()}")
        return locator

    def tap(self, action, step=None, **params):
        """Taps the one visible button of `action` (with these data-<param> attributes)."""
        step = step or f"tap {action}"
        selector = f"[data-action={_css_string(action)}]" + "".join(f"[data-{key}={_css_string(value)}]" for key, value in params.items())
        self.tap_selector(selector, step)

    def tap_selector(self, selector, step):
        locator = self._locator(selector, step)
        self.leaving_seq = self.dataset()["seq"]
        try:
            locator.tap(timeout=5000)
        except PlaywrightError as error:
            self.failure_screenshot()
            raise JourneyFailure(f"step '{step}': cannot tap {selector}: {str(error).splitlines()[0]}; {self.describe_state()}") from None

    def hold(self, selector, seconds, step):
        """Presses on the one visible `selector` for `seconds`, then lets go (a long press)."""
        box = self._locator(selector, step).bounding_box()
        self.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        self.page.mouse.down()
        self.page.wait_for_timeout(int(seconds * 1000))
        self.page.mouse.up()

    def audit_now(self, name):
        """Audits what is on show now (a view that is not a SCREEN, e.g. the service menu), once its
        animations have ended; its failures are reported under `name`."""
        if not self.audit:
            return
        self.page.evaluate("() => window.__kioskAudit.settled()")
        # Recorded with the page's own entries, so the journey's summary and audit_failures() count it.
        failures = self.page.evaluate("""name => { const a = window.__kioskAudit; const failures = a.run();
            a.entries.push({seq: null, screen: name, skipped: false, settled: true, failures}); return failures; }""", name)
        for failure in failures:
            self.violate(failure, name)

    def is_disabled(self, action):
        return self.page.evaluate(
            """action => { const b = [...document.querySelectorAll(`[data-action="${action}"]`)].find(e => e.checkVisibility());
                           return b ? (b.disabled === true || b.getAttribute('aria-disabled') === 'true') : null; }""", action)

    def field_text(self, selector):
        """The text a field shows (an input's value or an element's text), whitespace removed."""
        value = self.page.evaluate(
            "sel => { const e = document.querySelector(sel); if (!e) return null; return (e.value !== undefined ? e.value : e.textContent); }",
            selector)
        return None if value is None else re.sub(r"\s+", "", value)

    def text_of(self, selector):
        value = self.page.evaluate("sel => { const e = document.querySelector(sel); return e ? e.textContent : null; }", selector)
        return None if value is None else " ".join(value.split())

    def _show_keys(self, key_selector, field_selector, step):
        """Taps the field (the button holding it, if any) when its keys are not on screen yet."""
        if self.page.locator(key_selector).filter(visible=True).count() == 0:
            holder = f"button:has({field_selector})"
            self.tap_selector(holder if self.page.locator(holder).filter(visible=True).count() else field_selector, step)
            try:
                self.page.locator(key_selector).filter(visible=True).first.wait_for(timeout=3000)
            except PlaywrightTimeout:
                raise JourneyFailure(f"step '{step}': tapping {field_selector} showed no {key_selector}; {self.describe_state()}") from None

    def type_id(self, characters, step="type the ID number"):
        """Taps the ID keypad keys (data-key "0"…"9", "X")."""
        self._show_keys('[data-key="0"]', "#id-number", step)
        for character in characters:
            self.tap_selector(f"[data-key={_css_string(character)}]", f"{step}: key {character}")

    def type_name(self, name, step="type the name"):
        """Types `name` on the pinyin keyboard: its letters, then the candidate that is the character
        (paging with data-pinyin="next" while it is not offered)."""
        self._show_keys('[data-pinyin="a"]', "#name", step)
        for character in name:
            if character == "·":
                self.tap_selector('[data-key="middot"]', f"{step}: ·")
                continue
            pinyin = PINYIN.get(character)
            if pinyin is None:
                raise JourneyFailure(f"step '{step}': no pinyin known for {character} (add it to kiosk_ui.PINYIN)")
            before = self.field_text("#name") or ""
            for letter in pinyin:
                self.tap_selector(f"[data-pinyin={_css_string(letter)}]", f"{step}: {character} letter {letter}")
            candidate = self.page.locator(f"[data-candidate]:text-is({_css_string(character)})").filter(visible=True)
            for _page in range(30):
                if candidate.count() > 0:
                    break
                following = self.page.locator('[data-pinyin="next"]').filter(visible=True)
                if following.count() == 0 or self.page.evaluate(
                        "() => { const n = [...document.querySelectorAll('[data-pinyin=\"next\"]')].find(e => e.checkVisibility()); return !n || n.disabled; }"):
                    break
                following.first.tap(timeout=5000)
            if candidate.count() == 0:
                offered = self.page.evaluate("() => [...document.querySelectorAll('[data-candidate]')].filter(e => e.checkVisibility()).map(e => e.textContent.trim()).join('')")
                raise JourneyFailure(f"step '{step}': after typing {pinyin!r} the keyboard offers no candidate {character} "
                                     f"(visible candidates: {offered or 'none'})")
            candidate.first.tap(timeout=5000)
            after = self.field_text("#name") or ""
            if after != before + character:
                raise JourneyFailure(f"step '{step}': choosing {character} made #name {after!r} (was {before!r})")

    # -- screenshots and results ----------------------------------------------------------------

    def _shoot(self, name):
        path = os.path.join(self.screenshots_dir, name)
        try:
            self.page.screenshot(path=path, full_page=False, animations="disabled", caret="hide")
        except PlaywrightError as error:
            self.violate(f"screenshot {name} failed: {error}")
            return None
        self.screenshots.append(path)
        return path

    def screenshot(self, screen):
        """Saves <screenshots>/<journey>-<nn>-<screen>.png."""
        return self._shoot(f"{self.journey}-{len(self.screenshots) + 1:02d}-{screen}.png")

    def failure_screenshot(self):
        screen = self.screen or "none"
        return self._shoot(f"{self.journey}-{len(self.screenshots) + 1:02d}-{screen}-FAILED.png")

    def finish(self):
        """Fails the journey if any audited screen or contract rule failed."""
        self.audit_failures()
        if self.violations:
            raise JourneyFailure(f"{len(self.violations)} accessibility/contract failure(s):\n  - " + "\n  - ".join(self.violations))
