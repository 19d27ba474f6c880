"""Coding problems: a candidate's function run in the sandbox on a package's cases and judged
by its checker. Knows nothing of Django.

from graders.coding import grade, load_package, Mode
package = load_package("problems/nms")              # InvalidPackage naming file and field
result = grade(package, code, mode=Mode.SUBMIT)     # GradeResult: verdict, score, cases
grade_custom(package, code, parse_custom_input(package, text))   # the page's "run on my input"

Runtimes other than numpy (graders.torchrt) plug in through ``PreparedProblem``. The verifier
(graders.coding.verify) and the pictures (graders.coding.pictures) are imported where used:
they bring Pillow, which grading itself does not need.
"""

from graders.coding.casekit import Case, rng
from graders.coding.custom import CustomInputError, grade_custom, parse_custom_input
from graders.coding.engine import grade, judge_case, prepare, sample_cases
from graders.coding.package import ProblemPackage, load_package
from graders.coding.prepared import PreparedProblem
from graders.coding.verdicts import CaseResult, GradeResult, Mode, Verdict

__all__ = [
    "Case",
    "CaseResult",
    "CustomInputError",
    "GradeResult",
    "Mode",
    "PreparedProblem",
    "ProblemPackage",
    "Verdict",
    "grade",
    "grade_custom",
    "judge_case",
    "load_package",
    "parse_custom_input",
    "prepare",
    "rng",
    "sample_cases",
]
