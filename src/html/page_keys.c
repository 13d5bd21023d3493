/* What a page is made from, as a hash for the manifest (write/manifest.h):
 * its context, hashed (page_keys_hash_cjson), always right since the
 * context is all a template sees.  A community's page, the one page kind
 * there are tens of thousands of, is keyed by the plan from the model
 * instead (plan/page_keys.c), so an unchanged one never has its context
 * built. */
#include "html/pages.h"

void page_keys_hash_cjson(struct hash *h, const cJSON *x)
{
	for (; x; x = x->next) {
		hash_num(h, x->type & 0xFF);
		hash_str(h, x->string);
		if (cJSON_IsString(x) || cJSON_IsRaw(x))
			hash_str(h, x->valuestring);
		else if (cJSON_IsNumber(x))
			hash_bytes(h, &x->valuedouble, sizeof(x->valuedouble));
		else if (cJSON_IsArray(x) || cJSON_IsObject(x))
			page_keys_hash_cjson(h, x->child);
		/* Where the children end, so that [[a],b] and [[a,b]] differ. */
		hash_num(h, -1);
	}
}
