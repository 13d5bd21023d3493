#!/bin/sh
# make fresh-check: proves the README's quick start on a truly fresh
# Debian 12, as a newcomer would meet it.  Run as root (debootstrap,
# chroot and mount need it).
#
#  1. debootstrap a minimal (minbase) bookworm root into FRESH_DIR/root,
#     from the Debian mirror this machine's apt already uses
#     (/etc/apt/sources.list*), so no mirror is named here; it gets this
#     machine's network settings (resolv.conf, local CA certificates);
#  2. copy a clean `git clone` of this tree's HEAD (committed work only)
#     to /root/gongshi inside it;
#  3. mount proc, sys and dev into it, and inside, as root with an empty
#     environment, run the README's one-line pre-step (the first
#     `apt-get ...` command quoted in README.md), then `make`, then
#     `make check`;
#  4. unmount, also when a step fails or the run is interrupted, and
#     print the last lines of each step, what make check left in the work
#     tree, and the result; delete the root after a pass.
#
# Everything runs under `nice -n 10`: the machine may be shared.  The
# whole transcript is in FRESH_DIR/log.  Exit status: make check's (or
# the first failing step's); 2 when the root cannot be made.
#
#   FRESH_DIR   where the root and the log go (default build-fresh/)
#   MIRROR      a Debian mirror URL, overriding the one apt uses
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${FRESH_DIR:-$top/build-fresh}
root=$dir/root
log=$dir/log
suite=bookworm

say() { echo "fresh-check: $*"; }

if [ "$(id -u)" != 0 ]; then
	say "需要 root 权限 (debootstrap, chroot and mount need root): sudo make fresh-check" >&2
	exit 2
fi
for tool in debootstrap git chroot mount; do
	command -v "$tool" >/dev/null 2>&1 && continue
	say "缺少 $tool (missing; make fresh-check installs debootstrap and git)" >&2
	exit 2
done

# The first URI of a source that serves $suite, from either format of
# apt's sources: one-line `deb [opts] URI SUITE COMPONENT...` or deb822
# stanzas with URIs: and Suites: fields.
find_mirror() {
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		sed -E 's/\[[^]]*\]//' "$f" | awk -v s="$suite" '$1 == "deb" && $3 == s { print $2; exit }'
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk -v s="$suite" 'BEGIN { RS = ""; FS = "\n" }
			{
				uri = ""; ok = 0
				for (i = 1; i <= NF; i++) {
					if ($i ~ /^URIs:/) { split($i, u, /[ \t]+/); uri = u[2] }
					if ($i ~ /^Suites:/) { n = split($i, w, /[ \t]+/); for (j = 2; j <= n; j++) if (w[j] == s) ok = 1 }
				}
				if (ok && uri != "") { print uri; exit }
			}' "$f"
	done
}
mirror=${MIRROR:-$(find_mirror | head -n 1)}
if [ -z "$mirror" ]; then
	say "在 /etc/apt/sources.list* 里找不到 $suite 的软件源 (no $suite source; set MIRROR=URL)" >&2
	exit 2
fi

# The README's pre-step: the first backquoted command that begins with
# apt-get, e.g. `apt-get update && apt-get install -y git make`.
prestep=$(sed -n 's/^[^`]*\(`[^`]*`[^`]*\)*`\(apt-get [^`]*\)`.*/\2/p' "$top/README.md" | head -n 1)
if [ -z "$prestep" ]; then
	say "README.md 没有写先装什么 (no \`apt-get ...\` pre-step quoted in README.md)" >&2
	exit 2
fi

mounted=
unmount_all() {
	for m in $mounted; do
		umount -R "$root/$m" 2>/dev/null || umount -R -l "$root/$m" ||
			say "卸载 $root/$m 失败 (could not unmount; do it by hand before deleting $dir)" >&2
	done
	mounted=
}
trap unmount_all EXIT
trap 'exit 130' INT TERM HUP

# A root left by an earlier run goes first: the point is a fresh one.
# --one-file-system: never follow a mount that was somehow left behind.
if [ -e "$root" ]; then
	if grep -q " $root/" /proc/mounts; then
		say "$root 下还有挂载 (still has mounts under it; unmount them first)" >&2
		exit 2
	fi
	rm -rf --one-file-system "$root" || exit 2
fi
mkdir -p "$dir"
: >"$log"

start=$(date +%s)
say "debootstrap --variant=minbase $suite $root (mirror from apt's sources)"
if ! nice -n 10 debootstrap --variant=minbase "$suite" "$root" "$mirror" >>"$log" 2>&1; then
	tail -n 20 "$log"
	say "debootstrap 失败 (failed; the whole log is $log)" >&2
	exit 2
fi
# The network is this machine's, so the root gets what this machine needs
# to use it: its DNS servers, and the certificate authorities its admin
# added (a network that inspects TLS signs with its own; the ca-certificates
# package, which the pre-step installs, adds them to the root's store).
# Nothing of gongshi's is copied.
cp /etc/resolv.conf "$root/etc/resolv.conf"
for crt in /usr/local/share/ca-certificates/*.crt; do
	[ -f "$crt" ] || continue
	mkdir -p "$root/usr/local/share/ca-certificates"
	cp "$crt" "$root/usr/local/share/ca-certificates/"
done

dirty=$(git -C "$top" status --porcelain --untracked-files=no | head -n 1)
[ -z "$dirty" ] || say "注意：只测已提交的内容 (note: uncommitted changes are not in the clone)"
if ! git clone -q --no-local "$top" "$root/root/gongshi" >>"$log" 2>&1; then
	say "git clone 失败 (failed; see $log)" >&2
	exit 2
fi
say "clone of $(git -C "$root/root/gongshi" log -1 --format='%h %s')"

# proc and sys fresh; dev bound recursively (pts, shm) and made a slave,
# so that unmounting it here never unmounts anything of the host's.
mount -t proc proc "$root/proc" && mounted="proc $mounted" &&
	mount -t sysfs sysfs "$root/sys" && mounted="sys $mounted" &&
	mount --rbind /dev "$root/dev" && mounted="dev $mounted" && mount --make-rslave "$root/dev" || {
	say "挂载失败 (mount failed)" >&2
	exit 2
}

# One step inside the root, with the empty environment of a new login:
# no variable of this machine (PATH aside) leaks in.  Prints the step's
# time; returns its status.
step() {
	what=$1
	shift
	t0=$(date +%s)
	say "== $what (to watch: tail -f $dir/step.log)" | tee -a "$log"
	nice -n 10 chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		/bin/sh -c "cd /root/gongshi && $*" >"$dir/step.log" 2>&1
	status=$?
	cat "$dir/step.log" >>"$log"
	tail -n 15 "$dir/step.log" | sed 's/^/    /'
	say "$what: exit $status, $(($(date +%s) - t0)) s"
	return "$status"
}

step "$prestep" "$prestep" &&
	step make make &&
	step "make check" make check
status=$?
unmount_all
# What make check left behind in the clone's work tree (the README
# promises little), then, after a pass, the root goes: it is hundreds of
# MB.  After a failure it stays, to look into.
tree=$root/root/gongshi
[ -d "$tree/tests/out" ] && say "make check left $(du -sm "$tree/tests/out" | cut -f1) MB in tests/out," \
	"$(du -sm --exclude=.git "$tree" | cut -f1) MB in the work tree (builds included)"
say "total $(($(date +%s) - start)) s; the whole transcript is $log"
if [ "$status" = 0 ]; then
	grep -q " $root/" /proc/mounts || rm -rf --one-file-system "$root"
	say "通过 (passed)"
else
	say "失败 (failed: exit $status); the root stays in $root"
fi
exit "$status"
