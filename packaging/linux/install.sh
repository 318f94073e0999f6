#!/usr/bin/env bash
# Install (or remove) the Linux one-folder build with its desktop integration:
#
#     sudo packaging/linux/install.sh [--prefix /usr/local] [APP_FOLDER]      # every user (default prefix)
#     packaging/linux/install.sh --user [APP_FOLDER]                           # this user, in ~/.local
#     sudo packaging/linux/install.sh --uninstall [--prefix /usr/local]        # remove it again
#
# APP_FOLDER is the build (default: dist/Inspector). It goes to PREFIX/lib/inspector, with
#   PREFIX/bin/inspector-app                                   a link to its executable
#   PREFIX/share/applications/uk.example.Inspector.desktop     menu entry, opens .inspection files
#   PREFIX/share/metainfo/uk.example.Inspector.metainfo.xml    software-centre description
#   PREFIX/share/mime/packages/uk.example.Inspector.xml        the application/x-inspector-inspection type
#   PREFIX/share/icons/hicolor/*/apps/uk.example.Inspector.*   the icon, 16-512 px and SVG
# then refreshes the MIME, desktop and icon caches when those tools are installed. DESTDIR=/some/root
# stages everything under that folder (for building a distribution package); the caches are left alone.
set -euo pipefail

APP_ID=uk.example.Inspector
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$(dirname "$here")")"
prefix=/usr/local
app=""
uninstall=false
while (($#)); do
  case $1 in
    --prefix) prefix=$2; shift 2 ;;
    --user) prefix="$HOME/.local"; shift ;;
    --uninstall) uninstall=true; shift ;;
    -h | --help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *) app=$1; shift ;;
  esac
done
app="${app:-$root/dist/Inspector}"
dest="${DESTDIR:-}$prefix"
share="$dest/share"
sizes=(16 24 32 48 64 128 256 512)

refresh_caches() {
  [[ -n ${DESTDIR:-} ]] && return 0
  if command -v update-mime-database >/dev/null; then update-mime-database "$share/mime" || true; fi
  if command -v update-desktop-database >/dev/null; then update-desktop-database -q "$share/applications" || true; fi
  if command -v gtk-update-icon-cache >/dev/null && [[ -f $share/icons/hicolor/index.theme ]]; then
    gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
  fi
}

if $uninstall; then
  rm -rf "$dest/lib/inspector"
  rm -f "$dest/bin/inspector-app" "$share/applications/$APP_ID.desktop" "$share/metainfo/$APP_ID.metainfo.xml" \
    "$share/mime/packages/$APP_ID.xml" "$share/icons/hicolor/scalable/apps/$APP_ID.svg"
  for size in "${sizes[@]}"; do rm -f "$share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"; done
  refresh_caches
  echo "Removed Inspector from $dest"
  exit 0
fi

if [[ ! -x $app/inspector-app ]]; then
  echo "$app/inspector-app not found: build first (packaging/build.sh) or name the build folder" >&2
  exit 1
fi

# The program: replace the whole folder, so no file of an older version stays behind.
mkdir -p "$dest/lib" "$dest/bin"
rm -rf "$dest/lib/inspector.new"
cp -a "$app" "$dest/lib/inspector.new"
rm -rf "$dest/lib/inspector"
mv "$dest/lib/inspector.new" "$dest/lib/inspector"
ln -sfn ../lib/inspector/inspector-app "$dest/bin/inspector-app"

# Desktop integration.
install -Dm644 "$here/$APP_ID.desktop" "$share/applications/$APP_ID.desktop"
if [[ $prefix != /usr && $prefix != /usr/local ]]; then  # not on PATH for a menu launch: use the full path
  sed -i "s|^Exec=inspector-app|Exec=$prefix/bin/inspector-app|; s|^TryExec=inspector-app|TryExec=$prefix/bin/inspector-app|" \
    "$share/applications/$APP_ID.desktop"
fi
install -Dm644 "$here/$APP_ID.metainfo.xml" "$share/metainfo/$APP_ID.metainfo.xml"
install -Dm644 "$here/inspector-mime.xml" "$share/mime/packages/$APP_ID.xml"
icons="$dest/lib/inspector/_internal/inspector_app/resources/icons"
for size in "${sizes[@]}"; do
  install -Dm644 "$icons/inspector-$size.png" "$share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
install -Dm644 "$icons/inspector.svg" "$share/icons/hicolor/scalable/apps/$APP_ID.svg"
refresh_caches

echo "Installed Inspector in $dest/lib/inspector"
echo "Command: $prefix/bin/inspector-app (the menu entry is 'Inspector'; .inspection files open in it)"
