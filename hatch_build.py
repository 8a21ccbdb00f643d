"""The wheel's build hook: compile each language's catalogue (.po) into the .mo the app reads.

The source holds only the .po files translators edit; a wheel carries both (coach/_data/locale/LANG/
LC_MESSAGES/coach.po and coach.mo). Babel compiles them (a build requirement, and a dependency of the app).
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        del version
        locale = Path(self.root) / "locale"
        self._compiled = tempfile.TemporaryDirectory(prefix="rehab-coach-mo-")
        for po_path in sorted(locale.glob("*/LC_MESSAGES/coach.po")):
            relative = po_path.relative_to(locale).with_suffix(".mo")
            with po_path.open("rb") as handle:
                catalogue = read_po(handle)
            out = io.BytesIO()
            write_mo(out, catalogue, use_fuzzy=False)
            mo_path = Path(self._compiled.name) / relative
            mo_path.parent.mkdir(parents=True, exist_ok=True)
            mo_path.write_bytes(out.getvalue())
            build_data["force_include"][str(mo_path)] = f"coach/_data/locale/{relative.as_posix()}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        del version, build_data, artifact_path
        self._compiled.cleanup()
