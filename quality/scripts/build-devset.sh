#!/usr/bin/env bash
# Build quality/testsets/dev.jsonl from the human translations in the
# gettext catalogs (.mo files) that Debian packages install under
# /usr/share/locale. Nothing is downloaded and the result is not committed
# (it is listed in quality/.gitignore): run this script to rebuild it.
#
#   quality/scripts/build-devset.sh                       # defaults below
#   TARGETS=es,ca PER_PAIR=100 quality/scripts/build-devset.sh
#   quality/scripts/build-devset.sh -domains coreutils    # extra flags go to the command
#
# Catalogs missing on this machine are skipped. To get more of them install
# the packages (for example `apt-get install coreutils tar grep sed wget`);
# `msgunfmt` (package gettext) is not needed: the command reads .mo files
# itself.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
export PATH="/usr/local/go/bin:$PATH"
LOCALES="${LOCALES:-/usr/share/locale}"
DOMAINS="${DOMAINS:-coreutils,tar,grep,sed,findutils,diffutils,wget,bash}"
TARGETS="${TARGETS:-es,fr,de,pt,ca}"
PER_PAIR="${PER_PAIR:-200}"
OUT="${OUT:-testsets/dev.jsonl}"
exec go run ./cmd/devset -locales "$LOCALES" -domains "$DOMAINS" -targets "$TARGETS" -per-pair "$PER_PAIR" -o "$OUT" "$@"
