"""The Beschlussbuch as CSV (for spreadsheets) and DOCX (administrations live in Word)."""

import csv
import io
import re
import zipfile
from xml.sax.saxutils import escape

from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

COLUMNS = [
    "Nr.",
    "Frage",
    "Stand",
    "Verfahren",
    "Gremium",
    "Vorbereitet von",
    "Abstimmung",
    "Entschieden am",
    "Ergebnis",
    "Auszählung",
    "Begründung",
    "Ersetzt",
    "Treffen",
    "Ziele",
]


def _date(moment, with_time=False) -> str:
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return local.strftime("%d.%m.%Y %H:%M" if with_time else "%d.%m.%Y")


def row(decision) -> list[str]:
    """One decision as the cells of the log, in the order of COLUMNS."""
    period = ""
    if decision.opens_at and decision.closes_at:
        period = f"{_date(decision.opens_at, True)} – {_date(decision.closes_at, True)}"
    superseded = ""
    if decision.supersedes:
        verb = "ersetzt" if decision.status in ("decided", "superseded") else "soll ersetzen"
        superseded = f"{verb} {decision.supersedes.number_label}: {decision.supersede_reason}"
    newer = decision.superseded_by
    if newer is not None:
        superseded = (
            superseded + "; " if superseded else ""
        ) + f"ersetzt durch {newer.number_label}"
    return [
        str(decision.number or ""),
        decision.question,
        decision.get_status_display(),
        decision.get_procedure_display(),
        decision.body.name if decision.body else "",
        str(decision.prepared_by) if decision.prepared_by else "",
        period,
        _date(decision.decided_at),
        decision.outcome,
        (decision.tally or {}).get("explanation", ""),
        decision.reasons,
        superseded,
        decision.meeting.title if decision.meeting else "",
        ", ".join(g.title for g in decision.goal_list),
    ]


def _safe(cell: str) -> str:
    """A cell starting with = + - @ would run as a formula in a spreadsheet."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def csv_lines(decisions):
    """The log as CSV, a few hundred lines at a time (for a streamed response). Semicolons and
    a byte-order mark: German Excel opens it with umlauts intact."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    out.write("\ufeff")
    writer.writerow(COLUMNS)
    for number, decision in enumerate(decisions, start=1):
        writer.writerow([_safe(cell) for cell in row(decision)])
        if number % 200 == 0:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode("utf-8")


# DOCX. python-docx builds the frame (A4, footer with page numbers, title page); the
# decisions, thousands of them, are written as WordprocessingML text straight into the body,
# which is a hundred times faster than python-docx's objects (56 s for 10,000 decisions).
MARKER = "GEMEINWERK-DECISIONS"
A4 = (Mm(210), Mm(297))
MARGIN = Mm(20)
LABEL_WIDTH, VALUE_WIDTH = 2600, 7038  # twips; together the 170 mm between the margins
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _frame(coproduction) -> Document:
    document = Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    section = document.sections[0]
    section.page_width, section.page_height = A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"Beschlussbuch · {coproduction.name} · Seite ")
    _field(footer, "PAGE")
    footer.add_run(" von ")
    _field(footer, "NUMPAGES")
    document.add_paragraph("Beschlussbuch", style="Title")
    document.add_paragraph(coproduction.name, style="Subtitle")
    document.add_paragraph(f"Ko-Produktion „{coproduction.name}“")
    document.add_paragraph(f"Stand: {_date(timezone.now(), True)}")
    document.add_paragraph(
        "Erstellt mit Gemeinwerk. Leitfaden: KoopWohl, www.koopwohl.de (Karte 42: Wie werden "
        "Entscheidungen verbindlich festgehalten?)"
    )
    document.add_page_break()
    document.add_paragraph(MARKER)
    return document


def _text(value: str) -> str:
    """Runs of text; line breaks stay line breaks."""
    lines = escape(NOT_IN_XML.sub("", value)).split("\n")
    return "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)


def _cell(width: int, value: str) -> str:
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
        f"<w:p><w:r>{_text(value)}</w:r></w:p></w:tc>"
    )


def _decision_xml(decision) -> str:
    cells = row(decision)
    lines = "".join(
        f"<w:tr>{_cell(LABEL_WIDTH, label)}{_cell(VALUE_WIDTH, value)}</w:tr>"
        for label, value in zip(COLUMNS[2:], cells[2:], strict=True)
        if value
    )
    heading = (
        '<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:keepNext/></w:pPr>'
        f"<w:r>{_text(f'{decision.number_label}: {cells[1]}')}</w:r></w:p>"
    )
    table = (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        '<w:tblLook w:val="04A0"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{LABEL_WIDTH}"/><w:gridCol w:w="{VALUE_WIDTH}"/></w:tblGrid>'
        f"{lines}</w:tbl>"
    )
    return heading + (table if lines else "")


def as_docx(coproduction, decisions) -> bytes:
    """A title page, then one heading and table per decision (field | value), on A4 with
    page numbers."""
    frame = io.BytesIO()
    _frame(coproduction).save(frame)
    body = [_decision_xml(decision) for decision in decisions]
    if not body:
        body = ['<w:p><w:r><w:t xml:space="preserve">Noch keine Entscheidungen.</w:t></w:r></w:p>']
    body.append("<w:p/>")  # Word wants a paragraph after the last table
    out = io.BytesIO()
    with zipfile.ZipFile(frame) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zip:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                marker = xml.index(MARKER)
                start = xml.rindex("<w:p>", 0, marker)
                end = xml.index("</w:p>", marker) + len("</w:p>")
                data = (xml[:start] + "".join(body) + xml[end:]).encode("utf-8")
            zip.writestr(item, data)
    return out.getvalue()
