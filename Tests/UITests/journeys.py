#!/usr/bin/env python3
"""End-to-end journeys of kioskd's resident touch UI, in Chromium, against a running `kioskd --demo`.

    python3 journeys.py --url http://127.0.0.1:PORT --journey NAME --screenshots DIR
    python3 journeys.py --list

Runs one journey: exit 0 when it went as the contract (/tmp/ui/CONTRACT.md) says, or prints which
step failed, which screen was shown instead and its notice, and exits 1. Every screen the journey
waits for is screenshotted as DIR/<journey>-<nn>-<screen>.png and audited for accessibility (as is
every other screen the page renders long enough to be seen); the list of screenshots is printed.

Each journey expects a fresh kioskd --demo (its sandbox keeps payments in memory: after ssc-paycode,
张建国 has paid). Some need the daemon started in a particular way, which the Swift runner
(Tests/KioskdTests/UIJourneyTests.swift) does: outside-window needs --sandbox-today after the
window; timeout-wipes needs KIOSK_SESSION_IDLE_TIMEOUT_S=10 and KIOSK_SESSION_COUNTDOWN_S=5. The
card-… journeys play the resident at kioskd --demo's virtual PIN pad (/demo/api/terminal), which
runs when kiosk.conf has no [terminal]; they wait for what the pad shows (/demo/api/state).
"""
import argparse
import re
import signal
import sys
import time
import traceback

from playwright.sync_api import sync_playwright

from kiosk_ui import DemoAPI, JourneyFailure, Kiosk, find_resident, id_check_character, launch

# The kiosk the Swift runner starts: DaemonFixture's configuration (南通市区, 2021).
KIOSK_REGION = "320600"
KIOSK_YEAR = 2021
# The technician PIN of the service-menu journey: its runner starts kioskd with this PIN's hash
# (its systemd credential technician-pin, as in Tests/KioskdTests/ServiceMenuTests.swift).
SERVICE_PIN = "864209"


def wait_visible(kiosk, selector, step, timeout=10000):
    try:
        kiosk.page.locator(selector).first.wait_for(state="visible", timeout=timeout)
    except Exception:
        kiosk.failure_screenshot()
        raise JourneyFailure(f"step '{step}': {selector} did not show; {kiosk.describe_state()}") from None


def wait_text(kiosk, selector, text, step, timeout=10000):
    try:
        kiosk.page.wait_for_function("([sel, text]) => { const e = document.querySelector(sel); return !!e && e.textContent.includes(text); }",
                                     arg=[selector, text], timeout=timeout)
    except Exception:
        kiosk.failure_screenshot()
        raise JourneyFailure(f"step '{step}': {selector} never said {text!r} (says {kiosk.text_of(selector)!r}); {kiosk.describe_state()}") from None


class Journey:
    def __init__(self, kiosk, api, residents):
        self.k = kiosk
        self.api = api
        self.residents = residents

    def resident(self, name):
        return find_resident(self.residents, name)

    def expect(self, condition, step, what):
        if not condition:
            self.k.failure_screenshot()
            raise JourneyFailure(f"step '{step}': {what}; {self.k.describe_state()}")

    # -- pieces shared by the journeys ------------------------------------------------------

    def identify_by_card(self, kind, resident, expected, step=None):
        step = step or f"insert {resident.masked_name}'s {kind} card"
        if kind == "ssc" and not resident.has_ssc:
            raise JourneyFailure(f"step '{step}': /demo/api/residents says {resident.masked_name} has no SSC")
        self.api.insert_card(kind, resident)
        return self.k.wait_screen(expected, step)

    def take_out_card(self, kind):
        """The resident takes the card back once the session is over."""
        self.api.remove_card(kind)

    def forbid_resident(self, resident):
        self.k.forbid({resident.id_number: f"{resident.masked_name}'s full ID number",
                       resident.name: f"{resident.masked_name}'s full name"})

    def expect_visible_texts(self, step, texts):
        shown = self.k.visible_text()
        for text in texts:
            self.expect(text in shown, step, f"{text!r} is not visible on the page")

    def confirm_and_choose(self, method):
        self.k.tap("confirmPayment", "confirm the payment")
        self.k.wait_screen("choosingMethod", "confirm the payment")
        self.expect(method in (self.k.screen_frame() or {}).get("methods", []), "choose the method",
                    f"kioskd does not offer method {method!r}")
        self.k.tap("chooseMethod", f"choose method {method}", method=method)

    def expect_countdown(self, step, limit):
        text = self.k.text_of("[data-countdown]")
        self.expect(text is not None, step, "no [data-countdown] element")
        digits = "".join(ch for ch in text if ch.isdigit())
        self.expect(digits != "" and 0 <= int(digits) <= limit + 1, step,
                    f"[data-countdown] shows {text!r}, want the remaining seconds (0…{limit})")
        self.k.notes.append(f"{step}: [data-countdown] shows {digits} (of {limit} s)")
        return int(digits)

    def pay_with_paycode(self, channel="wechat"):
        """From the enrollment screen: confirm, pay code, scan → printing → take the receipt."""
        self.choose_paycode()
        self.scan_good_paycode(channel)

    def choose_paycode(self, step="choose method paycode"):
        """From the enrollment screen: confirm, choose the pay code → awaitingPayCode."""
        self.confirm_and_choose("paycode")
        self.k.wait_screen("awaitingPayCode", step)
        self.expect_countdown("awaitingPayCode countdown", (self.k.screen_frame() or {}).get("countdown", {}).get("seconds", 600))

    def scan_good_paycode(self, channel="wechat"):
        """On awaitingPayCode: a pay code that succeeds at once → printing → takingReceipt."""
        scanned = time.monotonic()
        self.api.scan_paycode(channel, "succeed")
        self.expect_receipt(scanned, f"scan a {channel} pay code", timeout=30)

    def expect_receipt(self, paid_from, step, timeout):
        screen = self.k.wait_screen(("takingReceipt", "finished"), step, timeout=timeout)
        self.expect(screen == "takingReceipt", step, "the receipt was not printed")
        self.expect_printed(paid_from, "receipt", step)
        self.expect_completion(step, "paid", "printed")

    def scan_declined_paycode(self, channel="wechat"):
        """On awaitingPayCode: a pay code whose account lacks the money (sandbox outcome "93") →
        paymentFailed, its notice in plain Chinese, nothing printed → retry → awaitingPayCode again
        (a fresh code is needed: the kiosk refuses one it has seen)."""
        step = f"scan a {channel} pay code of an account without the money (93)"
        scanned = time.monotonic()
        self.api.scan_paycode(channel, "93")
        self.k.wait_screen("paymentFailed", step, timeout=30)
        frame = self.k.screen_frame() or {}
        notice = frame.get("notice") or {}
        self.expect(notice.get("code") == "payment.declined", step,
                    f"SCREEN.notice is {notice}, want code 'payment.declined'")
        shown = self.k.notice_text()
        self.expect("余额不足" in shown or "支付未成功" in shown, step,
                    f"the notice does not say the payment was declined for want of money: {shown!r}")
        self.expect_plain_chinese(step, shown, notice.get("code"))
        amount = (frame.get("amount") or {}).get("text")
        self.expect(amount, step, f"SCREEN.amount is {frame.get('amount')}")
        self.expect_visible_texts(step, [amount])
        self.expect(not [f for f in self.k.frames_since(scanned) if f.get("screen") in ("printing", "takingReceipt", "finished")],
                    step, "kioskd printed or finished after a declined pay code")
        self.expect("retry" in (frame.get("actions") or []), step, f"kioskd does not offer retry: {frame.get('actions')}")
        self.k.tap("retry", "retry after the declined pay code")
        self.k.wait_screen("choosingMethod", "retry after the declined pay code")
        self.expect_visible_texts("retry after the declined pay code", [amount])
        self.k.tap("chooseMethod", "choose method paycode again", method="paycode")
        self.k.wait_screen("awaitingPayCode", "choose method paycode again")

    def scan_paycode_confirmed_on_phone(self, channel="wechat"):
        """On awaitingPayCode: a pay code whose payer must confirm on the phone (sandbox outcome "91":
        user_paying, succeeded from the 2nd query, kioskd polls every 5 s) → awaitingPayer → receipt."""
        step = f"scan a {channel} pay code the payer confirms on the phone (91)"
        scanned = time.monotonic()
        self.api.scan_paycode(channel, "91")
        self.k.wait_screen("awaitingPayer", step, timeout=30)
        frame = self.k.screen_frame() or {}
        amount = (frame.get("amount") or {}).get("text")
        self.expect(amount, step, f"SCREEN.amount is {frame.get('amount')}")
        self.expect_visible_texts(step, ["请在手机上确认支付", amount])
        shown_from = self.k.frame_time() or time.monotonic()
        self.expect_receipt(scanned, "the payer confirms on the phone", timeout=40)
        waited = [f for f in self.k.frames_since(scanned) if f.get("screen") == "awaitingPayer"]
        self.k.notes.append(f"awaitingPayer shown {(self.k.frame_time() or time.monotonic()) - shown_from:.1f} s "
                            f"({len(waited)} pushes) before the receipt")

    def expect_plain_chinese(self, step, notice, code):
        """A resident's notice: Chinese words, with at most the error code as `（代码 CODE）` in Latin letters."""
        words = notice.replace(f"（代码 {code}）", "") if code else notice
        self.expect(re.search(r"[\u4e00-\u9fff]", words) and not re.search(r"[A-Za-z_]", words), step,
                    f"the notice is not in plain Chinese: {notice!r}")

    def expect_completion(self, step, kind, receipt):
        frame = self.k.screen_frame() or {}
        completion = frame.get("completion") or {}
        self.expect(completion.get("kind") == kind and completion.get("receipt") == receipt, step,
                    f"SCREEN.completion is {completion}, want kind {kind!r} and receipt {receipt!r}")

    def expect_printed(self, since, document, step):
        printing = [frame for frame in self.k.frames_since(since) if frame.get("screen") == "printing"]
        self.expect(printing, step, "kioskd never pushed the printing screen")
        shown = (printing[-1].get("printing") or {}).get("document")
        self.expect(shown == document, step, f"the printing screen printed {shown!r}, want {document!r}")

    def expect_nothing_printed(self, since, printed_before, step):
        """No printing, receipt or finished screen since `since`, and the simulated printer printed nothing."""
        self.expect(not [f for f in self.k.frames_since(since) if f.get("screen") in ("printing", "takingReceipt", "finished")],
                    step, "kioskd printed or finished although nothing was paid")
        printed = self.api.printed_count()
        self.expect(printed == printed_before, step, f"the simulated printer printed {printed - printed_before} document(s)")

    def expect_receipt_image(self, printed_before, step):
        """The simulated printer printed one more document, and /demo/api/receipt.png is its picture."""
        printed = self.api.printed_count()
        self.expect(printed == printed_before + 1, step,
                    f"the simulated printer printed {printed - printed_before} document(s), want 1")
        image, content_type = self.api.receipt_image()
        self.expect(content_type.startswith("image/png") and image[:8] == b"\x89PNG\r\n\x1a\n" and image[12:16] == b"IHDR",
                    step, f"/demo/api/receipt.png is not a PNG ({content_type}, {len(image)} bytes)")
        width, height = int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big")
        self.expect(width > 0 and height > 0, step, f"/demo/api/receipt.png is {width}×{height}")
        self.k.notes.append(f"{step}: /demo/api/receipt.png is {width}×{height} px ({len(image)} bytes)")

    def shown_frame(self):
        """The SCREEN of the screen the journey last arrived at (not a newer one that may have replaced it)."""
        return self.k.screen_frame(self.k.leaving_seq) or {}

    # -- the PIN pad (kioskd --demo's virtual payment terminal) ------------------------------

    def wait_pad(self, wanted, step, timeout=10):
        """Waits until the PIN pad's display (/demo/api/state's "terminal") starts with `wanted`; returns it."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.api.terminal_display()
            if shown is not None and shown.startswith(wanted):
                return shown
            if time.monotonic() >= deadline:
                break
            self.k.page.wait_for_timeout(50)
        self.k.failure_screenshot()
        raise JourneyFailure(f"step '{step}': the PIN pad never showed {wanted!r} within {timeout} s (it shows {shown!r}); "
                             f"{self.k.describe_state()}")

    def choose_card(self, step="choose method card"):
        """From the enrollment screen: confirm, choose 刷卡支付 → atTerminal; returns the amount."""
        self.confirm_and_choose("card")
        return self.expect_at_terminal(step)

    def expect_at_terminal(self, step):
        """atTerminal: the amount, the four steps at the PIN pad and 取消支付; the pad asks for the card
        with the same amount (the screen comes before the terminal has the payment: wait for the pad)."""
        self.k.wait_screen("atTerminal", step)
        frame = self.shown_frame()
        amount = (frame.get("amount") or {}).get("text")
        self.expect(amount, step, f"SCREEN.amount is {frame.get('amount')}")
        self.expect_visible_texts(step, [amount, "刷卡器"])
        steps = self.k.page.evaluate("""() => [...document.querySelectorAll('ol.terminal-steps > li')]
            .filter(e => e.checkVisibility()).map(e => e.textContent.trim())""")
        self.expect(len(steps) == 4 and all(steps), step, f"ol.terminal-steps shows {steps}, want 4 visible steps")
        self.expect("cancel" in (frame.get("actions") or []), step, f"kioskd does not offer cancel: {frame.get('actions')}")
        pad = self.wait_pad("请插卡或挥卡", f"{step}: the PIN pad asks for a card")
        self.expect(pad.endswith(amount), step, f"the PIN pad asks for {pad!r}, the screen for {amount}")
        self.k.notes.append(f"{step}: the screen asks for {amount}, the PIN pad shows {pad!r}")
        return amount

    def insert_bank_card(self, step, card="unionPayDebit", entry="insert"):
        """At the PIN pad: present the card; the pad asks for the PIN with all 3 tries; the kiosk stays on atTerminal."""
        self.api.present_bank_card(card, entry)
        self.wait_pad("请输入密码（还可输入 3 次）", step)
        self.expect(self.k.screen == "atTerminal", step, "the screen left atTerminal while the pad asks for the PIN")

    def take_bank_card(self, step):
        """The pad says 请取卡 after a payment with an inserted card: the resident takes it; the pad is idle again."""
        self.wait_pad("请取卡", step)
        self.api.remove_bank_card()
        self.wait_pad("待机", step)

    def expect_card_declined(self, step, code, words, since, printed_before):
        """paymentFailed after the pad declined the card: SCREEN.notice `code` in plain Chinese saying
        `words`, the amount still shown, 重新支付 offered, nothing printed. Returns the amount."""
        self.k.wait_screen("paymentFailed", step, timeout=30)
        frame = self.shown_frame()
        notice = frame.get("notice") or {}
        self.expect(notice.get("code") == code, step, f"SCREEN.notice is {notice}, want code {code!r}")
        shown = self.k.notice_text()
        self.expect(words in shown, step, f"the notice does not say {words!r}: {shown!r}")
        self.expect_plain_chinese(step, shown, code)
        amount = (frame.get("amount") or {}).get("text")
        self.expect(amount, step, f"SCREEN.amount is {frame.get('amount')}")
        self.expect_visible_texts(step, [amount])
        self.expect("retry" in (frame.get("actions") or []), step, f"kioskd does not offer retry: {frame.get('actions')}")
        wait_visible(self.k, '[data-action="retry"]', step)
        self.expect_nothing_printed(since, printed_before, step)
        return amount

    def expect_cancelled_to_attract(self, step, since, printed_before):
        """The session ended cancelled: attract with notice payment.cancelled in plain Chinese, nothing printed."""
        self.k.wait_screen("attract", step, timeout=30)
        notice = self.shown_frame().get("notice") or {}
        self.expect(notice.get("code") == "payment.cancelled", step, f"SCREEN.notice is {notice}, want code 'payment.cancelled'")
        shown = self.k.notice_text()
        self.expect("已取消" in shown, step, f"the notice does not say the payment was cancelled: {shown!r}")
        self.expect_plain_chinese(step, shown, notice.get("code"))
        self.expect_nothing_printed(since, printed_before, step)

    def wait_card_offer(self, offered, step, timeout=10):
        """On choosingMethod: waits until the page shows the method screen with (or without) 刷卡支付
        (kioskd pushes it again when the terminal watch changes its mind), then checks its SCREEN:
        `methods` and `unavailableMethods`, and the unavailability text. Screenshots it."""
        try:
            ended = self.k.page.wait_for_function(
                """offered => {
                    const body = document.body;
                    if (!body || body.dataset.screen !== 'choosingMethod') return false;
                    const card = [...document.querySelectorAll('[data-action="chooseMethod"][data-method="card"]')].some(e => e.checkVisibility());
                    return card === offered ? body.dataset.seq : false;
                }""", arg=offered, timeout=timeout * 1000, polling=50)
            seq = ended.json_value()
        except Exception:
            self.k.failure_screenshot()
            raise JourneyFailure(f"step '{step}': the method screen did not {'offer' if offered else 'leave out'} 刷卡支付 "
                                 f"within {timeout} s; {self.k.describe_state()}") from None
        frame = self.k._frame_for(seq) or {}
        methods, away = frame.get("methods") or [], frame.get("unavailableMethods") or []
        if offered:
            self.expect("card" in methods and "card" not in away, step,
                        f"SCREEN.methods is {methods} and unavailableMethods {away}, want card offered")
            self.expect("刷卡暂不可用" not in self.k.visible_text(), step, "the page still says 刷卡暂不可用")
        else:
            self.expect("card" not in methods and "card" in away, step,
                        f"SCREEN.methods is {methods} and unavailableMethods {away}, want card left out and named unavailable")
            self.expect(methods, step, "SCREEN.methods is empty: no way to pay is left")
            self.expect_visible_texts(step, ["刷卡暂不可用，请选择其他支付方式"])
        self.k.notes.append(f"{step}: SCREEN.methods {methods}, unavailableMethods {away}")
        self.k.screenshot("choosingMethod")
        return methods

    def leave(self, step="leave"):
        """takingReceipt → done → finished → done → attract (whichever of them is shown)."""
        screen = self.k.screen
        if screen == "takingReceipt":
            self.k.tap("done", f"{step}: take the receipt, done")
            screen = self.k.wait_screen(("finished", "attract"), f"{step}: after the receipt")
        if screen == "finished":
            self.k.tap("done", f"{step}: done")
            screen = self.k.wait_screen("attract", f"{step}: back to the start")
        self.expect(screen == "attract", step, "the session did not return to attract")

    def payable_residents(self):
        """Residents of the kiosk's region who pay in full this year (no relief group, no school,
        not paid yet in residents.toml)."""
        return [r for r in self.residents
                if r.data.get("hukou_region") == KIOSK_REGION and not r.data.get("groups")
                and not r.data.get("college_student") and not r.data.get("in_school")
                and KIOSK_YEAR not in r.data.get("paid_years", [])]

    # -- the journeys -----------------------------------------------------------------------

    def ssc_paycode(self):
        """The pay code as residents meet it: the first one is declined (no money), 重新支付 with a
        second one that the payer must confirm on the phone, then the receipt."""
        zhang = self.resident("张建国")
        self.forbid_resident(zhang)
        self.identify_by_card("ssc", zhang, "showingEnrollment")
        self.expect(zhang.masked_name == "张*国" and zhang.masked_id == "3206**********0210", "enrollment",
                    f"residents.toml's 张建国 masks as {zhang.masked_name} / {zhang.masked_id}")
        self.expect_visible_texts("enrollment shows the masked identity", ["张*国", "3206**********0210"])
        self.choose_paycode()
        self.scan_declined_paycode("wechat")
        self.scan_paycode_confirmed_on_phone("wechat")
        self.leave()
        self.take_out_card("ssc")
        self.expect_wiped(zhang, "after the session")

    def idcard_qr(self):
        payable = self.payable_residents()
        self.expect(payable, "choose a resident", "residents.toml has no payable resident in 320600")
        resident = payable[-1]
        self.forbid_resident(resident)
        self.identify_by_card("idcard", resident, "showingEnrollment")
        self.expect_visible_texts("enrollment", [resident.masked_name])
        paid_from = time.monotonic()
        self.confirm_and_choose("qr")
        self.k.wait_screen("showingQR", "choose method qr", timeout=30)
        markup = ((self.k.screen_frame() or {}).get("qr") or {}).get("svg")
        self.expect(markup, "the QR is shown", "SCREEN.qr.svg is empty")
        # The page's <svg> of SCREEN.qr.svg: the same viewBox and the same drawing elements.
        size = self.k.page.evaluate("""markup => {
            const sent = new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement;
            const shape = (svg) => [svg.getAttribute('viewBox'), svg.querySelectorAll('path, rect, polygon').length].join('|');
            const want = shape(sent);
            const found = [...document.querySelectorAll('svg')].find(s => s.checkVisibility() && shape(s) === want);
            if (!found) return null;
            const r = found.getBoundingClientRect();
            return [r.width, r.height]; }""", markup)
        self.expect(size is not None, "the QR is shown", "no visible <svg> draws SCREEN.qr.svg")
        self.expect(size[0] >= 480 and size[1] >= 480, "the QR is shown",
                    f"the QR <svg> is {size[0]:.0f}×{size[1]:.0f} px, want ≥ 480×480")
        self.k.notes.append(f"the QR is {size[0]:.0f}×{size[1]:.0f} px")
        self.expect_countdown("showingQR countdown", (self.k.screen_frame() or {}).get("countdown", {}).get("seconds", 600))
        self.api.qr_paid("wechat")
        self.k.wait_screen(("takingReceipt", "finished"), "the phone pays the QR", timeout=40)
        self.expect_printed(paid_from, "receipt", "the receipt")
        self.expect_completion("the receipt", "paid", "printed")
        self.leave()
        self.take_out_card("idcard")

    def typed_identity(self):
        zhang = self.resident("张建国")
        self.k.tap("chooseManualEntry", "choose manual entry")
        self.k.wait_screen("typingIdentity", "choose manual entry")
        self.k.type_name(zhang.name)
        self.expect(self.k.field_text("#name") == zhang.name, "type the name", f"#name shows {self.k.field_text('#name')!r}")
        first17 = zhang.id_number[:17]
        right = id_check_character(first17)
        self.expect(right == zhang.id_number[17], "type the ID number", "residents.toml's check character is wrong")
        wrong = "0" if right != "0" else "1"
        self.k.type_id(first17 + wrong, "type the ID number with a wrong check character")
        self.expect(self.k.field_text("#id-number") == first17 + wrong, "type the ID number",
                    f"#id-number shows {self.k.field_text('#id-number')!r}")
        self.wait_hint(lambda hint: "校验" in hint, "a wrong check character",
                       "#id-hint does not say the check character is wrong")
        self.k.screenshot("typingIdentity")
        self.expect(self.k.is_disabled("submitIdentity") is True, "a wrong check character",
                    "submitIdentity is not disabled")
        self.k.tap_selector('[data-key="backspace"]', "erase the check character")
        self.k.type_id(right, "type the right check character")
        self.expect(self.k.field_text("#id-number") == zhang.id_number, "fix the check character",
                    f"#id-number shows {self.k.field_text('#id-number')!r}")
        shown = self.k.text_of("#id-number")
        self.expect(re.fullmatch(r"\d{6} \d{8} \d{3}[\dX]", shown or ""), "fix the check character",
                    f"#id-number shows {shown!r}, not in 6-8-4 groups")
        self.wait_hint(lambda hint: "校验" not in hint, "the right check character",
                       "#id-hint still says the check character is wrong")
        self.expect(self.k.is_disabled("submitIdentity") is False, "the right check character", "submitIdentity is still disabled")
        self.k.screenshot("typingIdentity")
        self.k.tap("submitIdentity", "submit the identity")
        self.forbid_resident(zhang)
        self.k.wait_screen("showingEnrollment", "submit the identity")
        self.expect_visible_texts("enrollment", [zhang.masked_name, zhang.masked_id])
        self.pay_with_paycode("alipay")
        self.leave()

    def wait_hint(self, condition, step, what):
        deadline = time.monotonic() + 3
        hint = ""
        while time.monotonic() < deadline:
            hint = self.k.text_of("#id-hint") or ""
            if condition(hint):
                return hint
            self.k.page.wait_for_timeout(50)
        self.expect(False, step, f"{what} (#id-hint: {hint!r})")

    def exempt(self):
        wang = self.resident("王秀英")
        self.forbid_resident(wang)
        self.identify_by_card("ssc" if wang.has_ssc else "idcard", wang, "confirmingRegistration")
        self.expect_visible_texts("registration", [wang.masked_name])
        registered_from = time.monotonic()
        self.k.tap("confirmRegistration", "confirm the registration")
        self.k.wait_screen(("takingReceipt", "finished"), "confirm the registration")
        self.expect_printed(registered_from, "slip", "the slip is printed")
        self.expect_completion("the slip is printed", "registered", "printed")
        self.leave()
        self.take_out_card("ssc" if wang.has_ssc else "idcard")

    def tap_for_next_screen(self, action, kind, step, **params):
        """Taps, then waits for the screen kioskd pushes in answer even when it is of the same kind
        (wait_screen alone would return at once on the screen tapped)."""
        before = self.k.dataset()["seq"]
        self.k.tap(action, step, **params)
        self.k.page.wait_for_function("seq => document.body && document.body.dataset.seq !== seq", arg=str(before),
                                      timeout=10000, polling=50)
        return self.k.wait_screen(kind, step)

    def aided_tier(self):
        """A 低保 resident whose 一档 aid covers in full: registered without paying; 二档 would cost the difference."""
        chen = self.resident("陈德明")
        self.forbid_resident(chen)
        kind = "ssc" if chen.has_ssc else "idcard"
        self.identify_by_card(kind, chen, "showingEnrollment")
        offered = (self.k.screen_frame() or {}).get("actions", [])
        self.expect("confirmRegistration" in offered and "confirmPayment" not in offered, "aided tier",
                    f"kioskd offers {offered} for a tier aid covers in full")
        self.expect_visible_texts("aided tier", ["个人无需缴费", chen.masked_name])
        self.tap_for_next_screen("chooseTier", "showingEnrollment", "choose 二档", tier="1")
        offered = (self.k.screen_frame() or {}).get("actions", [])
        self.expect("confirmPayment" in offered and "confirmRegistration" not in offered, "choose 二档",
                    f"kioskd offers {offered} for a tier with something to pay")
        self.expect_visible_texts("choose 二档", ["确认缴费 ¥375.00"])
        self.tap_for_next_screen("chooseTier", "showingEnrollment", "back to 一档", tier="0")
        registered_from = time.monotonic()
        self.k.tap("confirmRegistration", "register in 一档")
        self.k.wait_screen(("takingReceipt", "finished"), "register in 一档")
        self.expect_printed(registered_from, "slip", "the slip is printed")
        self.expect_completion("the slip is printed", "registered", "printed")
        self.leave()
        self.take_out_card(kind)

    def already_paid_reprint(self):
        zhang = self.resident("张建国")
        self.forbid_resident(zhang)
        self.identify_by_card("ssc", zhang, "showingEnrollment", "first visit: insert the SSC")
        self.pay_with_paycode("unionpay")
        self.leave("first visit")
        self.take_out_card("ssc")
        # Someone holds up an e-SSC code the sandbox does not know: that session ends on `failed`.
        step = "scan an e-SSC code the sandbox does not know"
        self.api.scan_text("essc-nobody-0000")
        self.k.wait_screen("failed", step)
        frame = self.k.screen_frame() or {}
        notice = frame.get("notice") or {}
        self.expect(notice.get("code") == "identity.token_invalid", step,
                    f"SCREEN.notice is {notice}, want code 'identity.token_invalid'")
        shown = self.k.notice_text()
        self.expect("电子社保卡" in shown and "失效" in shown, step, f"the notice does not say the e-SSC code is invalid: {shown!r}")
        self.expect_plain_chinese(step, shown, notice.get("code"))
        self.expect_wiped(zhang, "the failed screen after 张*国's session")
        self.k.tap("done", "leave the failed screen")
        self.k.wait_screen("attract", "leave the failed screen")
        # The second visit identifies with the e-SSC QR, the fourth way in.
        self.expect(zhang.has_essc, "second visit", "/demo/api/residents says 张*国 has no e-SSC")
        self.api.scan_essc(zhang)
        self.k.wait_screen("alreadyPaid", "second visit: scan the e-SSC QR")
        self.k.tap("history", "show the history")
        self.k.wait_screen("showingHistory", "show the history")
        history = (self.k.screen_frame() or {}).get("history") or []
        this_year = [entry for entry in history if entry.get("year") == KIOSK_YEAR and entry.get("canReprint")]
        self.expect(this_year, "show the history", f"no reprintable {KIOSK_YEAR} payment in SCREEN.history {history}")
        reprinted_from = time.monotonic()
        self.k.tap("reprint", "reprint the receipt", index=this_year[0]["index"])
        self.k.wait_screen(("takingReceipt", "finished"), "reprint the receipt")
        self.expect_printed(reprinted_from, "receipt", "the receipt is reprinted")
        self.expect_completion("the receipt is reprinted", "reprinted", "printed")
        self.leave()

    def outside_window(self):
        zhang = self.resident("张建国")
        self.forbid_resident(zhang)
        self.identify_by_card("ssc", zhang, "unavailable")
        notice = self.k.notice_text()
        self.expect("缴费期" in notice or "截止" in notice, "outside the window",
                    f"the notice does not mention the payment window: {notice!r}")
        offered = (self.k.screen_frame() or {}).get("actions") or []
        self.k.tap("done" if "done" in offered else "cancel", "leave")
        self.k.wait_screen("attract", "leave")
        self.take_out_card("ssc")

    def pay_for_other(self):
        zhang, xiaoyu = self.resident("张建国"), self.resident("张小雨")
        self.forbid_resident(zhang)
        self.forbid_resident(xiaoyu)
        self.identify_by_card("ssc", zhang, "showingEnrollment")
        self.k.tap("payForOther", "pay for a relative")
        self.k.wait_screen("choosingBeneficiary", "pay for a relative")
        relatives = (self.k.screen_frame() or {}).get("relatives") or []
        chosen = [r for r in relatives if r.get("name") == xiaoyu.masked_name and r.get("relation") == "孙子女"]
        self.expect(chosen, "choose 张*雨", f"SCREEN.relatives is {relatives}")
        self.expect_visible_texts("choose 张*雨", [xiaoyu.masked_name, "孙子女"])
        self.k.tap("chooseRelative", "choose 张*雨", index=chosen[0]["index"])
        self.k.wait_screen("showingEnrollment", "her enrollment")
        frame = self.k.screen_frame() or {}
        self.expect((frame.get("person") or {}).get("name") == xiaoyu.masked_name, "her enrollment",
                    f"SCREEN.person is {frame.get('person')}")
        self.expect((frame.get("payer") or {}).get("name") == zhang.masked_name, "her enrollment",
                    f"SCREEN.payer is {frame.get('payer')}")
        self.expect_visible_texts("her enrollment", [xiaoyu.masked_name])
        self.pay_with_paycode("wechat")
        self.leave()
        self.take_out_card("ssc")

    def timeout_wipes(self):
        zhang = self.resident("张建国")
        self.forbid_resident(zhang)
        self.identify_by_card("ssc", zhang, "showingEnrollment")
        frame = self.k.screen_frame() or {}
        amount = (frame.get("amount") or {})
        needles = {zhang.name: "the full name", zhang.masked_name: "the masked name",
                   zhang.id_number: "the ID number", zhang.masked_id: "the masked ID number"}
        for value, what in ((amount.get("text"), "the amount"), (amount.get("capitals"), "the amount in capitals")):
            if value:
                needles[value] = what
        for tier in (frame.get("enrollment") or {}).get("tiers") or []:
            for key in ("due", "amount"):
                if tier.get(key) and tier[key] != "0.00":
                    needles[tier[key]] = "the amount"
        self.expect(any(what == "the amount" for what in needles.values()), "enrollment",
                    f"SCREEN has no amount: {amount}")
        idle_from = self.k.frame_time() or time.monotonic()
        self.k.wait_screen("stillThere", "wait without touching (idle 10 s)", timeout=25)
        waited = time.monotonic() - idle_from
        self.expect(waited >= 8, "stillThere", f"stillThere came after {waited:.1f} s, before the 10 s idle timeout")
        self.k.notes.append(f"stillThere came {waited:.1f} s after the enrollment screen")
        self.expect_countdown("stillThere countdown", 5)
        countdown_from = self.k.frame_time() or time.monotonic()
        self.k.wait_screen("attract", "wait through the countdown (5 s)", timeout=20)
        self.k.notes.append(f"attract came {(self.k.frame_time() or time.monotonic()) - countdown_from:.1f} s after stillThere")
        self.take_out_card("ssc")
        kept = self.k.persisted()
        leaks = [f"{what} ({value}) in {place}" for place, text in kept.items() for value, what in needles.items() if value in text]
        self.expect(not leaks, "the attract screen after the timeout", "the page still holds: " + "; ".join(leaks))

    def backend_down(self):
        self.api.backend(False)
        try:
            self.k.wait_screen("outOfService", "take the backend down", timeout=15)
            self.expect_visible_texts("out of service", ["暂停服务"])
        finally:
            self.api.backend(True)
        self.k.wait_screen("attract", "bring the backend back", timeout=30)

    def paper_out(self):
        zhang = self.resident("张建国")
        self.forbid_resident(zhang)
        self.identify_by_card("ssc", zhang, "showingEnrollment")
        self.api.printer("out")
        try:
            self.confirm_and_choose("paycode")
            self.k.wait_screen("printerUnavailable", "the printer is out of paper")
            notice = self.k.notice_text()
            self.expect("纸" in notice, "the printer is out of paper", f"the notice does not say so: {notice!r}")
            self.k.tap("continueWithoutReceipt", "continue without a receipt")
            self.k.wait_screen("awaitingPayCode", "continue without a receipt")
            self.api.scan_paycode("wechat", "succeed")
            self.k.wait_screen("finished", "pay without a receipt", timeout=30)
            self.expect_completion("pay without a receipt", "paid", "owed")
            self.expect_visible_texts("the receipt is owed", ["补打"])
        finally:
            self.api.printer("full")
        self.leave()
        self.take_out_card("ssc")

    def card_approved(self):
        """刷卡支付: the resident inserts a UnionPay debit card at the PIN pad, types the right PIN → receipt."""
        zhang = self.resident("张建国")
        self.forbid_resident(zhang)
        self.identify_by_card("ssc", zhang, "showingEnrollment")
        printed_before = self.api.printed_count()
        self.choose_card()
        self.insert_bank_card("insert the UnionPay debit card")
        paid_from = time.monotonic()
        self.api.enter_pin(correct=True)
        self.expect_receipt(paid_from, "type the right PIN", timeout=30)
        self.expect_receipt_image(printed_before, "the receipt is printed")
        self.take_bank_card("take the bank card out of the pad")
        self.leave()
        self.take_out_card("ssc")
        self.expect_wiped(zhang, "after the session")

    def card_wrong_pin_then_approved(self):
        """Three wrong PINs: the pad declines (paymentFailed, bank_card.wrong_pin, nothing printed);
        重新支付 → 刷卡 again, a new payment at the pad with its own 3 tries: one wrong PIN, then the
        right one → receipt. One resident's session."""
        zhang = self.resident("张建国")
        self.forbid_resident(zhang)
        self.identify_by_card("ssc", zhang, "showingEnrollment")
        printed_before = self.api.printed_count()
        self.choose_card()
        self.insert_bank_card("insert the bank card")
        declined_from = time.monotonic()
        for left in (3, 2, 1):
            step = f"type a wrong PIN ({left} {'tries' if left > 1 else 'try'} left)"
            self.wait_pad(f"请输入密码（还可输入 {left} 次）", step)
            self.expect(self.k.screen == "atTerminal", step, "the screen left atTerminal while the pad takes PINs")
            self.api.enter_pin(correct=False)
        self.expect_card_declined("the third wrong PIN", "bank_card.wrong_pin", "密码错误", declined_from, printed_before)
        self.take_bank_card("take the bank card out after the wrong PINs")

        self.k.tap("retry", "retry after the wrong PINs")
        self.k.wait_screen("choosingMethod", "retry after the wrong PINs")
        self.expect("card" in (self.shown_frame().get("methods") or []), "retry after the wrong PINs",
                    f"kioskd does not offer card again: {self.shown_frame().get('methods')}")
        self.k.tap("chooseMethod", "choose method card again", method="card")
        self.expect_at_terminal("choose method card again")
        self.insert_bank_card("insert the bank card again (3 tries again)")
        self.api.enter_pin(correct=False)
        self.wait_pad("请输入密码（还可输入 2 次）", "type a wrong PIN once")
        self.expect(self.k.screen == "atTerminal", "type a wrong PIN once", "the screen left atTerminal after one wrong PIN")
        paid_from = time.monotonic()
        self.api.enter_pin(correct=True)
        self.expect_receipt(paid_from, "then the right PIN", timeout=30)
        self.expect_receipt_image(printed_before, "the receipt is printed")
        self.take_bank_card("take the bank card out of the pad")
        self.leave()
        self.take_out_card("ssc")
        self.expect_wiped(zhang, "after the session")

    def card_declined(self):
        """A card without the money: the pad declines (paymentFailed, bank_card.insufficient_funds,
        the amount still shown, 重新支付 offered, nothing printed); the resident leaves."""
        zhang = self.resident("张建国")
        self.forbid_resident(zhang)
        self.identify_by_card("ssc", zhang, "showingEnrollment")
        printed_before = self.api.printed_count()
        amount = self.choose_card()
        self.insert_bank_card("insert a card with ¥50 on it", card="insufficientFunds")
        declined_from = time.monotonic()
        self.api.enter_pin(correct=True)
        shown = self.expect_card_declined("type the right PIN", "bank_card.insufficient_funds", "余额不足", declined_from, printed_before)
        self.expect(shown == amount, "type the right PIN", f"paymentFailed shows {shown}, atTerminal asked for {amount}")
        self.take_bank_card("take the bank card out")
        self.k.tap("cancel", "leave after the declined card")
        self.k.wait_screen("attract", "leave after the declined card")
        self.expect_nothing_printed(declined_from, printed_before, "leave after the declined card")
        self.take_out_card("ssc")
        self.expect_wiped(zhang, "after the session")

    def card_cancelled(self):
        """取消支付 on the screen while the pad waits for a card: kioskd aborts the payment at the
        terminal → attract with payment.cancelled. Then a second session: the resident inserts the
        card and presses cancel on the PIN pad itself → the same."""
        zhang = self.resident("张建国")
        self.forbid_resident(zhang)
        self.identify_by_card("ssc", zhang, "showingEnrollment", "first visit: insert the SSC")
        printed_before = self.api.printed_count()
        self.choose_card("first visit: choose method card")
        cancelled_from = time.monotonic()
        self.k.tap("cancel", "tap 取消支付 on the screen")
        self.expect_cancelled_to_attract("tap 取消支付 on the screen", cancelled_from, printed_before)
        pad = self.wait_pad("交易失败", "the payment is aborted at the terminal")
        self.k.notes.append(f"after 取消支付 the PIN pad shows {pad!r}")
        self.take_out_card("ssc")
        self.expect_wiped(zhang, "after the first visit")

        self.identify_by_card("ssc", zhang, "showingEnrollment", "second visit: insert the SSC")
        self.choose_card("second visit: choose method card")
        self.insert_bank_card("insert the bank card")
        cancelled_from = time.monotonic()
        self.api.cancel_at_pinpad()
        self.expect_cancelled_to_attract("press cancel on the PIN pad", cancelled_from, printed_before)
        self.take_bank_card("take the bank card out of the pad")
        self.take_out_card("ssc")
        self.expect_wiped(zhang, "after the second visit")

    def card_terminal_unreachable(self):
        """The PIN pad is unplugged before the resident comes: the method screen leaves 刷卡 out and
        says so; the resident pays by pay code. Plugged in again, the next resident is offered 刷卡."""
        zhang, xiaoyu = self.resident("张建国"), self.resident("张小雨")
        self.forbid_resident(zhang)
        self.forbid_resident(xiaoyu)
        self.api.terminal_network(False)
        try:
            self.wait_pad("已断开", "unplug the PIN pad")
            self.identify_by_card("ssc", zhang, "showingEnrollment")
            self.k.tap("confirmPayment", "confirm the payment")
            self.k.wait_screen("choosingMethod", "confirm the payment")
            methods = self.wait_card_offer(False, "the method screen without 刷卡")
            self.expect("paycode" in methods, "the method screen without 刷卡", f"SCREEN.methods is {methods}")
            self.k.tap("chooseMethod", "choose method paycode", method="paycode")
            self.k.wait_screen("awaitingPayCode", "choose method paycode")
            self.scan_good_paycode("wechat")
            self.leave()
            self.take_out_card("ssc")
        finally:
            self.api.terminal_network(True)
        self.wait_pad("待机", "plug the PIN pad in again")
        kind = "ssc" if xiaoyu.has_ssc else "idcard"
        self.identify_by_card(kind, xiaoyu, "showingEnrollment", f"the next resident: insert {xiaoyu.masked_name}'s {kind} card")
        self.k.tap("confirmPayment", "the next resident confirms the payment")
        self.k.wait_screen("choosingMethod", "the next resident confirms the payment")
        self.wait_card_offer(True, "the method screen offers 刷卡 again")
        self.k.tap("cancel", "the next resident leaves")
        self.k.wait_screen("attract", "the next resident leaves")
        self.take_out_card(kind)

    def service_menu(self):
        """A technician holds the logo 5 s, types the PIN, reads the checks, switches maintenance on
        and off, shows the screen test pattern and closes the menu. kioskd runs with the hash of SERVICE_PIN."""
        k = self.k
        k.hold("header.top .emblem", 2, "a short press on the logo")
        k.page.wait_for_timeout(500)
        self.expect(k.page.locator("#service").filter(visible=True).count() == 0, "a short press on the logo", "a 2 s press opened the PIN pad")
        k.hold("header.top .emblem", 5.3, "hold the logo 5 s")
        wait_visible(k, "#service-pin", "hold the logo 5 s")
        k.audit_now("servicePIN")
        k.screenshot("servicePIN")
        wrong = "1" * len(SERVICE_PIN) if SERVICE_PIN != "1" * len(SERVICE_PIN) else "2" * len(SERVICE_PIN)
        for digit in wrong:
            k.tap_selector(f'#service [data-key="{digit}"]', f"type a wrong PIN: {digit}")
        k.tap_selector('[data-service="submitPIN"]', "confirm the wrong PIN")
        wait_text(k, "#service-message", "PIN 不正确，还可尝试 4 次", "confirm the wrong PIN")
        k.audit_now("servicePINRefused")
        for digit in SERVICE_PIN:
            k.tap_selector(f'#service [data-key="{digit}"]', f"type the PIN: {digit}")
        self.expect(k.text_of("#service-pin") == "●" * len(SERVICE_PIN), "type the PIN", "the pad does not show one dot per digit")
        k.tap_selector('[data-service="submitPIN"]', "confirm the PIN")
        wait_visible(k, ".service-checks li", "the service menu opens")
        checks = k.page.locator(".service-checks li").count()
        self.expect(checks >= 5, "the service menu opens", f"only {checks} checks listed")
        self.expect(SERVICE_PIN not in k.page.content(), "the service menu opens", "the PIN is still in the page")
        k.audit_now("serviceMenu")
        k.screenshot("serviceMenu")

        k.tap_selector('[data-service="maintenanceOn"]', "maintenance on from the menu")
        wait_text(k, "#service-maintenance", "维护模式：开", "maintenance on from the menu")
        try:
            k.page.wait_for_function("() => document.body.dataset.screen === 'maintenance'", timeout=10000)
        except Exception:
            raise JourneyFailure(f"step 'maintenance on from the menu': the screen beneath is not maintenance; {k.describe_state()}") from None
        k.tap_selector('[data-service="maintenanceOff"]', "maintenance off from the menu")
        wait_text(k, "#service-maintenance", "维护模式：关", "maintenance off from the menu")

        k.tap_selector('[data-service="screenTest"]', "screen test from the menu")
        wait_visible(k, "#test-pattern", "screen test from the menu")
        size = k.text_of("#test-pattern .pattern-size")
        self.expect(size == "1080×1920", "screen test from the menu", f"the pattern measured {size}")
        k.notes.append(f"test pattern measured {size}")
        k.screenshot("screenTest")
        k.page.wait_for_selector("#test-pattern", state="hidden", timeout=15000)
        wait_visible(k, ".service-checks li", "the menu is back after the pattern")
        k.tap_selector('[data-service="close"]', "close the menu")
        k.page.wait_for_selector("#service", state="hidden", timeout=5000)
        self.expect(k.screen == "attract", "close the menu", "the kiosk is not back on attract")

    def expect_wiped(self, resident, step):
        kept = self.k.persisted()
        needles = {resident.name: "the full name", resident.masked_name: "the masked name",
                   resident.id_number: "the ID number", resident.masked_id: "the masked ID number"}
        leaks = [f"{what} in {place}" for place, text in kept.items() for value, what in needles.items() if value in text]
        self.expect(not leaks, step, "the attract page still holds: " + "; ".join(leaks))


JOURNEYS = {
    "ssc-paycode": Journey.ssc_paycode,
    "idcard-qr": Journey.idcard_qr,
    "typed-identity": Journey.typed_identity,
    "exempt": Journey.exempt,
    "aided-tier": Journey.aided_tier,
    "already-paid-reprint": Journey.already_paid_reprint,
    "outside-window": Journey.outside_window,
    "pay-for-other": Journey.pay_for_other,
    "timeout-wipes": Journey.timeout_wipes,
    "backend-down": Journey.backend_down,
    "paper-out": Journey.paper_out,
    "card-approved": Journey.card_approved,
    "card-wrong-pin-then-approved": Journey.card_wrong_pin_then_approved,
    "card-declined": Journey.card_declined,
    "card-cancelled": Journey.card_cancelled,
    "card-terminal-unreachable": Journey.card_terminal_unreachable,
    "service-menu": Journey.service_menu,
}


def run(url, name, screenshots):
    began = time.monotonic()
    api = DemoAPI(url)
    with sync_playwright() as playwright:
        try:
            browser, context = launch(playwright)
        except JourneyFailure as error:
            print(f"FAILED journey {name}: {error}")
            return False
        kiosk = Kiosk(context, url, name, screenshots)
        failure = None
        try:
            residents = api.residents()
            kiosk.open()
            JOURNEYS[name](Journey(kiosk, api, residents))
            kiosk.finish()
            # Every word comes with the screen (ResidentPageTexts); the page says when one was missing.
            missing = [line for line in kiosk.console if "kioskd sent no text" in line]
            if missing:
                raise JourneyFailure("the page asked for texts kioskd did not send: " + "; ".join(sorted(set(missing))))
        except JourneyFailure as error:
            failure = str(error)
        except Exception:  # a bug in the test or Playwright: still say where the page was
            failure = "unexpected error:\n" + traceback.format_exc()
        if failure:
            try:
                kiosk.audit_failures()
                state = kiosk.describe_state()
            except Exception as error:
                state = f"(the page could not be read: {error})"
            if kiosk.waiting and kiosk.waiting not in failure:
                failure += f" (at {kiosk.waiting})"
            print(f"FAILED journey {name} after {time.monotonic() - began:.1f} s: {failure}")
            print(f"  state: {state}")
            others = [v for v in kiosk.violations if v not in failure]
            if others:
                print("  accessibility/contract failures so far:\n    - " + "\n    - ".join(others))
            if kiosk.console:
                print("  browser console:\n    " + "\n    ".join(kiosk.console[-15:]))
            sent = [m for _, m in kiosk.sent if m.get("action") != "touch"][-8:]
            if sent:
                print("  last actions the page sent: " + ", ".join(m.get("action", "?") for m in sent))
        else:
            print(f"PASSED journey {name} in {time.monotonic() - began:.1f} s")
        for step, screen, at, actions in kiosk.steps:
            print(f"  {at:6.1f} s  {screen:<24} {step}  [actions: {', '.join(actions)}]")
        for note in kiosk.notes:
            print(f"  note: {note}")
        audited = [e["screen"] + ("" if e["settled"] else "*") for e in kiosk.audited if not e["skipped"]]
        skipped = [e["screen"] for e in kiosk.audited if e["skipped"]]
        print(f"accessibility audit: {len(audited)} screens ({', '.join(audited)}; * = replaced within its fade-in, audited as rendered)"
              + (f"; never painted: {', '.join(skipped)}" if skipped else ""))
        print(f"screenshots ({len(kiosk.screenshots)}):")
        for path in kiosk.screenshots:
            print(f"  {path}")
        context.close()
        browser.close()
    return failure is None


def interrupted(_signal, _frame):
    """The runner's time limit: fail where the journey stands, so the report says which step hung."""
    raise JourneyFailure("interrupted by SIGTERM (the runner's time limit)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="kioskd's UI, e.g. http://127.0.0.1:8080")
    parser.add_argument("--journey", choices=sorted(JOURNEYS))
    parser.add_argument("--screenshots", default="ui-screenshots", help="folder for the screenshots")
    parser.add_argument("--list", action="store_true", help="print the journey names")
    arguments = parser.parse_args()
    if arguments.list:
        print("\n".join(JOURNEYS))
        return 0
    if not arguments.url or not arguments.journey:
        parser.error("--url and --journey are required (or --list)")
    signal.signal(signal.SIGTERM, interrupted)
    return 0 if run(arguments.url, arguments.journey, arguments.screenshots) else 1


if __name__ == "__main__":
    sys.exit(main())
