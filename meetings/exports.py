"""Agenda and minutes of a meeting as Word documents (DOCX, A4): administrations file them
(issue 9 §4). Approved minutes say so at the top; a draft says it is one."""

import io

from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from meetings.models import Minutes

ATTRIBUTION = "Erstellt mit Gemeinwerk · Leitfaden Ko-Produktion: KoopWohl, www.koopwohl.de"


def _local(moment, fmt: str) -> str:
    return timezone.localtime(moment).strftime(fmt)


def _when(meeting) -> str:
    return f"{_local(meeting.starts_at, '%d.%m.%Y, %H:%M')}–{_local(meeting.ends_at, '%H:%M')} Uhr"


def _page_number(paragraph) -> None:
    """A PAGE field: Word fills in the number of each page."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _document(title: str, meeting) -> Document:
    """An A4 document with margins for filing, the co-production in the header and the page
    number in the footer."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    section.header.paragraphs[0].text = meeting.coproduction.name
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Seite ")
    _page_number(footer)
    document.core_properties.title = title
    document.core_properties.language = "de-DE"
    document.add_heading(title, level=0)
    return document


def _facts(document, meeting) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    rows = [
        ("Ko-Produktion", meeting.coproduction.name),
        ("Wann", _when(meeting)),
        ("Form", meeting.get_format_display()),
        ("Ort", meeting.place),
        ("Link", meeting.link),
        ("Gremium", meeting.body.name if meeting.body else ""),
    ]
    for label, value in rows:
        if value:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value


def _agenda(document, agenda) -> None:
    if not agenda:
        document.add_paragraph("Noch keine Punkte.")
        return
    for point in agenda:
        paragraph = document.add_paragraph(style="List Number")
        paragraph.add_run(point.title).bold = True
        details = [f"Verantwortlich: {point.responsible or 'noch niemand'}"]
        if point.may_lead_to_decision:
            details.append("kann zu einer Entscheidung führen")
        if point.conflict:
            details.append(f"Konflikt: {point.conflict.title}")
        paragraph.add_run(f" ({'; '.join(details)})")


def _save(document) -> bytes:
    document.add_paragraph(ATTRIBUTION).runs[0].font.size = Pt(8)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def agenda_docx(meeting, agenda) -> bytes:
    """Einladung mit Tagesordnung: the meeting's facts and its points in order."""
    document = _document(f"Tagesordnung: {meeting.title}", meeting)
    _facts(document, meeting)
    document.add_heading("Tagesordnung", level=1)
    _agenda(document, agenda)
    if meeting.informal_minutes:
        document.add_paragraph(
            f"Zeit für informellen Austausch: {meeting.informal_minutes} Minuten (Karte 44)."
        )
    return _save(document)


def minutes_docx(meeting, agenda, attendees) -> bytes:
    """Protokoll: marked approved (with the date) or as a draft, then facts, attendees,
    agenda and the text."""
    minutes = meeting.minutes
    approved = minutes.status == Minutes.Status.APPROVED
    document = _document(f"Protokoll: {meeting.title}", meeting)
    mark = document.add_paragraph()
    if approved:
        approved_on = _local(minutes.approved_at, "%d.%m.%Y")
        run = mark.add_run(f"Genehmigtes Protokoll – genehmigt am {approved_on}")
    else:
        run = mark.add_run("Entwurf – noch nicht genehmigt")
    run.bold = True
    _facts(document, meeting)
    document.add_heading("Anwesend", level=1)
    names = ", ".join(f"{person} ({person.partner.name})" for person in attendees)
    document.add_paragraph(names or "Noch nicht eingetragen.")
    document.add_heading("Tagesordnung", level=1)
    _agenda(document, agenda)
    document.add_heading("Protokoll", level=1)
    text = minutes.text.strip()
    for block in text.split("\n\n") if text else ["Noch kein Text."]:
        document.add_paragraph(block.strip())
    return _save(document)
