#!/bin/sh
# Make sure readiness has a Chromium to drive: one already present, else Playwright's own
# download (needs internet), else Debian/Ubuntu's package when we are root.
set -u
readiness="$1"
if "$readiness" browser >/dev/null 2>&1; then
    echo "Browser: $("$readiness" browser)"
    exit 0
fi
echo "No browser found; trying 'playwright install chromium'..."
if timeout 300 "$(dirname "$readiness")/playwright" install chromium; then
    "$readiness" browser && exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium with apt-get..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    "$readiness" browser && exit 0
fi
echo "Could not install a browser: install Chromium or Chrome, or set READINESS_BROWSER." >&2
exit 1
