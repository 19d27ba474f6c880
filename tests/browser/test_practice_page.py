"""The problem page's details a first session runs into: the history after the first Run, the
signature block in the dark theme, the reason a submission is refused, the draft on Submit."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-pass-phrase-42"


def log_in(page, base: str, username: str, next_path: str) -> None:
    get_user_model().objects.create_user(username, password=PASSWORD)
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def contrast_ratio(foreground: tuple[float, ...], background: tuple[float, ...]) -> float:
    """WCAG 2 contrast of two sRGB colours given as 0-255 channels."""

    def luminance(rgb: tuple[float, ...]) -> float:
        channels = []
        for value in rgb[:3]:
            c = value / 255
            channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# The token's colour and the first opaque background behind it, as [r, g, b] lists.
COLOURS_JS = """selector => {
  const parse = (text) => text.match(/[\\d.]+/g).map(Number);
  const node = document.querySelector(selector);
  let back = node;
  while (back && parse(getComputedStyle(back).backgroundColor)[3] === 0) back = back.parentElement;
  const background = back ? getComputedStyle(back).backgroundColor : "rgb(255, 255, 255)";
  return [parse(getComputedStyle(node).color), parse(background)];
}"""


@pytest.mark.parametrize(
    ("system", "chosen"),
    [("light", "dark"), ("dark", None), ("dark", "light")],
    ids=["dark-chosen", "dark-system", "light-chosen-on-dark-system"],
)
def test_signature_function_name_is_readable_in_either_theme(
    live_server, problems_root, browser, system, chosen
):
    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    page = browser.new_page(viewport={"width": 1366, "height": 900}, color_scheme=system)
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    if chosen:
        page.add_init_script(f"localStorage.setItem('cvprep:theme', '{chosen}')")
    page.goto(f"{live_server.url}/problems/nms/")
    page.wait_for_selector(".statement .highlight .nf")
    for token in (".nf", ".k", ".nb"):  # the function's name, `def`, `float`
        foreground, background = page.evaluate(COLOURS_JS, f".statement .highlight {token}")
        ratio = contrast_ratio(tuple(foreground), tuple(background))
        assert ratio >= 4.5, f"{token}: contrast {ratio:.2f} ({foreground} on {background})"
    if chosen == "dark":
        screenshot(page, "dark")
    assert errors == []
    page.close()


def test_first_run_replaces_none_yet_in_your_submissions(
    live_server, problems_root, start_worker, page
):
    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    start_worker()
    log_in(page, live_server.url, "ada", "/problems/nms/")
    page.wait_for_selector(".cm-editor")
    assert page.inner_text("#history") == "None yet."
    page.click("#run")
    page.wait_for_selector("#status strong", timeout=60_000)
    items = page.locator("#history li")
    assert items.count() == 1
    assert items.first.inner_text().startswith("#")
    assert "None yet" not in page.inner_text("#history")
    assert page.console_errors == []


def test_a_refused_submission_shows_the_servers_reason(live_server, problems_root, page):
    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    log_in(page, live_server.url, "ada", "/problems/nms/")
    page.wait_for_selector(".cm-editor")
    page.evaluate("code => window.cvprepEditor.setValue(code)", "x = 1\n" * 200_000)
    page.click("#submit")
    page.wait_for_selector("#status:has-text('Not sent')", timeout=30_000)
    status = page.inner_text("#status")
    assert "limit is 512 KiB" in status, status
    assert "refused" not in status
    # The browser logs a failed request (413) as a console error; nothing else may appear.
    assert [e for e in page.console_errors if "413" not in e] == []
