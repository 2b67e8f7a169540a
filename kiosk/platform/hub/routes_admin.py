"""Admin routes under /v1/admin (bearer HUB_ADMIN_TOKEN): what the `kiosk-hub` CLI calls."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.concurrency import run_in_threadpool

from kiosk.platform.hub.deps import AdminAuth, AdminDep
from kiosk.platform.sync.protocol import (
    IDENT_PATTERN,
    ConfigItem,
    ConfigPublish,
    EnrolCodeOut,
    EnrolCodeRequest,
    ErrorBody,
    HubStatus,
    KioskRename,
    KioskStatus,
    RejectOut,
    StationCreate,
    StationOut,
    StationRegion,
    StationRename,
)

# Ids in a query or a path are checked as in a body: NUL in one made PostgreSQL fail (500).
IdentQuery = Annotated[str | None, Query(min_length=1, max_length=64, pattern=IDENT_PATTERN)]
IdentPath = Annotated[str, Path(min_length=1, max_length=64, pattern=IDENT_PATTERN)]

router = APIRouter(
    prefix="/v1/admin",
    dependencies=[AdminAuth],
    responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 404: {"model": ErrorBody}},
)


@router.post("/stations", status_code=201)
async def create_station(body: StationCreate, admin: AdminDep) -> StationOut:
    return await run_in_threadpool(
        admin.create_station, body.station_id, body.name, body.name_en, body.region
    )


@router.put("/stations/{station_id}/names")
async def rename_station(station_id: IdentPath, body: StationRename, admin: AdminDep) -> StationOut:
    """A station's names in Chinese and English (no English name: pages show the Chinese)."""
    return await run_in_threadpool(admin.rename_station, station_id, body.name, body.name_en)


@router.put("/stations/{station_id}/region")
async def set_station_region(
    station_id: IdentPath, body: StationRegion, admin: AdminDep
) -> StationRegion:
    """A station's region (片区) for the centre's figures per region ("": none)."""
    return StationRegion(
        region=await run_in_threadpool(admin.set_station_region, station_id, body.region)
    )


@router.post("/enrol-codes", status_code=201)
async def issue_code(body: EnrolCodeRequest, admin: AdminDep) -> EnrolCodeOut:
    return await run_in_threadpool(admin.issue_code, body.station_id, body.ttl_s)


@router.get("/kiosks")
async def list_kiosks(admin: AdminDep, station_id: IdentQuery = None) -> list[KioskStatus]:
    return await run_in_threadpool(admin.kiosks, station_id)


@router.post("/kiosks/{kiosk_id}/revoke", status_code=204)
async def revoke(kiosk_id: IdentPath, admin: AdminDep) -> None:
    await run_in_threadpool(admin.revoke, kiosk_id)


@router.post("/kiosks/{kiosk_id}/name", status_code=204)
async def rename(kiosk_id: IdentPath, body: KioskRename, admin: AdminDep) -> None:
    """Name a kiosk; its station's kiosks show the name after their next pull."""
    await run_in_threadpool(admin.rename_kiosk, kiosk_id, body.name)


@router.post("/config", status_code=201)
async def publish(body: ConfigPublish, admin: AdminDep) -> ConfigItem:
    return await run_in_threadpool(admin.publish, body.kind, body.station_id, body.body)


@router.get("/rejects")
async def list_rejects(
    admin: AdminDep,
    kiosk_id: IdentQuery = None,
    after_id: Annotated[int, Query(ge=0, le=2**63 - 1)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[RejectOut]:
    return await run_in_threadpool(admin.rejects, kiosk_id, after_id, limit)


@router.get("/status")
async def status(admin: AdminDep) -> HubStatus:
    return await run_in_threadpool(admin.status)
