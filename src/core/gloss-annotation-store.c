/* gloss-annotation-store.c: placeholder until written */
#include "gloss-core.h"
