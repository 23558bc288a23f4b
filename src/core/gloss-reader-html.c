/* gloss-reader-html.c: placeholder until written */
#include "gloss-core.h"
