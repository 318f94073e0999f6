#!/usr/bin/env bash
# Render a .docx to PNG pages for a visual check: DOCX -> PDF (LibreOffice headless) -> PNG (pdftoppm).
#
#   tools/render_docx.sh REPORT.docx [OUTDIR] [DPI]
#
# Writes OUTDIR/REPORT.pdf and OUTDIR/REPORT-<n>.png (default OUTDIR: ./render, DPI: 60).
# Needs LibreOffice Writer and poppler: apt-get install -y libreoffice-writer-nogui poppler-utils
set -euo pipefail

if [[ $# -lt 1 ]]; then
    echo "usage: $0 REPORT.docx [OUTDIR] [DPI]" >&2
    exit 2
fi
docx="$1"
outdir="${2:-render}"
dpi="${3:-60}"
for tool in soffice pdftoppm; do
    command -v "$tool" >/dev/null || { echo "$0: $tool not found (apt-get install -y libreoffice-writer-nogui poppler-utils)" >&2; exit 1; }
done
mkdir -p "$outdir"
stem="$(basename "${docx%.*}")"
# A private LibreOffice profile: works while another LibreOffice runs and leaves the user's alone.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$outdir" "$docx" >/dev/null
pdf="$outdir/$stem.pdf"
[[ -s "$pdf" ]] || { echo "$0: LibreOffice did not produce $pdf" >&2; exit 1; }
rm -f "$outdir/$stem"-*.png
pdftoppm -r "$dpi" -png "$pdf" "$outdir/$stem"
ls "$outdir/$stem"-*.png | wc -l | xargs echo "pages:"
