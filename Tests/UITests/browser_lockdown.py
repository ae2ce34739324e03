#!/usr/bin/env python3
"""Keyboard escapes from the kiosk browser, tried for real (issue 19, H3).

    python3 browser_lockdown.py --kioskd BIN --kiosk-browser BIN --unit systemd/kiosk-browser.service \
        --policy systemd/kiosk-browser-policy.json [--screenshots DIR]
    python3 browser_lockdown.py ... --renderer-crash   # kill the page's renderer: the screen must come back
    python3 browser_lockdown.py ... --no-policy      # an empty policy folder
    python3 browser_lockdown.py ... --no-policy --drop-flag=--force-app-mode   # the control

Runs as root, inside its own mount, network and PID namespaces (it re-executes itself under
`unshare`), so nothing it does reaches the host: the shipped policy is visible at
/etc/chromium/policies/managed/ only in here (a bind mount over /etc/chromium), the kiosk's
loopback address 127.0.0.1:8080 is this namespace's own, and every process it started dies with it.

- `kioskd --demo --log-level debug` serves the resident UI on the address of the unit's `--app=` URL
  and says when the page's /ws connects and closes (HummingbirdWebSocket/WSCore debug lines).
- Xvfb on a free display (-displayfd), with an authorization cookie for the test's own X clients and
  `xhost +SI:localuser:USER` for the browser, as the README prescribes for the kiosk's X server.
  No window manager, as on the kiosk.
- Chromium exactly as the unit's ExecStart= says, with the unit's Environment= (DISPLAY and HOME
  mapped to this test's), as an unprivileged user (the unit's User= when it exists here, else
  `nobody`) with the unit's SupplementaryGroups=, NoNewPrivileges=, CapabilityBoundingSet=, UMask=,
  LimitCORE=, ProtectProc= and ProcSubset=, so Chromium's own sandbox runs as on the kiosk. The
  other sandboxing directives are systemd's and are not reproduced here (Tests/tools/verify-units
  checks the unit itself).

Then it presses every escape shortcut with real X key events (xdotool) and after each checks, with
Xlib: that Chromium still runs, that the only mapped top-level window is the kiosk window and its
title is the page's <title>, that kioskd still has exactly the page's one /ws connection, and that the
screen still matches the kiosk screen shot before the attack (outside the attract screen's animated
tiles). Whether Chromium has handled a shortcut is known, not guessed: after each one the test
presses Ctrl+plus and waits for the page to zoom, then Ctrl+0 and waits for it to come back; Chromium
handles keys in order, so any window, dialog or navigation the shortcut caused exists by then.

Verdicts: "held"; "got out" (another window or popup on the screen, or off it but holding the
keyboard, the kiosk window showing another title or gone, a second page of the kiosk's origin, or
the screen changed in a way Escape does not undo); "dialog" (only the screen changed, and Escape, as a tap on its button would, brings
the kiosk screen back: Chromium's "DevTools not allowed on this page" or "caret browsing?"); "zoomed"
(Ctrl+plus/minus; Ctrl+0 undoes it); "closed" (the browser exited: an escape only if the unit would
not start it again, i.e. without Restart=always; the test starts it again as systemd would). Anything
that got out is shot (with --screenshots) and cleared by restarting Chromium. Prints one line per
shortcut and `browser lockdown: N shortcuts tried, M got out`; exits 1 if M > 0 or the screen at the
end is not the kiosk screen, 2 if the fixture failed (with the exit status and log tail of whatever
died). VT switching (Ctrl+Alt+F1…F6) and Ctrl+Alt+Backspace are the X server's, not Chromium's: Xvfb
has no VTs, so those lines only show that Chromium does nothing with the keys (on the kiosk, Xorg's
DontVTSwitch and DontZap do the rest; Ctrl+Alt+Backspace is not pressed here, it could end Xvfb).
"""
import argparse
import ctypes
import fcntl
import grp
import json
import os
import pwd
import re
import resource
import secrets
import select
import shlex
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NAMESPACE_MARK = "BROWSER_LOCKDOWN_IN_NAMESPACE"

# Generous bounds: they only end a real hang.
START_TIMEOUT = 120      # kioskd ready, Xvfb up, Chromium's window mapped and the page connected
REACTION_TIMEOUT = 60    # Chromium reacting to the barrier's Ctrl+plus / Ctrl+0
# The wait for kiosk-browser's exit after the renderer died is a wait for that event; this only ends a
# run in which it never comes (no supervisor). It is not a measure: the time taken is printed.
CRASH_RECOVERY_TIMEOUT = 600
# The unit's ExecStart= names the installed supervisor; the test runs the one just built.
INSTALLED_KIOSK_BROWSER = "/usr/lib/kioskd/kiosk-browser"
ZOOM_PROBE_TIMEOUT = 10  # how long a zoom key gets to zoom before it counts as held
OBSERVE_WITHOUT_BARRIER = 5  # only if the page ever blocks Ctrl+plus (see Attack.barrier)
# The attract screen animates (the card icons); the animated tiles are learnt before the attack by
# watching the screen until no new tile has changed for longer than one animation period (2.4 s).
ANIMATION_QUIET = 3.0
TILE = 40

# Every way out of the page a keyboard (or a scanner acting as one, M8) has. (label, steps):
# a step is ("key", xdotool key names) or ("type", text).
SHORTCUTS = [
    ("Ctrl+N new window", [("key", "ctrl+n")]),
    ("Ctrl+T new tab", [("key", "ctrl+t")]),
    ("Ctrl+Shift+N incognito window", [("key", "ctrl+shift+n")]),
    ("Ctrl+Shift+T reopen tab", [("key", "ctrl+shift+t")]),
    ("Ctrl+O open file", [("key", "ctrl+o")]),
    ("Ctrl+S save page", [("key", "ctrl+s")]),
    ("Ctrl+P print", [("key", "ctrl+p")]),
    ("Ctrl+Shift+P print dialog", [("key", "ctrl+shift+p")]),
    ("Ctrl+L file:///etc/passwd", [("key", "ctrl+l"), ("type", "file:///etc/passwd"), ("key", "Return")]),
    ("Alt+D chrome://settings", [("key", "alt+d"), ("type", "chrome://settings"), ("key", "Return")]),
    ("F6 view-source:", [("key", "F6"), ("type", "view-source:http://127.0.0.1/"), ("key", "Return")]),
    ("Ctrl+L javascript:", [("key", "ctrl+l"), ("type", "javascript:history.back()"), ("key", "Return")]),
    ("Ctrl+U view source", [("key", "ctrl+u")]),
    ("Ctrl+J downloads", [("key", "ctrl+j")]),
    ("Ctrl+H history", [("key", "ctrl+h")]),
    ("Ctrl+D bookmark", [("key", "ctrl+d")]),
    ("Ctrl+Shift+O bookmark manager", [("key", "ctrl+shift+o")]),
    ("Ctrl+Shift+B bookmark bar", [("key", "ctrl+shift+b")]),
    ("Ctrl+Shift+I DevTools", [("key", "ctrl+shift+i")]),
    ("Ctrl+Shift+J console", [("key", "ctrl+shift+j")]),
    ("Ctrl+Shift+C inspect", [("key", "ctrl+shift+c")]),
    ("F12 DevTools", [("key", "F12")]),
    ("Ctrl+Shift+Delete clear data", [("key", "ctrl+shift+Delete")]),
    ("Ctrl+Shift+M profiles", [("key", "ctrl+shift+m")]),
    ("Shift+Esc task manager", [("key", "shift+Escape")]),
    ("Alt+Shift+I feedback", [("key", "alt+shift+i")]),
    ("Ctrl+F find", [("key", "ctrl+f")]),
    ("Ctrl+G find next", [("key", "ctrl+g")]),
    ("Ctrl+E search", [("key", "ctrl+e")]),
    ("F1 help", [("key", "F1")]),
    ("F3 find", [("key", "F3")]),
    ("F5 reload", [("key", "F5")]),
    ("Ctrl+Shift+R hard reload", [("key", "ctrl+shift+r")]),
    ("F7 caret browsing", [("key", "F7")]),
    ("F10 app menu", [("key", "F10")]),
    ("F11 fullscreen", [("key", "F11")]),
    ("Alt+F app menu", [("key", "alt+f")]),
    ("Alt+E app menu", [("key", "alt+e")]),
    ("Alt+Home home page", [("key", "alt+Home")]),
    ("Alt+Left back", [("key", "alt+Left")]),
    ("Alt+Right forward", [("key", "alt+Right")]),
    ("Alt+Shift+T toolbar", [("key", "alt+shift+t")]),
    ("Shift+F10 context menu", [("key", "shift+F10")]),
    ("Menu key context menu", [("key", "Menu")]),
    ("Ctrl+Tab next tab", [("key", "ctrl+Tab")]),
    ("Ctrl+Shift+Tab previous tab", [("key", "ctrl+shift+Tab")]),
    ("Ctrl+1 first tab", [("key", "ctrl+1")]),
    ("Ctrl+9 last tab", [("key", "ctrl+9")]),
    ("Ctrl+PageDown next tab", [("key", "ctrl+Next")]),
    ("Ctrl+Shift+A tab search", [("key", "ctrl+shift+a")]),
    ("Ctrl+plus zoom in", [("key", "ctrl+plus")]),
    ("Ctrl+minus zoom out", [("key", "ctrl+minus")]),
    ("Ctrl+Alt+F1 console", [("key", "ctrl+alt+F1")]),
    ("Ctrl+Alt+F2 console", [("key", "ctrl+alt+F2")]),
    ("Ctrl+Alt+F3 console", [("key", "ctrl+alt+F3")]),
    ("Ctrl+Alt+F4 console", [("key", "ctrl+alt+F4")]),
    ("Ctrl+Alt+F5 console", [("key", "ctrl+alt+F5")]),
    ("Ctrl+Alt+F6 console", [("key", "ctrl+alt+F6")]),
    # Last: these may close the browser (then it is started again, as Restart=always would).
    ("Ctrl+W close tab", [("key", "ctrl+w")]),
    ("Ctrl+F4 close tab", [("key", "ctrl+F4")]),
    ("Ctrl+Shift+W close window", [("key", "ctrl+shift+w")]),
    ("Alt+F4 close window", [("key", "alt+F4")]),
    ("Ctrl+Shift+Q quit", [("key", "ctrl+shift+q")]),
]
SCREEN_CHANGED = "the screen is no longer the kiosk screen"
# Keys whose effect is the zoom the barrier itself uses: probed on their own (see Attack.zoom_probe).
ZOOM_KEYS = {"ctrl+plus", "ctrl+minus"}


class FixtureFailure(Exception):
    """The test could not set up or watch the kiosk; the message says what and shows logs."""


def log_tail(path, lines=40):
    try:
        with open(path, errors="replace") as file:
            return "".join(file.readlines()[-lines:])
    except OSError as error:
        return f"({path}: {error})"


# ---------------------------------------------------------------------------------------------
# The unit

class Unit:
    """The parts of a systemd unit file this test follows."""

    def __init__(self, path):
        self.path = path
        self.settings = {}  # (section, key) -> [values]
        section = None
        logical = ""
        with open(path) as file:
            for raw in file:
                line = raw.rstrip("\n")
                stripped = line.strip()
                if stripped.startswith(("#", ";")) and logical:
                    continue  # a comment inside a continued line
                if line.endswith("\\"):
                    logical += line[:-1] + " "
                    continue
                line = (logical + line).strip()
                logical = ""
                if not line or line.startswith(("#", ";")):
                    continue
                if line.startswith("[") and line.endswith("]"):
                    section = line[1:-1]
                    continue
                key, _, value = line.partition("=")
                self.settings.setdefault((section, key.strip()), []).append(value.strip())

    def get(self, key, section="Service"):
        values = self.settings.get((section, key))
        return values[-1] if values else None

    def all(self, key, section="Service"):
        return self.settings.get((section, key), [])

    def exec_start(self):
        value = self.get("ExecStart")
        if not value:
            raise FixtureFailure(f"{self.path} has no ExecStart=")
        value = value.lstrip("-@:+!")
        if "%" in value or "$" in value:
            raise FixtureFailure(f"{self.path}: ExecStart= uses specifiers or variables, which this test does not expand: {value}")
        return shlex.split(value)

    def environment(self):
        env = {}
        for value in self.all("Environment"):
            for assignment in shlex.split(value):
                key, _, val = assignment.partition("=")
                env[key] = val
        return env

    def restarts_after_exit(self):
        """Whether systemd starts the browser again after it exits by itself, cleanly or not."""
        return self.get("Restart") in ("always",)


# ---------------------------------------------------------------------------------------------
# Xlib through ctypes: the window tree, titles, focus and the screen's pixels

class XWindowAttributes(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int), ("height", ctypes.c_int),
                ("border_width", ctypes.c_int), ("depth", ctypes.c_int), ("visual", ctypes.c_void_p),
                ("root", ctypes.c_ulong), ("class_", ctypes.c_int), ("bit_gravity", ctypes.c_int),
                ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
                ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong),
                ("map_installed", ctypes.c_int), ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
                ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
                ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p)]


class XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int), ("format", ctypes.c_int),
                ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int), ("bitmap_unit", ctypes.c_int),
                ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int),
                ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int), ("red_mask", ctypes.c_ulong),
                ("green_mask", ctypes.c_ulong), ("blue_mask", ctypes.c_ulong), ("obdata", ctypes.c_void_p),
                ("f", ctypes.c_void_p * 6)]


IS_VIEWABLE = 2
INPUT_OUTPUT = 1
Z_PIXMAP = 2
ALL_PLANES = 0xFFFFFFFF

_X_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(lambda display, event: 0)


class Window:
    def __init__(self, wid, title, wm_class, geometry, override_redirect):
        self.id = wid
        self.title = title
        self.wm_class = wm_class
        self.geometry = geometry
        self.override_redirect = override_redirect

    def __repr__(self):
        kind = "popup" if self.override_redirect else "window"
        w, h, x, y = self.geometry
        return f"{kind} {self.title!r} ({self.wm_class or 'no class'}, {w}x{h}+{x}+{y})"


class Screen:
    """A root-window image: 32-bit pixels, compared in TILE x TILE tiles."""

    def __init__(self, width, height, stride, data):
        self.width, self.height, self.stride, self.data = width, height, stride, data

    def changed_tiles(self, other):
        tiles = set()
        row_bytes = self.width * 4
        for y in range(self.height):
            start = y * self.stride
            a = self.data[start:start + row_bytes]
            b = other.data[start:start + row_bytes]
            if a == b:
                continue
            for tx in range(0, self.width, TILE):
                if a[tx * 4:(tx + TILE) * 4] != b[tx * 4:(tx + TILE) * 4]:
                    tiles.add((tx // TILE, y // TILE))
        return tiles

    def tile_count(self):
        return ((self.width + TILE - 1) // TILE) * ((self.height + TILE - 1) // TILE)

    def png(self, path):
        rows = []
        for y in range(self.height):
            row = self.data[y * self.stride:y * self.stride + self.width * 4]
            rgb = bytearray(self.width * 3)
            rgb[0::3] = row[2::4]
            rgb[1::3] = row[1::4]
            rgb[2::3] = row[0::4]
            rows.append(b"\x00" + bytes(rgb))

        def chunk(kind, body):
            return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        with open(path, "wb") as file:
            file.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                       + chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b""))


class X:
    def __init__(self, display):
        x = ctypes.CDLL("libX11.so.6")
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XSetErrorHandler.argtypes = [ctypes.c_void_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong),
                                 ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)), ctypes.POINTER(ctypes.c_uint)]
        x.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(XWindowAttributes)]
        x.XInternAtom.restype = ctypes.c_ulong
        x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x.XGetWindowProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long, ctypes.c_int,
                                         ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_int),
                                         ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p)]
        x.XFree.argtypes = [ctypes.c_void_p]
        x.XGetInputFocus.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_int)]
        x.XGetImage.restype = ctypes.POINTER(XImage)
        x.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
                                ctypes.c_ulong, ctypes.c_int]
        x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.x = x
        x.XSetErrorHandler(ctypes.cast(_X_ERROR_HANDLER, ctypes.c_void_p))
        self.display = x.XOpenDisplay(display.encode())
        if not self.display:
            raise FixtureFailure(f"cannot open X display {display}")
        self.root = x.XDefaultRootWindow(self.display)
        self.atoms = {name: x.XInternAtom(self.display, name.encode(), 0)
                      for name in ("_NET_WM_NAME", "UTF8_STRING", "WM_NAME", "WM_CLASS", "STRING")}

    def _property(self, wid, name, kind):
        actual_type, actual_format = ctypes.c_ulong(), ctypes.c_int()
        count, after, data = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
        status = self.x.XGetWindowProperty(self.display, wid, self.atoms[name], 0, 4096, 0, kind,
                                           ctypes.byref(actual_type), ctypes.byref(actual_format),
                                           ctypes.byref(count), ctypes.byref(after), ctypes.byref(data))
        if status != 0 or not data.value:
            return None
        try:
            return ctypes.string_at(data.value, count.value) if actual_format.value == 8 else None
        finally:
            self.x.XFree(data)

    def title(self, wid):
        raw = self._property(wid, "_NET_WM_NAME", self.atoms["UTF8_STRING"])
        if raw is None:
            raw = self._property(wid, "WM_NAME", 0)  # AnyPropertyType
        return raw.decode("utf-8", errors="replace") if raw is not None else ""

    def mapped_windows(self):
        """The root's viewable InputOutput children: what a window manager would have to manage."""
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children, count = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
        if not self.x.XQueryTree(self.display, self.root, ctypes.byref(root), ctypes.byref(parent),
                                 ctypes.byref(children), ctypes.byref(count)):
            raise FixtureFailure("XQueryTree on the root window failed")
        ids = [children[i] for i in range(count.value)]
        if children:
            self.x.XFree(children)
        windows = []
        for wid in ids:
            attributes = XWindowAttributes()
            if not self.x.XGetWindowAttributes(self.display, wid, ctypes.byref(attributes)):
                continue  # gone meanwhile
            if attributes.map_state != IS_VIEWABLE or attributes.class_ != INPUT_OUTPUT:
                continue
            wm_class = self._property(wid, "WM_CLASS", self.atoms["STRING"])
            wm_class = "/".join(part.decode(errors="replace") for part in wm_class.split(b"\0") if part) if wm_class else ""
            windows.append(Window(wid, self.title(wid), wm_class,
                                  (attributes.width, attributes.height, attributes.x, attributes.y),
                                  bool(attributes.override_redirect)))
        return windows

    def focus(self):
        window, revert = ctypes.c_ulong(), ctypes.c_int()
        self.x.XGetInputFocus(self.display, ctypes.byref(window), ctypes.byref(revert))
        return window.value

    def screen(self):
        attributes = XWindowAttributes()
        self.x.XGetWindowAttributes(self.display, self.root, ctypes.byref(attributes))
        image = self.x.XGetImage(self.display, self.root, 0, 0, attributes.width, attributes.height, ALL_PLANES, Z_PIXMAP)
        if not image:
            raise FixtureFailure("XGetImage of the root window failed")
        try:
            img = image.contents
            if img.bits_per_pixel != 32:
                raise FixtureFailure(f"the screen has {img.bits_per_pixel} bits per pixel; this test reads 32")
            data = ctypes.string_at(img.data, img.bytes_per_line * img.height)
            return Screen(img.width, img.height, img.bytes_per_line, data)
        finally:
            destroy = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(XImage))(image.contents.f[1])
            destroy(image)


# ---------------------------------------------------------------------------------------------
# Processes

class Process:
    """A child with its output in a log file; reports its exit status and log when it dies early."""

    def __init__(self, name, argv, log_path, **popen):
        self.name = name
        self.log_path = log_path
        self.log = open(log_path, "ab")
        self.argv = argv
        self.popen = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                      start_new_session=True, **popen)

    def alive(self):
        return self.popen.poll() is None

    def died(self):
        status = self.popen.poll()
        return (f"{self.name} (pid {self.popen.pid}) exited with status {status}; "
                f"the end of its log {self.log_path}:\n{log_tail(self.log_path)}")

    def require_alive(self):
        if not self.alive():
            raise FixtureFailure(self.died())

    def stop(self, timeout=15):
        if self.popen.poll() is None:
            try:
                os.killpg(self.popen.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait()
        else:
            try:
                os.killpg(self.popen.pid, signal.SIGKILL)  # whatever it left in its session
            except (ProcessLookupError, PermissionError):
                pass
        self.log.close()


def wait_until(what, condition, timeout, watch=()):
    """Polls `condition` until it returns a true value; fails naming `what` after `timeout` seconds,
    or at once when a watched process dies."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        for process in watch:
            process.require_alive()
        if time.monotonic() > deadline:
            raise FixtureFailure(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.1)


def bring_loopback_up():
    SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sH14s", b"lo", 0, bytes(14))
        flags = struct.unpack("16sH14s", fcntl.ioctl(sock, SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(sock, SIOCSIFFLAGS, struct.pack("16sH14s", b"lo", flags | IFF_UP, bytes(14)))


def run(argv, what, env=None, timeout=60):
    result = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout)
    if result.returncode != 0:
        raise FixtureFailure(f"{what}: `{shlex.join(argv)}` exited {result.returncode}: {result.stdout}{result.stderr}")
    return result.stdout


# ---------------------------------------------------------------------------------------------
# The fixture: kioskd --demo, Xvfb, Chromium as the unit runs it

class Kiosk:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.unit = Unit(args.unit)
        self.argv = self.unit.exec_start()
        if self.argv and self.argv[0] == INSTALLED_KIOSK_BROWSER:
            if not args.kiosk_browser:
                raise FixtureFailure(f"the unit runs {INSTALLED_KIOSK_BROWSER}: give the built one with --kiosk-browser")
            self.argv[0] = args.kiosk_browser
        for flag in args.drop_flag:
            if flag not in self.argv:
                raise FixtureFailure(f"--drop-flag {flag}: the unit's ExecStart= has no such argument")
            self.argv.remove(flag)
        app = [a for a in self.argv if a.startswith("--app=")]
        if len(app) != 1:
            raise FixtureFailure(f"{args.unit}: ExecStart= has no single --app=URL: {self.argv}")
        self.url = app[0][len("--app="):]
        match = re.fullmatch(r"http://(127\.0\.0\.1|localhost):(\d+)/", self.url)
        if not match:
            raise FixtureFailure(f"{args.unit}: the kiosk URL {self.url} is not http://127.0.0.1:PORT/")
        self.listen = f"127.0.0.1:{match.group(2)}"
        self.kioskd = None
        self.xvfb = None
        self.chromium = None
        self.chromium_starts = 0
        self.display = None
        self.x = None
        self.ws_seen = 0

    # --- kioskd

    def start_kioskd(self):
        state = os.path.join(self.work, "kioskd")
        os.makedirs(state)
        config = os.path.join(state, "kiosk.conf")
        with open(config, "w") as file:
            file.write(f"""[kiosk]
id = "TEST-0001"
region = "320600"
insurance_year = 2021
config_version = 1

[backend]
url = "http://127.0.0.1:9/kiosk/v1"
connect_timeout_ms = 500

[devices]
ssc_reader = "Nothing Here*"
idcard_reader = "Nothing Here*"
scanner = "0c2e:0b61"
printer = "ipp://127.0.0.1:9/ipp/print"
database = "{os.path.join(REPO, 'Devices')}"

[ui]
listen = "{self.listen}"
root = "{self.args.ui_root}"

[admin]
socket = "{state}/admin.sock"
group = ""

[journal]
path = "{state}/journal.sqlite"

[updates]
history_directory = "{state}/config-history"
""")
        notify_path = os.path.join(state, "notify")
        notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        notify.bind(notify_path)
        # Nothing from this shell's environment reaches kioskd's configuration or its sockets.
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("KIOSK_", "LISTEN_", "WATCHDOG_")) and key != "NOTIFY_SOCKET"}
        env.update(NOTIFY_SOCKET=notify_path, KIOSK_ADMIN_GROUP="")
        self.kioskd_log = os.path.join(self.work, "kioskd.log")
        self.kioskd = Process("kioskd", [self.args.kioskd, "--config", config, "--demo", "--log-level", "debug",
                                         "--sandbox-residents", self.args.sandbox_residents,
                                         "--sandbox-policies", self.args.sandbox_policies],
                              self.kioskd_log, env=env, cwd=state)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            ready, _, _ = select.select([notify], [], [], 0.5)
            if ready and b"READY=1" in notify.recv(4096):
                break
            self.kioskd.require_alive()
            if time.monotonic() > deadline:
                raise FixtureFailure(f"kioskd sent no READY=1 within {START_TIMEOUT} s:\n{log_tail(self.kioskd_log)}")
        notify.close()
        with urllib.request.urlopen(self.url, timeout=30) as response:
            page = response.read().decode()
        match = re.search(r"<title>([^<]*)</title>", page)
        if not match:
            raise FixtureFailure(f"{self.url} has no <title>")
        self.page_title = match.group(1)

    def open_sockets(self):
        """The /ws connections kioskd has open, by request id, from its debug log."""
        opened, closed = [], set()
        with open(self.kioskd_log, errors="replace") as file:
            for line in file:
                match = re.search(r"hb\.request\.id=(\w+) \[HummingbirdWebSocket\] Websocket upgrade", line)
                if match:
                    opened.append(match.group(1))
                    continue
                match = re.search(r"hb\.request\.id=(\w+) \[WSCore\] Closed WebSocket", line)
                if match:
                    closed.add(match.group(1))
        self.ws_seen = len(opened)
        return [request for request in opened if request not in closed]

    # --- X

    def start_xvfb(self):
        size = "1080x1920"
        for argument in self.argv:
            if argument.startswith("--window-size="):
                size = argument.split("=", 1)[1].replace(",", "x")
        cookie = secrets.token_hex(16)
        server_auth = os.path.join(self.work, "xvfb.auth")
        self.client_auth = os.path.join(self.work, "client.auth")
        # The server loads every cookie in its file whatever display it names; the client's file
        # names the display, which is known once Xvfb has chosen it.
        run(["xauth", "-q", "-f", server_auth, "add", ":0", "MIT-MAGIC-COOKIE-1", cookie], "xauth")
        read_end, write_end = os.pipe()
        self.xvfb = Process("Xvfb", ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{size}x24",
                                     "-nolisten", "tcp", "-auth", server_auth, "-noreset"],
                            os.path.join(self.work, "xvfb.log"), pass_fds=(write_end,))
        os.close(write_end)
        number = b""
        deadline = time.monotonic() + START_TIMEOUT
        while not number.endswith(b"\n"):
            ready, _, _ = select.select([read_end], [], [], 0.5)
            if ready:
                chunk = os.read(read_end, 16)
                if not chunk:
                    break
                number += chunk
            self.xvfb.require_alive()
            if time.monotonic() > deadline:
                raise FixtureFailure(f"Xvfb named no display within {START_TIMEOUT} s:\n{log_tail(self.xvfb.log_path)}")
        os.close(read_end)
        self.display = ":" + number.decode().strip()
        run(["xauth", "-q", "-f", self.client_auth, "add", self.display, "MIT-MAGIC-COOKIE-1", cookie], "xauth")
        self.x_env = dict(os.environ, DISPLAY=self.display, XAUTHORITY=self.client_auth)
        os.environ.update(DISPLAY=self.display, XAUTHORITY=self.client_auth)
        self.x = X(self.display)

    # --- Chromium

    def prepare_browser(self):
        unit = self.unit
        wanted_user = unit.get("User") or "nobody"
        try:
            user = pwd.getpwnam(self.args.user or wanted_user)
        except KeyError:
            user = pwd.getpwnam("nobody")
        self.user = user
        group_name = unit.get("Group")
        try:
            gid = grp.getgrnam(group_name).gr_gid if group_name and not self.args.user else user.pw_gid
        except KeyError:
            gid = user.pw_gid
        groups = []
        for name in " ".join(unit.all("SupplementaryGroups")).split():
            try:
                groups.append(grp.getgrnam(name).gr_gid)
            except KeyError:
                print(f"note: SupplementaryGroups={name} does not exist here; Chromium runs without it")
        run(["xhost", f"+SI:localuser:{user.pw_name}"], "xhost", env=self.x_env)

        # The policy folder, visible at /etc/chromium/policies/managed/ in this mount namespace only.
        etc = os.path.join(self.work, "etc-chromium")
        os.makedirs(etc)
        if os.path.isdir("/etc/chromium"):
            for entry in os.listdir("/etc/chromium"):
                if entry == "policies":
                    continue
                source = os.path.join("/etc/chromium", entry)
                (shutil.copytree if os.path.isdir(source) else shutil.copy2)(source, os.path.join(etc, entry))
        else:
            raise FixtureFailure("/etc/chromium is missing (it comes with the chromium package)")
        managed = os.path.join(etc, "policies", "managed")
        os.makedirs(managed)
        os.makedirs(os.path.join(etc, "policies", "recommended"))
        if self.args.policy:
            with open(self.args.policy) as file:
                json.load(file)  # a broken file would just be ignored by Chromium
            shutil.copy2(self.args.policy, os.path.join(managed, "kioskd.json"))
        for path, mode in ((etc, 0o755), (os.path.join(etc, "policies"), 0o755), (managed, 0o755)):
            os.chmod(path, mode)
        run(["mount", "--bind", etc, "/etc/chromium"], "bind-mounting the policy folder")

        # ProtectProc= and ProcSubset= are proc mount options: mount this namespace's /proc with them.
        options = []
        protect = unit.get("ProtectProc")
        if protect in ("invisible", "noaccess", "ptraceable"):
            options.append(f"hidepid={protect}")
        if unit.get("ProcSubset") == "pid":
            options.append("subset=pid")
        if options:
            run(["mount", "-t", "proc", "-o", ",".join(options), "proc", "/proc"], "mounting /proc as ProtectProc=/ProcSubset= do")

        # StateDirectory= is HOME on the kiosk; here a private folder of the user's.
        self.home = os.path.join(self.work, "home")
        os.makedirs(self.home)
        os.chown(self.home, user.pw_uid, gid)
        os.chmod(self.home, 0o700)
        os.chmod(self.work, 0o755)

        env = unit.environment()
        if "XAUTHORITY" in env:
            raise FixtureFailure("the unit sets XAUTHORITY; this test admits the browser with xhost +SI:localuser only")
        env["DISPLAY"] = self.display
        env["HOME"] = self.home
        env.setdefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        setpriv = ["setpriv", f"--reuid={user.pw_uid}", f"--regid={gid}"]
        setpriv.append(f"--groups={','.join(map(str, groups))}" if groups else "--clear-groups")
        if unit.get("NoNewPrivileges") in ("yes", "true", "1", "on"):
            setpriv.append("--no-new-privs")
        if unit.get("CapabilityBoundingSet") == "":
            setpriv += ["--bounding-set=-all", "--inh-caps=-all"]
        self.browser_argv = setpriv + ["--", "env", "-i"] + [f"{k}={v}" for k, v in env.items()] + self.argv
        umask = int(unit.get("UMask") or "0022", 8)
        core = unit.get("LimitCORE")

        def limits():
            os.umask(umask)
            if core is not None:
                value = resource.RLIM_INFINITY if core == "infinity" else int(core)
                resource.setrlimit(resource.RLIMIT_CORE, (value, value))

        self.preexec = limits

    def start_browser(self):
        self.chromium_starts += 1
        self.chromium = Process(f"chromium (start {self.chromium_starts})", self.browser_argv,
                                os.path.join(self.work, "chromium.log"), preexec_fn=self.preexec)
        self.wait_for_page()

    def kiosk_windows(self):
        return [w for w in self.x.mapped_windows() if w.title == self.page_title]

    def wait_for_page(self):
        """The kiosk window mapped with the page's title, and the page connected to kioskd."""
        window = wait_until(f"Chromium's window titled {self.page_title!r} (windows: {self.x.mapped_windows()})",
                            lambda: (self.kiosk_windows() or [None])[0], START_TIMEOUT, [self.chromium, self.kioskd, self.xvfb])
        sockets = wait_until("the page's /ws connection in kioskd's log", lambda: self.open_sockets(), START_TIMEOUT,
                             [self.chromium, self.kioskd, self.xvfb])
        if len(sockets) != 1:
            raise FixtureFailure(f"kioskd has {len(sockets)} /ws connections open after Chromium started: {sockets}")
        self.window = window
        self.socket = sockets[0]

    def stop_browser(self):
        if self.chromium:
            self.chromium.stop()
            # kioskd notices the page's socket close: wait for it, so the next page's is the only one.
            wait_until("kioskd to see the page's /ws close", lambda: not self.open_sockets(), START_TIMEOUT, [self.kioskd])

    def stop(self):
        for process in (self.chromium, self.xvfb, self.kioskd):
            if process:
                process.stop()


# ---------------------------------------------------------------------------------------------
# The attack

class Attack:
    def __init__(self, kiosk, screenshots):
        self.k = kiosk
        self.screenshots = screenshots
        self.results = []
        self.shot_number = 0

    def xdotool(self, *arguments):
        run(["xdotool", *arguments], "xdotool", env=self.k.x_env)

    def press(self, steps):
        for kind, value in steps:
            if kind == "key":
                self.xdotool("key", "--delay", "40", value)
            else:
                self.xdotool("type", "--delay", "20", value)

    def save(self, screen, name):
        if self.screenshots:
            self.shot_number += 1
            safe = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")
            path = os.path.join(self.screenshots, f"lockdown-{self.shot_number:02d}-{safe}.png")
            screen.png(path)
            return path
        return None

    def watch_changes(self, deadline):
        """Screens until no tile has changed for the first time in ANIMATION_QUIET seconds: the last
        screen and every tile that changed meanwhile."""
        k = self.k
        total = k.x.screen().tile_count()
        previous = k.x.screen()
        mask = set()
        grown = time.monotonic()
        while True:
            time.sleep(0.2)
            current = k.x.screen()
            changed = previous.changed_tiles(current)
            if len(changed) > total // 4:
                mask, grown = set(), time.monotonic()  # still painting the page: start over
            elif changed - mask:
                mask |= changed
                grown = time.monotonic()
            previous = current
            if time.monotonic() - grown >= ANIMATION_QUIET:
                return current, mask
            for process in (k.chromium, k.kioskd, k.xvfb):
                process.require_alive()
            if time.monotonic() > deadline:
                raise FixtureFailure(f"the kiosk screen did not settle within {START_TIMEOUT} s")

    def learn_baseline(self):
        """The kiosk screen and its animated tiles, once the page has settled. Twice: the first watch
        waits out the page being painted (on a loaded machine in several small steps, each of which
        would count as animation), the second learns only what keeps moving."""
        k = self.k
        deadline = time.monotonic() + START_TIMEOUT
        self.watch_changes(deadline)
        current, mask = self.watch_changes(deadline)
        if len(mask) > current.tile_count() // 10:
            raise FixtureFailure(f"the kiosk screen keeps changing in {len(mask)} of {current.tile_count()} tiles; "
                                 "this test compares what stays still")
        self.baseline = current
        self.mask = mask
        self.windows = {w.id for w in k.x.mapped_windows()}
        return current

    def differs(self, screen):
        return self.baseline.changed_tiles(screen) - self.mask

    def escapes(self):
        """What is wrong now, as a list of sentences (empty: the kiosk holds)."""
        k = self.k
        found = []
        if not k.chromium.alive():
            return [f"closed the browser (exit status {k.chromium.popen.poll()})"]
        windows = k.x.mapped_windows()
        for window in windows:
            if window.id not in self.windows and self.on_screen(window):
                found.append(f"opened a {window!r}")
        kiosk = [w for w in windows if w.id == k.window.id]
        if not kiosk:
            # Closing: the window goes first, then the process ends.
            try:
                k.chromium.popen.wait(REACTION_TIMEOUT)
                return [f"closed the browser (exit status {k.chromium.popen.poll()})"]
            except subprocess.TimeoutExpired:
                found.append("the kiosk window is gone")
        elif kiosk[0].title != k.page_title:
            found.append(f"the kiosk window now shows {kiosk[0].title!r}")
        sockets = k.open_sockets()
        if len(sockets) > 1:
            found.append(f"a second page of the kiosk's origin is open ({len(sockets)} /ws connections)")
        return found

    MARKS = {"held": "  ", "zoomed": " ~", "dialog": " ~", "restarted": " ~", "out": "✘ "}

    def record(self, entry):
        label, verdict, text = entry
        self.results.append(entry)
        print(f"{self.MARKS[verdict]} {label:<30}  {text}", flush=True)

    def on_screen(self, window):
        """Whether any of the window is on the screen (Chromium keeps some popups parked off it)."""
        width, height, x, y = window.geometry
        return x + width > 0 and y + height > 0 and x < self.baseline.width and y < self.baseline.height

    def focus_kiosk(self):
        k = self.k
        if k.x.focus() != k.window.id:
            self.xdotool("windowfocus", "--sync", str(k.window.id))

    def zoom_works(self):
        """Whether Ctrl+plus zooms the page (and Ctrl+0 brings it back), so it can be the barrier."""
        k = self.k
        self.press([("key", "ctrl+plus")])
        deadline = time.monotonic() + REACTION_TIMEOUT
        while not self.differs(k.x.screen()):
            found = self.escapes()
            if found:
                raise FixtureFailure(f"Ctrl+plus, pressed to test the barrier, got out: {found}")
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        self.press([("key", "ctrl+0")])
        found = self.wait_restored(REACTION_TIMEOUT)
        if found:
            raise FixtureFailure(f"Ctrl+0 did not bring the kiosk screen back after Ctrl+plus: {found}")
        return True

    def barrier(self):
        """Ctrl+plus, wait for the page to zoom; Ctrl+0, wait for it to come back. Returns what
        got out meanwhile (then it stops early), or [] once the screen is the kiosk's again.
        Without a zoom (the page may block Ctrl+plus one day) each shortcut is watched for
        OBSERVE_WITHOUT_BARRIER seconds instead."""
        k = self.k
        if not self.has_barrier:
            deadline = time.monotonic() + OBSERVE_WITHOUT_BARRIER
            while time.monotonic() < deadline:
                found = self.escapes()
                if found:
                    return found
                time.sleep(0.1)
            changed = self.differs(k.x.screen())
            return [f"{SCREEN_CHANGED} ({len(changed)} tiles differ)"] if changed else []
        self.press([("key", "ctrl+plus")])
        deadline = time.monotonic() + REACTION_TIMEOUT
        while not self.differs(k.x.screen()):
            found = self.escapes()
            if found:
                return found
            if time.monotonic() > deadline:
                # A popup Chromium parks off the screen may hold the keyboard (and the touches).
                hidden = [w for w in k.x.mapped_windows() if w.id not in self.windows]
                if hidden:
                    return [f"opened a {hidden[0]!r} off the screen, and the page stopped reacting to keys "
                            f"(Ctrl+plus did not zoom within {REACTION_TIMEOUT} s)"]
                raise FixtureFailure(f"Chromium did not zoom on Ctrl+plus within {REACTION_TIMEOUT} s; "
                                     f"windows: {k.x.mapped_windows()}")
            time.sleep(0.05)
        self.press([("key", "ctrl+0")])
        return self.wait_restored(REACTION_TIMEOUT)

    def wait_restored(self, timeout):
        k = self.k
        deadline = time.monotonic() + timeout
        while True:
            found = self.escapes()
            if found:
                return found
            changed = self.differs(k.x.screen())
            if not changed:
                return []
            if time.monotonic() > deadline:
                return [f"{SCREEN_CHANGED} ({len(changed)} tiles differ)"]
            time.sleep(0.05)

    def zoom_probe(self, steps):
        """A zoom key: zoomed (not an escape; reported), or held within ZOOM_PROBE_TIMEOUT."""
        k = self.k
        self.press(steps)
        deadline = time.monotonic() + ZOOM_PROBE_TIMEOUT
        while not self.differs(k.x.screen()):
            found = self.escapes()
            if found:
                return "out", found
            if time.monotonic() > deadline:
                return "held", []
            time.sleep(0.05)
        self.press([("key", "ctrl+0")])
        found = self.wait_restored(REACTION_TIMEOUT)
        return ("out", found) if found else ("zoomed", [])

    def renderer_crash(self):
        """Kills the page's renderer as a crash ends it (SIGKILL): Chromium shows "Aw, Snap!" and its
        browser process runs on, so systemd alone never restarts it. kiosk-browser must end it (exit 75)
        once kioskd has stopped hearing the page; Chromium started again, as Restart=always does, must
        show the kiosk screen. Returns what happened, and whether the kiosk recovered."""
        k = self.k
        renderers = renderer_pids()
        if not renderers:
            raise FixtureFailure("no Chromium renderer process (--type=renderer) to kill")
        killed = time.monotonic()
        for pid in renderers:
            os.kill(pid, signal.SIGKILL)
        wait_until("kioskd to see the page's /ws close after its renderer was killed", lambda: not k.open_sockets(),
                   REACTION_TIMEOUT, [k.kioskd])
        time.sleep(2)
        self.save(k.x.screen(), "renderer killed")
        if not k.chromium.alive():
            return f"Chromium itself exited ({k.chromium.popen.poll()}) when its renderer died: nothing to recover", False
        try:
            status = wait_until("the browser unit's process to end Chromium",
                                lambda: (k.chromium.popen.poll(),) if not k.chromium.alive() else None,
                                CRASH_RECOVERY_TIMEOUT, [k.kioskd, k.xvfb])[0]
        except FixtureFailure:
            self.save(k.x.screen(), "renderer crash not recovered")
            return (f"{len(renderers)} renderer(s) killed; after {CRASH_RECOVERY_TIMEOUT} s Chromium still runs without its "
                    f"page (\"Aw, Snap!\") and nothing restarts it"), False
        ended = time.monotonic() - killed
        k.start_browser()
        self.windows = {w.id for w in k.x.mapped_windows()}
        found = self.wait_restored(START_TIMEOUT)
        if found:
            return f"Chromium started again after the crash, but not on the kiosk screen: {'; '.join(found)}", False
        return (f"{len(renderers)} renderer(s) killed; the unit's process ended Chromium {ended:.0f} s later (exit {status}), "
                f"and the kiosk screen was back {time.monotonic() - killed:.0f} s after the kill"), status == 75

    def restart(self):
        """Chromium started again, as systemd would, and back on the kiosk screen shot before."""
        k = self.k
        k.stop_browser()
        k.start_browser()
        self.windows = {w.id for w in k.x.mapped_windows()}
        found = self.wait_restored(START_TIMEOUT)
        if found:
            raise FixtureFailure(f"Chromium started again, but not on the kiosk screen: {'; '.join(found)}")

    def run(self):
        k = self.k
        first = self.learn_baseline()
        print(f"kiosk screen: {k.window!r}, the page's /ws open in kioskd; {len(self.mask)} of "
              f"{first.tile_count()} tiles animate and are not compared")
        self.save(first, "before")
        # The barrier must work before anything is judged by it.
        self.has_barrier = self.zoom_works()
        if not self.has_barrier:
            print(f"note: Ctrl+plus does not zoom the page: without that barrier each shortcut is watched for "
                  f"{OBSERVE_WITHOUT_BARRIER} s instead (a slower reaction would be missed)")
        restarts = k.unit.restarts_after_exit()
        for label, steps in SHORTCUTS:
            self.focus_kiosk()
            keys = {value for kind, value in steps if kind == "key"}
            if keys & ZOOM_KEYS:
                verdict, found = self.zoom_probe(steps)
                if verdict == "zoomed":
                    self.record((label, "zoomed", "zooms the kiosk page; Ctrl+0 brings it back (not an escape)"))
                    continue
                if verdict == "held":
                    self.record((label, "held", "held"))
                    continue
            else:
                self.press(steps)
                found = self.escapes() or self.barrier()
            if not found:
                self.record((label, "held", "held"))
                continue
            shot = self.save(k.x.screen(), label)
            where = f" [{shot}]" if shot else ""
            if len(found) == 1 and found[0].startswith(SCREEN_CHANGED):
                # Nothing opened, nothing navigated, the page kept its connection: something is drawn
                # over the page in its own window. If Escape (as a tap on its button would) takes it
                # away, it was one of Chromium's dialogs ("DevTools not allowed", "caret browsing?").
                self.press([("key", "Escape")])
                if not self.wait_restored(REACTION_TIMEOUT):
                    self.record((label, "dialog", f"a Chromium dialog over the page, which Escape or a tap closes "
                                                  f"(not an escape){where}"))
                    continue
            closed = not k.chromium.alive()
            if closed and restarts and len(found) == 1:
                self.record((label, "restarted", f"{found[0]}; the unit (Restart=always) starts it again"))
            else:
                self.record((label, "out", "; ".join(found) + where))
            self.restart()
        # The end: the kiosk screen, as before the attack.
        self.focus_kiosk()
        final_found = self.escapes()
        final = k.x.screen()
        self.save(final, "after")
        return final_found, self.differs(final)


def renderer_pids():
    """Chromium's renderer processes: this script runs in its own PID namespace, so they are its own."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as file:
                command = file.read()
        except OSError:
            continue
        # Zygote-forked renderers rewrite their command line as one string (setproctitle).
        if b"--type=renderer" in command:
            pids.append(int(entry))
    return pids


def tally(attack):
    counts = {}
    for _, verdict, _ in attack.results:
        counts[verdict] = counts.get(verdict, 0) + 1
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kioskd", required=True, help="the kioskd executable (run with --demo)")
    parser.add_argument("--unit", default=os.path.join(REPO, "systemd/kiosk-browser.service"))
    policy = parser.add_mutually_exclusive_group(required=True)
    policy.add_argument("--policy", help="the managed policy file to install (systemd/kiosk-browser-policy.json)")
    policy.add_argument("--no-policy", action="store_true", help="the control: an empty managed policy folder")
    parser.add_argument("--drop-flag", action="append", default=[], metavar="ARG",
                        help="leave ARG out of the unit's ExecStart= (to see what the other layers hold without it)")
    parser.add_argument("--ui-root", default=os.path.join(REPO, "Sources/KioskServer/UI"))
    parser.add_argument("--sandbox-residents", default=os.path.join(REPO, "Sources/SandboxBackend/Data/residents.toml"))
    parser.add_argument("--sandbox-policies", default=os.path.join(REPO, "Sources/ContributionPolicy/Policies"))
    parser.add_argument("--user", help="run Chromium as this user (default: the unit's User= if it exists, else nobody)")
    parser.add_argument("--screenshots", help="save the kiosk screen before and after, and every escape, as PNG here")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs) after the run")
    parser.add_argument("--kiosk-browser", help=f"the kiosk-browser executable standing in for {INSTALLED_KIOSK_BROWSER}")
    parser.add_argument("--renderer-crash", action="store_true",
                        help="instead of the shortcuts: kill the page's renderer and check that the kiosk screen comes back")
    parser.add_argument("--only", action="append", default=[], metavar="LABEL",
                        help="try only this shortcut (its label, e.g. \"Ctrl+N new window\"; repeatable): the control run needs a few")
    args = parser.parse_args()
    if args.only:
        global SHORTCUTS
        unknown = [label for label in args.only if label not in {name for name, _ in SHORTCUTS}]
        if unknown:
            print(f"--only: no shortcut labelled {', '.join(unknown)}", file=sys.stderr)
            return 2
        SHORTCUTS = [shortcut for shortcut in SHORTCUTS if shortcut[0] in args.only]
    if args.no_policy:
        args.policy = None
    for name in ("kioskd", "unit", "policy", "ui_root", "kiosk_browser"):
        value = getattr(args, name)
        if value:
            setattr(args, name, os.path.abspath(value))

    if os.environ.get(NAMESPACE_MARK) != "1":
        if os.geteuid() != 0:
            print("browser_lockdown.py needs root: it makes mount, network and PID namespaces, bind-mounts the "
                  "policy and runs Chromium as an unprivileged user", file=sys.stderr)
            return 2
        missing = [tool for tool in ("unshare", "setpriv", "mount", "Xvfb", "xdotool", "xauth", "xhost", "/usr/bin/chromium")
                   if not shutil.which(tool)]
        if missing:
            print(f"missing: {', '.join(missing)} (make deps-test installs them: xvfb xdotool xauth x11-xserver-utils chromium)",
                  file=sys.stderr)
            return 2
        # A PID namespace (its init is this script: everything it started dies with it), a mount
        # namespace (the policy's bind mount), a network namespace (the kiosk's own 127.0.0.1:8080).
        os.environ[NAMESPACE_MARK] = "1"
        os.execvp("unshare", ["unshare", "--mount", "--net", "--pid", "--fork", "--mount-proc", "--propagation", "private",
                              "--kill-child=SIGTERM", "--", sys.executable, os.path.abspath(__file__), *sys.argv[1:]])

    def terminated(_signal, _frame):
        raise FixtureFailure("terminated (SIGTERM): the runner's time limit?")

    signal.signal(signal.SIGTERM, terminated)
    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="browser-lockdown-")
    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)
    kiosk = Kiosk(args, work)
    attack = None
    status = 0
    try:
        bring_loopback_up()
        print(f"unit {args.unit}: {shlex.join(kiosk.argv)}")
        print(f"policy: {args.policy or 'none (an empty /etc/chromium/policies/managed)'}"
              + (f"; left out of ExecStart=: {' '.join(args.drop_flag)}" if args.drop_flag else ""))
        kiosk.start_kioskd()
        kiosk.start_xvfb()
        kiosk.prepare_browser()
        print(f"Chromium runs as {kiosk.user.pw_name} on {kiosk.display} (xhost +SI:localuser:{kiosk.user.pw_name}), "
              f"kioskd --demo on {kiosk.listen}")
        kiosk.start_browser()
        attack = Attack(kiosk, args.screenshots)
        if args.renderer_crash:
            attack.save(attack.learn_baseline(), "before the crash")
            what, recovered = attack.renderer_crash()
            print(f"renderer crash: {what}")
            print(f"renderer crash: {'recovered' if recovered else '✘ not recovered'} "
                  f"({time.monotonic() - started:.0f} s; Chromium started {kiosk.chromium_starts} times)")
            return 0 if recovered else 1
        final_found, changed = attack.run()
        counts = tally(attack)
        tried = len(attack.results)
        out = counts.get("out", 0)
        print(f"browser lockdown: {tried} shortcuts tried, {out} got out"
              f" ({counts.get('restarted', 0)} closed the browser, which the unit restarts;"
              f" {counts.get('dialog', 0)} showed a dialog that Escape closes; {counts.get('zoomed', 0)} zoomed the page)")
        if final_found:
            print(f"✘ at the end: {'; '.join(final_found)}")
            status = 1
        if changed:
            print(f"✘ at the end the screen is not the kiosk screen shot before the attack ({len(changed)} tiles differ)")
            status = 1
        if out:
            status = 1
        print(f"({time.monotonic() - started:.0f} s; Chromium started {kiosk.chromium_starts} times)")
    except FixtureFailure as failure:
        print(f"browser lockdown: the fixture failed: {failure}")
        status = 2
    except Exception:
        import traceback
        traceback.print_exc()
        status = 2
    finally:
        kiosk.stop()
        if status == 2 or args.keep:
            print(f"logs: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
