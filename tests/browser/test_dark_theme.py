"""A visitor whose system is dark gets dark form controls too: without the dark colour scheme a
text box is a white slab on the dark page and an empty progress bar (0/5 solved) reads as full."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

WHITE = "rgb(255, 255, 255)"


def test_system_dark_mode_gives_dark_inputs_and_progress_tracks(live_server, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/signup/")
    assert page.evaluate("() => document.documentElement.dataset.theme") is None  # no choice made
    assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") != WHITE
    background = page.evaluate(
        "() => getComputedStyle(document.querySelector('#id_username')).backgroundColor"
    )
    assert background != WHITE
    assert page.evaluate("() => getComputedStyle(document.documentElement).colorScheme") == "dark"
    context.close()
