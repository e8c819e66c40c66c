"""The knowledge archive in a real browser: upload a document (a disguised one first), download
it, explain a term and see it linked — axe-core at 1280 and 360 pixels on every page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge import services
from knowledge.models import GlossaryTerm, KnowledgeItem
from tests.browser.test_accounts_browser import assert_fits_small_screen, assert_no_axe_violations
from tests.browser.test_guide import SMALL_SCREEN
from tests.browser.test_werkstatt_browser import log_in_by_cookie
from tests.factories import add_member, make_coproduction, make_user
from workspaces.visibility import Side

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    founder = make_user("ini@example.org", display_name="Ini Basis")
    coproduction = make_coproduction(founder, side=Side.CIVIL_SOCIETY, name="Ernährung")
    add_member(coproduction, side=Side.ADMINISTRATION)
    c = {"actor": founder, "coproduction": coproduction, "owner_side": "civil_society"}
    document = services.knowledge_create(
        **c,
        title="Protokollvorlage",
        kind="document",
        upload=SimpleUploadedFile("Vorlage.pdf", PDF),
    )
    term = services.term_create(**c, term="Solawi", explanation="Solidarische Landwirtschaft.")
    return coproduction, founder, document, term


def test_every_knowledge_page_is_accessible_at_1280_and_360_pixels(page, live_server, world):
    coproduction, founder, document, term = world
    log_in_by_cookie(page, live_server, founder)
    base = f"/werkstatt/{coproduction.slug}/wissen/"
    paths = [
        "",
        "neu/",
        f"{document.pk}/",
        f"{document.pk}/loeschen/",
        "begriffe/",
        "begriffe/neu/",
        f"begriffe/{term.pk}/",
        f"begriffe/{term.pk}/loeschen/",
    ]
    for size in (WIDE, SMALL_SCREEN):
        page.set_viewport_size(size)
        for path in paths:
            response = page.goto(base + path)
            assert response.status == 200, path
            assert_no_axe_violations(page)
            if size == SMALL_SCREEN:
                assert_fits_small_screen(page)


def test_a_document_is_uploaded_and_a_term_explained(page, live_server, world, tmp_path):
    coproduction, founder, _document, _term = world
    log_in_by_cookie(page, live_server, founder)
    for size in (WIDE, SMALL_SCREEN):
        page.set_viewport_size(size)
        page.goto(f"/werkstatt/{coproduction.slug}/wissen/neu/")
        page.get_by_label("Dokument", exact=True).check()
        page.get_by_label("Titel").fill(f"Förderbescheid {size['width']}")
        disguised = tmp_path / "Bescheid.pdf"
        disguised.write_bytes(b"<html><script>alert(1)</script></html>")
        page.get_by_label("Datei").set_input_files(str(disguised))
        page.get_by_role("button", name="Ablegen").click()
        assert "ihr Inhalt ist aber keine Datei der Art PDF" in page.content()
        assert page.get_by_label("Titel").input_value() == f"Förderbescheid {size['width']}"
        assert_no_axe_violations(page)
        real = tmp_path / "Bescheid 2026.pdf"
        real.write_bytes(PDF)
        page.get_by_label("Datei").set_input_files(str(real))
        page.get_by_role("button", name="Ablegen").click()
        page.wait_for_url("**/wissen/*/")
        assert_no_axe_violations(page)
        with page.expect_download() as download:
            page.get_by_role("link", name="Bescheid 2026.pdf herunterladen").click()
        assert download.value.suggested_filename == "Bescheid 2026.pdf"
        assert (tmp_path / "media").exists()

        page.goto(f"/werkstatt/{coproduction.slug}/wissen/begriffe/neu/")
        page.get_by_label("Begriff:", exact=True).fill(f"Vergabestelle{size['width']}")
        page.get_by_label("Erklärung").fill("Schreibt Aufträge der Stadt aus.")
        page.get_by_label("In einfachen Worten").fill("Entscheidet, wer liefern darf.")
        page.get_by_role("button", name="Begriff speichern").click()
        page.wait_for_url("**/wissen/begriffe/#begriff-*")
        assert "Entscheidet, wer liefern darf." in page.content()
        assert_no_axe_violations(page)
    assert KnowledgeItem.objects.filter(kind="document").count() == 3
    assert GlossaryTerm.objects.count() == 3
