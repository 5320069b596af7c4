#!/usr/bin/env bash
# Builds the .deb, installs it on this machine (apt resolves its Depends) and uses it with the
# build folder moved away, so nothing of the toolchain or the build can stand in: --version, a
# split of the example document, and the web page's first page served from the installed templates.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
scratch=$(mktemp -d)
deb=$(bash scripts/package-deb.sh "$scratch")
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$deb" >/dev/null
mv .build .build-moved-for-deb-check
restore() { mv "$root/.build-moved-for-deb-check" "$root/.build"; rm -rf "$scratch"; }
trap restore EXIT
cd "$scratch"
version=$(/usr/bin/xlsx-tasks --version)
/usr/bin/xlsx-tasks split "$root/Examples/taizhengfa-2020-9.txt" -o "$scratch/split" >/dev/null
count=$(find "$scratch/split" -name '*.xlsx' | wc -l)
[ "$count" -eq 54 ] || { echo "deb: split wrote $count files, expected 53 workbooks and 分发清单.xlsx" >&2; exit 1; }
man -w xlsx-tasks >/dev/null 2>&1 || [ -f /usr/share/man/man1/xlsx-tasks.1.gz ] || { echo "deb: no man page" >&2; exit 1; }
/usr/bin/xlsx-tasks serve -w "$scratch/ws" --port 0 > "$scratch/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do grep -q "serving" "$scratch/serve.log" && break; sleep 0.2; done
address=$(grep -o 'http://[^ ]*' "$scratch/serve.log" | head -n 1)
page=$(python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode())' "$address")
kill "$server"
grep -q "新建工作区" <<<"$page" || { echo "deb: the installed serve did not render its page" >&2; exit 1; }
echo "deb: $(basename "$deb") installed; xlsx-tasks $version split the example into 53 workbooks and served its page"
