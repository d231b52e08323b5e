"""The OpenAPI of the registry verdict endpoint (issue 24), as docs/registry-protocol.md shows it.

python scripts/registry_protocol_openapi.py           # print it
python scripts/registry_protocol_openapi.py --write   # put it into docs/registry-protocol.md
python scripts/registry_protocol_openapi.py --check   # exit 1 if the document's copy differs (tests run this)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "registry-protocol.md"
PATH = "/v1/registries/{name}/verifications"
BEGIN, END = "<!-- openapi:begin (scripts/registry_protocol_openapi.py --write) -->", "<!-- openapi:end -->"


def fragment() -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from service.config import Settings
    from service.main import create_app

    spec = create_app(Settings(env="dev")).openapi()
    schemas: dict[str, Any] = {}

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    name = value.rsplit("/", 1)[1]
                    if name not in schemas:
                        schemas[name] = spec["components"]["schemas"][name]
                        collect(schemas[name])
                else:
                    collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(spec["paths"][PATH])
    return {
        "openapi": spec["openapi"],
        "info": {"title": "docverify registry verdicts", "version": spec["info"]["version"]},
        "paths": {PATH: spec["paths"][PATH]},
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": spec["components"].get("securitySchemes", {}),
        },
    }


def block() -> str:
    return f"{BEGIN}\n```json\n{json.dumps(fragment(), indent=2, ensure_ascii=False)}\n```\n{END}"


def main() -> int:
    if "--write" in sys.argv or "--check" in sys.argv:
        text = DOC.read_text(encoding="utf-8")
        start, end = text.index(BEGIN), text.index(END) + len(END)
        new = text[:start] + block() + text[end:]
        if "--check" in sys.argv:
            if new != text:
                print(f"{DOC} is out of date: run python scripts/registry_protocol_openapi.py --write")
                return 1
            return 0
        DOC.write_text(new, encoding="utf-8")
        return 0
    print(json.dumps(fragment(), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
