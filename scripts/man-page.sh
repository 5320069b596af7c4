#!/usr/bin/env bash
# A man page (roff) made from the tool's own --help and each command's: what the CLI says is what
# the page says.  usage: scripts/man-page.sh BINARY VERSION
set -euo pipefail
bin=$1 version=$2
roff() { sed -e 's/\\/\\\\/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\&'/"; }
echo ".TH XLSX-TASKS 1 \"$(date -u +%Y-%m-%d)\" \"xlsx-tasks $version\" \"User Commands\""
echo ".SH NAME"
echo "xlsx-tasks \\- task-decomposition documents to one workbook per unit, and back"
echo ".SH DESCRIPTION"
echo ".nf"
"$bin" --help | roff
echo ".fi"
for command in $("$bin" --help | awk '/^SUBCOMMANDS:/ {on=1; next} on && /^  [a-z]/ {print $1} on && /^$/ && seen {exit} on {seen=1}'); do
  echo ".SH COMMAND: $command"
  echo ".nf"
  "$bin" help "$command" 2>/dev/null | roff || true
  echo ".fi"
done
