"""`kiosk-hub`: serve the hub, migrate its database, and the admin commands (which call the
admin HTTP API, so they work the same against a local or a remote hub).

The app served is named by an import path ("module:factory"), given by the program that runs
this command line (`kiosk.hub_cli`): the platform knows no feature, and uvicorn's workers each
import the factory by that path anyway.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

DEFAULT_HUB_URL = "http://127.0.0.1:8700"
KEEP_ALIVE_S = 75  # as nginx's default keepalive_timeout


def _factory(path: str) -> Callable[..., Any]:
    """The app factory at `path` ("package.module:name")."""
    module, _, name = path.partition(":")
    factory: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return factory


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from kiosk.platform.hub import heap
    from kiosk.platform.hub.settings import HubSettings

    # The request log in this process and in each worker (they read the environment).
    os.environ.setdefault("HUB_REQUEST_LOG", "true" if args.request_log else "false")
    settings = HubSettings()
    if args.workers > 1:
        _share_metrics(settings.data_dir / "metrics")
    create_app = _factory(args.factory)
    host = args.host or settings.host
    port = args.port or settings.port
    # date_header off: the app's middleware sets exactly one Date on every response.
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "date_header": False,
        "server_header": False,
        "log_level": args.log_level,
        "access_log": args.access_log,
        # Kiosks push every few seconds: keep their connections open longer than that, so a
        # push rarely meets a connection the hub is closing (uvicorn's default is 5 s).
        "timeout_keep_alive": KEEP_ALIVE_S,
        # The client's address is the peer's, unless HUB_TRUST_FORWARDED_FOR: the app reads
        # X-Forwarded-For itself then (web_render.client_ip). uvicorn's proxy headers would
        # trust the header from 127.0.0.1 by default, so anyone behind a local proxy could
        # pick the address the sign-in limit counts.
        "proxy_headers": False,
    }
    if args.workers <= 1:
        app = create_app(settings)
        heap.settle()
        uvicorn.run(app, **options)
        return 0
    # Several processes: migrate the database and publish the badge key once, here, so the
    # workers (each building its own app from the same HUB_* environment) find both ready and
    # never race on them.
    if settings.database_url.startswith("sqlite") or not settings.database_url:
        raise SystemExit("kiosk-hub: --workers needs PostgreSQL (SQLite has one writer)")
    create_app(settings).state.database.dispose()
    os.environ[heap.FACTORY_ENV] = args.factory  # each worker builds it, then settles its heap
    served = f"{heap.__name__}:{heap.served_app.__name__}"
    uvicorn.run(served, factory=True, workers=args.workers, **options)
    return 0


def _share_metrics(default: Path) -> None:
    """Several workers: each counts into files in `PROMETHEUS_MULTIPROC_DIR`, which a scrape
    of any of them adds up. Set before prometheus_client is imported (it picks its storage
    then) and emptied, as its documentation asks, so a restart does not add the last run's."""
    folder = Path(os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(default.resolve())))
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):
        stale.unlink()


def _migrate(_args: argparse.Namespace) -> int:
    from kiosk.platform.hub import migrate
    from kiosk.platform.hub.db import make_engine
    from kiosk.platform.hub.settings import HubSettings

    settings = HubSettings()
    engine = make_engine(settings.resolved_database_url())
    migrate.upgrade(engine)
    engine.dispose()
    print(f"hub database at head: {engine.url.render_as_string(hide_password=True)}")
    return 0


def _rebuild_read_models(args: argparse.Namespace) -> int:
    """Empty the centre's read models and fold every stored event into them again (after a
    change of HUB_TIMEZONE or HUB_HOURS_*, or to check them: docs/hub.md)."""
    import time

    from kiosk.platform.hub import read_models

    app = _factory(args.factory)()
    state = app.state
    started = time.perf_counter()
    try:
        folded = read_models.rebuild(
            state.database, state.settings, without_missing=args.without_missing_months
        )
    except read_models.ArchiveGone as gone:
        print(f"refused: {gone}", file=sys.stderr)
        return 2
    finally:
        state.database.dispose()
    names = ", ".join(m.name for m in read_models.registered())
    print(
        f"read models rebuilt ({names}): {folded} events in {time.perf_counter() - started:.1f} s"
    )
    return 0


def _warm_read_models(args: argparse.Namespace) -> int:
    """Fill what the centre's pages hold lazily (the alerts page's trend: `HubPart.warm`) for
    every station now, so the first view after an upgrade or a rebuild is not the one that
    counts it all (docs/hub.md)."""
    import time

    app = _factory(args.factory)()
    state = app.state
    try:
        for warm in state.warm_ups:
            started = time.perf_counter()
            warm(state.database, state.clock.now(), state.settings)
            name = f"{warm.__module__}.{warm.__qualname__}"
            print(f"warmed ({name}) in {time.perf_counter() - started:.1f} s")
    finally:
        state.database.dispose()
    return 0


def _archive_events(args: argparse.Namespace) -> int:
    """Detach the months of events past the kept ones into the archive (partitions.py)."""
    from datetime import UTC, datetime

    from kiosk.platform.hub import partitions
    from kiosk.platform.hub.db import make_engine
    from kiosk.platform.hub.settings import HubSettings

    settings = HubSettings()
    keep = settings.events_keep_months if args.keep_months is None else args.keep_months
    if keep < 1:
        print("nothing to do: keep at least one month (--keep-months or HUB_EVENTS_KEEP_MONTHS)")
        return 2
    engine = make_engine(settings.resolved_database_url())
    try:
        if engine.dialect.name != "postgresql":
            print("nothing to do: the events table is partitioned on PostgreSQL only")
            return 2
        done = partitions.archive_older_than(engine, datetime.now(UTC), keep)
    finally:
        engine.dispose()
    for month in done:
        print(f"archived {month.month:%Y-%m}: {month.rows} events, now {month.table}")
    print(f"{len(done)} months archived; the log keeps this month and the {keep} before it")
    return 0


def _drop_archived_month(args: argparse.Namespace) -> int:
    """Drop one archived month and remake `events_log` without it (partitions.py)."""
    from kiosk.platform.hub import partitions
    from kiosk.platform.hub.db import make_engine
    from kiosk.platform.hub.settings import HubSettings

    engine = make_engine(HubSettings().resolved_database_url())
    try:
        dropped = partitions.drop_archived(engine, args.month)
    finally:
        engine.dispose()
    if dropped is None:
        print(f"nothing dropped: {args.month} is not an archived month here", file=sys.stderr)
        return 2
    print(f"dropped {dropped}; a rebuild of the read models now needs --without-missing-months")
    return 0


def _create_account(args: argparse.Namespace) -> int:
    """Create (or with --reset replace) a dashboard account, straight in the hub's database."""
    import getpass

    from kiosk.core.clock import SystemClock
    from kiosk.platform.hub import migrate
    from kiosk.platform.hub.db import Database, make_engine
    from kiosk.platform.hub.errors import HubError
    from kiosk.platform.hub.settings import HubSettings
    from kiosk.platform.hub.web_accounts import AccountService

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("password: ")
        if getpass.getpass("again: ") != password:
            raise SystemExit("kiosk-hub: the passwords differ")
    settings = HubSettings()
    database = Database(make_engine(settings.resolved_database_url(), 2))
    try:
        migrate.upgrade(database.engine)
        accounts = AccountService(database, SystemClock(), settings.session_ttl_s)
        accounts.create(
            args.username, password, args.role, list(args.station or []), replace=args.reset
        )
    except HubError as exc:
        print(f"kiosk-hub: {exc.detail}", file=sys.stderr)
        return 1
    finally:
        database.dispose()
    scope = "every station" if args.role == "centre" else ", ".join(args.station)
    print(f"account {args.username} ({args.role}: {scope}) ready")
    return 0


def _call(args: argparse.Namespace, method: str, path: str, body: Any = None) -> Any:
    import httpx

    token = args.admin_token or os.environ.get("HUB_ADMIN_TOKEN", "")
    if not token:
        raise SystemExit("kiosk-hub: set HUB_ADMIN_TOKEN or pass --admin-token")
    params = {k: v for k, v in (getattr(args, "params", None) or {}).items() if v is not None}
    with httpx.Client(base_url=args.hub, timeout=30) as client:
        response = client.request(
            method,
            path,
            json=body,
            params=params,
            headers={"Authorization": f"Bearer {token}"},
        )
    if response.status_code >= 400:
        try:
            detail = response.json()
        except ValueError:
            detail = response.text
        print(
            f"kiosk-hub: HTTP {response.status_code}: {json.dumps(detail, ensure_ascii=False)}",
            file=sys.stderr,
        )
        raise SystemExit(1)
    return response.json() if response.content else None


def _admin(args: argparse.Namespace) -> int:
    command = args.command
    if command == "create-station":
        station = {"station_id": args.station_id, "name": args.name, "name_en": args.name_en}
        if args.region is not None:
            station["region"] = args.region
        out = _call(args, "POST", "/v1/admin/stations", station)
    elif command == "rename-station":
        names = {"name": args.name, "name_en": args.name_en}
        out = _call(args, "PUT", f"/v1/admin/stations/{args.station_id}/names", names)
        if args.region is not None:  # the names and then the region, each checked by the hub
            region = {"region": args.region}
            stored = _call(args, "PUT", f"/v1/admin/stations/{args.station_id}/region", region)
            out = {**out, **stored}
    elif command == "enrol-code":
        out = _call(
            args,
            "POST",
            "/v1/admin/enrol-codes",
            {"station_id": args.station_id, "ttl_s": args.ttl},
        )
    elif command == "kiosks":
        args.params = {"station_id": args.station}
        out = _call(args, "GET", "/v1/admin/kiosks")
    elif command == "revoke":
        _call(args, "POST", f"/v1/admin/kiosks/{args.kiosk_id}/revoke")
        out = {"revoked": args.kiosk_id}
    elif command == "publish":
        body = json.loads(Path(args.file).read_text(encoding="utf-8"))
        if args.kind:  # the file is the body alone
            body = {"kind": args.kind, "station_id": args.station, "body": body}
        out = _call(args, "POST", "/v1/admin/config", body)
    elif command == "badge":
        request = {"volunteer_id": args.volunteer_id}
        if args.station:
            request["station_id"] = args.station
        out = _call(args, "POST", "/v1/admin/badges", request)
    elif command == "rejects":
        args.params = {"kiosk_id": args.kiosk, "limit": args.limit}
        out = _call(args, "GET", "/v1/admin/rejects")
    else:  # status
        out = _call(args, "GET", "/v1/admin/status")
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk-hub", description="Station Kiosk hub (中心)")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the hub (HUB_* environment variables configure it)")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--log-level", default="info")
    serve.add_argument("--access-log", action="store_true", help="uvicorn's plain access log too")
    serve.add_argument(
        "--no-request-log",
        dest="request_log",
        action="store_false",
        help="no JSON line per request on standard error (request id, route, status, time)",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes (PostgreSQL only; each has its own pool of HUB_POOL_SIZE)",
    )
    serve.set_defaults(func=_serve)

    sub.add_parser("migrate", help="bring the hub database to the current schema").set_defaults(
        func=_migrate
    )

    rebuild = sub.add_parser(
        "rebuild-read-models",
        help="refill the centre's read models from the stored events (HUB_DATABASE_URL)",
    )
    rebuild.add_argument(
        "--without-missing-months",
        action="store_true",
        help="rebuild even though archived months have gone (their figures are then lost)",
    )
    rebuild.set_defaults(func=_rebuild_read_models)
    sub.add_parser(
        "warm-read-models",
        help="fill what the centre's pages hold lazily (the alerts page's 30-day trend) for"
        " every station now: run after `migrate` or `rebuild-read-models`",
    ).set_defaults(func=_warm_read_models)

    archive = sub.add_parser(
        "archive-events",
        help="PostgreSQL: detach whole months of events older than N months into the"
        " events_archive schema (never dropped; docs/hub.md)",
    )
    archive.add_argument(
        "--keep-months",
        type=int,
        help="months kept in the log before the current one (default: HUB_EVENTS_KEEP_MONTHS)",
    )
    archive.set_defaults(func=_archive_events)

    drop = sub.add_parser(
        "drop-archived-month",
        help="PostgreSQL: drop an archived month's table (YYYY-MM) once it is kept elsewhere;"
        " its figures then live in the read models only (docs/hub.md)",
    )
    drop.add_argument("month", help="the month, as YYYY-MM")
    drop.set_defaults(func=_drop_archived_month)

    account = sub.add_parser(
        "create-account",
        help="create a dashboard account (in the database of HUB_DATABASE_URL)",
    )
    account.add_argument("username")
    account.add_argument("--role", choices=("centre", "station"), required=True)
    account.add_argument(
        "--station", action="append", help="a station a station admin manages (repeatable)"
    )
    account.add_argument("--password-stdin", action="store_true", help="read the password")
    account.add_argument("--reset", action="store_true", help="replace an existing account")
    account.set_defaults(func=_create_account)

    def admin(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--hub", default=os.environ.get("HUB_URL", DEFAULT_HUB_URL))
        p.add_argument("--admin-token", default=None, help="default: $HUB_ADMIN_TOKEN")
        p.set_defaults(func=_admin)
        return p

    p = admin("create-station", "create a station")
    p.add_argument("station_id")
    p.add_argument("name")
    p.add_argument("--name-en", default=None, help="its English name (default: the Chinese)")
    p.add_argument("--region", default=None, help="its region (片区), e.g. 福州市 (default: none)")
    p = admin("rename-station", "set a station's Chinese and English names")
    p.add_argument("station_id")
    p.add_argument("name")
    p.add_argument("--name-en", default=None, help="its English name (none: the Chinese)")
    p.add_argument("--region", default=None, help='its region (片区); "" takes it out of one')
    p = admin("enrol-code", "issue a one-time enrolment code for a station")
    p.add_argument("station_id")
    p.add_argument("--ttl", type=int, default=24 * 3600, help="seconds the code stays valid")
    p = admin("kiosks", "list kiosks with their sync status")
    p.add_argument("--station")
    p = admin("revoke", "revoke a kiosk's credential (immediately)")
    p.add_argument("kiosk_id")
    p = admin("publish", "publish configuration from a JSON file")
    p.add_argument("file", help='{"kind", "station_id"?, "body"}, or the body with --kind')
    p.add_argument("--kind")
    p.add_argument("--station")
    p = admin("badge", "issue a volunteer badge token (a serial badge with --station)")
    p.add_argument("volunteer_id")
    p.add_argument(
        "--station",
        help="the volunteer's station: a serial badge its kiosks learn of by sync (the earlier"
        " one stops working); without it, an old-style signed badge",
    )
    p = admin("rejects", "list events the hub rejected")
    p.add_argument("--kiosk")
    p.add_argument("--limit", type=int, default=100)
    admin("status", "counts and the badge key id")
    return parser


def main(argv: Sequence[str] | None = None, *, factory: str) -> int:
    """Run the command in `argv`; `serve` serves the app `factory` ("module:name") makes."""
    args = build_parser().parse_args(argv)
    args.factory = factory
    result: int = args.func(args)
    return result
