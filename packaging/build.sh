#!/usr/bin/env bash
# Build the one-folder app on Linux or macOS with PyInstaller:
#
#     bash packaging/build.sh
#
# Creates (or reuses) a build venv, installs the project (not editable) and PyInstaller into it with the
# versions pinned in packaging/constraints.txt, runs packaging/pyinstaller/inspector.spec, writes
# THIRD_PARTY_LICENSES.md into the app folder (failing if the build carries a shared library it must not
# ship, or one without a known licence) and prints the folder, its size and its number of files.
# Then try it: python3 packaging/smoke_test.py dist/Inspector
#
# Settings (environment variables):
#   PYTHON       the Python to create the build venv with (default: python3; 3.11 or newer)
#   BUILD_VENV   the build venv (default: build/pyinstaller-venv); never the project's own .venv
#   DIST_DIR     where the app goes (default: dist) -> $DIST_DIR/Inspector (+ Inspector.app on macOS)
#   WORK_DIR     PyInstaller's work folder (default: build/pyinstaller)
#   CONSTRAINTS  a pip constraints file (default: packaging/constraints.txt; empty for the newest versions)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
absolute() { [[ -z $1 || $1 == /* ]] && echo "$1" || echo "$PWD/$1"; }
python="${PYTHON:-python3}"
venv="$(absolute "${BUILD_VENV:-$root/build/pyinstaller-venv}")"
dist="$(absolute "${DIST_DIR:-$root/dist}")"
work="$(absolute "${WORK_DIR:-$root/build/pyinstaller}")"
constraints="$(absolute "${CONSTRAINTS-$here/constraints.txt}")"

if [[ ! -x $venv/bin/python ]]; then
  echo "Creating the build venv $venv"
  "$python" -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip --disable-pip-version-check --no-input)
constraint_args=()
[[ -n $constraints ]] && constraint_args=(--constraint "$constraints")

echo "Installing the project and PyInstaller into the build venv"
"${pip[@]}" install --quiet "${constraint_args[@]}" "$root" pyinstaller
# pip reinstalls a local project every time, so the build always freezes the current tree.

echo "Running PyInstaller"
start=$(date +%s)
mkdir -p "$work"
cd "$work"  # not the repository root, where "import inspector_app" would find the sources, not the install
"$venv/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$dist" --workpath "$work" "$here/pyinstaller/inspector.spec"
echo "PyInstaller took $(($(date +%s) - start)) s"

app="$dist/Inspector"
# Lists the libraries this build copied from the machine with their licences, and fails the build on one
# it must not ship (GNU Readline …) or knows no licence for.
"$venv/bin/python" "$root/tools/third_party_licenses.py" --app "$app" -o "$app/THIRD_PARTY_LICENSES.md"
if [[ -d $dist/Inspector.app ]]; then
  cp "$app/THIRD_PARTY_LICENSES.md" "$dist/Inspector.app/Contents/Resources/"
fi
echo
echo "Built: $app"
echo "Size:  $(du -sh "$app" | cut -f1) in $(find "$app" -type f | wc -l | tr -d ' ') files"
if [[ -d $dist/Inspector.app ]]; then
  echo "macOS: $dist/Inspector.app ($(du -sh "$dist/Inspector.app" | cut -f1))"
fi
echo "Try:   $venv/bin/python $here/smoke_test.py $app"
