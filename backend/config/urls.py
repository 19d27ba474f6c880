"""The site's URLs: each app owns its urls.py (pages and API), included here once; the API's
viewsets share one router, whose root lists them at /api/."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from backend.catalog import urls as catalog_urls
from backend.designs import urls as design_urls
from backend.submissions import urls as submission_urls

router = DefaultRouter()
for app_urls in (catalog_urls, submission_urls, design_urls):
    for prefix, viewset, basename in app_urls.api_routes:
        router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("", include("backend.ops.urls")),
    path("favicon.ico", RedirectView.as_view(url=static("cvprep/favicon.svg"), permanent=True)),
    # catalog before submissions: its problems/random/ is not a problem's slug.
    path("", include("backend.catalog.urls")),
    path("", include("backend.accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("backend.learning.urls")),
    path("", include("backend.interviews.urls")),
    path("", include("backend.playback.urls")),
    path("", include("backend.submissions.urls")),
    path("", include("backend.takehomes.urls")),
    path("", include("backend.similarity.urls")),
    path("", include("backend.designs.urls")),
    path("", include("backend.grading.urls")),
    path("api/", include(router.urls)),
    path("api/auth/token/", obtain_auth_token, name="api-token"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
]
