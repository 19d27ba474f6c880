"""/api/docs/ and /api/redoc/ load every asset from this site: they render with no network."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


# Redoc's page links Google's fonts, which fall back to local ones offline; its script is ours.
@pytest.mark.parametrize(
    ("path", "pattern"),
    [("/api/docs/", r'(?:src|href)="([^"]+)"'), ("/api/redoc/", r'src="([^"]+)"')],
)
def test_the_api_docs_pages_load_their_code_from_this_site(path, pattern):
    response = Client().get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assets = re.findall(pattern, page)
    assert assets, "the page loads no assets at all"
    assert not [asset for asset in assets if asset.startswith(("http:", "https:", "//"))]
    assert any("drf_spectacular_sidecar" in asset for asset in assets)


def test_the_sidecar_assets_exist_among_the_static_files(settings):
    from django.contrib.staticfiles import finders

    page = Client().get("/api/docs/").content.decode()
    scripts = [s for s in re.findall(r'src="([^"]+)"', page) if s.endswith(".js")]
    assert scripts
    for script in scripts:
        assert finders.find(script.removeprefix(settings.STATIC_URL)), script
