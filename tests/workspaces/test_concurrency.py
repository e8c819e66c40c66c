"""No update is lost when people save the same item at the same moment (runs on SQLite and,
in CI, on PostgreSQL)."""

import threading

import pytest
from django.db import connection

from workspaces import services
from workspaces.concurrency import StaleEdit
from workspaces.models import Partner

WRITERS = 6
ROUNDS = 5


@pytest.mark.django_db(transaction=True)
def test_simultaneous_edits_lose_no_update(coproduction, coordinator, office):
    barrier = threading.Barrier(WRITERS)
    conflicts = []
    errors = []

    def writer():
        try:
            barrier.wait()
            for _ in range(ROUNDS):
                while True:
                    current = Partner.objects.get(pk=office.pk)
                    try:
                        services.partner_update(
                            actor=coordinator,
                            partner=current,
                            expected_version=current.version,
                            consultation_days=current.consultation_days + 1,
                        )
                        break
                    except StaleEdit:
                        conflicts.append(1)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    office.refresh_from_db()
    assert office.consultation_days == 14 + WRITERS * ROUNDS
    assert office.version == 1 + WRITERS * ROUNDS


@pytest.mark.django_db(transaction=True)
def test_of_two_people_saving_the_same_version_exactly_one_wins(coproduction, coordinator, office):
    barrier = threading.Barrier(2)
    outcome = []

    def save(days):
        barrier.wait()
        try:
            services.partner_update(
                actor=coordinator,
                partner=Partner.objects.get(pk=office.pk),
                expected_version=1,
                consultation_days=days,
            )
            outcome.append(("saved", days))
        except StaleEdit:
            outcome.append(("told", days))
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(d,)) for d in (3, 30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(kind for kind, _ in outcome) == ["saved", "told"]
    winner = next(days for kind, days in outcome if kind == "saved")
    office.refresh_from_db()
    assert office.consultation_days == winner and office.version == 2
