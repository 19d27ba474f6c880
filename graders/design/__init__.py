"""System-design prompts graded by simulation. Knows nothing of Django.

from graders.design import load_design
package = load_design("problems/design_multicam_detection")
spec = package.check_spec(yaml_text)          # SpecError(errors={"stages[1].replicas": ...})
report = package.evaluate(spec)               # DesignReport: metrics, checks, plots' data
"""

from graders.design.catalog import Catalog, load_catalog
from graders.design.evaluate import Check, DesignReport, evaluate
from graders.design.package import DesignPackage, RubricItem, load_design
from graders.design.plots import render_plots
from graders.design.requirements import Requirements, SimulationSettings
from graders.design.simulator import SimResult, StageModel, Traffic, simulate
from graders.design.spec import PipelineSpec, SpecError, StageSpec, load_yaml, parse_spec

__all__ = [
    "Catalog",
    "Check",
    "DesignPackage",
    "DesignReport",
    "PipelineSpec",
    "Requirements",
    "RubricItem",
    "SimResult",
    "SimulationSettings",
    "SpecError",
    "StageModel",
    "StageSpec",
    "Traffic",
    "evaluate",
    "load_catalog",
    "load_design",
    "load_yaml",
    "parse_spec",
    "render_plots",
    "simulate",
]
