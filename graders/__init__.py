"""cvprep's grading engine. Knows nothing of Django: the site and the CLI both call ``grade``.

from graders import grade, load, Mode
result = grade(load("problems/nms"), code, mode=Mode.SUBMIT)   # load() reads any kind
result.verdict, result.score, result.cases
"""

from graders.casekit import Case
from graders.custom import CustomInputError, grade_custom, parse_custom_input
from graders.engine import grade, prepare, sample_cases
from graders.loading import load
from graders.package import InvalidPackage, ProblemPackage, discover, load_package
from graders.sandbox.limits import Limits
from graders.verdicts import CaseResult, GradeResult, Mode, Verdict

__all__ = [
    "Case",
    "CaseResult",
    "CustomInputError",
    "GradeResult",
    "InvalidPackage",
    "Limits",
    "Mode",
    "ProblemPackage",
    "Verdict",
    "discover",
    "grade",
    "grade_custom",
    "load",
    "load_package",
    "parse_custom_input",
    "prepare",
    "sample_cases",
]
