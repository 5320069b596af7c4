#!/usr/bin/env bash
# Builds xlsx-tasks_<version>_amd64.deb: the binary linked with the Swift runtime statically
# (--static-swift-stdlib: no toolchain on the office machine), its templates beside it in
# /usr/lib/xlsx-tasks, /usr/bin/xlsx-tasks a link to it, a man page made from --help, the font
# mapping, and an optional systemd unit for `serve`. Depends: the Debian packages of the C
# libraries the binary links, found with ldd and dpkg -S, and the fonts it prints with.
#
# usage: scripts/package-deb.sh [OUTDIR]      (default: the repository folder)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(cd "${1:-$root}" && pwd)
cd "$root"
swift build -c release --static-swift-stdlib --product xlsx-tasks >&2
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)
version=$("$bin/xlsx-tasks" --version)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg="$stage/xlsx-tasks_${version}_amd64"
install -d "$pkg/DEBIAN" "$pkg/usr/lib/xlsx-tasks" "$pkg/usr/bin" "$pkg/usr/share/man/man1" "$pkg/usr/share/doc/xlsx-tasks" \
  "$pkg/etc/fonts/conf.d" "$pkg/lib/systemd/system"
install -m 755 "$bin/xlsx-tasks" "$pkg/usr/lib/xlsx-tasks/xlsx-tasks"
strip "$pkg/usr/lib/xlsx-tasks/xlsx-tasks"
# Bundle.module looks beside the executable (the link resolved): the templates go there.
cp -R "$bin/xlsx-tasks_BundledTemplates.resources" "$pkg/usr/lib/xlsx-tasks/"
ln -s ../lib/xlsx-tasks/xlsx-tasks "$pkg/usr/bin/xlsx-tasks"
install -m 644 Templates/fonts/65-xlsx-tasks-cjk.conf "$pkg/etc/fonts/conf.d/"
install -m 644 packaging/xlsx-tasks.service "$pkg/lib/systemd/system/"
install -m 644 README.md "$pkg/usr/share/doc/xlsx-tasks/"
bash scripts/man-page.sh "$bin/xlsx-tasks" "$version" | gzip -9n > "$pkg/usr/share/man/man1/xlsx-tasks.1.gz"

# The packages of the shared libraries the binary itself names (NEEDED; what they need, their
# own packages depend on), found where ldd says they load from. libc's are always there.
needed=$(readelf -d "$bin/xlsx-tasks" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p')
depends=$(for name in $needed; do
  path=$(ldd "$bin/xlsx-tasks" | awk -v lib="$name" '$1 == lib {print $3}')
  if [ -n "$path" ]; then dpkg -S "$(readlink -f "$path")" 2>/dev/null || dpkg -S "$path" 2>/dev/null || true; fi
done | cut -d: -f1 | sort -u | grep -v -E '^(libc6|libgcc-s1|libstdc\+\+6)$' | while read -r package; do
  echo "$package (>= $(dpkg-query -W -f='${Version}' "$package" | sed -E 's/-[^-]*$//'))"
done | paste -sd, - | sed 's/,/, /g')
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: xlsx-tasks
Version: $version
Architecture: amd64
Maintainer: xlsx-tasks developers <xlsx-tasks@localhost>
Depends: libc6, $depends, fonts-noto-cjk, fonts-crosextra-carlito, fontconfig
Section: utils
Priority: optional
Description: task-decomposition documents to one workbook per unit, and back
 Turns an official task-decomposition document (督查任务分解) into one locked Excel
 workbook per responsible unit, collects what the units send back (xlsx, xls, csv, zip,
 mail) into a workspace that remembers every round, and writes the merged master and the
 bulletin. With a local web page (xlsx-tasks serve) for the clerk.
CONTROL
cat > "$pkg/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
fc-cache -f >/dev/null 2>&1 || true
if [ -d /run/systemd/system ]; then systemctl daemon-reload >/dev/null 2>&1 || true; fi
POSTINST
chmod 755 "$pkg/DEBIAN/postinst"
dpkg-deb --root-owner-group --build "$pkg" "$out/xlsx-tasks_${version}_amd64.deb" >&2
echo "$out/xlsx-tasks_${version}_amd64.deb"
