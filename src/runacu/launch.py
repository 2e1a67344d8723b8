"""The `runacu` console script: a stored page when this exact run was seen before, else the full CLI.

Kept small on purpose: a repeat run imports only this, `output_store` and the standard library.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (the fast path)

if TYPE_CHECKING:
    from typing import NoReturn


def main() -> NoReturn:
    recorder = None
    from runacu import output_store

    if output_store.enabled() and (key := output_store.key_for(sys.argv[1:])) is not None:
        if output_store.serve(key):
            sys.exit(0)
        recorder = output_store.Recorder(key)
        recorder.install()
        output_store.recorder = recorder
    # runacu installs no pydantic plugins: skip pydantic's scan of every installed package for them.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from runacu.cli import main as run

    run(recorder)
