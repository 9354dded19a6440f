#!/usr/bin/env bash
# Installs the Debian packages ties and its tests use, when missing:
# hunspell dictionaries (morphology for pl, uk, lt, en, de) and iso-codes.
set -euo pipefail
pkgs=(hunspell-pl hunspell-uk hunspell-lt hunspell-en-us hunspell-de-de iso-codes chromium python3-networkx python3-rdflib)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
