/* gloss-import-text.c: placeholder until written */
#include "gloss-core.h"
