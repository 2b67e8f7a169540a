"""`kiosk-hub`: the platform's hub command line, serving this product's hub (kiosk.hub_app)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from kiosk.platform.hub import cli

APP_FACTORY = "kiosk.hub_app:create_app"


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, factory=APP_FACTORY)


if __name__ == "__main__":
    sys.exit(main())
