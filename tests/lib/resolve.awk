# resolve(dir, rel): the path rel, relative to the folder dir (both
# relative to the output root, dir ending in "/" or empty), as a path from
# the root: resolve("a/b/", "../c.html") is "a/c.html"; "" when it climbs
# above the root.  Shared by the link checks of tests/sh/site.sh and
# tests/sh/bigsite.sh:  awk -f tests/lib/resolve.awk -f PROGRAM
function resolve(dir, rel,    n, parts, i, sp, stack, out) {
	n = split(dir rel, parts, "/")
	sp = 0
	for (i = 1; i <= n; i++) {
		if (parts[i] == "" || parts[i] == ".")
			continue
		if (parts[i] == "..") {
			if (sp == 0)
				return ""
			sp--
			continue
		}
		stack[++sp] = parts[i]
	}
	out = ""
	for (i = 1; i <= sp; i++)
		out = out (i > 1 ? "/" : "") stack[i]
	return out
}
