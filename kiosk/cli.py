"""Command line: start the kiosk (default), or run a maintenance command without the UI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.settings import Settings, load_settings

if TYPE_CHECKING:
    from kiosk.shell.context import KioskServices


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Station Kiosk 驿站自助终端")
    parser.add_argument("--data-dir", type=Path, help="data directory (default: settings)")
    parser.add_argument("--demo", action="store_true", help="seed demo data on an empty kiosk")
    parser.add_argument("--kiosk", action="store_true", help="full screen, frameless, locked")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("rebuild-projections", help="rebuild every projection from the event log")
    sub.add_parser(
        "check", help="run PRAGMA integrity_check on the database (read-only: changes nothing)"
    )
    sub.add_parser(
        "recover",
        help="what a start does with a damaged database: move it aside, restore the latest "
        "good backup (kiosk stopped)",
    )
    sub.add_parser("sweep", help="close shifts left open past the maximum")
    enrol = sub.add_parser("enroll", help="enrol this kiosk in a hub with a one-time code")
    enrol.add_argument("--hub", help="hub URL, e.g. https://hub.example:8700 (default: hub_url)")
    enrol.add_argument("--code", required=True, help="one-time enrolment code from the hub")
    sub.add_parser("sync", help="push and pull once now, and print the sync state")
    sub.add_parser("backup", help="write a verified backup to DATA_DIR/backups now")
    restore = sub.add_parser("restore", help="replace the database by a backup (kiosk stopped)")
    restore.add_argument("backup", type=Path, help="a backup file (see DATA_DIR/backups)")
    diagnose = sub.add_parser("diagnose", help="write one support archive (no secrets)")
    diagnose.add_argument("--out", type=Path, required=True, help="the .zip file to write")
    sub.add_parser(
        "test-print", help="print a test slip (Chinese, a QR code, a cut) on the printer set"
    )
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
        from kiosk.app import run_app

        return run_app(_settings(args), demo=args.demo)

    settings = _settings(args)
    if args.command in _WITHOUT_SERVICES:  # work on a database that may not open cleanly
        return _WITHOUT_SERVICES[args.command](settings, args)

    from kiosk.shell.context import build_services

    services = build_services(settings)
    try:
        if args.command == "rebuild-projections":
            from kiosk.platform.store.store import rebuild_projections

            count = rebuild_projections(services.database)
            print(f"rebuilt projections: {count} aggregates folded")
            return 0
        if args.command == "sweep":
            print(f"closed {services.shifts.sweep()} stale shifts")
            return 0
        if args.command == "enroll":
            hub_url = args.hub or settings.hub_url
            if not hub_url:
                print("enrolment needs --hub URL (or the hub_url setting)", file=sys.stderr)
                return 2
            return _enroll(services, hub_url, args.code)
        if args.command == "sync":
            return _sync(services)
        if args.command == "test-print":
            return _test_print(services)
        if args.command == "badge":
            from kiosk.core.errors import KioskError
            from kiosk.features.volunteers.service.badges import render_badge
            from kiosk.features.volunteers.service.serials import BadgeService

            try:
                volunteer = services.roster.get(args.volunteer_id)
                issued = services.get(BadgeService).issue(volunteer.id)
            except KioskError as exc:
                print(f"{exc.zh} / {exc.en}", file=sys.stderr)
                return 2
            render_badge(
                volunteer,
                settings.station_name_zh,
                issued.token,
                args.out,
                issued.serial,
                issued.expires_on,
            )
            print(
                f"badge {issued.serial} (valid to {issued.expires_on}) written to {args.out};"
                " the volunteer's earlier badge no longer works"
            )
            return 0
    finally:
        services.close()
    return 2


def _backup(settings: Settings, _args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from kiosk.platform.store.backup import BackupError, backup_dir, take_backup

    try:
        report = take_backup(
            settings.database_path, backup_dir(settings.data_dir), datetime.now(UTC)
        )
    except BackupError as exc:
        print(f"备份失败 / backup failed: {exc}", file=sys.stderr)
        return 1
    print(
        f"backup written: {report.backup.path} ({report.backup.size_bytes} bytes, "
        f"{report.seconds:.2f} s); rotation removed {len(report.removed)}"
    )
    return 0


def _restore(settings: Settings, args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from kiosk.platform.store.backup import BackupError, restore
    from kiosk.platform.store.recovery import write_fence

    now = datetime.now(UTC)
    try:
        aside = restore(args.backup, settings.database_path, now)
    except BackupError as exc:
        print(f"恢复被拒绝 / restore refused: {exc}", file=sys.stderr)
        return 2
    write_fence(settings.database_path, now)
    print(f"restored {args.backup} → {settings.database_path}")
    if aside is not None:
        print(f"the previous database is kept as {aside}")
    return 0


def _check(settings: Settings, _args: argparse.Namespace) -> int:
    """Only checks: a damaged database is reported (exit 1) and left exactly as it is, for
    whoever investigates; moving it aside is `recover`'s job (and a start's)."""
    from kiosk.platform.store.backup import integrity_check

    if not settings.database_path.is_file():
        print(f"没有数据库 / no database at {settings.database_path}", file=sys.stderr)
        return 2
    lines = integrity_check(settings.database_path)
    print("\n".join(lines))
    if lines == ["ok"]:
        return 0
    print(
        "数据库已损坏 / the database is damaged: stop the kiosk and run `kiosk recover` (or "
        "`kiosk restore BACKUP`); nothing was changed",
        file=sys.stderr,
    )
    return 1


def _recover(settings: Settings, _args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from kiosk.platform.store.backup import backup_dir
    from kiosk.platform.store.recovery import recover_if_corrupt

    found = recover_if_corrupt(
        settings.database_path, backup_dir(settings.data_dir), datetime.now(UTC)
    )
    if found is None:
        print("the database is sound (or absent): nothing to recover")
        return 0
    print(f"damaged database ({found.problem}) moved to {found.corrupt_moved_to}")
    if found.restored_from is None:
        print("no good backup: the next start begins an empty database under this kiosk's id")
    else:
        print(f"restored {found.restored_from} → {settings.database_path}")
    return 0


def _diagnose(settings: Settings, args: argparse.Namespace) -> int:
    from kiosk.shell.diagnose import write_archive

    written = write_archive(settings, args.out)
    print(f"diagnostics written to {written}")
    return 0


_WITHOUT_SERVICES = {
    "backup": _backup,
    "restore": _restore,
    "diagnose": _diagnose,
    "check": _check,
    "recover": _recover,
}


def _test_print(services: KioskServices) -> int:
    """The admin page's Test print for an installer at a shell (USB permissions, the address)."""
    from kiosk.core.errors import KioskError
    from kiosk.features.printing.domain.receipt import sample_receipt
    from kiosk.features.printing.service import PrintingService

    settings = services.settings
    try:
        printed = services.get(PrintingService).print(
            sample_receipt(settings.printer),
            settings.printer,
            (settings.station_name_zh, settings.station_name_en),
        )
    except KioskError as exc:
        print(f"{exc.zh} / {exc.en}", file=sys.stderr)
        return 1
    print(f"test slip printed on {printed.target} ({printed.size} bytes)")
    return 0


def _enroll(services: KioskServices, hub_url: str, code: str) -> int:
    from kiosk.platform.sync.client import HubClient, HubError
    from kiosk.platform.sync.engine import EnrolError, enroll

    try:
        with HubClient(hub_url) as client:
            station = enroll(
                services.database,
                services.settings.data_dir,
                client,
                hub_url,
                code.strip(),
                services.clock.now(),
            )
    except (EnrolError, HubError) as exc:  # the hub's answer, whatever it was, never a trace
        print(f"注册失败 / enrolment failed: {exc}", file=sys.stderr)
        return 2
    print(f"enrolled in station {station} at {hub_url}")
    return 0


def _sync(services: KioskServices) -> int:
    from kiosk.platform.store import sync_store
    from kiosk.platform.sync.client import HubClient, HubError
    from kiosk.platform.sync.credentials import read_token
    from kiosk.platform.sync.engine import SyncEngine

    with services.database.read() as session:
        hub_url = sync_store.state(session).hub_url
    token = read_token(services.settings.data_dir)
    if not hub_url or not token:
        print("not enrolled: run `python -m kiosk enroll --hub URL --code CODE`", file=sys.stderr)
        return 2
    with HubClient(hub_url, token) as client:
        engine = SyncEngine(services.database, client, services.clock)
        try:
            status = engine.sync_once()
        except HubError as exc:
            print(f"sync failed: {exc.message}", file=sys.stderr)
            return 1
    print(
        f"synced: pending {status.pending}, rejects {status.rejects}, "
        f"clock offset {status.clock_offset_s} s"
    )
    return 0
