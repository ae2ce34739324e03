#!/usr/bin/env python3
"""Card-in to enrollment-on-screen latency of the resident UI, for `make bench`.

    python3 bench_enrollment.py --url http://127.0.0.1:PORT [--n 30] [--warmup 1]

Against a running `kioskd --demo` (fresh: 张建国 must still owe this year's contribution), N times:
from the attract screen, inside the page, performance.now() just before fetch('/demo/api/card')
inserts 张建国's SSC, to the page's `kiosk:rendered` event for `showingEnrollment` (card read,
identity and enrollment looked up by kioskd, the SCREEN pushed over the WebSocket and rendered);
then 退出 (cancel), wait for attract and take the card out. `--warmup` rounds run first and are
not counted. Prints one JSON line: {"p50_ms": …, "p95_ms": …, "n": N} (p95 by nearest rank).
"""
import argparse
import json
import math
import statistics
import sys

from playwright.sync_api import sync_playwright

from kiosk_ui import DemoAPI, find_resident, launch

MEASURE_JS = r"""
async ({resident, timeoutMs}) => {
  const rendered = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no showingEnrollment within ${timeoutMs} ms (screen: ${document.body.dataset.screen})`)), timeoutMs);
    const listener = (event) => {
      const screen = event.detail && event.detail.screen;
      if (screen === 'showingEnrollment') {
        const at = performance.now();
        clearTimeout(timer);
        window.removeEventListener('kiosk:rendered', listener);
        resolve(at);
      } else if (['failed', 'unavailable', 'alreadyPaid', 'confirmingRegistration', 'outOfService'].includes(screen)) {
        clearTimeout(timer);
        window.removeEventListener('kiosk:rendered', listener);
        reject(new Error(`the page rendered ${screen} instead of showingEnrollment`));
      }
    };
    window.addEventListener('kiosk:rendered', listener);
  });
  const started = performance.now();
  const response = await fetch('/demo/api/card', {
    method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({kind: 'ssc', resident}),
  });
  if (!response.ok) throw new Error(`/demo/api/card answered ${response.status}: ${await response.text()}`);
  return (await rendered) - started;
}
"""


def one_round(page, api, resident):
    elapsed = page.evaluate(MEASURE_JS, {"resident": resident.index, "timeoutMs": 15000})
    page.locator('[data-action="cancel"]').filter(visible=True).tap(timeout=5000)
    page.wait_for_selector('body[data-screen="attract"]', timeout=15000)
    api.remove_card("ssc")
    return elapsed


def nearest_rank(samples, percentile):
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(percentile / 100 * len(ordered)) - 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="kioskd --demo's UI, e.g. http://127.0.0.1:8080")
    parser.add_argument("--n", type=int, default=30, help="measured rounds (default 30)")
    parser.add_argument("--warmup", type=int, default=1, help="rounds run first and not counted (default 1)")
    arguments = parser.parse_args()
    api = DemoAPI(arguments.url)
    try:
        zhang = find_resident(api.residents(), "张建国")
        with sync_playwright() as playwright:
            browser, context = launch(playwright)
            page = context.new_page()
            page.goto(arguments.url.rstrip("/") + "/", wait_until="load", timeout=20000)
            page.wait_for_selector('body[data-screen="attract"]', timeout=20000)
            for _ in range(arguments.warmup):
                one_round(page, api, zhang)
            samples = [one_round(page, api, zhang) for _ in range(arguments.n)]
            context.close()
            browser.close()
    except Exception as error:  # one line on stderr, exit 1: bench.py shows it
        print(f"bench_enrollment: {str(error).splitlines()[0] if str(error) else type(error).__name__}", file=sys.stderr)
        return 1
    print(json.dumps({"p50_ms": round(statistics.median(samples), 1),
                      "p95_ms": round(nearest_rank(samples, 95), 1), "n": len(samples)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
