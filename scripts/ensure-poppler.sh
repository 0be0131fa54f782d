#!/bin/sh
# Make sure the PDF report's tests can read the PDFs readiness prints: poppler's pdftotext,
# pdfinfo, pdfimages and pdftoppm (Debian's poppler-utils). Found on the PATH, else installed
# from Debian/Ubuntu's package when we are root.
set -u

TOOLS="pdftotext pdfinfo pdfimages pdftoppm"

missing() {
    for tool in $TOOLS; do
        command -v "$tool" >/dev/null 2>&1 || { echo "$tool"; return 0; }
    done
    return 1
}

report() {
    echo "Poppler: $(pdfinfo -v 2>&1 | head -n 1) ($(dirname "$(command -v pdfinfo)"))"
}

if ! missing >/dev/null; then
    report
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "No poppler tools found ($(missing) missing); installing Debian's poppler-utils with apt-get..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
    if ! missing >/dev/null; then
        report
        exit 0
    fi
fi
echo "Could not find or install poppler's tools ($TOOLS): install them, e.g. apt-get install poppler-utils." >&2
exit 1
