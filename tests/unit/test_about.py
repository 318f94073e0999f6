"""The About text: version, every runtime dependency with its licence, and where the user's files are."""

from importlib import metadata
from pathlib import Path

from inspector_app import __version__
from inspector_app.about import COMPONENTS, about_text, components


def test_about_names_version_licences_and_places(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("INSPECTOR_LOG_DIR", str(tmp_path / "logs"))
    text = about_text(Path("/home/me/.config/Inspector/settings.ini"))
    assert f"Inspector {__version__}" in text
    assert "LGPL-3.0" in text and "python-docx" in text and "MIT" in text
    assert str(tmp_path / "state" / "recovery") in text and str(tmp_path / "logs") in text
    assert "settings.ini" in text


def test_every_runtime_dependency_is_credited():
    required = metadata.requires("inspector-app") or []
    direct = {
        r.split(";")[0].split("[")[0].split("<")[0].split(">")[0].split("=")[0].split("!")[0].strip().lower()
        for r in required
        if "extra ==" not in r
    }
    credited = {distribution.lower().replace("_", "-") for _name, distribution, _licence in COMPONENTS}
    assert direct <= credited | {d.replace("_", "-") for d in credited}, direct - credited
    assert all(c.version for c in components() if c.name != "en_GB Hunspell dictionary")
