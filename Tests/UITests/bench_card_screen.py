#!/usr/bin/env python3
"""The resident screen of `kiosk-bench --card-to-screen`: the system Chromium on a running kioskd.

    python3 bench_card_screen.py --url http://127.0.0.1:PORT

kiosk-bench puts the cards in (through whichever reader back end kioskd drives) and talks to this
script a line at a time on its standard input and output:

    (on start, once the page shows attract)      -> ready
    arm      the page listens for its next screens -> armed
    wait     until the enrollment is on screen     -> rendered <Date.now() in ms> <screen>
    cancel   退出, until attract is back            -> attract
    quit

`rendered` carries the page's own wall clock (Date.now(), the system's realtime clock in whole
milliseconds) at the `kiosk:rendered` event of the enrollment (`showingEnrollment`, or
`confirmingRegistration` for a resident who must first register), so kiosk-bench, which notes the
same clock as it inserts the card, needs no clock of this process. A failure screen, or none within
20 s, prints `error <what the page showed>` and exits 1.
"""
import argparse
import sys

from playwright.sync_api import sync_playwright

from kiosk_ui import launch

ENROLLMENT = ("showingEnrollment", "confirmingRegistration")
FAILURES = ("failed", "unavailable", "alreadyPaid", "outOfService", "maintenance")

ARM_JS = r"""
([enrollment, failures]) => {
  window.__benchRendered = new Promise((resolve) => {
    const listener = (event) => {
      const screen = event.detail && event.detail.screen;
      if (enrollment.includes(screen) || failures.includes(screen)) {
        window.removeEventListener('kiosk:rendered', listener);
        resolve({at: Date.now(), screen});
      }
    };
    window.addEventListener('kiosk:rendered', listener);
  });
}
"""

# The page's Content-Security-Policy (script-src 'self') forbids string evaluation, so no
# wait_for_function: the wait is a promise the armed listener resolves.
WAIT_JS = r"""
(timeoutMs) => Promise.race([
  window.__benchRendered,
  new Promise((_, reject) => setTimeout(
    () => reject(new Error(`no enrollment within ${timeoutMs} ms (screen: ${document.body.dataset.screen})`)), timeoutMs)),
])
"""


def answer(line):
    print(line, flush=True)


def serve(page, url):
    page.goto(url.rstrip("/") + "/", wait_until="load", timeout=20000)
    page.wait_for_selector('body[data-screen="attract"]', timeout=20000)
    answer("ready")
    for command in sys.stdin:
        command = command.strip()
        if command == "arm":
            page.evaluate(ARM_JS, [list(ENROLLMENT), list(FAILURES)])
            answer("armed")
        elif command == "wait":
            rendered = page.evaluate(WAIT_JS, 20000)
            if rendered["screen"] not in ENROLLMENT:
                raise RuntimeError(f"the page rendered {rendered['screen']} instead of the enrollment")
            answer(f"rendered {rendered['at']} {rendered['screen']}")
        elif command == "cancel":
            page.locator('[data-action="cancel"]').filter(visible=True).tap(timeout=5000)
            page.wait_for_selector('body[data-screen="attract"]', timeout=20000)
            answer("attract")
        elif command == "quit":
            return
        else:
            raise RuntimeError(f"unknown command {command!r}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="kioskd's resident screen, e.g. http://127.0.0.1:8080")
    arguments = parser.parse_args()
    with sync_playwright() as playwright:
        browser, context = launch(playwright)
        page = context.new_page()
        try:
            serve(page, arguments.url)
        except Exception as error:  # one line kiosk-bench reports as the benchmark's failure
            try:
                screen = f" (the page shows {page.evaluate('document.body.dataset.screen')})"
            except Exception:
                screen = ""
            answer(f"error {str(error).splitlines()[0] if str(error) else type(error).__name__}{screen}")
            return 1
        finally:
            context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
