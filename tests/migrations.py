"""Tests of a data migration: the test database taken back to an earlier migration and forward
again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.fixture
def migrate(transactional_db):
    """``migrate(targets)`` takes the database to ``targets`` ((app, migration) pairs) and returns
    the apps of that state. Afterwards every app goes forward to its latest migration again:
    taking one app back also unapplies the apps that depend on it, and a later test (or a
    worker reading every app's tables) would find their tables missing."""

    def to(targets):
        executor = MigrationExecutor(connection)
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    yield to
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
