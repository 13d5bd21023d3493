/* errno as a short Chinese phrase for messages staff read; strerror()
 * for the rare rest. */
#ifndef GONGSHI_ERRTEXT_H
#define GONGSHI_ERRTEXT_H

const char *errtext_of(int e);

#endif
