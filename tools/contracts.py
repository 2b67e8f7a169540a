"""An import-linter contract type: features import each other only as their manifests declare.

`kiosk.features.<a>` may import `kiosk.features.<b>` only if `b` is in `a`'s `Feature.depends`
(kiosk/features/<a>/__init__.py). The declared graph is the documentation of how features lean
on one another; this contract keeps it true. Registered in pyproject.toml as `declared`.
"""

from __future__ import annotations

import importlib

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output


class DeclaredDependenciesContract(Contract):
    """Every import between two features follows a declared `depends` edge."""

    registry = fields.StringField()  # the module holding FEATURES, e.g. kiosk.features

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        registry = str(self.registry)
        features = importlib.import_module(registry).FEATURES
        declared = {f.name: set(f.depends) for f in features}
        undeclared: list[dict[str, str]] = []
        unknown = sorted(
            f"{f.name} -> {d}" for f in features for d in f.depends if d not in declared
        )
        for name in declared:
            package = f"{registry}.{name}"
            for module in graph.find_descendants(package) | {package}:
                for imported in graph.find_modules_directly_imported_by(module):
                    if not imported.startswith(registry + "."):
                        continue
                    other = imported[len(registry) + 1 :].split(".")[0]
                    if other != name and other not in declared[name]:
                        undeclared.append(
                            {"importer": module, "imported": imported, "feature": other}
                        )
        return ContractCheck(
            kept=not undeclared and not unknown,
            metadata={"undeclared": undeclared, "unknown": unknown},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        for name in check.metadata["unknown"]:
            output.print_error(f"depends names no feature: {name}")
        for edge in check.metadata["undeclared"]:
            output.print_error(
                f"{edge['importer']} imports {edge['imported']}, "
                f"but '{edge['feature']}' is not in its feature's depends",
                bold=False,
            )
