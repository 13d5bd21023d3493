/* cJSON's per-thread regions (util/json_region.h): what a page's context
 * is cut from, taken back at once and reused; malloc outside a region. */
#include "test.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "util/json_region.h"

/* A context of `n` members, printed back: the region's memory holds. */
static char *made_and_printed(size_t n, cJSON **keep)
{
	cJSON *o = cJSON_CreateObject();
	char key[32], *text;

	for (size_t i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		cJSON_AddStringToObject(o, key, "价值 value");
	}
	text = cJSON_PrintUnformatted(o);
	if (keep)
		*keep = o;
	else
		cJSON_Delete(o);
	return text;
}

static void test_reuse(void)
{
	cJSON *a, *b;
	char *t1, *t2;

	/* Printed inside the region, the text is the region's: copied out
	 * before the end (the sanitizer build reports a read after it). */
	json_region_begin();
	t1 = strdup(made_and_printed(3, &a));
	json_region_end();
	json_region_begin();
	t2 = strdup(made_and_printed(3, &b));
	/* The second page's nodes are cut where the first page's were. */
	CHECK(a == b);
	cJSON_Delete(b); /* nothing: the end takes it back */
	json_region_end();
	CHECK_STR(t1, "{\"k0\":\"价值 value\",\"k1\":\"价值 value\",\"k2\":\"价值 value\"}");
	CHECK_STR(t1, t2);
	free(t1);
	free(t2);
}

static void test_outside(void)
{
	char *t = made_and_printed(2, NULL);

	/* Outside any region cJSON's memory is malloc's: free() takes it. */
	CHECK_STR(t, "{\"k0\":\"价值 value\",\"k1\":\"价值 value\"}");
	free(t);
}

static void test_big_and_nested(void)
{
	cJSON *o;
	char *t;

	json_region_begin();
	json_region_begin();
	/* More than one chunk (256 KB): 20,000 members of ~60 bytes each. */
	t = made_and_printed(20000, &o);
	json_region_end();
	/* Still open: the outer begin holds it. */
	CHECK_INT(cJSON_GetArraySize(o), 20000);
	CHECK(strncmp(t, "{\"k0\":\"价值 value\"", 18) == 0);
	{
		size_t want = 2 + 19999; /* the braces and the commas */
		char key[32];

		for (size_t i = 0; i < 20000; i++)
			want += (size_t)snprintf(key, sizeof(key), "\"k%zu\":", i) +
				strlen("\"价值 value\"");
		CHECK_INT(strlen(t), want);
	}
	json_region_end();
	/* An end without a begin does nothing. */
	json_region_end();
}

static void *on_thread(void *arg)
{
	char **out = arg;

	json_region_begin();
	*out = made_and_printed(5, NULL);
	/* Copied out before the end: the region's text is gone after it. */
	*out = strdup(*out);
	json_region_end();
	return NULL;
}

static void test_threads(void)
{
	pthread_t t[2];
	char *text[2] = { NULL, NULL };

	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, on_thread, &text[i]);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	CHECK_STR(text[0], text[1]);
	CHECK(text[0] && strlen(text[0]) > 50);
	free(text[0]);
	free(text[1]);
}

int main(void)
{
	json_region_install();
	test_outside();
	test_reuse();
	test_big_and_nested();
	test_threads();
	return test_done();
}
