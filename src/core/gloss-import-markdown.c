/* gloss-import-markdown.c: placeholder until written */
#include "gloss-core.h"
