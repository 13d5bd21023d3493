#!/bin/sh
# Set-up for the end-to-end browser test (tests/sh/e2e.sh): Debian's
# Chromium and nginx, Debian's nodejs and npm unless a node and an npm are
# already in PATH, and the npm packages in this folder (playwright-core
# drives the system Chromium; axe-core checks the pages).
# Idempotent and quick when everything is there. Never starts nginx as a
# service: the test runs its own nginx as the current user.
# NO_APT non-empty: only say which Debian packages are missing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
no_apt=${NO_APT:-}

missing=
if command -v dpkg-query >/dev/null 2>&1; then
	for p in chromium nginx; do
		if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed'; then
			missing="$missing $p"
		fi
	done
	# Node.js and npm: whatever node is in PATH is used (a machine may
	# have its own, from elsewhere, which Debian's packages would clash
	# with); only when there is none are Debian's installed.
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
else
	command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
	[ -n "$missing" ] && no_apt=1
fi

if [ -n "$missing" ]; then
	if [ -n "$no_apt" ]; then
		echo "e2e setup: 缺少软件包 (missing packages):$missing; 端到端测试将跳过 (the e2e test will be skipped)" >&2
	else
		if [ "$(id -u)" = 0 ]; then
			sudo=
		elif command -v sudo >/dev/null 2>&1; then
			sudo=sudo
		else
			echo "e2e setup: 需要安装$missing，但当前不是 root 且没有 sudo (need root or sudo; or use NO_APT=1)" >&2
			exit 2
		fi
		# Debian's postinst would start nginx on port 80 as a service;
		# policy-rc.d answering 101 forbids that. Only ours is removed.
		made_policy=
		if [ ! -e /usr/sbin/policy-rc.d ]; then
			printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null &&
				$sudo chmod 755 /usr/sbin/policy-rc.d && made_policy=1
		fi
		echo "e2e setup: 安装 (installing):$missing" >&2
		export DEBIAN_FRONTEND=noninteractive
		status=0
		$sudo apt-get update -qq >/dev/null || status=2
		# shellcheck disable=SC2086
		[ "$status" = 0 ] && { $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null || status=2; }
		[ -n "$made_policy" ] && $sudo rm -f /usr/sbin/policy-rc.d
		[ "$status" = 0 ] || exit 2
	fi
fi

if ! command -v npm >/dev/null 2>&1; then
	echo "e2e setup: 没有 npm (npm not found); 端到端测试将跳过 (the e2e test will be skipped)" >&2
	exit 0
fi
# npm ci only when node_modules is absent or older than the lockfile.
# --omit=optional: pdfjs-dist (tests/sh/pdftext.sh reads the PDFs' text
# with it) lists a native canvas module, which npm would download or
# compile, only for drawing pages; reading text needs none.
stamp="$here/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ -n "$(find "$here/package-lock.json" -newer "$stamp" 2>/dev/null)" ]; then
	echo "e2e setup: npm ci (tests/e2e)" >&2
	(cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --omit=optional --no-audit --no-fund --loglevel=error >/dev/null) || exit 2
	touch "$stamp"
fi
exit 0
