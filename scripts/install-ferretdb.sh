#!/usr/bin/env bash
# Builds FerretDB v1 (MongoDB wire protocol on SQLite) from the Go module proxy into .local/bin.
# The module cache copy is read-only and lacks the generated version file FerretDB embeds,
# so the source is copied to a build folder and the version file written there.
set -euo pipefail
VERSION="${FERRETDB_VERSION:-v1.24.2}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$ROOT/.local/bin/ferretdb"
if [ -x "$BIN" ] && "$BIN" --version 2>/dev/null | grep -q "${VERSION#v}"; then
  exit 0
fi
command -v go >/dev/null || { echo "install-ferretdb: Go is required (https://go.dev/dl)" >&2; exit 1; }
echo "Building FerretDB $VERSION from the Go module proxy (about a minute on first use)..."
SRC=$(go mod download -json "github.com/FerretDB/FerretDB@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
BUILD="$ROOT/.local/build/ferretdb-$VERSION"
rm -rf "$BUILD"; mkdir -p "$BUILD"
cp -r "$SRC"/. "$BUILD"/
chmod -R u+w "$BUILD"
echo "$VERSION" > "$BUILD/build/version/version.txt"
echo "unknown" > "$BUILD/build/version/commit.txt"
echo "unknown" > "$BUILD/build/version/branch.txt"
mkdir -p "$ROOT/.local/bin"
(cd "$BUILD" && CGO_ENABLED=0 go build -trimpath -o "$BIN" ./cmd/ferretdb)
rm -rf "$BUILD"
"$BIN" --version
