"""Smoke-test a built one-folder app, headless, as a user would run it; print timings and the folder's size.

    python packaging/smoke_test.py [APP_FOLDER] [--platform offscreen|xcb|wayland|windows|cocoa] [--repeat 3]

APP_FOLDER defaults to dist/Inspector. Any Python 3.11+ runs it (standard library only); the app itself is
never imported. Everything runs in a temporary folder with the app's state, log and settings
folders pointed there, so the user's own files are not touched. Steps:

1. ``inspector-app --version`` (best of --repeat runs, timed from process start to exit);
2. ``frameworks``, ``sample … -o``, ``check`` and ``export … -o`` into the temporary folder;
   ``team copy``, ``team sync`` (both ways), ``team send``/``apply`` and ``team conflicts``: the team's
   replication runs on pycrdt's compiled Yrs module, which the build must carry and load;
3. the window: starts the GUI executable with the sample file, waits for the file's lock file to appear
   (the window creates it when it opens the file, right after it is shown: that is the time to window),
   lets it run 2 more seconds, checks it is still running and has printed no error, then ends it;
4. on Linux, ``ldd`` on the bundled Qt platform plugins: every library they need must be found.

The app offers no test switch; ending the window from outside is the point (a crash in those seconds
shows as an early exit). QT_QPA_PLATFORM=offscreen by default, so no display is needed; pass
``--platform xcb`` under Xvfb (``xvfb-run python packaging/smoke_test.py --platform xcb``) to try the X11
plugin for real. Exit status 0 when every step passed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

SAMPLE = "hertfordshire-peel-2016-effectiveness"
WINDOWS = sys.platform == "win32"
MACOS = sys.platform == "darwin"
EXE = ".exe" if WINDOWS else ""
HOLD_SECONDS = 2.0
WINDOW_TIMEOUT = 60.0
#: Lines on stderr that mean the GUI is broken even if it keeps running.
FATAL_MARKERS = (
    "Traceback",
    "Could not load the Qt platform plugin",
    "could not find or load the Qt platform plugin",
    "error while loading shared libraries",
    "cannot open shared object file",
    "undefined symbol",
    "Fatal Python error",
    "Segmentation fault",
    "unexpected error",
)


class SmokeFailure(Exception):
    pass


def executables(app: Path) -> tuple[Path, Path]:
    """(command-line executable, window executable) of the one-folder build."""
    cli = app / f"inspector-app{EXE}"
    gui = app / f"Inspector{EXE}" if (WINDOWS or MACOS) else cli
    for path in (cli, gui):
        if not path.is_file():
            raise SmokeFailure(
                f"{path} is missing: is {app} a one-folder build of packaging/pyinstaller/inspector.spec?"
            )
    return cli, gui


def environment(sandbox: Path, platform: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_")) and k != "VIRTUAL_ENV"}
    env.update(
        QT_QPA_PLATFORM=platform,
        INSPECTOR_STATE_DIR=str(sandbox / "state"),
        INSPECTOR_LOG_DIR=str(sandbox / "log"),
    )
    if WINDOWS:  # platformdirs 4.14+ reads this instead of asking Windows for %LOCALAPPDATA%
        env["WIN_PD_OVERRIDE_LOCAL_APPDATA"] = str(sandbox / "LocalAppData")
    else:  # platformdirs follows these on Linux; on macOS, ~/Library under HOME
        home = sandbox / "home"
        env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_STATE_HOME=str(home / ".local/state"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_DATA_HOME=str(home / ".local/share"),
        )
    return env


def run(command: list[str | Path], env: dict[str, str], cwd: Path, timeout: float = 120) -> tuple[str, float]:
    start = time.perf_counter()
    result = subprocess.run(
        [str(c) for c in command], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SmokeFailure(
            f"{' '.join(map(str, command))} exited with {result.returncode}:\n{result.stdout}{result.stderr}"
        )
    problems = [line for line in result.stderr.splitlines() if any(m in line for m in FATAL_MARKERS)]
    if problems:
        raise SmokeFailure(f"{' '.join(map(str, command))} printed errors:\n{result.stderr}")
    return result.stdout, elapsed


def team_round(cli: Path, document: Path, env: dict[str, str], cwd: Path) -> str:
    """A member's copy of ``document`` synced back and forth, sent and applied, with no conflict: every
    step reads and writes the Yrs history, so a build without pycrdt's native module fails here."""
    copy = cwd / "ann.inspection"
    made, _ = run([cli, "team", "copy", document, "--member", "Ann", "-o", copy], env, cwd)
    if "Ann's copy" not in made or not copy.is_file():
        raise SmokeFailure(f"team copy said: {made}")
    started = time.monotonic()
    for synced in (copy, document, copy):
        run([cli, "team", "sync", synced], env, cwd)
    changes = cwd / "ann.changes"
    run([cli, "team", "send", copy, "-o", changes], env, cwd)
    run([cli, "team", "apply", document, changes], env, cwd)
    elapsed = time.monotonic() - started
    listed, _ = run([cli, "team", "conflicts", document], env, cwd)
    if "no conflict" not in listed.lower():
        raise SmokeFailure(f"team conflicts said: {listed}")
    return f"copy, 3 syncs, send and apply in {elapsed:.2f} s; no conflict"


def lock_file(path: Path) -> Path:
    return path.with_name(f".~lock.{path.name}#")


def window_once(gui: Path, document: Path, env: dict[str, str], cwd: Path) -> float:
    """Start the window on ``document``; return seconds until it opened the file. Ends the process after."""
    lock = lock_file(document)
    log = cwd / f"gui-{document.stem}.stderr"
    with open(log, "w+", encoding="utf-8", errors="replace") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            [str(gui), str(document)], env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=stderr
        )
        try:
            while not lock.exists():
                if process.poll() is not None:
                    raise SmokeFailure(f"the window exited with {process.returncode} before opening the file")
                if time.perf_counter() - start > WINDOW_TIMEOUT:
                    raise SmokeFailure(
                        f"the window did not open {document.name} within {WINDOW_TIMEOUT:.0f} s"
                    )
                time.sleep(0.01)
            up = time.perf_counter() - start
            deadline = time.perf_counter() + HOLD_SECONDS
            while time.perf_counter() < deadline:
                if process.poll() is not None:
                    raise SmokeFailure(
                        f"the window exited with {process.returncode} {HOLD_SECONDS:.0f} s after start"
                    )
                time.sleep(0.05)
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            stderr.seek(0)
            output = stderr.read()
    problems = [line for line in output.splitlines() if any(m in line for m in FATAL_MARKERS)]
    if problems:
        raise SmokeFailure(f"the window printed errors:\n{output}")
    return up


#: Platform plugins that must load on any Linux desktop (offscreen for headless use); the others (Wayland)
#: may need libraries only a desktop of that kind has, so a headless build machine reports them as notes.
REQUIRED_PLUGINS = ("libqoffscreen.so", "libqxcb.so")


def check_platform_plugins(app: Path) -> list[tuple[str, str]]:
    """Linux: ldd every bundled platform plugin as the bootloader would load it; (status, line) for each."""
    internal = app / "_internal"
    plugins = sorted((internal / "PySide6" / "Qt" / "plugins" / "platforms").glob("*.so"))
    names = {p.name for p in plugins}
    for wanted in (*REQUIRED_PLUGINS, "libqwayland.so"):
        if wanted not in names:
            raise SmokeFailure(f"the Qt platform plugin {wanted} is not bundled")
    env = dict(os.environ, LD_LIBRARY_PATH=str(internal))  # what the bootloader sets
    lines = []
    for plugin in plugins:
        output = subprocess.run(
            ["ldd", str(plugin)], env=env, capture_output=True, text=True, check=True
        ).stdout
        found = output.splitlines()
        missing = sorted({line.split()[0] for line in found if "not found" in line})
        if missing and plugin.name in REQUIRED_PLUGINS:
            raise SmokeFailure(
                f"{plugin.name} needs libraries that are neither bundled nor installed: {missing}"
            )
        if missing:
            lines.append(
                ("note", f"{plugin.name}: needs {', '.join(missing)} from the system (not on this machine)")
            )
            continue
        bundled = sum(1 for line in found if str(app) in line)
        lines.append(
            ("ok", f"ldd {plugin.name}: all {len(found)} libraries found ({bundled} from the bundle)")
        )
    return lines


def folder_size(app: Path) -> tuple[int, int]:
    files = [p for p in app.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "app", nargs="?", type=Path, default=Path("dist") / "Inspector", help="the one-folder build"
    )
    parser.add_argument(
        "--platform", default="offscreen", help="QT_QPA_PLATFORM for the window (default offscreen)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of --version and of the window (best is shown)"
    )
    args = parser.parse_args(argv)
    app = args.app.resolve()
    results: list[tuple[str, str]] = []
    notes: list[tuple[str, str]] = []
    try:
        cli, gui = executables(app)
        with tempfile.TemporaryDirectory(prefix="inspector-smoke-") as folder:
            sandbox = Path(folder)
            env = environment(sandbox, args.platform)

            versions = [run([cli, "--version"], env, sandbox) for _ in range(args.repeat)]
            version = versions[0][0].strip()
            if not version.startswith("Inspector "):
                raise SmokeFailure(f"--version printed {version!r}")
            best = min(t for _, t in versions)
            results.append(("--version", f"{version!r}, best {best:.2f} s of {args.repeat}"))

            listing, _ = run([cli, "frameworks"], env, sandbox)
            ids = [line.split()[0] for line in listing.splitlines() if line.strip()]
            if not ids:
                raise SmokeFailure(f"frameworks listed nothing:\n{listing}")
            results.append(("frameworks", ", ".join(ids)))

            document = sandbox / "peel.inspection"
            _, elapsed = run([cli, "sample", SAMPLE, "-o", document], env, sandbox)
            results.append(
                ("sample", f"{document.name} ({document.stat().st_size:,} bytes) in {elapsed:.2f} s")
            )
            summary, _ = run([cli, "check", document], env, sandbox)
            if "The file is valid" not in summary:
                raise SmokeFailure(f"check said: {summary}")
            results.append(("check", "valid"))

            report = sandbox / "peel.docx"
            _, elapsed = run([cli, "export", document, "-o", report], env, sandbox)
            with zipfile.ZipFile(report) as docx:
                if "word/document.xml" not in docx.namelist():
                    raise SmokeFailure(f"{report} is not a Word document")
            results.append(("export", f"{report.name} ({report.stat().st_size:,} bytes) in {elapsed:.2f} s"))
            lead = sandbox / "team.inspection"
            shutil.copyfile(document, lead)
            results.append(("team", team_round(cli, lead, env, sandbox)))

            times = []
            for n in range(args.repeat):
                copy = sandbox / f"window-{n}.inspection"
                shutil.copyfile(document, copy)
                times.append(window_once(gui, copy, env, sandbox))
            results.append(
                (f"window ({args.platform})", (f"file open after best {min(times):.2f} s of {args.repeat} "
                 f"({', '.join(f'{t:.2f}' for t in times)}); ran {HOLD_SECONDS:.0f} s more without errors"))
            )  # fmt: skip

        if sys.platform.startswith("linux"):
            notes = check_platform_plugins(app)
    except SmokeFailure as failure:
        for step, outcome in results:
            print(f"ok    {step}: {outcome}")
        print(f"FAIL  {failure}")
        return 1
    size, count = folder_size(app)
    for step, outcome in results:
        print(f"ok    {step}: {outcome}")
    for status, line in notes:
        print(f"{status:5} {line}")
    print(f"size  {app}: {size / 1024**2:.0f} MB in {count} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
