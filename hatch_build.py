"""The wheel's build hook: ship the built-in data parsed and validated (see src/runacu/content/shipped.py).

A fresh install then reads its first page without importing the YAML parser or pydantic. The copy is
made by runacu's own loader, run from the source tree with the project's runtime dependencies
(`require-runtime-dependencies` below): the same models that will read it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ShippedDataHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads the source tree's data, and caches it as it goes
        root = Path(self.root)
        output = Path(tempfile.mkdtemp(prefix="runacu-shipped-")) / "validated.marshal"
        environment = {**os.environ, "PYTHONPATH": str(root / "src"), "RUNACU_NO_CACHE": "1"}
        command = [sys.executable, "-m", "runacu.content.build_shipped", str(root / "data"), str(output)]
        subprocess.run(command, check=True, env=environment, cwd=root)
        build_data["force_include"][str(output)] = "runacu/data/validated.marshal"
