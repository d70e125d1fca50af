#!/bin/sh
# Regenerates the shell completions from a built rocfault (default: .build/debug/rocfault).
# Usage: completions/generate.sh [path/to/rocfault]
set -eu
cd "$(dirname "$0")"
rocfault=${1:-../.build/debug/rocfault}
"$rocfault" --generate-completion-script bash > rocfault.bash
"$rocfault" --generate-completion-script zsh > _rocfault
"$rocfault" --generate-completion-script fish > rocfault.fish
