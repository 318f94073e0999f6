"""What the app remembers between runs: recent files, the last folder, window layout, first run.

Stored with QSettings as an INI file in the user's config folder (platformdirs), so it is the same plain
file on every platform and tests can point it at a temporary file.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

from .. import APP_NAME
from ..storage.atomic import PRIVATE_FILE, PRIVATE_FOLDER

MAX_RECENT = 10


def _make_private(path: Path) -> None:
    """Recent files name inspections: the settings file is the user's alone (0600, in a 0700 folder).
    QSettings keeps an existing file's permissions when it rewrites it, so the file is made here first."""
    try:
        path.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE)
        os.close(descriptor)
        if os.name == "posix":
            os.chmod(path, PRIVATE_FILE)
    except OSError:
        pass  # QSettings reports nothing either: the app runs on with settings in memory


def default_settings_path() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "settings.ini"


class AppSettings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_settings_path()
        _make_private(self.path)
        self.qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def recent_files(self) -> list[Path]:
        """Recent files that still exist, most recent first."""
        stored = self.qsettings.value("recent/files", [], type=list)
        if not isinstance(stored, list):
            return []
        return [Path(p) for p in stored if isinstance(p, str) and Path(p).is_file()]

    def add_recent(self, path: Path) -> None:
        path = path.resolve()
        files = [path] + [p for p in self.recent_files() if p.resolve() != path]
        self.qsettings.setValue("recent/files", [str(p) for p in files[:MAX_RECENT]])
        self.qsettings.setValue("recent/folder", str(path.parent))
        self.qsettings.sync()

    def clear_recent(self) -> None:
        self.qsettings.setValue("recent/files", [])

    def last_folder(self) -> Path:
        value = self.qsettings.value("recent/folder", str(Path.home()))
        if not isinstance(value, str):
            return Path.home()
        folder = Path(value)
        return folder if folder.is_dir() else Path.home()

    def is_first_run(self) -> bool:
        return not self.qsettings.value("app/has_run", False, type=bool)

    def mark_has_run(self) -> None:
        self.qsettings.setValue("app/has_run", True)
        self.qsettings.sync()

    def template(self) -> Path | None:
        """The organisation's Word template the user chose, if it still exists."""
        value = self.qsettings.value("export/template", "")
        return Path(value) if isinstance(value, str) and value and Path(value).is_file() else None

    def set_template(self, path: Path | None) -> None:
        self.qsettings.setValue("export/template", str(path) if path else "")
        self.qsettings.sync()

    def update_fields_on_open(self) -> bool:
        """Whether a Word report asks Word to update its fields on opening (so the contents get their page
        numbers, after Word's question about fields). On unless the user turned it off; a PDF never asks."""
        return bool(self.qsettings.value("export/update_fields", True, type=bool))

    def set_update_fields_on_open(self, wanted: bool) -> None:
        self.qsettings.setValue("export/update_fields", bool(wanted))
        self.qsettings.sync()

    def your_name(self) -> str:
        """The name review comments and sign-off carry ("" until the user first gives it)."""
        return str(self.qsettings.value("review/name", "", type=str))

    def set_your_name(self, name: str) -> None:
        self.qsettings.setValue("review/name", name.strip())
        self.qsettings.sync()

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        return self.qsettings.value("window/geometry"), self.qsettings.value("window/state")

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", geometry)
        self.qsettings.setValue("window/state", state)
        self.qsettings.sync()
