"""Pages about submissions: one submission and the diff of two (the progress page, which
adds what learning knows, is backend/learning/progress.py)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from backend.lib.users import signed_in
from backend.submissions import selectors
from backend.submissions.models import Submission


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(
        Submission.objects.select_related("problem", "interview"), pk=pk, owner=request.user
    )
    code_html = highlight(
        submission.code, PythonLexer(), HtmlFormatter(linenos="table", cssclass="highlight")
    )
    others = selectors.history(request.user, submission.problem).exclude(pk=pk)[:20]
    return render(
        request,
        "submissions/detail.html",
        {
            "submission": submission,
            "code_html": code_html,
            "others": others,
            # During a running interview only the sample cases of a submit are shown.
            "result_cases": failures_first(
                case
                for case in (submission.result or {}).get("cases", [])
                if case.get("sample") or not submission.results_hidden
            ),
        },
    )


# Checkers quote numpy's repr of a scalar ("np.int64(2)"); a candidate reads "2".
NUMPY_SCALAR = re.compile(
    r"\bnp\.(?:u?int\d*|float\d*|bool_?|complex\d*|str_|longdouble)\(([^()]*)\)"
)


def plain_numbers(text: str) -> str:
    return NUMPY_SCALAR.sub(r"\1", text)


def failures_first(cases: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    shown = [dict(case, message=plain_numbers(case.get("message") or "")) for case in cases]
    return sorted(shown, key=lambda case: case.get("verdict") == "accepted")


@login_required
def submission_diff(request: HttpRequest, a: int, b: int) -> HttpResponse:
    mine = Submission.objects.select_related("problem", "interview").filter(
        owner=signed_in(request)
    )
    first, second = get_object_or_404(mine, pk=a), get_object_or_404(mine, pk=b)
    table = difflib.HtmlDiff(tabsize=4, wrapcolumn=90).make_table(
        first.code.splitlines(),
        second.code.splitlines(),
        fromdesc=f"#{first.pk} {_verdict_text(first)}",
        todesc=f"#{second.pk} {_verdict_text(second)}",
        context=False,
    )
    return render(
        request, "submissions/diff.html", {"first": first, "second": second, "table": table}
    )


def _verdict_text(submission: Submission) -> str:
    return "submitted" if submission.results_hidden else submission.verdict_label
