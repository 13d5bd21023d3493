/* A main() for the fuzz harnesses without libFuzzer: runs the harness
 * once on each file named on the command line, so the seed corpus and
 * the regression inputs can be replayed with any compiler (gcc included)
 * under AddressSanitizer + UndefinedBehaviorSanitizer.  A crash is the
 * sanitizer's, as under libFuzzer; an input still running after
 * FUZZ_TIMEOUT seconds (default 10, libFuzzer's -timeout in run.sh)
 * ends the process by SIGALRM, so a hang fails too instead of blocking
 * the test run. */
#include "fuzz.h"

__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

int main(int argc, char **argv)
{
	int files = 0;
	const char *t = getenv("FUZZ_TIMEOUT");
	unsigned timeout = t && atoi(t) > 0 ? (unsigned)atoi(t) : 10;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	/* The empty input is everybody's first corner case. */
	LLVMFuzzerTestOneInput((const uint8_t *)"", 0);
	for (int i = 1; i < argc; i++) {
		size_t len;
		char *data = fuzz_slurp(argv[i], &len);

		fprintf(stderr, "input %s\n", argv[i]);
		alarm(timeout);
		LLVMFuzzerTestOneInput((const uint8_t *)data, len);
		alarm(0);
		free(data);
		files++;
	}
	printf("%s: %d inputs replayed\n", argv[0], files);
	return 0;
}
