"""The Beschlussbuch as CSV (for spreadsheets) and DOCX (administrations live in Word)."""

import csv
import io

from django.utils import timezone
from docx import Document
from docx.shared import Pt

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
        superseded = f"{verb} Nr. {decision.supersedes.number}: {decision.supersede_reason}"
    newer = decision.superseded_by
    if newer is not None:
        superseded = (superseded + "; " if superseded else "") + f"ersetzt durch Nr. {newer.number}"
    return [
        str(decision.number),
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
        ", ".join(g.title for g in decision.goals.all()),
    ]


def _safe(cell: str) -> str:
    """A cell starting with = + - @ would run as a formula in a spreadsheet."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def as_csv(decisions) -> bytes:
    """Semicolons and a byte-order mark: German Excel opens it with umlauts intact."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(COLUMNS)
    for decision in decisions:
        writer.writerow([_safe(cell) for cell in row(decision)])
    return out.getvalue().encode("utf-8-sig")


def as_docx(coproduction, decisions) -> bytes:
    """A heading, then one table per decision (field | value) — readable on A4."""
    document = Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(f"Beschlussbuch: {coproduction.name}", level=0)
    document.add_paragraph(
        f"Stand: {_date(timezone.now(), True)} · Gemeinwerk. Leitfaden: KoopWohl, "
        "www.koopwohl.de (Karte 42: Wie werden Entscheidungen verbindlich festgehalten?)"
    )
    count = 0
    for decision in decisions:
        count += 1
        cells = row(decision)
        document.add_heading(f"Nr. {cells[0]}: {cells[1]}", level=2)
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in zip(COLUMNS[2:], cells[2:], strict=True):
            if not value:
                continue
            line = table.add_row().cells
            line[0].text = label
            line[1].text = value
    if not count:
        document.add_paragraph("Noch keine Entscheidungen.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
