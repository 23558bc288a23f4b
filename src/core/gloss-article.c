/* gloss-article.c: placeholder until written */
#include "gloss-core.h"
