"""Chinese is the default language, so its catalogue must translate every message the code uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "app" / "translations" / "zh_Hans" / "LC_MESSAGES" / "messages.po"


def _catalog(path: Path):
    with path.open("rb") as fh:
        return read_po(fh, locale="zh_Hans")


def test_every_chinese_message_is_translated():
    missing = [m.id for m in _catalog(PO) if m.id and not (m.string[0] if isinstance(m.string, tuple) else m.string)]
    assert missing == []


def test_the_catalogue_covers_every_message_in_the_code(tmp_path):
    # pybabel skips directories starting with "_" unless told otherwise, which would hide templates/_macros.
    pot = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [
            str(pybabel),
            "extract",
            "--ignore-dirs",
            ".* __pycache__",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-o",
            str(pot),
            ".",
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    with pot.open("rb") as fh:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    have = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(PO) if m.id}
    assert sorted(wanted - have) == []


def test_chinese_addresses_users_as_you_politely_everywhere():
    # 您, never 你: the platform writes to enterprise staff and vendors it does not know personally, and one
    # email mixing both reads as careless.
    def strings(message):
        return message.string if isinstance(message.string, tuple) else (message.string,)

    casual = [m.id for m in _catalog(PO) if m.id and any("你" in s for s in strings(m) if s)]
    assert casual == []
    templates = [p for p in (ROOT / "app").rglob("*") if p.suffix in (".html", ".txt") and "你" in p.read_text("utf-8")]
    assert templates == []


def test_no_message_is_hidden_inside_an_f_string():
    """pybabel cannot see a gettext call inside an f-string: such a message is never extracted, so a regenerated
    catalogue drops its translation and the page shows English."""
    import re
    from pathlib import Path

    inside = re.compile(r"""\bf(["']).*\{\s*(_|gettext|ngettext|pgettext|lazy_gettext|_l)\(""")
    found = [
        f"{path}:{n}"
        for path in Path("app").rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if inside.search(line)
    ]
    assert found == []
