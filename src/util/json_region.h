/* cJSON's memory while a page's context lives: one region per thread.
 *
 * A page's context is a tree of a few hundred to many thousand cJSON
 * nodes, each with its key and its text, made, rendered and deleted
 * within one job.  Through malloc and free they were about a tenth of a
 * build's instructions (docs/performance.md, session 9).  Between
 * json_region_begin() and json_region_end() on a thread, every node and
 * string cJSON allocates on that thread is cut from that thread's region;
 * freeing one is nothing; json_region_end() takes all of it back at once
 * and keeps the memory for the thread's next page.
 *
 * Outside a region, and on a thread that never opened one, cJSON gets
 * malloc and free as before.  A cJSON value made inside a region must not
 * be used after its json_region_end() nor handed to another thread: the
 * html renderer opens one in its prepare step and ends it in its release
 * (html/render.c), which the writer runs on one thread for one page.  The
 * sanitizer build poisons a region's memory when it ends, so that a use
 * after the end is reported rather than read.
 *
 * Owner: util.  json_region_install() once, in main, before any thread
 * starts (cJSON's hooks are the whole process's). */
#ifndef GONGSHI_JSON_REGION_H
#define GONGSHI_JSON_REGION_H

void json_region_install(void);
/* Nests: only the outermost end takes the memory back. */
void json_region_begin(void);
void json_region_end(void);

#endif
