#!/usr/bin/env bash
# Builds the release binary and the files an install needs: the man page, shell completions, and
# a tarball for krew (kubectl's plugin manager) with its manifest filled in (URI and sha256).
#   tools/package.sh [VERSION] [URI_BASE]
# Writes .build/dist/: podhist, kubectl-podhist (a link), podhist.1, completions/, and
# podhist-VERSION-linux-ARCH.tar.gz, and docs/krew/podhist.yaml with that tarball's sha256.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-$(sed -n 's/.*version: "\(.*\)",/\1/p' Sources/podhist/Podhist.swift | head -1)}"
base="${2:-https://github.com/podhist/podhist/releases/download/v$version}"
arch="$(uname -m)"; case "$arch" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac
swift build -c release --product podhist
dist=.build/dist; rm -rf "$dist"; mkdir -p "$dist/completions"
cp .build/release/podhist "$dist/podhist"
ln -s podhist "$dist/kubectl-podhist"
"$dist/podhist" --generate-completion-script bash > "$dist/completions/podhist.bash"
"$dist/podhist" --generate-completion-script zsh > "$dist/completions/_podhist"
"$dist/podhist" --generate-completion-script fish > "$dist/completions/podhist.fish"
cp docs/podhist.1 "$dist/podhist.1"
tarball="podhist-$version-linux-$arch.tar.gz"
tar -C "$dist" -czf "$dist/$tarball" podhist kubectl-podhist podhist.1 completions
sha="$(sha256sum "$dist/$tarball" | cut -d' ' -f1)"
sed -e "s|^  version: .*|  version: v$version|" \
    -e "s|^    uri: .*|    uri: $base/$tarball|" \
    -e "s|^    sha256: .*|    sha256: \"$sha\"|" docs/krew/podhist.yaml > "$dist/podhist.yaml"
echo "$dist/$tarball ($sha)"
echo "$dist/podhist.yaml: the krew manifest for it (copy to docs/krew/ when releasing)"
