"""cvprep's grading engine. Knows nothing of Django: the site and the CLI both call it.

from graders import grade, load, Mode
result = grade(load("problems/nms"), code, mode=Mode.SUBMIT)   # load() reads any kind
result.verdict, result.score, result.cases

One folder per kind: ``coding/`` (re-exported here), ``design/``, ``takehome/``, ``models/``
(a take-home's model hand-in), ``torchrt/`` (coding's torch runtime). What they share stays
at this level: ``package`` (InvalidPackage, package_kind, discover), ``loading.load``,
``sandbox``, ``charts``, ``jsonsafe``, ``verify.PackageReport`` and the CLI. ``casekit``,
``checkers`` and ``values`` here only re-export graders.coding's, for problem packages.
"""

from graders.coding.casekit import Case
from graders.coding.custom import CustomInputError, grade_custom, parse_custom_input
from graders.coding.engine import grade, prepare, sample_cases
from graders.coding.package import ProblemPackage, load_package
from graders.coding.verdicts import CaseResult, GradeResult, Mode, Verdict
from graders.loading import load
from graders.package import InvalidPackage, discover
from graders.sandbox.limits import Limits

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
