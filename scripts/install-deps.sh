#!/usr/bin/env bash
# Installs what xlsx-tasks needs on Debian: the C libraries it links (libxlsxwriter, zlib, SQLite, libcurl), and
# the fonts its workbooks print with on Linux: Noto CJK for the Chinese faces the workbooks name
# (仿宋, 黑体: Templates/fonts maps them) and Carlito, which LibreOffice needs to measure column
# widths as Excel does (its default font, Calibri, has the same metrics).
# With --test, also the independent clients the tests check our files with:
# openpyxl (PyPI) and LibreOffice Calc (headless), and python-docx, the Word writer some
# tests make documents with, poppler-utils to read the PDFs LibreOffice prints, and aiosmtpd (a real
# SMTP server with STARTTLS and AUTH) with openssl for its certificate, for mail --send; independentsoft-msg
# writes the Outlook .msg replies the tests collect, extract-msg reads them back to cross-check ours;
# chromium and chromium-driver (Debian) with Selenium drive the web page of serve in a real browser.
set -euo pipefail
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
packages=(libxlsxwriter-dev zlib1g-dev libsqlite3-dev libcurl4-openssl-dev pkg-config fonts-noto-cjk fonts-crosextra-carlito fontconfig)
if [ "${1:-}" = "--test" ]; then
  packages+=(libreoffice-calc-nogui python3-pip poppler-utils openssl chromium chromium-driver)
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
here="$(cd "$(dirname "$0")/.." && pwd)"
$sudo install -m 644 "$here/Templates/fonts/65-xlsx-tasks-cjk.conf" /etc/fonts/conf.d/65-xlsx-tasks-cjk.conf
$sudo fc-cache -f >/dev/null 2>&1 || true
if [ "${1:-}" = "--test" ]; then
  # Whatever python3 is first on PATH runs the test helpers, so install for that one.
  python3 -m pip install --quiet --disable-pip-version-check openpyxl==3.1.5 python-docx==1.1.2 pdfminer.six==20231228 aiosmtpd==1.4.6 independentsoft-msg==1.6 extract-msg==0.57.0 selenium==4.51.0 2>/dev/null \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages openpyxl==3.1.5 python-docx==1.1.2 pdfminer.six==20231228 aiosmtpd==1.4.6 independentsoft-msg==1.6 extract-msg==0.57.0 selenium==4.51.0
  python3 -c "import openpyxl, docx, pdfminer, aiosmtpd, extract_msg, independentsoft.msg, selenium" >/dev/null
fi
echo "dependencies installed"
