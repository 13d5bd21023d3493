#!/bin/sh
# Installs the Debian packages gongshi needs that are not installed yet.
# Usage: deps.sh NO_APT PACKAGE...
# With NO_APT non-empty, only says which are missing.
no_apt=$1
shift

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps: 不是 Debian 系统，跳过软件包检查 (not Debian: install the packages listed in README.md yourself)" >&2
	exit 0
fi

missing=
for p in "$@"; do
	if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ -n "$no_apt" ]; then
	echo "deps: 缺少以下 Debian 软件包 (missing packages):$missing" >&2
	echo "deps: 请运行 (run): sudo apt-get install$missing" >&2
	exit 0
fi

if [ "$(id -u)" = 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
else
	echo "deps: 需要安装$missing，但当前不是 root 且没有 sudo (need root or sudo; or use NO_APT=1)" >&2
	exit 2
fi

echo "deps: 安装 (installing):$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists yet.
$sudo apt-get update -qq >/dev/null || exit 2
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null || exit 2
