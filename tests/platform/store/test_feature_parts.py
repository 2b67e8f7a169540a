"""The features' parts as the platform reads them from the registry: every event kind declared
once in a feature's domain, folded by exactly one feature's projector, into tables on the one
metadata Alembic compares."""

from __future__ import annotations

from kiosk.core.events import AGGREGATE_FIELD, PAYLOADS, kind_table
from kiosk.features import FEATURES
from kiosk.platform.parts import part
from kiosk.platform.store.models import Base
from kiosk.platform.store.projections import metadata, projection_tables, projectors

# Local-only and log tables the platform owns (never emptied by a rebuild).
PLATFORM_TABLES = {
    "kiosk_meta",
    "events",
    "outbox",
    "local_settings",
    "attempts",
    "local_preferences",
    "sync_state",
    "sync_rejects",
    "config_items",
    "subject_keys",  # personal data keys, outside the event log (docs/privacy.md)
    "erased_subjects",
}


def test_each_kind_is_declared_by_one_feature_and_the_views_agree() -> None:
    declared = [k for f in FEATURES for k in part(f, "domain", "KINDS", ())]
    names = [k.name for k in declared]
    assert len(names) == len(set(names))
    assert set(names) == set(kind_table().kinds) == set(PAYLOADS) == set(AGGREGATE_FIELD)
    for kind in declared:
        assert PAYLOADS[kind.name] is kind.payload
        assert AGGREGATE_FIELD[kind.name] == kind.aggregate


def test_every_kind_family_has_one_projector_and_every_projector_a_kind() -> None:
    families = {k.family for k in kind_table().kinds.values()}
    assert families == set(projectors())


def test_projection_tables_and_platform_tables_are_the_whole_metadata() -> None:
    projections = {t.__tablename__ for t in projection_tables()}
    assert metadata() is Base.metadata
    assert projections.isdisjoint(PLATFORM_TABLES)
    assert projections | PLATFORM_TABLES == set(Base.metadata.tables)
