"""PDF export of a report through Chromium's headless print (the page's print styles apply).

Runs ``chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer
--print-to-pdf=OUT file://IN`` (Debian's ``/usr/bin/chromium``, or the ``CHIPSHOCK_CHROMIUM``
executable), writes to a temporary file and renames it, so a failed export leaves nothing
half-written. A4 page size and margins come from the report's ``@page`` rule.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from chipshock.errors import ChipshockError

__all__ = ["chromium_path", "html_to_pdf"]

#: seconds before a hung Chromium is stopped
TIMEOUT_S = 120


def chromium_path() -> str:
    """The Chromium executable: ``$CHIPSHOCK_CHROMIUM``, else ``chromium`` on the PATH."""
    configured = os.environ.get("CHIPSHOCK_CHROMIUM")
    found = configured or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise ChipshockError(
            "PDF export needs Chromium: install it (apt-get install chromium) or set "
            "CHIPSHOCK_CHROMIUM to its path"
        )
    return found


def html_to_pdf(html_path: Path | str, pdf_path: Path | str) -> Path:
    """Print the HTML file ``html_path`` to ``pdf_path`` (A4, print styles); return the path."""
    source = Path(html_path).resolve()
    target = Path(pdf_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="chipshock-pdf-") as work:
        out = Path(work) / "report.pdf"
        cmd = [
            chromium_path(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={work}/profile",
            f"--print-to-pdf={out}",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(  # noqa: S603 - our own argument list, no shell
                cmd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise ChipshockError(f"Chromium did not finish the PDF in {TIMEOUT_S} s") from exc
        if done.returncode != 0 or not out.exists() or out.stat().st_size == 0:
            tail = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
            raise ChipshockError(
                f"Chromium could not print {source} to PDF (exit {done.returncode}): {tail[0]}"
            )
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(out, tmp)
        tmp.replace(target)
    return target
