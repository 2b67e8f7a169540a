"""Command line: start the kiosk (default), or run a maintenance command without the UI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.settings import Settings, load_settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Station Kiosk 驿站自助终端")
    parser.add_argument("--data-dir", type=Path, help="data directory (default: settings)")
    parser.add_argument("--demo", action="store_true", help="seed demo data on an empty kiosk")
    parser.add_argument("--kiosk", action="store_true", help="full screen, frameless, locked")
    parser.add_argument(
        "--screenshot", type=Path, metavar="DIR", help="render every page to PNG in DIR and exit"
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("rebuild-projections", help="rebuild every projection from the event log")
    sub.add_parser("check", help="run PRAGMA integrity_check on the database")
    sub.add_parser("sweep", help="close shifts left open past the maximum")
    badge = sub.add_parser("badge", help="write a printable badge for a volunteer")
    badge.add_argument("volunteer_id")
    badge.add_argument("--out", type=Path, required=True)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {"data_dir": args.data_dir} if args.data_dir else {}
    if args.kiosk:
        overrides["kiosk_mode"] = True
    return load_settings(**overrides)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        from kiosk.app import run_app, run_screenshots

        if args.screenshot:
            return run_screenshots(args.screenshot)
        return run_app(_settings(args), demo=args.demo)

    from kiosk.services.context import build_services

    settings = _settings(args)
    services = build_services(settings)
    try:
        if args.command == "rebuild-projections":
            from kiosk.store.store import rebuild_projections

            count = rebuild_projections(services.database)
            print(f"rebuilt projections: {count} aggregates folded")
            return 0
        if args.command == "check":
            from kiosk.store.store import integrity_check

            lines = integrity_check(services.database)
            print("\n".join(lines))
            return 0 if lines == ["ok"] else 1
        if args.command == "sweep":
            print(f"closed {services.shifts.sweep()} stale shifts")
            return 0
        if args.command == "badge":
            from kiosk.domain.errors import KioskError
            from kiosk.services.badges import render_badge

            try:
                volunteer = services.roster.get(args.volunteer_id)
            except KioskError as exc:
                print(f"{exc.zh} / {exc.en}", file=sys.stderr)
                return 2
            token = services.badges.issue(volunteer.id, services.clock.now().date())
            render_badge(volunteer, settings.station_name_zh, token, args.out)
            print(f"badge written to {args.out}")
            return 0
    finally:
        services.close()
    return 2
