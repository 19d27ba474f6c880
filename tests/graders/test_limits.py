"""One Limits type: the sandbox's, still importable from where it used to live."""

import graders
from graders.coding import verdicts
from graders.sandbox.limits import Limits


def test_the_old_import_paths_give_the_sandboxs_limits():
    assert verdicts.Limits is Limits and graders.Limits is Limits
    limits = Limits(time_limit=1.5, memory_limit_mb=256)
    assert limits.wall_limit == 4.0 and limits.output_limit_bytes == 1 << 20
