"""The kinds' own fixtures, for the tests here that go through every kind's API."""

from tests.backend.designs.conftest import design_root, prompt, user  # noqa: F401
from tests.backend.takehomes.conftest import (  # noqa: F401
    assignment,
    candidate,
    package,
    reviewer,
    takehome,
    takehome_root,
)
