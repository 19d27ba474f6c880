"""The editor's settings: line wrap, Vim keys, font size and a resizable height, remembered by
the browser across reloads."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from tests.browser.conftest import screenshot
from tests.browser.test_practice_page import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_wrap_vim_font_and_height_are_remembered(live_server, problems_root, browser):
    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    log_in(page, live_server.url, "ada", "/problems/nms/")
    page.wait_for_selector(".cm-editor")
    assert "cm-lineWrapping" not in page.get_attribute(".cm-content", "class")

    page.click("#editor-settings summary")
    page.check("#opt-wrap")
    assert "cm-lineWrapping" in page.get_attribute(".cm-content", "class")
    page.select_option("#opt-font", "17")
    assert page.eval_on_selector(".cm-content", "n => getComputedStyle(n).fontSize") == "17px"
    page.check("#opt-vim")
    page.wait_for_selector(".cm-vim-panel")
    screenshot(page, "editor-settings")

    # Vim keys work: in normal mode, "gg" then "O" opens a line above the first, Escape leaves.
    page.click(".cm-content")
    page.keyboard.press("Escape")
    page.keyboard.type("ggO# typed in vim")
    page.keyboard.press("Escape")
    assert page.evaluate("window.cvprepEditor.getValue()").startswith("# typed in vim\n")

    # Drag the corner: the editor grows, and the height is kept.
    box = page.locator("#editor").bounding_box()
    page.mouse.move(box["x"] + box["width"] - 3, box["y"] + box["height"] - 3)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 3, box["y"] + box["height"] + 150, steps=8)
    page.mouse.up()
    grown = page.locator("#editor").bounding_box()["height"]
    assert grown > box["height"] + 100, (box["height"], grown)
    page.wait_for_timeout(500)  # the height is saved once the resize settles

    page.reload()
    page.wait_for_selector(".cm-vim-panel")
    assert "cm-lineWrapping" in page.get_attribute(".cm-content", "class")
    assert page.eval_on_selector(".cm-content", "n => getComputedStyle(n).fontSize") == "17px"
    assert abs(page.locator("#editor").bounding_box()["height"] - grown) < 3
    assert page.is_checked("#opt-vim") and page.input_value("#opt-font") == "17"

    page.click("#editor-settings summary")
    page.click("#opt-reset")
    assert page.locator(".cm-vim-panel").count() == 0
    assert "cm-lineWrapping" not in page.get_attribute(".cm-content", "class")
    assert errors == []
    page.close()
